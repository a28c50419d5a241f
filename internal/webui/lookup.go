package webui

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// names resolves ids to names for one page, asking the service once per id.
type names struct {
	svc    *service.Service
	ctx    context.Context
	sites  map[string]string
	raters map[string]string
}

func (u *ui) names(ctx context.Context) *names {
	return &names{svc: u.svc, ctx: ctx, sites: map[string]string{}, raters: map[string]string{}}
}

// Site returns a site's name, its id when it is out of sight.
func (n *names) Site(id string) string {
	if v, ok := n.sites[id]; ok {
		return v
	}
	name := id
	if s, err := n.svc.GetSite(n.ctx, id); err == nil {
		name = s.Name
	}
	n.sites[id] = name
	return name
}

// Rater returns a rater's name.
func (n *names) Rater(id string) string {
	if v, ok := n.raters[id]; ok {
		return v
	}
	name := id
	if r, err := n.svc.GetRater(n.ctx, id); err == nil {
		name = r.Name
	}
	n.raters[id] = name
	return name
}

// bandLabel names a band of a scale in the page language.
func bandLabel(sc *scale.Scale, id string, lang string) string {
	if sc != nil {
		for _, b := range sc.Bands {
			if b.ID == id {
				// A band whose cut-off is recalled says so wherever a
				// total is placed in it.
				switch b.Verification() {
				case scale.Recalled:
					return tr(lang, "band.unverified", b.Label.In(lang))
				case scale.PartlyVerified:
					return tr(lang, "band.partly", b.Label.In(lang))
				}
				return b.Label.In(lang)
			}
		}
	}
	return id
}

// reviewScale returns the exact scale version of a review.
func (u *ui) reviewScale(r fidelity.Review) (*scale.Scale, error) {
	return u.svc.GetScale(r.ScaleID + "@" + r.ScaleVersion)
}

// allSites reads every site in the caller's scope, page by page, up to a
// bound; truncated says the bound was reached.
func (u *ui) allSites(ctx context.Context, f service.SiteFilter) (sites []service.SiteView, truncated bool, err error) {
	f.Limit = 500
	for range 8 {
		page, next, err := u.svc.ListSites(ctx, f)
		if err != nil {
			return nil, false, err
		}
		sites = append(sites, page...)
		if next == "" {
			return sites, false, nil
		}
		f.After = next
	}
	return sites, true, nil
}

// activeRaters lists the raters that can be assigned.
func (u *ui) activeRaters(ctx context.Context) ([]fidelity.Rater, error) {
	rs, _, err := u.svc.ListRaters(ctx, service.RaterFilter{ActiveOnly: true, Page: service.Page{Limit: 500}})
	return rs, err
}
