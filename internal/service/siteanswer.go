package service

import (
	"context"
	"strconv"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// siteKey names what a site answer is a function of: the site's head (see
// SiteHead), the review types its latest review is shown for, and the day
// (the due date's state and the days overdue count from it). Who asks is
// not in it: scope is checked on the head before the key is used, and
// nothing in the answer depends on the caller.
func siteKey(id string, h SiteHead, types []fidelity.ReviewType, day string) string {
	var b strings.Builder
	b.Grow(64 + len(h.Path) + len(h.Reviews) + len(h.Latest))
	b.WriteString("site:")
	b.WriteString(id)
	b.WriteByte('@')
	b.WriteString(strconv.Itoa(h.Version))
	b.WriteByte('|')
	b.WriteString(h.Path)
	b.WriteByte('|')
	b.WriteString(strconv.FormatBool(h.HasChildren))
	b.WriteByte('|')
	b.WriteString(h.Reviews)
	b.WriteByte('|')
	b.WriteString(h.Latest)
	b.WriteByte('|')
	for _, t := range types {
		b.WriteString(string(t))
		b.WriteByte(',')
	}
	b.WriteByte('|')
	b.WriteString(day)
	return b.String()
}

// SiteAnswer answers GetSiteOfTypes in an adapter's encoding, with the
// site's version for its ETag. While the site's head (SiteHead) is as it
// was for an answer given before on the same day, that answer is sent
// again: one light statement instead of the site, its latest review and
// its open reviews. Otherwise the view is read, encoded and kept.
func (s *Service) SiteAnswer(ctx context.Context, id string, types []fidelity.ReviewType, encode func(SiteView) ([]byte, error)) ([]byte, int, error) {
	if s.answers == nil {
		v, err := s.GetSiteOfTypes(ctx, id, types)
		if err != nil {
			return nil, 0, err
		}
		b, err := encode(v)
		return b, v.Version, err
	}
	h, err := s.store.GetSiteHead(ctx, id)
	if err != nil {
		return nil, 0, hideMissing(err, "site", id)
	}
	if !inScope(caller(ctx), h.Path) {
		return nil, 0, notFound("site", id)
	}
	key := siteKey(id, h, fidelity.ReviewTypesOr(types), s.today().Format("2006-01-02"))
	if b, ok := s.answers.get(key); ok {
		return b, h.Version, nil
	}
	v, err := s.GetSiteOfTypes(ctx, id, types)
	if err != nil {
		return nil, 0, err
	}
	b, err := encode(v)
	if err != nil {
		return nil, 0, err
	}
	// The head was read before the view, so the view is as new as the
	// head or newer. Newer is harmless for the parts of the head that
	// only move forward (versions, and ids that are never reused): that
	// head is not read again once anything moved. The path and the
	// grouping flag can move back (an ancestor moved away and back, a
	// child moved away and back), so the view is kept only when it shows
	// the head's own.
	if v.Version == h.Version && v.Path == h.Path && (v.Due.State == DueGrouping) == (h.HasChildren && h.Reviews == "") {
		s.answers.put(key, b)
	}
	return b, v.Version, nil
}
