package store

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/service"
)

// GetSiteHead reads, in one light statement, everything a site's answer
// (the site with its latest review and due state) is a function of, apart
// from the day and the question: the site's path and version, whether it
// has child sites, its reviews' ids and versions, and the rows of the
// read model the latest review is picked from (type, review id, visit
// end). See Service.SiteAnswer.
func (s *Store) GetSiteHead(ctx context.Context, id string) (service.SiteHead, error) {
	var h service.SiteHead
	err := s.r(ctx).Raw(`SELECT s.path, s.version,
		EXISTS (SELECT 1 FROM sites c WHERE c.parent_id = s.id),
		COALESCE((SELECT `+s.joined("r.id || '@' || CAST(r.version AS TEXT)", "r.id")+` FROM reviews r WHERE r.site_id = s.id), ''),
		`+s.latestRowsColumn()+`
		FROM sites s WHERE s.id = ?`, id).Row().Scan(&h.Path, &h.Version, &h.HasChildren, &h.Reviews, &h.Latest)
	if err != nil {
		return service.SiteHead{}, translate(err, siteWhat(id))
	}
	return h, nil
}

// latestRowsColumn is a select-list column: the site_latest rows of site
// s as "type/review id/visit end", comma-joined in key order: all a due
// fact's latest review is picked from (SiteHead.Latest, DueFacts.Latest).
func (s *Store) latestRowsColumn() string {
	return "COALESCE((SELECT " + s.joined("l.type || '/' || l.id || '/' || l.visit_end", "l.type, l.scale_id, l.scale_version") +
		" FROM site_latest l WHERE l.site_id = s.id), '')"
}

// joined is the dialect's aggregate joining expr with commas in order.
func (s *Store) joined(expr, order string) string {
	if s.dialect == dialectSQLite {
		return "group_concat(" + expr + ", ',' ORDER BY " + order + ")"
	}
	return "string_agg(" + expr + ", ',' ORDER BY " + order + ")"
}
