package service

import (
	"context"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// RaterInput creates a rater.
type RaterInput struct {
	Name         string
	Organisation string
	Email        string
	// HomeSiteID is the site the rater belongs to; "" takes the caller's
	// only scope site, or none for unscoped callers.
	HomeSiteID string
}

// RaterPatch changes a rater; nil fields stay.
type RaterPatch struct {
	Name         *string
	Organisation *string
	Email        *string
	Active       *bool
	HomeSiteID   *string
}

func checkRater(r fidelity.Rater) error {
	var c checks
	c.text("name", r.Name, 1, 200)
	c.text("organisation", r.Organisation, 0, 200)
	c.text("email", r.Email, 0, 254)
	c.email("email", r.Email)
	return c.err("the rater is not valid")
}

// CreateRater registers a rater, belonging to a site in the caller's scope.
func (s *Service) CreateRater(ctx context.Context, in RaterInput) (fidelity.Rater, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return fidelity.Rater{}, err
	}
	now := s.now()
	r := fidelity.Rater{
		ID: s.newID(), Name: strings.TrimSpace(in.Name), Organisation: strings.TrimSpace(in.Organisation),
		Email: strings.TrimSpace(in.Email), Active: true, HomeSiteID: in.HomeSiteID,
		CreatedAt: now, UpdatedAt: now, Version: 1,
	}
	if p := caller(ctx); r.HomeSiteID == "" && len(p.Scope) == 1 {
		r.HomeSiteID = p.Scope[0]
	}
	if err := checkRater(r); err != nil {
		return fidelity.Rater{}, err
	}
	if r.HomeSiteID == "" && !caller(ctx).Unscoped() {
		return fidelity.Rater{}, fidelity.Invalid("the rater is not valid",
			fidelity.FieldError{Field: "home_site_id", Reason: "is required for a key limited to several subtrees"})
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		path, err := homePath(ctx, tx, r.HomeSiteID)
		if err != nil {
			return err
		}
		if err := tx.CreateRater(ctx, r); err != nil {
			return err
		}
		return s.record(ctx, tx, "rater.create", "rater", r.ID, path, nil, r)
	})
	if err != nil {
		return fidelity.Rater{}, err
	}
	return r, nil
}

// homePath checks that a home site is visible to the caller and returns its
// path, under which the rater's audit events are kept ("" for none).
func homePath(ctx context.Context, st Store, siteID string) (string, error) {
	if siteID == "" {
		return "", nil
	}
	site, err := visibleSite(ctx, st, siteID)
	return site.Path, err
}

// GetRater returns one rater relevant to the caller's scope.
func (s *Service) GetRater(ctx context.Context, id string) (fidelity.Rater, error) {
	r, _, err := visibleRater(ctx, s.store, id)
	return r, err
}

// ListRaters lists the raters relevant to the caller's scope; next is the
// following page's cursor.
func (s *Service) ListRaters(ctx context.Context, f RaterFilter) ([]fidelity.Rater, string, error) {
	p := caller(ctx)
	f.Subtrees, f.Own = p.Scope, p.RaterID
	f.Limit = clampLimit(f.Limit)
	rs, err := s.store.ListRaters(ctx, f)
	if err != nil {
		return nil, "", err
	}
	return rs, nextCursor(len(rs), f.Limit, func() string { return rs[len(rs)-1].ID }), nil
}

// UpdateRater changes a rater's details, home site or active flag. Only
// raters wholly inside the caller's scope can be changed; any other is
// answered as if it did not exist.
func (s *Service) UpdateRater(ctx context.Context, id string, ifVersion int, p RaterPatch) (fidelity.Rater, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return fidelity.Rater{}, err
	}
	var out fidelity.Rater
	err := s.store.InTx(ctx, func(tx Store) error {
		r, paths, err := visibleRater(ctx, tx, id)
		if err != nil {
			return err
		}
		if !raterWithin(caller(ctx), paths) {
			return notFound("rater", id)
		}
		before := r
		if err := checkVersion("rater", r.Version, ifVersion); err != nil {
			return err
		}
		if p.HomeSiteID != nil && strings.TrimSpace(*p.HomeSiteID) == "" && !caller(ctx).Unscoped() {
			return fidelity.Invalid("the rater is not valid",
				fidelity.FieldError{Field: "home_site_id", Reason: "only keys for all sites may take a rater's home site away"})
		}
		applyString(&r.Name, p.Name)
		applyString(&r.Organisation, p.Organisation)
		applyString(&r.Email, p.Email)
		applyString(&r.HomeSiteID, p.HomeSiteID)
		if p.Active != nil {
			r.Active = *p.Active
		}
		if err := checkRater(r); err != nil {
			return err
		}
		path, err := homePath(ctx, tx, r.HomeSiteID)
		if err != nil {
			return err
		}
		r.UpdatedAt = s.now()
		if err := tx.UpdateRater(ctx, r); err != nil {
			return err
		}
		r.Version++
		out = r
		return s.record(ctx, tx, "rater.update", "rater", r.ID, path, before, r)
	})
	return out, err
}
