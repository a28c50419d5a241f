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
	if err != nil {
		return site, err
	}
	if !inScope(caller(ctx), site.Path) {
		return fidelity.Site{}, notFound("site", id)
	}
	return site, nil
}

func notFound(what, id string) error {
	return fidelity.Errorf(fidelity.KindNotFound, "%s %s not found", what, id)
}
