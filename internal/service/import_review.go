package service

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/importer"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// scoredSet is a set of the file, resolved and scored.
type scoredSet struct {
	key    string // rater id or ConsensusKey
	row    importer.Row
	inputs []fidelity.ItemInput
	card   fidelity.Scorecard
}

// importReview checks one review of the file against the scale, the
// sites, the raters and what is stored, and writes it when committing.
func (r *importRun) importReview(g *importGroup) error {
	before := r.errors
	row := g.first
	sc, okScale := r.reviewScale(row)
	typ, status, okHead := r.reviewHead(row)
	site, okSite, err := r.resolveSite(row)
	if err != nil {
		return err
	}
	if okSite && !inScope(caller(r.ctx), site.Path) {
		r.at(row, "site_path", row.SitePath+row.SiteCode).because("%s lies outside the sites you may change", row.SitePath+row.SiteCode)
		okSite = false
	}
	if !okScale || !okHead || !okSite {
		return nil
	}
	var sets []scoredSet
	var raterIDs []string
	for _, st := range g.sets {
		key := fidelity.ConsensusKey
		if !strings.EqualFold(st.raterKey, fidelity.ConsensusKey) {
			rt, ok, err := r.resolveRater(st.row, site)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if slices.Contains(raterIDs, rt.ID) {
				r.at(st.row, "rater", st.raterKey).because("rater %s is given twice for this review", rt.Name)
				continue
			}
			key = rt.ID
			raterIDs = append(raterIDs, rt.ID)
		}
		if scored, ok := r.scoreSet(sc, st); ok {
			scored.key = key
			sets = append(sets, scored)
		}
	}
	if r.errors > before {
		return nil
	}
	consensus := findScored(sets, fidelity.ConsensusKey)
	switch {
	case len(sets) == 0:
		r.at(row, "", "").because("the review has no ratings")
	case len(raterIDs) > maxRaters:
		r.at(row, "rater", "").because("at most %d raters", maxRaters)
	case status == fidelity.StatusFinalised && consensus == nil:
		r.at(row, "review_status", string(status)).because("a finalised review needs its consensus ratings (rater consensus)")
	case status == fidelity.StatusFinalised && !consensus.card.Valid:
		r.at(row, "review_status", string(status)).because("the consensus cannot be finalised: %s", consensus.card.InvalidReason)
	case status != fidelity.StatusFinalised && len(raterIDs) == 0:
		r.at(row, "review_status", string(status)).because("a review that is not finalised needs its raters' ratings")
	}
	if g.total != nil {
		r.checkTotal(*g.total, consensus)
	}
	if r.errors > before {
		return nil
	}
	rv := fidelity.Review{
		SiteID: site.ID, ScaleID: sc.ID, ScaleVersion: sc.Version, Type: typ, Status: status,
		VisitStart: row.VisitStart, VisitEnd: row.VisitEnd, RaterIDs: raterIDs,
	}
	key := naturalKey(rv)
	existing, ok, err := r.storedReview(rv, key)
	if err != nil {
		return err
	}
	if line, again := r.createdKeys[key]; again {
		r.at(row, "", "").because("the review of this row is also at row %d: keep the rows of a review together, and each review once", line)
		return nil
	}
	if ok {
		return r.matchReview(row, sc, existing, status, sets)
	}
	return r.createReview(site, rv, consensus, sets)
}

func findScored(sets []scoredSet, key string) *scoredSet {
	for i := range sets {
		if sets[i].key == key {
			return &sets[i]
		}
	}
	return nil
}

// checkTotal compares the file's total with the computed one: a total in
// a file is checked, never stored.
func (r *importRun) checkTotal(row importer.Row, consensus *scoredSet) {
	switch {
	case consensus == nil:
		r.at(row, "total", row.TotalText).because("the file gives a total but no consensus ratings to compute it from")
	case consensus.card.Total == nil:
		r.at(row, "total", row.TotalText).because("the file gives a total, but the consensus has none: %s", consensus.card.InvalidReason)
	case math.Abs(*consensus.card.Total-*row.Total) > 1e-9:
		r.at(row, "total", row.TotalText).because("the file's total differs from the total computed from the items (%s)",
			strconv.FormatFloat(*consensus.card.Total, 'f', -1, 64))
	}
}

// scoreSet turns a set's cells into item inputs and scores them. A score
// alone on an item the scale rates from measured inputs is a historic
// score as the form recorded it: it is scored directly (see historicScale).
func (r *importRun) scoreSet(sc *scale.Scale, st *importSet) (scoredSet, bool) {
	out := scoredSet{row: st.row}
	direct := map[string]bool{}
	ok := true
	for i, c := range st.cells {
		cellAt := problem{run: r, sheet: st.row.Sheet, line: st.lines[i], col: c.Column, value: c.Item}
		it, found := sc.Item(c.Item)
		if !found {
			cellAt.because("%s is not an item of %s", c.Item, sc.Ref())
			ok = false
			continue
		}
		if slices.ContainsFunc(out.inputs, func(in fidelity.ItemInput) bool { return in.ItemID == it.ID }) {
			cellAt.because("item %s is given twice for this rater", it.ID)
			ok = false
			continue
		}
		if c.Empty() {
			continue // an unrated item: missing, as the scale's policy says
		}
		in := fidelity.ItemInput{ItemID: it.ID, Score: c.Score, Values: c.Values}
		if c.ElementsGiven {
			in.Elements = c.Elements
		}
		if c.Score != nil && len(c.Values) == 0 && !c.ElementsGiven && it.Type != scale.TypeOrdinal {
			direct[it.ID] = true
		}
		out.inputs = append(out.inputs, in)
	}
	if !ok {
		return out, false
	}
	card, err := scoring.Score(historicScale(sc, direct), out.inputs)
	if err != nil {
		for _, fe := range fidelity.FieldsOf(err) {
			i, rest := inputIndex(fe.Field)
			p := problem{run: r, sheet: st.row.Sheet, line: st.row.Line}
			if i >= 0 && i < len(out.inputs) {
				k := slices.IndexFunc(st.cells, func(c importer.ItemCell) bool { return c.Item == out.inputs[i].ItemID })
				p.line, p.col, p.value = st.lines[k], st.cells[k].Column, cellText(st.cells[k], rest)
			}
			p.because("%s", fe.Reason)
		}
		return out, false
	}
	out.card = card
	return out, true
}

// inputIndex reads "items[3].values.x" as 3 and "values.x".
func inputIndex(field string) (int, string) {
	rest, ok := strings.CutPrefix(field, "items[")
	if !ok {
		return -1, field
	}
	num, rest, _ := strings.Cut(rest, "]")
	i, err := strconv.Atoi(num)
	if err != nil {
		return -1, field
	}
	return i, strings.TrimPrefix(rest, ".")
}

// cellText shows the value a scoring problem is about.
func cellText(c importer.ItemCell, field string) string {
	if name, ok := strings.CutPrefix(field, "values."); ok {
		if v, ok := c.Values[name]; ok {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	if c.Score != nil {
		return strconv.Itoa(*c.Score)
	}
	return strings.Join(c.Elements, "|")
}

// historicScale is the scale with the given rule-rated items scored
// directly from a 1–5 score, as historic forms (and the exports) record
// them: the score is what the reviewers decided from the measures they
// had; the measures themselves are not in the file. Totals, bands and
// the missing-data policy are still the scoring engine's.
func historicScale(sc *scale.Scale, direct map[string]bool) *scale.Scale {
	if len(direct) == 0 {
		return sc
	}
	cp := *sc
	cp.Items = slices.Clone(sc.Items)
	for i := range cp.Items {
		if direct[cp.Items[i].ID] {
			cp.Items[i].Type, cp.Items[i].Rule, cp.Items[i].Specialist, cp.Items[i].Elements = scale.TypeOrdinal, nil, "", nil
		}
	}
	return &cp
}

// naturalKey identifies a review across databases: site, scale version,
// visit dates, type and raters.
func naturalKey(rv fidelity.Review) string {
	raters := slices.Clone(rv.RaterIDs)
	slices.Sort(raters)
	return strings.Join([]string{rv.SiteID, rv.ScaleID, rv.ScaleVersion, string(rv.Type),
		rv.VisitStart.Format(time.DateOnly), rv.VisitEnd.Format(time.DateOnly), strings.Join(raters, ",")}, "|")
}

// storedReview finds a review with natural key key, stored before or
// created earlier in this import; a site's stored reviews are read once.
func (r *importRun) storedReview(rv fidelity.Review, key string) (fidelity.Review, bool, error) {
	if !r.loadedSites[rv.SiteID] {
		f := ReviewFilter{SiteID: rv.SiteID, Page: Page{Limit: maxLimit}}
		for {
			page, err := r.tx.ListReviews(r.ctx, f)
			if err != nil {
				return fidelity.Review{}, false, err
			}
			for _, e := range page {
				r.remember(e)
			}
			if len(page) < maxLimit {
				break
			}
			f.After = page[len(page)-1].ID
		}
		r.loadedSites[rv.SiteID] = true
	}
	if e, ok := r.byKey[key]; ok {
		return e, true, nil
	}
	// A consensus-only row (the wide layout) names no raters: it is the
	// stored review of the same site, scale, type and visit whatever its
	// raters, when there is exactly one.
	if found := r.byLooseKey[key]; len(rv.RaterIDs) == 0 && len(found) == 1 {
		return found[0], true, nil
	}
	return fidelity.Review{}, false, nil
}

// remember indexes a stored or created review by its natural key (the
// first of equal keys wins) and by its key without raters, and returns its
// natural key.
func (r *importRun) remember(e fidelity.Review) string {
	key := naturalKey(e)
	if _, dup := r.byKey[key]; !dup {
		r.byKey[key] = e
	}
	loose := e
	loose.RaterIDs = nil
	lk := naturalKey(loose)
	r.byLooseKey[lk] = append(r.byLooseKey[lk], e)
	return key
}
