package store

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

func siteWhat(id string) string { return "site " + id }

// CreateSite stores a new site with version 1.
func (s *Store) CreateSite(ctx context.Context, site fidelity.Site) error {
	row := toSiteRow(site)
	row.Version = 1
	return siteWriteError(s.w(ctx).Create(&row).Error, site)
}

// SiteCodeTaken reports whether another active site (not exceptID) under
// parentID ("" = the roots) has code, compared case-insensitively as the
// unique index sites_sibling_code_key does. The empty code is never taken.
func (s *Store) SiteCodeTaken(ctx context.Context, parentID, code, exceptID string) (bool, error) {
	if code == "" {
		return false, nil
	}
	var n int64
	err := s.r(ctx).Raw(`SELECT COUNT(*) FROM sites
		WHERE COALESCE(parent_id, '') = ? AND code_fold = ? AND active_to IS NULL AND code <> '' AND id <> ?`,
		parentID, fold(code), exceptID).Scan(&n).Error
	return n > 0, translate(err, "sites with code "+code)
}

// siteWriteError names the code when a write broke the unique index over
// active siblings' codes: the service checks first, so only a concurrent
// writer that took the code in between gets here. PostgreSQL names the
// index in its message; SQLite serialises writers, so there it cannot
// happen after the check.
func siteWriteError(err error, site fidelity.Site) error {
	if err != nil && classify(err) == classDuplicate && strings.Contains(err.Error(), "sites_sibling_code_key") {
		return service.SiteCodeTakenError(site.Code)
	}
	return translate(err, siteWhat(site.ID))
}

// GetSite reads one site with a typed scan (gorm's reflective Take was a
// sixth of the CPU of GET /v1/sites/{id}).
func (s *Store) GetSite(ctx context.Context, id string) (fidelity.Site, error) {
	var r siteRow
	err := s.r(ctx).Raw("SELECT "+siteColumns+" FROM sites WHERE id = ?", id).Row().Scan(r.dest()...)
	if err != nil {
		return fidelity.Site{}, translate(err, siteWhat(id))
	}
	return r.domain()
}

func (s *Store) UpdateSite(ctx context.Context, site fidelity.Site) error {
	r := toSiteRow(site)
	db := s.w(ctx)
	res := db.Exec(`UPDATE sites SET parent_id = ?, path = ?, kind = ?, code = ?, name = ?,
		name_fold = ?, code_fold = ?, active_from = ?, active_to = ?, updated_at = ?,
		version = version + 1
		WHERE id = ? AND version = ?`,
		r.ParentID, r.Path, r.Kind, r.Code, r.Name, r.NameFold, r.CodeFold,
		r.ActiveFrom, r.ActiveTo, r.UpdatedAt, site.ID, site.Version)
	if res.Error != nil {
		return siteWriteError(res.Error, site)
	}
	return versioned(db, res, "sites", "id = ?", []any{site.ID}, siteWhat(site.ID), site.Version)
}

// RewritePaths moves a subtree in one statement, so the tree is never seen
// half-moved. It leaves versions alone: a move changes where descendants
// sit, not what they are, and must not invalidate their editors' ETags.
func (s *Store) RewritePaths(ctx context.Context, oldPrefix, newPrefix string) error {
	if oldPrefix == "" || newPrefix == "" {
		return fidelity.Errorf(fidelity.KindInvalid, "both path prefixes are required to move a subtree")
	}
	cond, args := s.prefixCond("path", oldPrefix)
	args = append([]any{newPrefix, len(oldPrefix) + 1}, args...)
	err := s.w(ctx).Exec("UPDATE sites SET path = CAST(? AS TEXT) || SUBSTR(path, CAST(? AS INTEGER)) WHERE "+cond, args...).Error
	return translate(err, "subtree "+oldPrefix)
}

func (s *Store) ListSites(ctx context.Context, f service.SiteFilter) ([]fidelity.Site, error) {
	q := s.r(ctx).Table("sites AS s")
	q, ok, err := s.subtreeFilter(ctx, q, "s", f.Subtree, f.Subtrees)
	if err != nil || !ok {
		return []fidelity.Site{}, err
	}
	if f.Kind != "" {
		q = q.Where("s.kind = ?", f.Kind)
	}
	if f.NameContains != "" {
		p := containsPattern(f.NameContains)
		q = q.Where(`(s.name_fold LIKE ? ESCAPE '\' OR s.code_fold LIKE ? ESCAPE '\')`, p, p)
	}
	if f.ActiveOn != nil {
		day := formatDate(*f.ActiveOn)
		q = q.Where("(s.active_from IS NULL OR s.active_from <= ?) AND (s.active_to IS NULL OR s.active_to > ?)", day, day)
	}
	if f.After != "" {
		q = q.Where("s.id > ?", f.After)
	}
	var rows []siteRow
	if err := q.Select("s.*").Order("s.id").Limit(pageLimit(f.Limit)).Scan(&rows).Error; err != nil {
		return nil, translate(err, "sites")
	}
	out := make([]fidelity.Site, 0, len(rows))
	for _, r := range rows {
		site, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, site)
	}
	return out, nil
}

// DeleteSite removes a site with its history. Reviews, child sites and
// outcomes keep it in place (foreign keys), reported as a conflict.
func (s *Store) DeleteSite(ctx context.Context, id string) error {
	res := s.w(ctx).Exec("DELETE FROM sites WHERE id = ?", id)
	if res.Error != nil {
		if classify(res.Error) == classForeignKey {
			return fidelity.Wrap(fidelity.KindConflict, res.Error,
				"site "+id+" still has reviews, sub-sites or outcomes")
		}
		return translate(res.Error, siteWhat(id))
	}
	if res.RowsAffected == 0 {
		return notFound(siteWhat(id))
	}
	return nil
}

func (s *Store) AddSiteChange(ctx context.Context, c fidelity.SiteChange) error {
	row, err := toSiteChangeRow(c)
	if err != nil {
		return err
	}
	return translate(s.w(ctx).Create(&row).Error, "history of site "+c.SiteID)
}

// toSiteChangeRow is a history row of a site. History rows have no id in
// the domain; the store gives them one so that two changes in the same
// instant still order deterministically.
func toSiteChangeRow(c fidelity.SiteChange) (siteChangeRow, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return siteChangeRow{}, fidelity.Wrap(fidelity.KindInternal, err, "cannot generate an id")
	}
	return siteChangeRow{
		ID: id.String(), SiteID: c.SiteID, ValidFrom: formatInstant(c.ValidFrom),
		Name: c.Name, Code: c.Code, ParentID: strPtr(c.ParentID), Path: c.Path, Change: c.Change,
	}, nil
}

// SiteHistory lists the changes of a site, oldest first. An unknown site
// has an empty history, not an error: callers look the site up first.
func (s *Store) SiteHistory(ctx context.Context, siteID string) ([]fidelity.SiteChange, error) {
	var rows []siteChangeRow
	err := s.r(ctx).Where("site_id = ?", siteID).Order("valid_from, id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "history of site "+siteID)
	}
	out := make([]fidelity.SiteChange, 0, len(rows))
	for _, r := range rows {
		c, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func (s *Store) CountReviews(ctx context.Context, siteID string) (int, error) {
	var n int64
	err := s.r(ctx).Table("reviews").Where("site_id = ?", siteID).Count(&n).Error
	return int(n), translate(err, "reviews of site "+siteID)
}

func (s *Store) CountChildren(ctx context.Context, siteID string) (int, error) {
	var n int64
	err := s.r(ctx).Table("sites").Where("parent_id = ?", siteID).Count(&n).Error
	return int(n), translate(err, "sub-sites of site "+siteID)
}
