package store

import (
	"context"
	"encoding/json"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// actionRow mirrors the action_items table of
// migrations/00002_outcomes_actions.sql.
type actionRow struct {
	ID        string
	ReviewID  string
	SiteID    string
	ItemIDs   string // JSON list
	Title     string
	Owner     string
	Due       *string
	Status    string
	Note      string
	CreatedAt string
	UpdatedAt string
	Version   int
}

func (actionRow) TableName() string { return "action_items" }

func actionWhat(id string) string { return "action item " + id }

func toActionRow(a fidelity.ActionItem) (actionRow, error) {
	items := a.ItemIDs
	if items == nil {
		items = []string{} // "[]", not "null": the column means a list
	}
	js, err := json.Marshal(items)
	if err != nil {
		return actionRow{}, fidelity.Wrap(fidelity.KindInvalid, err, "item ids of "+actionWhat(a.ID)+" cannot be stored")
	}
	return actionRow{
		ID: a.ID, ReviewID: a.ReviewID, SiteID: a.SiteID, ItemIDs: string(js),
		Title: a.Title, Owner: a.Owner, Due: formatDatePtr(a.Due), Status: string(a.Status),
		Note: a.Note, CreatedAt: formatInstant(a.CreatedAt), UpdatedAt: formatInstant(a.UpdatedAt),
		Version: a.Version,
	}, nil
}

func (r actionRow) domain() (fidelity.ActionItem, error) {
	var d decoder
	a := fidelity.ActionItem{
		ID: r.ID, ReviewID: r.ReviewID, SiteID: r.SiteID, ItemIDs: []string{},
		Title: r.Title, Owner: r.Owner, Due: d.datePtr(r.Due), Status: fidelity.ActionStatus(r.Status),
		Note: r.Note, CreatedAt: d.instant(r.CreatedAt), UpdatedAt: d.instant(r.UpdatedAt),
		Version: r.Version,
	}
	d.json(r.ItemIDs, &a.ItemIDs)
	return a, d.fail(actionWhat(r.ID))
}

// CreateAction stores a new action item with version 1. Its review must
// exist and belong to its site (one foreign key checks both), else
// KindConflict.
func (s *Store) CreateAction(ctx context.Context, a fidelity.ActionItem) error {
	row, err := toActionRow(a)
	if err != nil {
		return err
	}
	row.Version = 1
	err = s.w(ctx).Create(&row).Error
	if classify(err) == classForeignKey {
		return fidelity.Wrap(fidelity.KindConflict, err,
			actionWhat(a.ID)+" refers to review "+a.ReviewID+" of site "+a.SiteID+", which does not exist")
	}
	return translate(err, actionWhat(a.ID))
}

func (s *Store) GetAction(ctx context.Context, id string) (fidelity.ActionItem, error) {
	var row actionRow
	if err := s.r(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return fidelity.ActionItem{}, translate(err, actionWhat(id))
	}
	return row.domain()
}

// UpdateAction writes every field but ID, ReviewID, SiteID and CreatedAt
// where Version matches, and stores Version+1.
func (s *Store) UpdateAction(ctx context.Context, a fidelity.ActionItem) error {
	row, err := toActionRow(a)
	if err != nil {
		return err
	}
	db := s.w(ctx)
	res := db.Exec(`UPDATE action_items SET item_ids = ?, title = ?, owner = ?, due = ?,
		status = ?, note = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`,
		row.ItemIDs, row.Title, row.Owner, row.Due, row.Status, row.Note, row.UpdatedAt,
		a.ID, a.Version)
	return versioned(db, res, "action_items", "id = ?", []any{a.ID}, actionWhat(a.ID), a.Version)
}

// ListActions returns the matching action items in id (creation) order.
func (s *Store) ListActions(ctx context.Context, f service.ActionFilter) ([]fidelity.ActionItem, error) {
	q := s.r(ctx).Table("action_items AS a")
	if f.Subtree != "" || len(f.Subtrees) > 0 {
		q = q.Joins("JOIN sites s ON s.id = a.site_id")
		var ok bool
		var err error
		if q, ok, err = s.subtreeFilter(ctx, q, "s", f.Subtree, f.Subtrees); err != nil || !ok {
			return []fidelity.ActionItem{}, err
		}
	}
	if f.SiteID != "" {
		q = q.Where("a.site_id = ?", f.SiteID)
	}
	if f.ReviewID != "" {
		q = q.Where("a.review_id = ?", f.ReviewID)
	}
	if len(f.Status) > 0 {
		q = q.Where("a.status IN ?", strs(f.Status))
	}
	var rows []actionRow
	if err := q.Select("a.*").Order("a.id").Scan(&rows).Error; err != nil {
		return nil, translate(err, "action items")
	}
	out := make([]fidelity.ActionItem, 0, len(rows))
	for _, r := range rows {
		a, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}
