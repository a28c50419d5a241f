package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// ReviewInput plans a review.
type ReviewInput struct {
	SiteID     string
	Scale      string // "id@version" or "id" (latest)
	Type       fidelity.ReviewType
	VisitStart time.Time
	VisitEnd   time.Time
	RaterIDs   []string
}

// ReviewPatch changes a review before it is finalised; nil fields stay.
type ReviewPatch struct {
	Type       *fidelity.ReviewType
	VisitStart *time.Time
	VisitEnd   *time.Time
	RaterIDs   *[]string
}

// ReviewView is a review with which raters have submitted.
type ReviewView struct {
	fidelity.Review
	Submitted []string
}

const maxRaters = 10

func checkReviewShape(c *checks, typ fidelity.ReviewType, start, end time.Time, raters []string) {
	switch typ {
	case fidelity.ReviewExternal, fidelity.ReviewSelf, fidelity.ReviewRemote:
	default:
		c.add("type", "must be one of external, self, remote")
	}
	if start.IsZero() {
		c.add("visit_start", "is required")
	}
	if end.IsZero() {
		c.add("visit_end", "is required")
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		c.add("visit_end", "must not be before visit_start")
	}
	switch {
	case len(raters) == 0:
		c.add("rater_ids", "at least one rater is required")
	case len(raters) > maxRaters:
		c.add("rater_ids", "at most %d raters", maxRaters)
	}
	for i, id := range raters {
		if slices.Index(raters, id) != i {
			c.add("rater_ids", "rater %s is listed twice", id)
		}
	}
}

// checkRaters verifies that every rater exists, is relevant to the
// caller's scope (others are reported exactly as unknown ones) and is
// active.
func checkRaters(ctx context.Context, st Store, ids []string, c *checks) error {
	for _, id := range ids {
		r, _, err := visibleRater(ctx, st, id)
		switch {
		case fidelity.KindOf(err) == fidelity.KindNotFound:
			c.add("rater_ids", "no rater %s", id)
		case err != nil:
			return err
		case !r.Active:
			c.add("rater_ids", "rater %s (%s) is not active", id, r.Name)
		}
	}
	return nil
}

// PlanReview creates a review in status planned.
func (s *Service) PlanReview(ctx context.Context, in ReviewInput) (ReviewView, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return ReviewView{}, err
	}
	var c checks
	checkReviewShape(&c, in.Type, in.VisitStart, in.VisitEnd, in.RaterIDs)
	sc, err := s.scales.Resolve(in.Scale)
	if err != nil {
		c.add("scale", "no scale %q is published", in.Scale)
	}
	if strings.TrimSpace(in.SiteID) == "" {
		// No site chosen is a form to correct, not a site to look for.
		c.add("site_id", "is required")
		return ReviewView{}, c.err("the review is not valid")
	}
	site, err := visibleSite(ctx, s.store, in.SiteID)
	switch {
	case fidelity.KindOf(err) == fidelity.KindNotFound:
		return ReviewView{}, missingSite("site_id")
	case err != nil:
		return ReviewView{}, err
	case !in.VisitStart.IsZero() && !site.Active(in.VisitStart):
		c.add("site_id", "the site is not active on the visit date")
	}
	if err := checkRaters(ctx, s.store, in.RaterIDs, &c); err != nil {
		return ReviewView{}, err
	}
	if err := c.err("the review is not valid"); err != nil {
		return ReviewView{}, err
	}
	now := s.now()
	r := fidelity.Review{
		ID: s.newID(), SiteID: in.SiteID, ScaleID: sc.ID, ScaleVersion: sc.Version, Type: in.Type,
		Status: fidelity.StatusPlanned, VisitStart: in.VisitStart, VisitEnd: in.VisitEnd,
		RaterIDs: in.RaterIDs, CreatedAt: now, UpdatedAt: now, Version: 1,
	}
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := tx.CreateReview(ctx, r); err != nil {
			return err
		}
		return s.record(ctx, tx, "review.plan", fidelity.ResourceReview, r.ID, site.Path, nil, r)
	})
	if err != nil {
		return ReviewView{}, err
	}
	return ReviewView{Review: r, Submitted: []string{}}, nil
}

// visibleReview loads a review and hides it when its site is out of scope.
func visibleReview(ctx context.Context, st Store, id string) (fidelity.Review, error) {
	r, _, err := visibleReviewAt(ctx, st, id)
	return r, err
}

// visibleReviewAt is visibleReview that also returns the site's path, which
// audit events record for scoping.
func visibleReviewAt(ctx context.Context, st Store, id string) (fidelity.Review, string, error) {
	r, path, err := st.GetReviewAt(ctx, id)
	if err != nil {
		return fidelity.Review{}, "", hideMissing(err, "review", id)
	}
	if !inScope(caller(ctx), path) {
		return fidelity.Review{}, "", notFound("review", id)
	}
	return r, path, nil
}

// lockedReviewAt is visibleReviewAt for writes: it takes the review's row
// lock and reads the review and its site's path in one go.
func lockedReviewAt(ctx context.Context, tx Store, id string) (fidelity.Review, string, error) {
	r, path, err := tx.LockReviewAt(ctx, id)
	if err != nil {
		return fidelity.Review{}, "", hideMissing(err, "review", id)
	}
	if !inScope(caller(ctx), path) {
		return fidelity.Review{}, "", notFound("review", id)
	}
	return r, path, nil
}

// sharedReviewAt is lockedReviewAt with the review's row lock in share
// mode, for writes that leave the review's row alone (saveRatings).
func sharedReviewAt(ctx context.Context, tx Store, id string) (fidelity.Review, string, error) {
	r, path, err := tx.LockReviewSharedAt(ctx, id)
	if err != nil {
		return fidelity.Review{}, "", hideMissing(err, "review", id)
	}
	if !inScope(caller(ctx), path) {
		return fidelity.Review{}, "", notFound("review", id)
	}
	return r, path, nil
}

// GetReview returns a review and who has submitted.
func (s *Service) GetReview(ctx context.Context, id string) (ReviewView, error) {
	r, err := visibleReview(ctx, s.store, id)
	if err != nil {
		return ReviewView{}, err
	}
	return s.view(ctx, s.store, r)
}

func (s *Service) view(ctx context.Context, st Store, r fidelity.Review) (ReviewView, error) {
	sets, err := st.ListRatingSetHeads(ctx, r.ID, false)
	if err != nil {
		return ReviewView{}, err
	}
	v := ReviewView{Review: r, Submitted: []string{}}
	for _, rs := range sets {
		if rs.Submitted && rs.RaterKey != fidelity.ConsensusKey {
			v.Submitted = append(v.Submitted, rs.RaterKey)
		}
	}
	return v, nil
}

// ListReviews lists reviews in the caller's scope.
func (s *Service) ListReviews(ctx context.Context, f ReviewFilter) ([]fidelity.Review, string, error) {
	f = callersReviews(ctx, f)
	rs, err := s.store.ListReviews(ctx, f)
	if err != nil {
		return nil, "", err
	}
	return rs, reviewsCursor(rs, f.Limit), nil
}

// callersReviews narrows f to what the caller may list: their scope, and
// for a rater the reviews they rate; and bounds the page.
func callersReviews(ctx context.Context, f ReviewFilter) ReviewFilter {
	p := caller(ctx)
	f.Subtrees = p.Scope
	f.Limit = clampLimit(f.Limit)
	if p.Role == fidelity.RoleRater {
		f.RaterID = p.RaterID
	}
	return f
}

func reviewsCursor(rs []fidelity.Review, limit int) string {
	return nextCursor(len(rs), limit, func() string { return rs[len(rs)-1].ID })
}

// UpdateReview changes the plan of a review that is not finalised. Raters
// who have already saved ratings cannot be removed.
func (s *Service) UpdateReview(ctx context.Context, id string, ifVersion int, p ReviewPatch) (ReviewView, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return ReviewView{}, err
	}
	var out ReviewView
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, err := lockedReviewAt(ctx, tx, id)
		if err != nil {
			return err
		}
		before := r
		if err := checkVersion("review", r.Version, ifVersion); err != nil {
			return err
		}
		if r.Status == fidelity.StatusFinalised {
			return fidelity.Errorf(fidelity.KindConflict, "review %s is finalised and read-only; use a correction", id)
		}
		if p.Type != nil {
			r.Type = *p.Type
		}
		if p.VisitStart != nil {
			r.VisitStart = *p.VisitStart
		}
		if p.VisitEnd != nil {
			r.VisitEnd = *p.VisitEnd
		}
		var c checks
		if p.RaterIDs != nil {
			sets, err := tx.ListRatingSetHeads(ctx, id, false)
			if err != nil {
				return err
			}
			for _, rs := range sets {
				if rs.RaterKey != fidelity.ConsensusKey && !slices.Contains(*p.RaterIDs, rs.RaterKey) {
					c.add("rater_ids", "rater %s has already saved ratings and cannot be removed", rs.RaterKey)
				}
			}
			if r.Status == fidelity.StatusConsensus && len(*p.RaterIDs) != len(r.RaterIDs) {
				c.add("rater_ids", "raters cannot change once consensus has started")
			}
			r.RaterIDs = *p.RaterIDs
			if err := checkRaters(ctx, tx, r.RaterIDs, &c); err != nil {
				return err
			}
			// Removing the last rater who had not submitted closes the
			// individual ratings, as that rater's submission would have:
			// status and submissions stay in step (ratingsOpen).
			if r.Status == fidelity.StatusInProgress && len(r.RaterIDs) > 0 && allSubmitted(r, sets) {
				r.Status = fidelity.StatusConsensus
			}
		}
		checkReviewShape(&c, r.Type, r.VisitStart, r.VisitEnd, r.RaterIDs)
		if err := c.err("the review is not valid"); err != nil {
			return err
		}
		out, err = s.saveReview(ctx, tx, before, r, path, "review.update", tx.UpdateReview)
		return err
	})
	return out, err
}

// StartReview moves a planned review to in_progress.
func (s *Service) StartReview(ctx context.Context, id string, ifVersion int) (ReviewView, error) {
	if err := requireRole(ctx, fidelity.RoleLead, fidelity.RoleRater); err != nil {
		return ReviewView{}, err
	}
	var out ReviewView
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, err := lockedReviewAt(ctx, tx, id)
		if err != nil {
			return err
		}
		before := r
		if err := requireAssigned(ctx, r, "start"); err != nil {
			return err
		}
		if err := checkVersion("review", r.Version, ifVersion); err != nil {
			return err
		}
		if r.Status != fidelity.StatusPlanned {
			return fidelity.Errorf(fidelity.KindConflict, "review %s is %s, not planned", id, r.Status)
		}
		r.Status = fidelity.StatusInProgress
		out, err = s.saveReview(ctx, tx, before, r, path, "review.start", tx.SetReviewState)
		return err
	})
	return out, err
}

// saveReview writes a changed review with write (the full plan or only its
// state), appends its audit event and returns the view of it as stored.
func (s *Service) saveReview(ctx context.Context, tx Store, before, r fidelity.Review, path, action string,
	write func(context.Context, fidelity.Review) error) (ReviewView, error) {
	r.UpdatedAt = s.now()
	if err := write(ctx, r); err != nil {
		return ReviewView{}, err
	}
	r.Version++
	if err := s.record(ctx, tx, action, fidelity.ResourceReview, r.ID, path, before, r); err != nil {
		return ReviewView{}, err
	}
	return s.view(ctx, tx, r)
}
