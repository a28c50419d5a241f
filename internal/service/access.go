package service

import (
	"context"
	"slices"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// requireRole fails unless the caller has one of the roles (admins always
// pass). A caller without any role is unauthorised.
func requireRole(ctx context.Context, roles ...fidelity.Role) error {
	p := caller(ctx)
	if p.Role == "" {
		return fidelity.Errorf(fidelity.KindUnauthorized, "sign in with an API key")
	}
	if p.Role == fidelity.RoleAdmin || slices.Contains(roles, p.Role) {
		return nil
	}
	return fidelity.Errorf(fidelity.KindForbidden, "your role (%s) may not do this", p.Role)
}

// requireAssigned fails for a rater key that is not one of the review's
// raters: a rater acts (starts, enters the consensus, finalises) only on the
// reviews it rates. The review is visible to it, so this is 403, not 404.
func requireAssigned(ctx context.Context, r fidelity.Review, action string) error {
	if p := caller(ctx); p.Role == fidelity.RoleRater && !slices.Contains(r.RaterIDs, p.RaterID) {
		return fidelity.Errorf(fidelity.KindForbidden, "only the review's raters may %s it", action)
	}
	return nil
}

// inScope reports whether a site (by its materialised path) lies in one of
// the caller's subtrees.
func inScope(p fidelity.Principal, sitePath string) bool {
	if p.Unscoped() {
		return true
	}
	for _, id := range p.Scope {
		if strings.Contains(sitePath, "/"+id+"/") {
			return true
		}
	}
	return false
}

// visibleSite loads a site and hides it (not found, not forbidden) when it
// is outside the caller's scope, so existence does not leak.
func visibleSite(ctx context.Context, st Store, id string) (fidelity.Site, error) {
	site, err := st.GetSite(ctx, id)
	if err := siteVisible(ctx, id, site.Path, err); err != nil {
		return fidelity.Site{}, err
	}
	return site, nil
}

// siteVisible is visibleSite's answer for site id read with path and err:
// not found, in the same words, whether it is missing or out of scope.
func siteVisible(ctx context.Context, id, path string, err error) error {
	if err != nil {
		return hideMissing(err, "site", id)
	}
	if !inScope(caller(ctx), path) {
		return notFound("site", id)
	}
	return nil
}

// notFound is the one answer for an object that does not exist or that
// the caller may not see: the same kind and the same words either way, so
// no answer tells whether an id exists outside the caller's scope. Every
// not-found a use case returns for an id comes from here (hideMissing
// replaces the store's own wording).
func notFound(what, id string) error {
	return fidelity.Errorf(fidelity.KindNotFound, "%s %s not found", what, id)
}

// hideMissing returns notFound(what, id) for a not-found error of the
// store, and other errors unchanged.
func hideMissing(err error, what, id string) error {
	if fidelity.KindOf(err) == fidelity.KindNotFound {
		return notFound(what, id)
	}
	return err
}

// Raters are people with personal data, so they are scoped like sites: a
// rater is relevant to a scoped caller when its home site or the site of a
// review it is assigned to lies in the caller's scope (and a rater key
// always sees its own rater); it is wholly inside the scope when all of
// them do. paths are those sites' paths (Store.RaterSitePaths).

// raterVisible reports whether the caller may see the rater.
func raterVisible(p fidelity.Principal, id string, paths []string) bool {
	if p.Unscoped() || (p.RaterID != "" && p.RaterID == id) {
		return true
	}
	for _, path := range paths {
		if inScope(p, path) {
			return true
		}
	}
	return false
}

// raterWithin reports whether the caller may change the rater: every site
// the rater is linked to is in scope, so a change cannot reach into a
// subtree the caller does not manage.
func raterWithin(p fidelity.Principal, paths []string) bool {
	if p.Unscoped() {
		return true
	}
	for _, path := range paths {
		if !inScope(p, path) {
			return false
		}
	}
	return len(paths) > 0
}

// visibleRater loads a rater and hides it (not found) when it is not
// relevant to the caller's scope; paths are the rater's sites.
func visibleRater(ctx context.Context, st Store, id string) (fidelity.Rater, []string, error) {
	r, err := st.GetRater(ctx, id)
	if err != nil {
		return fidelity.Rater{}, nil, hideMissing(err, "rater", id)
	}
	paths, err := st.RaterSitePaths(ctx, id)
	if err != nil {
		return fidelity.Rater{}, nil, err
	}
	if !raterVisible(caller(ctx), id, paths) {
		return fidelity.Rater{}, nil, notFound("rater", id)
	}
	return r, paths, nil
}
