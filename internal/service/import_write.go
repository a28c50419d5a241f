package service

import (
	"context"
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
	r.createdKeys[r.remember(rv)] = sets[0].row.Line
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
	r.pendingEvents = append(r.pendingEvents, r.s.event(r.ctx, "import.review", fidelity.ResourceReview, rv.ID, site.Path, nil,
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

// writePending writes the reviews planned since the last batch, with the
// sites and raters created for them, in the import's transaction.
//
// It used to hand the batch to a goroutine and go on checking the next one
// meanwhile. The checks read the transaction too (a stored site's reviews,
// a stored review's rating sets), and two statements at once on one
// PostgreSQL connection fail ("conn busy"): an import into sites that
// already held reviews failed. The overlap had measured within the noise
// (BENCHMARKS.md §6), so the batches are written in turn.
func (r *importRun) writePending() error {
	b := importWrite{sites: r.pendingSites, changes: r.pendingChanges, raters: r.pendingRaters,
		reviews: r.pending, events: r.pendingEvents}
	r.pendingSites, r.pendingChanges, r.pendingRaters, r.pending, r.pendingEvents = nil, nil, nil, nil, nil
	if len(b.sites)+len(b.raters)+len(b.reviews)+len(b.events) == 0 {
		return nil
	}
	return b.write(r.ctx, r.tx)
}

// importWrite is one batch of an import's writes.
type importWrite struct {
	sites   []fidelity.Site
	changes []fidelity.SiteChange
	raters  []fidelity.Rater
	reviews []ImportedReview
	events  []fidelity.AuditEvent
}

func (b importWrite) write(ctx context.Context, tx Store) error {
	if len(b.sites)+len(b.raters) > 0 {
		if err := tx.CreateImportedDirectory(ctx, b.sites, b.changes, b.raters); err != nil {
			return err
		}
	}
	if len(b.reviews)+len(b.events) == 0 {
		return nil
	}
	return tx.CreateImportedReviews(ctx, b.reviews, b.events)
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
