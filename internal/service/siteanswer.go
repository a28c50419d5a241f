package service

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// siteKey names what a site answer is a function of: the site's head (see
// SiteHead), the review types its latest review is shown for, and the day
// (the due date's state and the days overdue count from it). Who asks is
// not in it: scope is checked on the head before the key is used, and
// nothing in the answer depends on the caller.
func siteKey(id string, h SiteHead, types []fidelity.ReviewType, day string) string {
	var b strings.Builder
	b.Grow(64 + len(h.Site.Path) + len(h.Reviews) + len(h.Latest))
	b.WriteString("site:")
	b.WriteString(id)
	b.WriteByte('@')
	b.WriteString(strconv.Itoa(h.Site.Version))
	b.WriteByte('|')
	b.WriteString(h.Site.Path)
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
// its open reviews. Otherwise the due facts are read (the head holds the
// site row) and the view encoded and kept.
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
	if err := siteVisible(ctx, id, h.Site.Path, err); err != nil {
		return nil, 0, err
	}
	day, gen := s.today().Format(time.DateOnly), s.scales.Generation()
	key := siteKey(id, h, fidelity.ReviewTypesOr(types), day)
	if b, ok := s.answers.site.get(gen, key); ok {
		return b, h.Site.Version, nil
	}
	// The head holds the site row: only its due facts are left to read.
	views, err := s.withDue(ctx, []fidelity.Site{h.Site}, types)
	if err != nil {
		return nil, 0, err
	}
	v := views[0]
	b, err := encode(v)
	if err != nil {
		return nil, 0, err
	}
	if v.shows(h) && s.today().Format(time.DateOnly) == day {
		s.answers.site.put(gen, key, b)
	}
	return b, v.Version, nil
}

// shows reports whether v was computed from the state h describes, where
// that can be told apart. The site row in v is h's own; its due facts were
// read after h, so they are as new as the head or newer. Newer is harmless
// for the parts of the head that only move forward (versions, and ids that
// are never reused): that head is not read again once one of them moved.
// Two parts the due facts read can move back: the grouping flag (a child
// moved away and back) and the read-model rows (lost, then rebuilt); the
// site's path can too (an ancestor moved away and back rewrites it without
// a version), but v has the head's. A view whose due facts show other
// ones than the head's would be kept under a key that can come back, so it
// is not kept.
func (v SiteView) shows(h SiteHead) bool {
	return (v.Due.State == DueGrouping) == (h.HasChildren && h.Reviews == "") &&
		v.latestRows == h.Latest
}
