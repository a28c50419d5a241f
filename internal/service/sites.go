package service

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// SiteInput creates a site.
type SiteInput struct {
	ParentID   string
	Kind       string
	Code       string
	Name       string
	ActiveFrom *time.Time
}

// SitePatch changes a site's descriptive fields; nil fields stay.
type SitePatch struct {
	Kind *string
	Code *string
	Name *string
}

// SiteView is a site with what a programme lead wants next to it.
type SiteView struct {
	fidelity.Site
	// LastReview is the latest finalised review of one of LastReviewTypes
	// (by default external and remote: a self-assessment is not a
	// fidelity review).
	LastReview      *fidelity.Review
	LastReviewTypes []fidelity.ReviewType
	Due             Due
	// latestRows are the site_latest rows LastReview and Due were
	// computed from (DueFacts.Latest), for SiteAnswer's check.
	latestRows string
}

func checkSite(c *checks, kind, code, name string) {
	c.text("kind", kind, 1, 40)
	c.text("code", code, 0, 40)
	c.text("name", name, 1, 200)
}

// CreateSite adds a site under ParentID (or as a root).
func (s *Service) CreateSite(ctx context.Context, in SiteInput) (SiteView, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return SiteView{}, err
	}
	var c checks
	checkSite(&c, in.Kind, in.Code, in.Name)
	if err := c.err("the site is not valid"); err != nil {
		return SiteView{}, err
	}
	now := s.now()
	site := fidelity.Site{
		ID: s.newID(), ParentID: in.ParentID, Kind: strings.TrimSpace(in.Kind),
		Code: strings.TrimSpace(in.Code), Name: strings.TrimSpace(in.Name),
		ActiveFrom: in.ActiveFrom, CreatedAt: now, UpdatedAt: now, Version: 1,
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		parentPath := "/"
		if in.ParentID != "" {
			parent, err := visibleSite(ctx, tx, in.ParentID)
			if err != nil {
				if fidelity.KindOf(err) == fidelity.KindNotFound {
					return missingSite("parent_id")
				}
				return err
			}
			parentPath = parent.Path
		} else if !caller(ctx).Unscoped() {
			return fidelity.Errorf(fidelity.KindForbidden, "only unscoped keys may create root sites")
		}
		site.Path = parentPath + site.ID + "/"
		if err := codeFree(ctx, tx, site); err != nil {
			return err
		}
		if err := tx.CreateSite(ctx, site); err != nil {
			return err
		}
		if err := tx.AddSiteChange(ctx, siteChange(site, now, "created")); err != nil {
			return err
		}
		return s.record(ctx, tx, "site.create", "site", site.ID, site.Path, nil, site)
	})
	if err != nil {
		return SiteView{}, err
	}
	return SiteView{Site: site, LastReviewTypes: fidelity.FidelityReviewTypes(), Due: Due{State: DueNoReview, Reason: "no finalised review yet"}}, nil
}

func siteChange(site fidelity.Site, at time.Time, change string) fidelity.SiteChange {
	return fidelity.SiteChange{
		SiteID: site.ID, ValidFrom: at, Name: site.Name, Code: site.Code,
		ParentID: site.ParentID, Path: site.Path, Change: change,
	}
}

// GetSite returns a site with its last fidelity review and next due date.
func (s *Service) GetSite(ctx context.Context, id string) (SiteView, error) {
	return s.GetSiteOfTypes(ctx, id, nil)
}

// GetSiteOfTypes returns a site with its last finalised review of types
// (the fidelity review types when empty) and its next due date, which
// follows the review policy whatever types are shown.
func (s *Service) GetSiteOfTypes(ctx context.Context, id string, types []fidelity.ReviewType) (SiteView, error) {
	site, err := visibleSite(ctx, s.store, id)
	if err != nil {
		return SiteView{}, err
	}
	views, err := s.withDue(ctx, []fidelity.Site{site}, types)
	if err != nil {
		return SiteView{}, err
	}
	return views[0], nil
}

// ListSites lists sites in the caller's scope; next is the cursor of the
// following page ("" at the end).
func (s *Service) ListSites(ctx context.Context, f SiteFilter) (views []SiteView, next string, err error) {
	f.Subtrees = caller(ctx).Scope
	f.Limit = clampLimit(f.Limit)
	sites, err := s.store.ListSites(ctx, f)
	if err != nil {
		return nil, "", err
	}
	views, err = s.withDue(ctx, sites, nil)
	if err != nil {
		return nil, "", err
	}
	return views, nextCursor(len(sites), f.Limit, func() string { return sites[len(sites)-1].ID }), nil
}

// UpdateSite renames or re-codes a site; the old name stays in its history.
func (s *Service) UpdateSite(ctx context.Context, id string, ifVersion int, p SitePatch) (SiteView, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return SiteView{}, err
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		site, err := editableSite(ctx, tx, id, ifVersion)
		if err != nil {
			return err
		}
		before := site
		change := "updated"
		if p.Name != nil && strings.TrimSpace(*p.Name) != site.Name {
			change = "renamed"
		}
		applyString(&site.Kind, p.Kind)
		applyString(&site.Code, p.Code)
		applyString(&site.Name, p.Name)
		var c checks
		checkSite(&c, site.Kind, site.Code, site.Name)
		if err := c.err("the site is not valid"); err != nil {
			return err
		}
		_, err = s.saveSite(ctx, tx, before, site, change, "site."+change)
		return err
	})
	if err != nil {
		return SiteView{}, err
	}
	return s.GetSite(ctx, id)
}

// MoveSite puts a site (with its subtree) under a new parent ("" = root).
func (s *Service) MoveSite(ctx context.Context, id string, ifVersion int, parentID string) (SiteView, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return SiteView{}, err
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		site, err := editableSite(ctx, tx, id, ifVersion)
		if err != nil {
			return err
		}
		newParentPath := "/"
		if parentID != "" {
			parent, err := visibleSite(ctx, tx, parentID)
			if err != nil {
				if fidelity.KindOf(err) == fidelity.KindNotFound {
					return missingSite("parent_id")
				}
				return err
			}
			if strings.HasPrefix(parent.Path, site.Path) {
				return fidelity.Invalid("the move is not valid", fidelity.FieldError{Field: "parent_id", Reason: "a site cannot be moved under itself or its own descendants"})
			}
			newParentPath = parent.Path
		} else if !caller(ctx).Unscoped() {
			return fidelity.Errorf(fidelity.KindForbidden, "only unscoped keys may make a site a root")
		}
		before, oldPath := site, site.Path
		site.ParentID = parentID
		site.Path = newParentPath + site.ID + "/"
		if _, err := s.saveSite(ctx, tx, before, site, "moved", "site.move"); err != nil {
			return err
		}
		return tx.RewritePaths(ctx, oldPath, site.Path)
	})
	if err != nil {
		return SiteView{}, err
	}
	return s.GetSite(ctx, id)
}

// DeactivateSite ends a site's active period; it and its history remain.
func (s *Service) DeactivateSite(ctx context.Context, id string, ifVersion int, activeTo time.Time) (SiteView, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return SiteView{}, err
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		site, err := editableSite(ctx, tx, id, ifVersion)
		if err != nil {
			return err
		}
		if site.ActiveFrom != nil && activeTo.Before(*site.ActiveFrom) {
			return fidelity.Invalid("the deactivation is not valid", fidelity.FieldError{Field: "active_to", Reason: "must not be before the site's active_from"})
		}
		before := site
		site.ActiveTo = &activeTo
		_, err = s.saveSite(ctx, tx, before, site, "deactivated", "site.deactivate")
		return err
	})
	if err != nil {
		return SiteView{}, err
	}
	return s.GetSite(ctx, id)
}

// DeleteSite removes a site that has neither reviews nor child sites; a
// site with history in reviews is deactivated instead, never deleted.
func (s *Service) DeleteSite(ctx context.Context, id string) error {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx Store) error {
		site, err := visibleSite(ctx, tx, id)
		if err != nil {
			return err
		}
		n, err := tx.CountReviews(ctx, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return fidelity.Errorf(fidelity.KindConflict, "site %s has %d review(s) and is never deleted; deactivate it instead", id, n)
		}
		children, err := tx.CountChildren(ctx, id)
		if err != nil {
			return err
		}
		if children > 0 {
			return fidelity.Errorf(fidelity.KindConflict, "site %s has %d child site(s); move or delete them first", id, children)
		}
		if err := tx.DeleteSite(ctx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, "site.delete", "site", id, site.Path, site, nil)
	})
}

// SiteHistory lists renames, moves and deactivations, oldest first.
func (s *Service) SiteHistory(ctx context.Context, id string) ([]fidelity.SiteChange, error) {
	if _, err := visibleSite(ctx, s.store, id); err != nil {
		return nil, err
	}
	return s.store.SiteHistory(ctx, id)
}

// saveSite writes a changed site (where its stored version is still
// before's), its history entry and its audit event, and returns it as
// stored.
func (s *Service) saveSite(ctx context.Context, tx Store, before, site fidelity.Site, change, action string) (fidelity.Site, error) {
	if err := codeFree(ctx, tx, site); err != nil {
		return fidelity.Site{}, err
	}
	site.UpdatedAt = s.now()
	if err := tx.UpdateSite(ctx, site); err != nil {
		return fidelity.Site{}, err
	}
	site.Version++
	if err := tx.AddSiteChange(ctx, siteChange(site, site.UpdatedAt, change)); err != nil {
		return fidelity.Site{}, err
	}
	return site, s.record(ctx, tx, action, "site", site.ID, site.Path, before, site)
}

// codeFree enforces the contract's rule that a code is unique among the
// parent's active (not deactivated) children, before a write that would
// break it; the unique index sites_sibling_code_key is the backstop for a
// concurrent writer. A deactivated site and the empty code hold nothing.
func codeFree(ctx context.Context, tx Store, site fidelity.Site) error {
	if site.ActiveTo != nil || site.Code == "" {
		return nil
	}
	taken, err := tx.SiteCodeTaken(ctx, site.ParentID, site.Code, site.ID)
	if err != nil {
		return err
	}
	if taken {
		return SiteCodeTakenError(site.Code)
	}
	return nil
}

// SiteCodeTakenError is the 409 for a code already used by an active
// sibling.
func SiteCodeTakenError(code string) error {
	return &fidelity.Error{Kind: fidelity.KindConflict,
		Message: "another active site under the same parent already has code " + code,
		Fields:  []fidelity.FieldError{{Field: "code", Reason: "already used by an active site under the same parent"}}}
}

// editableSite loads a site in the caller's scope for a change based on
// version ifVersion (If-Match).
func editableSite(ctx context.Context, tx Store, id string, ifVersion int) (fidelity.Site, error) {
	site, err := visibleSite(ctx, tx, id)
	if err != nil {
		return site, err
	}
	return site, checkVersion("site", site.Version, ifVersion)
}

func applyString(dst *string, v *string) {
	if v != nil {
		*dst = strings.TrimSpace(*v)
	}
}

// AnyVersion is the ifVersion that asks for no version check (no If-Match,
// or "If-Match: *"). Any other value must equal the current version; 0 is
// the version of a rating set not saved yet, so "must not exist yet".
const AnyVersion = -1

// checkVersion implements If-Match.
func checkVersion(what string, current, ifVersion int) error {
	if ifVersion != AnyVersion && ifVersion != current {
		return fidelity.Errorf(fidelity.KindPreconditionFailed,
			"the %s was changed by someone else (you have version %d, current is %d); reload and try again", what, ifVersion, current)
	}
	return nil
}

const (
	defaultLimit = 50
	maxLimit     = 500
)

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return defaultLimit
	case n > maxLimit:
		return maxLimit
	}
	return n
}

func nextCursor(got, limit int, last func() string) string {
	if got < limit || got == 0 {
		return ""
	}
	return last()
}

// missingSite is the answer for a site a request refers to that does not
// exist or is outside the caller's scope: 404, as the contract says for
// "the resource or one it refers to", naming the field.
func missingSite(field string) error {
	return &fidelity.Error{Kind: fidelity.KindNotFound, Message: fmt.Sprintf("the site %s refers to was not found", field),
		Fields: []fidelity.FieldError{{Field: field, Reason: "no such site"}}}
}
