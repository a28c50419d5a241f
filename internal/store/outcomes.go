package store

import (
	"cmp"
	"context"
	"math"
	"slices"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// outcomeRow mirrors the outcomes table of migrations/00002_outcomes_actions.sql.
type outcomeRow struct {
	ID          string
	SiteID      string
	Measure     string
	PeriodStart string
	PeriodEnd   string
	Value       float64
	N           int
	Note        string
	CreatedAt   string
}

func (outcomeRow) TableName() string { return "outcomes" }

func (r outcomeRow) domain() (fidelity.Outcome, error) {
	var d decoder
	o := fidelity.Outcome{
		ID: r.ID, SiteID: r.SiteID, Measure: r.Measure,
		PeriodStart: d.date(r.PeriodStart), PeriodEnd: d.date(r.PeriodEnd),
		Value: r.Value, N: r.N, Note: r.Note, CreatedAt: d.instant(r.CreatedAt),
	}
	return o, d.fail(outcomeWhat(r.ID))
}

func outcomeWhat(id string) string { return "outcome " + id }

// CreateOutcome stores a new outcome. A site that does not exist is a
// conflict, as for reviews.
func (s *Store) CreateOutcome(ctx context.Context, o fidelity.Outcome) error {
	// SQLite stores NaN as NULL and PostgreSQL keeps it; refusing
	// non-finite values here makes both dialects behave the same.
	if math.IsNaN(o.Value) || math.IsInf(o.Value, 0) {
		return fidelity.Invalid("outcome value must be a finite number",
			fidelity.FieldError{Field: "value", Reason: "must be a finite number"})
	}
	row := outcomeRow{
		ID: o.ID, SiteID: o.SiteID, Measure: o.Measure,
		PeriodStart: formatDate(o.PeriodStart), PeriodEnd: formatDate(o.PeriodEnd),
		Value: o.Value, N: o.N, Note: o.Note, CreatedAt: formatInstant(o.CreatedAt),
	}
	err := s.w(ctx).Create(&row).Error
	if classify(err) == classForeignKey {
		return fidelity.Wrap(fidelity.KindConflict, err,
			outcomeWhat(o.ID)+" refers to site "+o.SiteID+", which does not exist")
	}
	return translate(err, outcomeWhat(o.ID))
}

// ListOutcomes returns the matching outcomes ordered by site, measure,
// period end and id (the order of outcomes_site_idx, so a site's series
// reads in time order).
func (s *Store) ListOutcomes(ctx context.Context, f service.OutcomeFilter) ([]fidelity.Outcome, error) {
	siteIDs := nonEmpty(f.SiteIDs)
	if len(f.SiteIDs) > 0 && len(siteIDs) == 0 {
		return []fidelity.Outcome{}, nil
	}
	// A site named twice would otherwise come back twice when the two
	// fall into different chunks.
	slices.Sort(siteIDs)
	siteIDs = slices.Compact(siteIDs)
	q := s.r(ctx).Table("outcomes AS o")
	if f.Subtree != "" || len(f.Subtrees) > 0 {
		q = q.Joins("JOIN sites s ON s.id = o.site_id")
		var ok bool
		var err error
		if q, ok, err = s.subtreeFilter(ctx, q, "s", f.Subtree, f.Subtrees); err != nil || !ok {
			return []fidelity.Outcome{}, err
		}
	}
	if f.Measure != "" {
		q = q.Where("o.measure = ?", f.Measure)
	}
	// Overlap with [From, To]: the period starts no later than To and
	// ends no earlier than From.
	if f.To != nil {
		q = q.Where("o.period_start <= ?", formatDate(*f.To))
	}
	if f.From != nil {
		q = q.Where("o.period_end >= ?", formatDate(*f.From))
	}
	q = q.Select("o.*").Order("o.site_id, o.measure, o.period_end, o.id").Session(&gorm.Session{})
	var rows []outcomeRow
	if len(siteIDs) == 0 {
		if err := q.Scan(&rows).Error; err != nil {
			return nil, translate(err, "outcomes")
		}
	}
	for chunk := range chunks(siteIDs) {
		var part []outcomeRow
		if err := q.Where("o.site_id IN ?", chunk).Scan(&part).Error; err != nil {
			return nil, translate(err, "outcomes")
		}
		rows = append(rows, part...)
	}
	if len(siteIDs) > maxInParams {
		// Each chunk came back sorted; the concatenation is not.
		slices.SortStableFunc(rows, func(a, b outcomeRow) int {
			return cmp.Or(cmp.Compare(a.SiteID, b.SiteID), cmp.Compare(a.Measure, b.Measure),
				cmp.Compare(a.PeriodEnd, b.PeriodEnd), cmp.Compare(a.ID, b.ID))
		})
	}
	out := make([]fidelity.Outcome, 0, len(rows))
	for _, r := range rows {
		o, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// DeleteOutcome removes an outcome; KindNotFound when there is none.
func (s *Store) DeleteOutcome(ctx context.Context, id string) error {
	res := s.w(ctx).Exec("DELETE FROM outcomes WHERE id = ?", id)
	if res.Error != nil {
		return translate(res.Error, outcomeWhat(id))
	}
	if res.RowsAffected == 0 {
		return notFound(outcomeWhat(id))
	}
	return nil
}
