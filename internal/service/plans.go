package service

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// OutcomeInput records a site's outcome for a period.
type OutcomeInput struct {
	Measure     string
	PeriodStart time.Time
	PeriodEnd   time.Time
	Value       float64
	N           int
	Note        string
}

// RecordOutcome stores an outcome (e.g. the share of participants in
// competitive employment) for a site and period, to link fidelity to results.
func (s *Service) RecordOutcome(ctx context.Context, siteID string, in OutcomeInput) (fidelity.Outcome, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return fidelity.Outcome{}, err
	}
	var c checks
	c.text("measure", in.Measure, 1, 80)
	c.text("note", in.Note, 0, 2000)
	if in.PeriodStart.IsZero() || in.PeriodEnd.IsZero() {
		c.add("period_end", "the period needs a start and an end")
	} else if in.PeriodEnd.Before(in.PeriodStart) {
		c.add("period_end", "must not be before period_start")
	}
	if math.IsNaN(in.Value) || math.IsInf(in.Value, 0) {
		c.add("value", "must be a finite number")
	}
	if in.N < 0 {
		c.add("n", "must not be negative")
	}
	if err := c.err("the outcome is not valid"); err != nil {
		return fidelity.Outcome{}, err
	}
	o := fidelity.Outcome{
		ID: s.newID(), SiteID: siteID, Measure: strings.TrimSpace(in.Measure), PeriodStart: in.PeriodStart,
		PeriodEnd: in.PeriodEnd, Value: in.Value, N: in.N, Note: strings.TrimSpace(in.Note), CreatedAt: s.now(),
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		site, err := visibleSite(ctx, tx, siteID)
		if err != nil {
			return err
		}
		if err := tx.CreateOutcome(ctx, o); err != nil {
			return err
		}
		return s.record(ctx, tx, "outcome.create", "outcome", o.ID, site.Path, nil, o)
	})
	return o, err
}

// Outcomes lists a site's outcomes.
func (s *Service) Outcomes(ctx context.Context, siteID, measure string) ([]fidelity.Outcome, error) {
	if _, err := visibleSite(ctx, s.store, siteID); err != nil {
		return nil, err
	}
	return s.store.ListOutcomes(ctx, OutcomeFilter{SiteIDs: []string{siteID}, Measure: measure})
}

// ActionInput creates an action item.
type ActionInput struct {
	ItemIDs []string
	Title   string
	Owner   string
	Due     *time.Time
	Note    string
}

// ActionPatch changes an action item; nil fields stay.
type ActionPatch struct {
	ItemIDs *[]string
	Title   *string
	Owner   *string
	Due     *time.Time
	Status  *fidelity.ActionStatus
	Note    *string
}

func (s *Service) checkAction(a fidelity.ActionItem, itemIDs []string, scaleID, version string) error {
	var c checks
	c.text("title", a.Title, 1, 300)
	c.text("owner", a.Owner, 0, 200)
	c.text("note", a.Note, 0, 4000)
	switch a.Status {
	case fidelity.ActionOpen, fidelity.ActionInProgress, fidelity.ActionDone, fidelity.ActionDropped:
	default:
		c.add("status", "must be open, in_progress, done or dropped")
	}
	if sc, err := s.scales.Get(scaleID, version); err == nil {
		for i, id := range itemIDs {
			if _, ok := sc.Item(id); !ok {
				c.add("item_ids", "entry %d: %s is not an item of %s", i, id, sc.Ref())
			}
			if slices.Index(itemIDs, id) != i {
				c.add("item_ids", "%s is listed twice", id)
			}
		}
	}
	return c.err("the action is not valid")
}

// CreateAction adds an action to a review's action plan.
func (s *Service) CreateAction(ctx context.Context, reviewID string, in ActionInput) (fidelity.ActionItem, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return fidelity.ActionItem{}, err
	}
	var out fidelity.ActionItem
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, err := visibleReviewAt(ctx, tx, reviewID)
		if err != nil {
			return err
		}
		now := s.now()
		a := fidelity.ActionItem{
			ID: s.newID(), ReviewID: reviewID, SiteID: r.SiteID, ItemIDs: in.ItemIDs, Title: strings.TrimSpace(in.Title),
			Owner: strings.TrimSpace(in.Owner), Due: in.Due, Status: fidelity.ActionOpen, Note: strings.TrimSpace(in.Note),
			CreatedAt: now, UpdatedAt: now, Version: 1,
		}
		if a.ItemIDs == nil {
			a.ItemIDs = []string{}
		}
		if err := s.checkAction(a, a.ItemIDs, r.ScaleID, r.ScaleVersion); err != nil {
			return err
		}
		if err := tx.CreateAction(ctx, a); err != nil {
			return err
		}
		out = a
		return s.record(ctx, tx, "action.create", "action", a.ID, path, nil, a)
	})
	return out, err
}

// UpdateAction changes an action (its status as work progresses).
func (s *Service) UpdateAction(ctx context.Context, id string, ifVersion int, p ActionPatch) (fidelity.ActionItem, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return fidelity.ActionItem{}, err
	}
	var out fidelity.ActionItem
	err := s.store.InTx(ctx, func(tx Store) error {
		a, err := tx.GetAction(ctx, id)
		if err != nil {
			return hideMissing(err, "action", id)
		}
		r, path, err := visibleReviewAt(ctx, tx, a.ReviewID)
		if err != nil {
			return hideMissing(err, "action", id)
		}
		if err := checkVersion("action", a.Version, ifVersion); err != nil {
			return err
		}
		before := a
		if p.ItemIDs != nil {
			a.ItemIDs = *p.ItemIDs
		}
		applyString(&a.Title, p.Title)
		applyString(&a.Owner, p.Owner)
		applyString(&a.Note, p.Note)
		if p.Due != nil {
			a.Due = p.Due
		}
		if p.Status != nil {
			a.Status = *p.Status
		}
		if err := s.checkAction(a, a.ItemIDs, r.ScaleID, r.ScaleVersion); err != nil {
			return err
		}
		a.UpdatedAt = s.now()
		if err := tx.UpdateAction(ctx, a); err != nil {
			return err
		}
		a.Version++
		out = a
		return s.record(ctx, tx, "action.update", "action", id, path, before, a)
	})
	return out, err
}

// Actions lists the actions of a review.
func (s *Service) Actions(ctx context.Context, reviewID string) ([]fidelity.ActionItem, error) {
	if _, err := visibleReview(ctx, s.store, reviewID); err != nil {
		return nil, err
	}
	return s.store.ListActions(ctx, ActionFilter{ReviewID: reviewID})
}
