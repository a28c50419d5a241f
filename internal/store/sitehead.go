package store

import (
	"context"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/service"
)

// GetSiteHead reads, in one light statement, the site and everything else
// its answer (the site with its latest review and due state) is a
// function of, apart from the day and the question: whether it has child
// sites, its reviews' ids and versions, and the rows of the read model the
// latest review is picked from (type, review id, visit end). See
// Service.SiteAnswer.
func (s *Store) GetSiteHead(ctx context.Context, id string) (service.SiteHead, error) {
	var r siteRow
	var h service.SiteHead
	err := s.r(ctx).Raw(`SELECT `+prefixed("s.", siteColumns)+`,
		EXISTS (SELECT 1 FROM sites c WHERE c.parent_id = s.id),
		COALESCE((SELECT `+s.joined("r.id || '@' || CAST(r.version AS TEXT)", "r.id")+` FROM reviews r WHERE r.site_id = s.id), ''),
		`+s.latestRowsColumn()+`
		FROM sites s WHERE s.id = ?`, id).Row().Scan(append(r.dest(), &h.HasChildren, &h.Reviews, &h.Latest)...)
	if err != nil {
		return service.SiteHead{}, translate(err, siteWhat(id))
	}
	h.Site, err = r.domain()
	return h, err
}

// prefixed qualifies each column of the comma-separated cols with prefix.
func prefixed(prefix, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, c := range parts {
		parts[i] = prefix + c
	}
	return strings.Join(parts, ", ")
}

// latestRowsColumn is a select-list column: the site_latest rows of site
// s as "type/review id/visit end", comma-joined in key order: all a due
// fact's latest review is picked from (SiteHead.Latest, DueFacts.Latest).
func (s *Store) latestRowsColumn() string {
	return "COALESCE((SELECT " + s.joined("l.type || '/' || l.id || '/' || l.visit_end", "l.type, l.scale_id, l.scale_version") +
		" FROM site_latest l WHERE l.site_id = s.id), '')"
}
