package service

import (
	"slices"
	"strconv"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/importer"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// ImportCorrection is a changed consensus score of a stored finalised
// review that the import applies as a correction (ImportOptions.
// CorrectionReason); a dry run lists the ones a commit would apply.
type ImportCorrection struct {
	Sheet    string `json:"sheet"`
	Row      int    `json:"row"`
	ReviewID string `json:"review_id"`
	Item     string `json:"item"`
	// Before is the stored score (nil: not scored), After the file's.
	Before *int `json:"before"`
	After  int  `json:"after"`
}

// matchReview compares a review of the file with the one already stored
// under the same natural key: the same scores are a match (a re-import
// creates nothing). A different score is a conflict and is not
// overwritten, unless the import was asked to apply changed consensus
// scores of finalised reviews as corrections with a reason: then each is
// a correction as Correct records it (the stored value kept beside the
// new one, who, when and why).
func (r *importRun) matchReview(row importer.Row, sc *scale.Scale, stored fidelity.Review, status fidelity.ReviewStatus, sets []scoredSet) error {
	if stored.Status != status {
		r.at(row, "review_status", row.Status).because("differs from the review already stored, which is %s; an import does not change stored reviews", string(stored.Status))
		return nil
	}
	heads, err := r.tx.ListRatingSetHeads(r.ctx, stored.ID, true)
	if err != nil {
		return err
	}
	byKey := make(map[string]fidelity.RatingSet, len(heads))
	for _, h := range heads {
		byKey[h.RaterKey] = h
	}
	before := r.errors
	var fix *scoredSet
	var changes []ImportCorrection
	for i, st := range sets {
		have, ok := byKey[st.key]
		if !ok {
			r.at(st.row, "rater", st.row.Rater).because("the review already stored has no ratings of this rater; an import does not change stored reviews")
			continue
		}
		for _, item := range st.card.Items {
			a, okA := st.card.Score(item.ItemID)
			b, okB := have.Scorecard.Score(item.ItemID)
			if okA == okB && a == b {
				continue
			}
			if why := r.uncorrectable(stored, st.key, okA); why != "" {
				r.at(st.row, item.ItemID, scoreText(a, okA)).because(why, item.ItemID, scoreText(b, okB))
				continue
			}
			fix = &sets[i]
			c := ImportCorrection{Sheet: st.row.Sheet, Row: st.row.Line, ReviewID: stored.ID, Item: item.ItemID, After: a}
			if okB {
				c.Before = &b
			}
			changes = append(changes, c)
		}
	}
	if r.errors > before {
		return nil
	}
	if len(changes) > 0 {
		if err := r.correctStored(sc, stored, fix, changes); err != nil || r.errors > before {
			return err
		}
		r.rep.Summary.ReviewsCorrected++
		r.rep.Summary.ItemsCorrected += len(changes)
		r.rep.Corrections = append(r.rep.Corrections, changes[:min(len(changes), MaxReportedErrors-len(r.rep.Corrections))]...)
	}
	r.rep.Summary.ReviewsMatched++
	r.rep.Summary.RatingSetsMatched += len(sets)
	return nil
}

// uncorrectable is the row error of a changed score that is not applied
// as a correction ("" when it is): corrections change the consensus of a
// finalised review, as on the review's own page, and set a score; they
// neither rewrite a rater's independent ratings nor unrate an item. Each
// message takes the item and the stored score.
func (r *importRun) uncorrectable(stored fidelity.Review, key string, scored bool) string {
	switch {
	case r.opts.CorrectionReason == "":
		return "differs from the review already stored, where item %s is %s; an import does not change stored reviews: correct it on the review, or import with a correction reason"
	case stored.Status != fidelity.StatusFinalised:
		return "differs from the review already stored, where item %s is %s; the stored review is not finalised, so an import does not correct it: change it on the review"
	case key != fidelity.ConsensusKey:
		return "differs from the review already stored, where item %s is %s; a rater's independent ratings are kept as rated: only the consensus is corrected"
	case !scored:
		return "differs from the review already stored, where item %s is %s; the file leaves the item unrated, and a correction sets a score"
	}
	return ""
}

// correctStored checks the changed consensus items of the file against
// the stored review (the corrected consensus must still have a valid
// total) and, when the import commits, applies them in its transaction.
func (r *importRun) correctStored(sc *scale.Scale, stored fidelity.Review, file *scoredSet, changes []ImportCorrection) error {
	cons, err := r.tx.GetRatingSet(r.ctx, stored.ID, fidelity.ConsensusKey)
	if err != nil {
		return err
	}
	changed := make([]fidelity.ItemInput, 0, len(changes))
	for _, c := range changes {
		i := slices.IndexFunc(file.inputs, func(in fidelity.ItemInput) bool { return in.ItemID == c.Item })
		changed = append(changed, file.inputs[i])
	}
	cc, err := planCorrection(stored, cons, changed, func(items []fidelity.ItemInput) (fidelity.Scorecard, error) {
		return scoring.Score(historicScale(sc, directItems(sc, items)), items)
	})
	if err != nil {
		r.at(file.row, "", "").because("the corrections would leave the stored review without a valid total")
		for _, reason := range reasonsOf(err) {
			r.at(file.row, "", "").because("%s", reason)
		}
		return nil
	}
	if !r.writing() {
		return nil
	}
	path := ""
	if site, ok := r.sites.byID[stored.SiteID]; ok {
		path = site.Path
	}
	_, err = r.s.applyCorrection(r.ctx, r.tx, path, cc, r.opts.CorrectionReason)
	return err
}

// directItems are the rule-rated items that items give as a bare score,
// as historic forms record them (see historicScale).
func directItems(sc *scale.Scale, items []fidelity.ItemInput) map[string]bool {
	direct := map[string]bool{}
	for _, in := range items {
		it, ok := sc.Item(in.ItemID)
		if ok && it.Type != scale.TypeOrdinal && in.Score != nil && len(in.Values) == 0 && len(in.Elements) == 0 {
			direct[in.ItemID] = true
		}
	}
	return direct
}

func reasonsOf(err error) []string {
	fields := fidelity.FieldsOf(err)
	if len(fields) == 0 {
		return []string{err.Error()}
	}
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Reason
	}
	return out
}

func scoreText(v int, ok bool) string {
	if !ok {
		return "not scored"
	}
	return strconv.Itoa(v)
}
