package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// Rows of migrations/00015_written_report.sql.

type writtenReportRow struct {
	ReviewID         string
	Status           string
	IssuedOn         *string
	IssuedTo         string
	FinalOn          *string
	EvidencePurgedAt *string
	CreatedAt        string
	UpdatedAt        string
	Version          int
}

func (writtenReportRow) TableName() string { return "written_reports" }

type narrativeRow struct {
	ReviewID   string
	Seq        int
	Summary    string
	Strengths  string
	Items      string
	Correction int
	Reason     string
	Author     string
	CreatedAt  string
}

func (narrativeRow) TableName() string { return "report_narratives" }

type reportCommentRow struct {
	ID         string
	ReviewID   string
	Author     string
	Text       string
	ReceivedOn string
	CreatedAt  string
}

func (reportCommentRow) TableName() string { return "report_comments" }

type reportActionRow struct {
	ID             string
	ReviewID       string
	SiteID         string
	ItemID         string
	Score          int
	Recommendation string
	Text           string
	Owner          string
	Due            *string
	Status         string
	Reason         string
	ActionID       *string
	DecidedBy      string
	DecidedAt      *string
	CreatedAt      string
	UpdatedAt      string
	Version        int
}

func (reportActionRow) TableName() string { return "report_actions" }

func reportWhat(reviewID string) string { return "written report of review " + reviewID }

func toWrittenReportRow(w fidelity.WrittenReport) writtenReportRow {
	return writtenReportRow{
		ReviewID: w.ReviewID, Status: string(w.Status), IssuedOn: formatDatePtr(w.IssuedOn), IssuedTo: w.IssuedTo,
		FinalOn: formatDatePtr(w.FinalOn), EvidencePurgedAt: formatInstantPtr(w.EvidencePurgedAt),
		CreatedAt: formatInstant(w.CreatedAt), UpdatedAt: formatInstant(w.UpdatedAt), Version: w.Version,
	}
}

func (r writtenReportRow) domain() (fidelity.WrittenReport, error) {
	var d decoder
	w := fidelity.WrittenReport{
		ReviewID: r.ReviewID, Status: fidelity.ReportStatus(r.Status), IssuedOn: d.datePtr(r.IssuedOn), IssuedTo: r.IssuedTo,
		FinalOn: d.datePtr(r.FinalOn), EvidencePurgedAt: d.instantPtr(r.EvidencePurgedAt),
		CreatedAt: d.instant(r.CreatedAt), UpdatedAt: d.instant(r.UpdatedAt), Version: r.Version,
	}
	return w, d.fail(reportWhat(r.ReviewID))
}

// GetWrittenReport returns KindNotFound while nothing has been written.
func (s *Store) GetWrittenReport(ctx context.Context, reviewID string) (fidelity.WrittenReport, error) {
	var row writtenReportRow
	if err := s.r(ctx).Where("review_id = ?", reviewID).Take(&row).Error; err != nil {
		return fidelity.WrittenReport{}, translate(err, reportWhat(reviewID))
	}
	return row.domain()
}

// PutWrittenReport inserts (Version 0, stored as 1) or updates (Version
// must match; stored +1) a report's lifecycle row.
func (s *Store) PutWrittenReport(ctx context.Context, w fidelity.WrittenReport) error {
	row := toWrittenReportRow(w)
	db := s.w(ctx)
	if w.Version == 0 {
		row.Version = 1
		err := db.Create(&row).Error
		if c := classify(err); c == classDuplicate {
			return stale(reportWhat(w.ReviewID), 0)
		} else if c == classForeignKey {
			return fidelity.Wrap(fidelity.KindConflict, err, "review "+w.ReviewID+" does not exist")
		}
		return translate(err, reportWhat(w.ReviewID))
	}
	res := db.Exec(`UPDATE written_reports SET status = ?, issued_on = ?, issued_to = ?, final_on = ?,
		evidence_purged_at = ?, updated_at = ?, version = version + 1 WHERE review_id = ? AND version = ?`,
		row.Status, row.IssuedOn, row.IssuedTo, row.FinalOn, row.EvidencePurgedAt, row.UpdatedAt, w.ReviewID, w.Version)
	return versioned(db, res, "written_reports", "review_id = ?", []any{w.ReviewID}, reportWhat(w.ReviewID), w.Version)
}

// AddNarrative stores a new version of the texts; its Seq must be the
// next one (a concurrent save with the same Seq fails with KindConflict).
func (s *Store) AddNarrative(ctx context.Context, n fidelity.ReportNarrative) error {
	items := n.Items
	if items == nil {
		items = map[string]fidelity.ItemNarrative{}
	}
	js, err := jsonText(items)
	if err != nil {
		return fidelity.Wrap(fidelity.KindInvalid, err, "item texts cannot be stored")
	}
	row := narrativeRow{
		ReviewID: n.ReviewID, Seq: n.Seq, Summary: n.Summary, Strengths: n.Strengths, Items: js,
		Reason: n.Reason, Author: n.Author, CreatedAt: formatInstant(n.CreatedAt),
	}
	if n.Correction {
		row.Correction = 1
	}
	err = s.w(ctx).Create(&row).Error
	if classify(err) == classDuplicate {
		return stale(reportWhat(n.ReviewID)+" text", n.Seq-1)
	}
	return translate(err, reportWhat(n.ReviewID))
}

// Narratives returns every saved version of a report's texts, oldest first.
func (s *Store) Narratives(ctx context.Context, reviewID string) ([]fidelity.ReportNarrative, error) {
	var rows []narrativeRow
	if err := s.r(ctx).Where("review_id = ?", reviewID).Order("seq").Find(&rows).Error; err != nil {
		return nil, translate(err, reportWhat(reviewID))
	}
	out := make([]fidelity.ReportNarrative, 0, len(rows))
	for _, r := range rows {
		var d decoder
		n := fidelity.ReportNarrative{
			ReviewID: r.ReviewID, Seq: r.Seq, Summary: r.Summary, Strengths: r.Strengths, Items: map[string]fidelity.ItemNarrative{},
			Correction: r.Correction == 1, Reason: r.Reason, Author: r.Author, CreatedAt: d.instant(r.CreatedAt),
		}
		d.json(r.Items, &n.Items)
		if err := d.fail(reportWhat(reviewID) + " text"); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func (s *Store) AddReportComment(ctx context.Context, c fidelity.ReportComment) error {
	row := reportCommentRow{
		ID: c.ID, ReviewID: c.ReviewID, Author: c.Author, Text: c.Text,
		ReceivedOn: formatDate(c.ReceivedOn), CreatedAt: formatInstant(c.CreatedAt),
	}
	return translate(s.w(ctx).Create(&row).Error, "comment on "+reportWhat(c.ReviewID))
}

// ReportComments returns a report's comments in the order they were added.
func (s *Store) ReportComments(ctx context.Context, reviewID string) ([]fidelity.ReportComment, error) {
	var rows []reportCommentRow
	if err := s.r(ctx).Where("review_id = ?", reviewID).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, reportWhat(reviewID))
	}
	out := make([]fidelity.ReportComment, 0, len(rows))
	for _, r := range rows {
		var d decoder
		c := fidelity.ReportComment{ID: r.ID, ReviewID: r.ReviewID, Author: r.Author, Text: r.Text,
			ReceivedOn: d.date(r.ReceivedOn), CreatedAt: d.instant(r.CreatedAt)}
		if err := d.fail("comment " + r.ID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func reportActionWhat(id string) string { return "proposed action " + id }

func toReportActionRow(a fidelity.ReportAction) reportActionRow {
	return reportActionRow{
		ID: a.ID, ReviewID: a.ReviewID, SiteID: a.SiteID, ItemID: a.ItemID, Score: a.Score, Recommendation: a.Recommendation,
		Text: a.Text, Owner: a.Owner, Due: formatDatePtr(a.Due), Status: string(a.Status), Reason: a.Reason,
		ActionID: strPtr(a.ActionID), DecidedBy: a.DecidedBy, DecidedAt: formatInstantPtr(a.DecidedAt),
		CreatedAt: formatInstant(a.CreatedAt), UpdatedAt: formatInstant(a.UpdatedAt), Version: a.Version,
	}
}

func (r reportActionRow) domain() (fidelity.ReportAction, error) {
	var d decoder
	a := fidelity.ReportAction{
		ID: r.ID, ReviewID: r.ReviewID, SiteID: r.SiteID, ItemID: r.ItemID, Score: r.Score, Recommendation: r.Recommendation,
		Text: r.Text, Owner: r.Owner, Due: d.datePtr(r.Due), Status: fidelity.ReportActionStatus(r.Status), Reason: r.Reason,
		ActionID: strVal(r.ActionID), DecidedBy: r.DecidedBy, DecidedAt: d.instantPtr(r.DecidedAt),
		CreatedAt: d.instant(r.CreatedAt), UpdatedAt: d.instant(r.UpdatedAt), Version: r.Version,
	}
	return a, d.fail(reportActionWhat(r.ID))
}

// CreateReportAction stores a proposal with version 1; a second proposal
// for the same item of a review is KindConflict.
func (s *Store) CreateReportAction(ctx context.Context, a fidelity.ReportAction) error {
	row := toReportActionRow(a)
	row.Version = 1
	return translate(s.w(ctx).Create(&row).Error, reportActionWhat(a.ID))
}

func (s *Store) GetReportAction(ctx context.Context, id string) (fidelity.ReportAction, error) {
	var row reportActionRow
	if err := s.r(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return fidelity.ReportAction{}, translate(err, reportActionWhat(id))
	}
	return row.domain()
}

// UpdateReportAction writes the decision fields where Version matches and
// stores Version+1.
func (s *Store) UpdateReportAction(ctx context.Context, a fidelity.ReportAction) error {
	row := toReportActionRow(a)
	db := s.w(ctx)
	res := db.Exec(`UPDATE report_actions SET text = ?, owner = ?, due = ?, status = ?, reason = ?, action_id = ?,
		decided_by = ?, decided_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		row.Text, row.Owner, row.Due, row.Status, row.Reason, row.ActionID, row.DecidedBy, row.DecidedAt, row.UpdatedAt,
		a.ID, a.Version)
	return versioned(db, res, "report_actions", "id = ?", []any{a.ID}, reportActionWhat(a.ID), a.Version)
}

// ReportActions returns a review's proposed actions in creation order.
func (s *Store) ReportActions(ctx context.Context, reviewID string) ([]fidelity.ReportAction, error) {
	var rows []reportActionRow
	if err := s.r(ctx).Where("review_id = ?", reviewID).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "proposed actions of review "+reviewID)
	}
	out := make([]fidelity.ReportAction, 0, len(rows))
	for _, r := range rows {
		a, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// PurgeEvidence removes the evidence notes from every rating (each rater's
// and the consensus) and every correction of a review, keeping scores,
// inputs and sources, and returns how many notes it removed. Call it
// inside InTx.
func (s *Store) PurgeEvidence(ctx context.Context, reviewID string) (int, error) {
	what := "evidence of review " + reviewID
	db := s.w(ctx)
	var ratings []ratingRow
	if err := db.Where("review_id = ? AND input IS NOT NULL", reviewID).Find(&ratings).Error; err != nil {
		return 0, translate(err, what)
	}
	n := 0
	for _, r := range ratings {
		var d decoder
		in := d.input(*r.Input)
		if err := d.fail(what); err != nil {
			return n, err
		}
		if in.Evidence == "" {
			continue
		}
		in.Evidence = ""
		js, err := encodeInput(in)
		if err != nil {
			return n, err
		}
		if err := db.Exec("UPDATE ratings SET input = ? WHERE review_id = ? AND rater_key = ? AND item_id = ?",
			js, r.ReviewID, r.RaterKey, r.ItemID).Error; err != nil {
			return n, translate(err, what)
		}
		n++
	}
	var corrections []correctionRow
	if err := db.Where("review_id = ?", reviewID).Find(&corrections).Error; err != nil {
		return n, translate(err, what)
	}
	for _, c := range corrections {
		var d decoder
		before, after := d.input(c.BeforeInput), d.input(c.AfterInput)
		if err := d.fail(what); err != nil {
			return n, err
		}
		if before.Evidence == "" && after.Evidence == "" {
			continue
		}
		for _, x := range []*string{&before.Evidence, &after.Evidence} {
			if *x != "" {
				n++
				*x = ""
			}
		}
		b, err := encodeInput(before)
		if err != nil {
			return n, err
		}
		a, err := encodeInput(after)
		if err != nil {
			return n, err
		}
		if err := db.Exec("UPDATE corrections SET before_input = ?, after_input = ? WHERE id = ?", b, a, c.ID).Error; err != nil {
			return n, translate(err, what)
		}
	}
	return n, nil
}

// ReportTimelines returns the reviews whose report timeline is live: not
// planned, with a visit that ended on or after since, in the subtree and
// scope, each with its report (if any) and the facts its deadlines need.
func (s *Store) ReportTimelines(ctx context.Context, f service.ReportTimelineFilter) ([]service.ReportTimelineRow, error) {
	q := s.r(ctx).Table("reviews AS r").Joins("JOIN sites s ON s.id = r.site_id").
		Joins("LEFT JOIN written_reports w ON w.review_id = r.id").
		Where("r.status <> ? AND r.visit_end >= ?", string(fidelity.StatusPlanned), formatDate(f.Since))
	var ok bool
	var err error
	if q, ok, err = s.subtreeFilter(ctx, q, "s", f.Subtree, f.Subtrees); err != nil || !ok {
		return []service.ReportTimelineRow{}, err
	}
	if f.ReviewID != "" {
		q = q.Where("r.id = ?", f.ReviewID)
	}
	var rows []struct {
		ReviewID, SiteID, SiteName, SitePath, VisitEnd string
		HasReport                                      *string
		Status, IssuedTo, CreatedAt, UpdatedAt         string
		IssuedOn, FinalOn, EvidencePurgedAt            *string
		Version                                        int
		CommentedOn                                    *string
		OpenProposals                                  int
		LastDecided                                    *string
	}
	err = q.Select(`r.id AS review_id, r.site_id, s.name AS site_name, s.path AS site_path, r.visit_end,
		w.review_id AS has_report, COALESCE(w.status, '') AS status, w.issued_on, COALESCE(w.issued_to, '') AS issued_to,
		w.final_on, w.evidence_purged_at,
		COALESCE(w.created_at, '') AS created_at, COALESCE(w.updated_at, '') AS updated_at, COALESCE(w.version, 0) AS version,
		(SELECT MIN(c.received_on) FROM report_comments c WHERE c.review_id = r.id) AS commented_on,
		(SELECT COUNT(*) FROM report_actions a WHERE a.review_id = r.id AND a.status = 'proposed') AS open_proposals,
		(SELECT MAX(a.decided_at) FROM report_actions a WHERE a.review_id = r.id) AS last_decided`).
		Order("r.visit_end, r.id").Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "report timelines")
	}
	out := make([]service.ReportTimelineRow, 0, len(rows))
	for _, r := range rows {
		var d decoder
		t := service.ReportTimelineRow{ReviewID: r.ReviewID, SiteID: r.SiteID, SiteName: r.SiteName, SitePath: r.SitePath,
			VisitEnd: d.date(r.VisitEnd), CommentedOn: d.datePtr(r.CommentedOn), OpenProposals: r.OpenProposals}
		if r.LastDecided != nil {
			day := d.instant(*r.LastDecided).Truncate(24 * time.Hour)
			t.LastDecidedOn = &day
		}
		if r.HasReport != nil {
			w, err := writtenReportRow{ReviewID: r.ReviewID, Status: r.Status, IssuedOn: r.IssuedOn, IssuedTo: r.IssuedTo,
				FinalOn: r.FinalOn, EvidencePurgedAt: r.EvidencePurgedAt, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
				Version: r.Version}.domain()
			if err != nil {
				return nil, err
			}
			t.Report = &w
		}
		if err := d.fail("report timeline of review " + r.ReviewID); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// EvidenceToPurge returns the reviews whose report became final on or
// before finalBy and whose evidence is not purged yet.
func (s *Store) EvidenceToPurge(ctx context.Context, finalBy time.Time) ([]string, error) {
	var ids []string
	err := s.r(ctx).Model(&writtenReportRow{}).
		Where("status = ? AND final_on <= ? AND evidence_purged_at IS NULL", string(fidelity.ReportFinal), formatDate(finalBy)).
		Order("review_id").Pluck("review_id", &ids).Error
	return ids, translate(err, "reports to purge")
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
