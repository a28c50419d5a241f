package service

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/importer"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// importRun is one import inside its transaction: what it has read, the
// sites, raters and reviews it has resolved or will create, and the
// review whose rows it is gathering.
type importRun struct {
	ctx  context.Context
	s    *Service
	tx   Store
	opts ImportOptions
	rep  ImportReport
	now  time.Time

	sites  *siteDirectory
	raters *raterDirectory
	// byKey holds the stored reviews of the sites looked at and the
	// reviews this import creates, by natural key; byLooseKey the same by
	// the key without raters (a consensus-only row names none).
	// loadedSites are the sites whose stored reviews are in them.
	byKey       map[string]fidelity.Review
	byLooseKey  map[string][]fidelity.Review
	loadedSites map[string]bool
	// seen holds the natural key of every review of the file, so that a
	// review given twice (or whose long rows are not together) is caught.
	seen map[string]int
	// createdKeys are the natural keys of the reviews this import creates,
	// with the row each starts at.
	createdKeys map[string]int
	current     *importGroup
	// pending are the reviews planned and not written yet, with their
	// audit events; touchedSites the sites of finalised ones, whose
	// site_latest rows the import refreshes once at its end.
	pending       []ImportedReview
	pendingEvents []fidelity.AuditEvent
	// pendingSites (with their history rows) and pendingRaters are the
	// sites and raters created since the last batch, written before its
	// reviews.
	pendingSites   []fidelity.Site
	pendingChanges []fidelity.SiteChange
	pendingRaters  []fidelity.Rater
	touchedSites   []string
	// errors counts every row error; rep.Errors keeps the first
	// MaxReportedErrors of them.
	errors int
}

// importGroup is one review of the file: its rows, gathered.
type importGroup struct {
	key   string
	first importer.Row
	sets  []*importSet
	total *importer.Row // the row carrying a total, if any
}

// importSet is one rater's (or the consensus) item cells, with the row
// each came from.
type importSet struct {
	raterKey string // as in the file: "consensus", an e-mail, an id, a name
	row      importer.Row
	cells    []importer.ItemCell
	lines    []int
}

func newImportRun(ctx context.Context, s *Service, tx Store, opts ImportOptions) *importRun {
	return &importRun{
		ctx: ctx, s: s, tx: tx, opts: opts, now: s.now(),
		sites:  newSiteDirectory(ctx, s, tx, opts),
		raters: newRaterDirectory(),
		byKey:  map[string]fidelity.Review{}, byLooseKey: map[string][]fidelity.Review{}, loadedSites: map[string]bool{},
		seen: map[string]int{}, createdKeys: map[string]int{},
	}
}

// problem is one row error being built: where, and then why.
type problem struct {
	run   *importRun
	sheet string
	line  int
	col   string
	value string
}

func (r *importRun) at(row importer.Row, col, value string) problem {
	return problem{run: r, sheet: row.Sheet, line: row.Line, col: col, value: value}
}

// add records the error; format is an English message with a Norwegian
// text in internal/fidelity/messages_import.go.
func (p problem) because(format string, args ...any) {
	p.run.rowError(importer.RowError{Sheet: p.sheet, Row: p.line, Column: p.col, Value: p.value,
		Reason: fmt.Sprintf(format, args...)})
}

func (r *importRun) rowError(e importer.RowError) error {
	r.errors++
	if len(r.rep.Errors) < MaxReportedErrors {
		r.rep.Errors = append(r.rep.Errors, e)
	}
	return nil
}

func (r *importRun) progress(final bool) {
	if r.opts.Progress != nil && (final || r.rep.Rows%ProgressEvery == 0) {
		r.opts.Progress(ImportProgress{Rows: r.rep.Rows, Errors: r.errors})
	}
}

// groupKey tells rows of one review apart: the exporting database's
// review id when the file has one, else what the row says of the review.
func groupKey(row importer.Row) string {
	if row.ReviewID != "" {
		return "id\x00" + row.ReviewID
	}
	return strings.Join([]string{row.SitePath, row.SiteID, row.SiteCode, row.Scale, row.Version, row.Type,
		row.VisitStart.Format(time.DateOnly), row.VisitEnd.Format(time.DateOnly)}, "\x00")
}

// row takes one data row: the rows of a review arrive together (the long
// layout's rows of one review follow each other; a wide row is a review).
func (r *importRun) row(row importer.Row) error {
	r.rep.Rows++
	defer r.progress(false)
	key := groupKey(row)
	if r.current != nil && (r.current.key != key || row.Format == importer.FormatWide) {
		if err := r.flush(); err != nil {
			return err
		}
	}
	if r.current == nil {
		if line, dup := r.seen[key]; dup {
			r.at(row, "", "").because("the review of this row is also at row %d: keep the rows of a review together, and each review once", line)
			return nil
		}
		r.seen[key] = row.Line
		r.current = &importGroup{key: key, first: row}
	}
	g := r.current
	rater := row.Rater
	if row.Format == importer.FormatWide {
		rater = fidelity.ConsensusKey
	}
	if row.Total != nil {
		g.total = &row
	}
	var set *importSet
	for _, st := range g.sets {
		if st.raterKey == rater {
			set = st
		}
	}
	if set == nil {
		set = &importSet{raterKey: rater, row: row}
		g.sets = append(g.sets, set)
	}
	for _, c := range row.Items {
		set.cells = append(set.cells, c)
		set.lines = append(set.lines, row.Line)
	}
	return nil
}

// flush checks and (when committing) writes the review being gathered.
func (r *importRun) flush() error {
	g := r.current
	r.current = nil
	if g == nil {
		return nil
	}
	return r.importReview(g)
}

// reviewScale resolves the scale of a row: "id@version", or id and version.
func (r *importRun) reviewScale(row importer.Row) (*scale.Scale, bool) {
	ref := row.Scale
	if row.Version != "" && !strings.Contains(ref, "@") {
		ref += "@" + row.Version
	}
	if ref == "" {
		r.at(row, "scale", "").because("is required")
		return nil, false
	}
	sc, err := r.s.scales.Resolve(ref)
	if err != nil {
		r.at(row, "scale", ref).because("no scale %s is published", ref)
		return nil, false
	}
	return sc, true
}

// reviewHead checks what a review's first row says of the review itself.
func (r *importRun) reviewHead(row importer.Row) (fidelity.ReviewType, fidelity.ReviewStatus, bool) {
	ok := true
	typ := fidelity.ReviewType(strings.ToLower(row.Type))
	switch typ {
	case fidelity.ReviewExternal, fidelity.ReviewSelf, fidelity.ReviewRemote:
	default:
		r.at(row, "review_type", row.Type).because("must be one of external, self, remote")
		ok = false
	}
	status := fidelity.ReviewStatus(strings.ToLower(row.Status))
	switch status {
	case "":
		status = fidelity.StatusFinalised
	case fidelity.StatusFinalised, fidelity.StatusConsensus, fidelity.StatusInProgress:
	default:
		r.at(row, "review_status", row.Status).because("must be finalised, consensus or in_progress (empty means finalised)")
		ok = false
	}
	if row.VisitStart.IsZero() {
		r.at(row, "visit_start", "").because("is required")
		ok = false
	}
	if row.VisitEnd.IsZero() {
		r.at(row, "visit_end", "").because("is required")
		ok = false
	}
	if !row.VisitStart.IsZero() && !row.VisitEnd.IsZero() && row.VisitEnd.Before(row.VisitStart) {
		r.at(row, "visit_end", row.VisitEnd.Format(time.DateOnly)).because("must not be before visit_start")
		ok = false
	}
	return typ, status, ok
}
