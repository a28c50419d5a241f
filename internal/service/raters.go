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
}

// RaterPatch changes a rater; nil fields stay.
type RaterPatch struct {
	Name         *string
	Organisation *string
	Email        *string
	Active       *bool
}

func checkRater(r fidelity.Rater) error {
	var c checks
	c.text("name", r.Name, 1, 200)
	c.text("organisation", r.Organisation, 0, 200)
	c.text("email", r.Email, 0, 254)
	c.email("email", r.Email)
	return c.err("the rater is not valid")
}

// CreateRater registers a rater.
func (s *Service) CreateRater(ctx context.Context, in RaterInput) (fidelity.Rater, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return fidelity.Rater{}, err
	}
	now := s.now()
	r := fidelity.Rater{
		ID: s.newID(), Name: strings.TrimSpace(in.Name), Organisation: strings.TrimSpace(in.Organisation),
		Email: strings.TrimSpace(in.Email), Active: true, CreatedAt: now, UpdatedAt: now, Version: 1,
	}
	if err := checkRater(r); err != nil {
		return fidelity.Rater{}, err
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		if err := tx.CreateRater(ctx, r); err != nil {
			return err
		}
		return s.record(ctx, tx, "rater.create", "rater", r.ID, "", nil, r)
	})
	if err != nil {
		return fidelity.Rater{}, err
	}
	return r, nil
}

// GetRater returns one rater.
func (s *Service) GetRater(ctx context.Context, id string) (fidelity.Rater, error) {
	return s.store.GetRater(ctx, id)
}

// ListRaters lists raters; next is the following page's cursor.
func (s *Service) ListRaters(ctx context.Context, f RaterFilter) ([]fidelity.Rater, string, error) {
	f.Limit = clampLimit(f.Limit)
	rs, err := s.store.ListRaters(ctx, f)
	if err != nil {
		return nil, "", err
	}
	return rs, nextCursor(len(rs), f.Limit, func() string { return rs[len(rs)-1].ID }), nil
}

// UpdateRater changes a rater's details or active flag.
func (s *Service) UpdateRater(ctx context.Context, id string, ifVersion int, p RaterPatch) (fidelity.Rater, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return fidelity.Rater{}, err
	}
	r, err := s.store.GetRater(ctx, id)
	if err != nil {
		return r, err
	}
	before := r
	if err := checkVersion("rater", r.Version, ifVersion); err != nil {
		return fidelity.Rater{}, err
	}
	applyString(&r.Name, p.Name)
	applyString(&r.Organisation, p.Organisation)
	applyString(&r.Email, p.Email)
	if p.Active != nil {
		r.Active = *p.Active
	}
	if err := checkRater(r); err != nil {
		return fidelity.Rater{}, err
	}
	r.UpdatedAt = s.now()
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := tx.UpdateRater(ctx, r); err != nil {
			return err
		}
		after := r
		after.Version++
		return s.record(ctx, tx, "rater.update", "rater", r.ID, "", before, after)
	})
	if err != nil {
		return fidelity.Rater{}, err
	}
	r.Version++
	return r, nil
}
