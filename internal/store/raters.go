package store

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

func raterWhat(id string) string { return "rater " + id }

// CreateRater stores a new rater with version 1, and its home site.
func (s *Store) CreateRater(ctx context.Context, r fidelity.Rater) error {
	row := toRaterRow(r)
	row.Version = 1
	if err := translate(s.w(ctx).Create(&row).Error, raterWhat(r.ID)); err != nil {
		return err
	}
	// A new rater has no home site row to replace (setHomeSite's DELETE).
	return insertHomeSite(s.w(ctx), r)
}

// setHomeSite replaces the rater's home site row (none when HomeSiteID is "").
func (s *Store) setHomeSite(ctx context.Context, r fidelity.Rater) error {
	db := s.w(ctx)
	if err := db.Exec("DELETE FROM rater_home_sites WHERE rater_id = ?", r.ID).Error; err != nil {
		return translate(err, raterWhat(r.ID))
	}
	return insertHomeSite(db, r)
}

// insertHomeSite writes the rater's home site row, if it has one.
func insertHomeSite(db *gorm.DB, r fidelity.Rater) error {
	if r.HomeSiteID == "" {
		return nil
	}
	return translate(db.Exec("INSERT INTO rater_home_sites (rater_id, site_id) VALUES (?, ?)", r.ID, r.HomeSiteID).Error, raterWhat(r.ID))
}

func (s *Store) GetRater(ctx context.Context, id string) (fidelity.Rater, error) {
	var row raterRow
	if err := s.r(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return fidelity.Rater{}, translate(err, raterWhat(id))
	}
	out, err := s.withHomeSites(ctx, []raterRow{row})
	if err != nil {
		return fidelity.Rater{}, err
	}
	return out[0], nil
}

// withHomeSites converts rows to raters with their home sites.
func (s *Store) withHomeSites(ctx context.Context, rows []raterRow) ([]fidelity.Rater, error) {
	ids := make([]string, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	homes := map[string]string{}
	for chunk := range chunks(ids) {
		var hs []struct{ RaterID, SiteID string }
		if err := s.r(ctx).Raw("SELECT rater_id, site_id FROM rater_home_sites WHERE rater_id IN ?", chunk).Scan(&hs).Error; err != nil {
			return nil, translate(err, "raters")
		}
		for _, h := range hs {
			homes[h.RaterID] = h.SiteID
		}
	}
	out := make([]fidelity.Rater, 0, len(rows))
	for _, row := range rows {
		r, err := row.domain()
		if err != nil {
			return nil, err
		}
		r.HomeSiteID = homes[r.ID]
		out = append(out, r)
	}
	return out, nil
}

// RaterSitePaths returns the paths of the sites a rater is linked to: its
// home site and the site of every review it is assigned to.
func (s *Store) RaterSitePaths(ctx context.Context, id string) ([]string, error) {
	var paths []string
	err := s.r(ctx).Raw(`SELECT s.path FROM rater_home_sites h JOIN sites s ON s.id = h.site_id WHERE h.rater_id = ?
		UNION SELECT s.path FROM review_raters rr JOIN reviews rv ON rv.id = rr.review_id JOIN sites s ON s.id = rv.site_id
		WHERE rr.rater_id = ?`, id, id).Scan(&paths).Error
	return paths, translate(err, raterWhat(id))
}

// raterScope narrows a rater query to the raters relevant to the subtrees
// in scope (home site or an assigned review's site inside one of them) and
// the rater own (a rater key's own rater).
func (s *Store) raterScope(ctx context.Context, q *gorm.DB, scope []string, own string) (*gorm.DB, error) {
	paths, err := s.sitePaths(ctx, scope)
	if err != nil {
		return nil, err
	}
	var home, review []string
	var homeArgs, reviewArgs []any
	for _, id := range scope {
		if p, found := paths[id]; found {
			c, a := s.prefixCond("hs.path", p)
			home, homeArgs = append(home, c), append(homeArgs, a...)
			c, a = s.prefixCond("rs.path", p)
			review, reviewArgs = append(review, c), append(reviewArgs, a...)
		}
	}
	if len(home) == 0 {
		return q.Where("raters.id = ?", own), nil
	}
	args := append(append([]any{own}, homeArgs...), reviewArgs...)
	return q.Where(`(raters.id = ?
		OR EXISTS (SELECT 1 FROM rater_home_sites h JOIN sites hs ON hs.id = h.site_id
			WHERE h.rater_id = raters.id AND (`+strings.Join(home, " OR ")+`))
		OR EXISTS (SELECT 1 FROM review_raters rr JOIN reviews rv ON rv.id = rr.review_id JOIN sites rs ON rs.id = rv.site_id
			WHERE rr.rater_id = raters.id AND (`+strings.Join(review, " OR ")+`)))`, args...), nil
}

func (s *Store) UpdateRater(ctx context.Context, r fidelity.Rater) error {
	row := toRaterRow(r)
	db := s.w(ctx)
	res := db.Exec(`UPDATE raters SET name = ?, name_fold = ?, organisation = ?, email = ?,
		active = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`,
		row.Name, row.NameFold, row.Organisation, row.Email, row.Active, row.UpdatedAt,
		r.ID, r.Version)
	if err := versioned(db, res, "raters", "id = ?", []any{r.ID}, raterWhat(r.ID), r.Version); err != nil {
		return err
	}
	return s.setHomeSite(ctx, r)
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
	if len(f.Subtrees) > 0 {
		var err error
		if q, err = s.raterScope(ctx, q, f.Subtrees, f.Own); err != nil {
			return nil, err
		}
	}
	if f.After != "" {
		q = q.Where("raters.id > ?", f.After)
	}
	var rows []raterRow
	if err := q.Order("raters.id").Limit(pageLimit(f.Limit)).Find(&rows).Error; err != nil {
		return nil, translate(err, "raters")
	}
	return s.withHomeSites(ctx, rows)
}
