package service

import (
	"slices"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// createReview plans a new review with its rating sets, and writes them
// when the import commits.
func (r *importRun) createReview(site *fidelity.Site, rv fidelity.Review, consensus *scoredSet, sets []scoredSet) error {
	rv.ID, rv.CreatedAt, rv.UpdatedAt, rv.Version = r.s.newID(), r.now, r.now, 1
	if consensus != nil {
		rv.Total, rv.Band, rv.Valid, rv.Complete = consensus.card.Total, consensus.card.Band, consensus.card.Valid, consensus.card.Complete
	}
	if rv.Status == fidelity.StatusFinalised {
		at := r.now
		rv.FinalisedAt = &at
	}
	r.reviews[site.ID] = append(r.reviews[site.ID], rv)
	r.createdKeys[naturalKey(rv)] = sets[0].row.Line
	sum := &r.rep.Summary
	sum.ReviewsCreated++
	sum.RatingSetsCreated += len(sets)
	for _, st := range sets {
		sum.ItemRatings += len(st.inputs)
	}
	if !r.writing() {
		return nil
	}
	ir := ImportedReview{Review: rv}
	submitted := rv.Status != fidelity.StatusInProgress
	for _, st := range sets {
		rs := fidelity.RatingSet{ReviewID: rv.ID, RaterKey: st.key, Inputs: st.inputs, Scorecard: st.card, UpdatedAt: r.now}
		if submitted && st.key != fidelity.ConsensusKey {
			at := r.now
			rs.Submitted, rs.SubmittedAt = true, &at
		}
		ir.Sets = append(ir.Sets, rs)
	}
	r.pending = append(r.pending, ir)
	r.pendingEvents = append(r.pendingEvents, r.s.event(r.ctx, "import.review", "review", rv.ID, site.Path, nil,
		map[string]any{"review": rv, "sheet": sets[0].row.Sheet, "row": sets[0].row.Line}))
	if rv.Status == fidelity.StatusFinalised && !slices.Contains(r.touchedSites, site.ID) {
		r.touchedSites = append(r.touchedSites, site.ID)
	}
	if len(r.pending) >= importBatch {
		return r.writePending()
	}
	return nil
}

// importBatch is how many reviews an import writes at a time: a few
// multi-row statements per batch, and a bounded buffer.
const importBatch = 100

// writePending writes the reviews planned since the last batch.
func (r *importRun) writePending() error {
	if len(r.pendingSites)+len(r.pendingRaters) > 0 {
		if err := r.tx.CreateImportedDirectory(r.ctx, r.pendingSites, r.pendingChanges, r.pendingRaters); err != nil {
			return err
		}
		r.pendingSites, r.pendingChanges, r.pendingRaters = r.pendingSites[:0], r.pendingChanges[:0], r.pendingRaters[:0]
	}
	if len(r.pending)+len(r.pendingEvents) == 0 {
		return nil
	}
	if err := r.tx.CreateImportedReviews(r.ctx, r.pending, r.pendingEvents); err != nil {
		return err
	}
	r.pending, r.pendingEvents = r.pending[:0], r.pendingEvents[:0]
	return nil
}

// audit writes the reviews still pending, refreshes site_latest of the
// sites that got finalised reviews (once each), and records the import as
// one event with its summary; each review it created has its own
// "import.review" event.
func (r *importRun) audit() error {
	path := ""
	if p := caller(r.ctx); len(p.Scope) == 1 {
		if site, ok := r.sites.byID[p.Scope[0]]; ok {
			path = site.Path
		}
	}
	if err := r.writePending(); err != nil {
		return err
	}
	if err := r.tx.RefreshSitesLatest(r.ctx, r.touchedSites); err != nil {
		return err
	}
	return r.s.record(r.ctx, r.tx, "import.commit", "import", r.s.newID(), path, nil,
		map[string]any{"rows": r.rep.Rows, "summary": r.rep.Summary})
}
