package store

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

func raterWhat(id string) string { return "rater " + id }

// CreateRater stores a new rater with version 1.
func (s *Store) CreateRater(ctx context.Context, r fidelity.Rater) error {
	row := toRaterRow(r)
	row.Version = 1
	return translate(s.w(ctx).Create(&row).Error, raterWhat(r.ID))
}

func (s *Store) GetRater(ctx context.Context, id string) (fidelity.Rater, error) {
	var row raterRow
	if err := s.r(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return fidelity.Rater{}, translate(err, raterWhat(id))
	}
	return row.domain()
}

func (s *Store) UpdateRater(ctx context.Context, r fidelity.Rater) error {
	row := toRaterRow(r)
	db := s.w(ctx)
	res := db.Exec(`UPDATE raters SET name = ?, name_fold = ?, organisation = ?, email = ?,
		active = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`,
		row.Name, row.NameFold, row.Organisation, row.Email, row.Active, row.UpdatedAt,
		r.ID, r.Version)
	return versioned(db, res, "raters", "id = ?", []any{r.ID}, raterWhat(r.ID), r.Version)
}

func (s *Store) ListRaters(ctx context.Context, f service.RaterFilter) ([]fidelity.Rater, error) {
	q := s.r(ctx).Model(&raterRow{})
	if f.ActiveOnly {
		q = q.Where("active = ?", true)
	}
	if f.InactiveOnly {
		q = q.Where("active = ?", false)
	}
	if f.NameContains != "" {
		p := containsPattern(f.NameContains)
		q = q.Where(`(name_fold LIKE ? ESCAPE '\' OR LOWER(organisation) LIKE ? ESCAPE '\' OR LOWER(email) LIKE ? ESCAPE '\')`, p, p, p)
	}
	if f.After != "" {
		q = q.Where("id > ?", f.After)
	}
	var rows []raterRow
	if err := q.Order("id").Limit(pageLimit(f.Limit)).Find(&rows).Error; err != nil {
		return nil, translate(err, "raters")
	}
	out := make([]fidelity.Rater, 0, len(rows))
	for _, row := range rows {
		r, err := row.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
