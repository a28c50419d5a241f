package service

import (
	"context"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// RescoreRequest asks for the finalised reviews under every version that
// an item map leads from to be re-scored under To.
type RescoreRequest struct {
	To     string // "id@version" (a bare id means its latest version)
	Site   string // a site id: only reviews of this subtree; "" = the caller's scope
	DryRun bool   // compute and report, store nothing
}

// Rescore statuses of one review.
const (
	RescoreStored    = "rescored"  // a new re-scored scorecard was stored
	RescoreUnchanged = "unchanged" // the same re-scoring was stored before
	RescoreDryRun    = "dry_run"   // computed, not stored
)

// RescoreResult is the report of one re-scoring run.
type RescoreResult struct {
	To      string
	DryRun  bool
	Reviews []RescoredReview
}

// RescoredReview is one review's outcome: what was carried, what was not
// and why.
type RescoredReview struct {
	ReviewID, SiteID string
	From             string // the review's own scale, id@version
	Status           string
	Rescored         fidelity.RescoredScorecard
}

// Rescore re-scores the stored consensus inputs of finalised reviews under
// another scale version, through the item maps that lead to it, into
// separate, labelled scorecards. Reviews, their scale versions and their
// scores are never changed. Admins only: a run can touch every review of
// the programme.
func (s *Service) Rescore(ctx context.Context, req RescoreRequest) (RescoreResult, error) {
	if err := requireRole(ctx); err != nil {
		return RescoreResult{}, err
	}
	to, err := s.scales.Resolve(strings.TrimSpace(req.To))
	if err != nil {
		return RescoreResult{}, fidelity.Invalid("unknown scale", fidelity.FieldError{Field: "to", Reason: "no scale " + req.To + " is published"})
	}
	maps := s.scales.MapsTo(scale.ScaleRef{ID: to.ID, Version: to.Version})
	if len(maps) == 0 {
		return RescoreResult{}, fidelity.Invalid("no item map", fidelity.FieldError{Field: "to",
			Reason: "no item map leads to " + to.Ref() + "; re-scoring needs one (scales/maps/)"})
	}
	if req.Site != "" {
		if _, err := visibleSite(ctx, s.store, req.Site); err != nil {
			return RescoreResult{}, err
		}
	}
	res := RescoreResult{To: to.Ref(), DryRun: req.DryRun, Reviews: []RescoredReview{}}
	for _, m := range maps {
		from, err := s.scales.Get(m.Supersedes.ID, m.Supersedes.Version)
		if err != nil {
			return RescoreResult{}, err
		}
		reviews, err := s.finalisedUnder(ctx, from, req.Site)
		if err != nil {
			return RescoreResult{}, err
		}
		for _, r := range reviews {
			out, err := s.rescoreOne(ctx, r, m, from, to, req.DryRun)
			if err != nil {
				return RescoreResult{}, err
			}
			res.Reviews = append(res.Reviews, out)
		}
	}
	return res, nil
}

// finalisedUnder lists the finalised reviews under sc in the subtree (or
// the caller's scope), page by page.
func (s *Service) finalisedUnder(ctx context.Context, sc *scale.Scale, subtree string) ([]fidelity.Review, error) {
	f := ReviewFilter{Subtree: subtree, Subtrees: caller(ctx).Scope, ScaleID: sc.ID, ScaleVersion: sc.Version,
		Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}, Page: Page{Limit: maxLimit}}
	var out []fidelity.Review
	for {
		page, err := s.store.ListReviews(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < f.Limit {
			return out, nil
		}
		f.After = page[len(page)-1].ID
	}
}

// rescoreOne re-scores one review's consensus and, unless dry, stores it
// with an audit event in one transaction; the review row is locked so the
// inputs and the review version read belong together.
func (s *Service) rescoreOne(ctx context.Context, r fidelity.Review, m *scale.ItemMap, from, to *scale.Scale, dry bool) (RescoredReview, error) {
	out := RescoredReview{ReviewID: r.ID, SiteID: r.SiteID, From: from.Ref(), Status: RescoreDryRun}
	build := func(st Store, r fidelity.Review) error {
		consensus, err := st.GetRatingSet(ctx, r.ID, fidelity.ConsensusKey)
		if err != nil && fidelity.KindOf(err) != fidelity.KindNotFound {
			return err
		}
		card, carried, notCarried, err := scoring.Rescore(m, from, to, consensus.Inputs)
		if err != nil {
			return err
		}
		out.Rescored = fidelity.RescoredScorecard{
			ID: s.newID(), ReviewID: r.ID, SourceScaleID: from.ID, SourceScaleVersion: from.Version,
			ReviewVersion: r.Version, MapChecksum: m.Checksum, Scorecard: card, Carried: carried, NotCarried: notCarried,
			CreatedAt: s.now().UTC(), CreatedBy: caller(ctx).Name,
		}
		return nil
	}
	if dry {
		return out, build(s.store, r)
	}
	err := s.store.InTx(ctx, func(tx Store) error {
		locked, path, err := tx.LockReviewAt(ctx, r.ID)
		if err != nil {
			return err
		}
		if err := build(tx, locked); err != nil {
			return err
		}
		existing, err := tx.ListRescored(ctx, []string{r.ID}, to.ID, to.Version)
		if err != nil {
			return err
		}
		for _, e := range existing {
			if e.MapChecksum == m.Checksum && e.ReviewVersion == locked.Version {
				out.Status, out.Rescored = RescoreUnchanged, e
				return nil
			}
		}
		if err := tx.PutRescored(ctx, out.Rescored); err != nil {
			return err
		}
		out.Status = RescoreStored
		return s.record(ctx, tx, "review.rescore", "rescored_scorecard", out.Rescored.ID, path, nil, rescoreAudit(out.Rescored))
	})
	return out, err
}

// rescoreAudit is what the audit log keeps of a re-scoring.
func rescoreAudit(rs fidelity.RescoredScorecard) map[string]any {
	return map[string]any{
		"review_id": rs.ReviewID, "from": rs.SourceScaleID + "@" + rs.SourceScaleVersion,
		"to": rs.Scorecard.ScaleID + "@" + rs.Scorecard.ScaleVersion, "review_version": rs.ReviewVersion,
		"carried": rs.Carried, "not_carried": rs.NotCarried,
	}
}

// RescoredScorecards returns a review's re-scored scorecards under every
// version an item map leads to from the review's scale, oldest first.
func (s *Service) RescoredScorecards(ctx context.Context, reviewID string) ([]fidelity.RescoredScorecard, error) {
	r, err := s.GetReview(ctx, reviewID)
	if err != nil {
		return nil, err
	}
	out := []fidelity.RescoredScorecard{}
	for _, m := range s.scales.Maps() {
		if m.Supersedes.ID != r.ScaleID || m.Supersedes.Version != r.ScaleVersion {
			continue
		}
		list, err := s.store.ListRescored(ctx, []string{reviewID}, m.Scale.ID, m.Scale.Version)
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	return out, nil
}
