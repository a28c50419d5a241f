package service

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/writtenreport"
)

// WrittenReport assembles the written report of a review in lang ("nb" or
// "en") for principal p: the cover, the consensus total and band, the
// unit's trend, the subtotals, the item table against the previous
// finalised review of the same type, how the scale works and what in it is
// unverified; then the narrative (addReportNarrative). Only a review with
// a saved consensus (status consensus or finalised) has a report; the
// rules of every other read apply: the review must be in p's scope
// (otherwise it is absent), and the blind rule hides individual raters,
// whose scores the report never shows anyway.
func (s *Service) WrittenReport(ctx context.Context, p fidelity.Principal, reviewID, lang string) (writtenreport.Document, error) {
	ctx = fidelity.WithPrincipal(ctx, p)
	if lang != "nb" && lang != "en" {
		return writtenreport.Document{}, fidelity.Invalid("unknown language", fidelity.FieldError{Field: "lang", Reason: "must be nb or en"})
	}
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return writtenreport.Document{}, err
	}
	if r.Status != fidelity.StatusConsensus && r.Status != fidelity.StatusFinalised {
		return writtenreport.Document{}, fidelity.Errorf(fidelity.KindConflict, "the review has no consensus yet, so it has no report")
	}
	cons, err := s.store.GetRatingSet(ctx, reviewID, fidelity.ConsensusKey)
	if fidelity.KindOf(err) == fidelity.KindNotFound {
		return writtenreport.Document{}, fidelity.Errorf(fidelity.KindConflict, "the review has no consensus yet, so it has no report")
	}
	if err != nil {
		return writtenreport.Document{}, err
	}
	site, err := visibleSite(ctx, s.store, r.SiteID)
	if err != nil {
		return writtenreport.Document{}, hideMissing(err, "review", reviewID)
	}
	sc, err := s.resolveScale(r.ScaleID, r.ScaleVersion)
	if err != nil {
		return writtenreport.Document{}, err
	}
	card := cons.Scorecard
	doc := writtenreport.Document{
		Lang:          lang,
		Scale:         writtenreport.Scale{ID: sc.ID, Version: sc.Version, Title: sc.Title.In(lang)},
		Total:         card.Total,
		Min:           card.Min,
		Max:           card.Max,
		InvalidReason: card.InvalidReason,
		Generated:     s.today(),
	}
	if doc.Min == 0 && doc.Max == 0 {
		doc.Min, doc.Max = sc.TotalRange()
	}
	if card.InvalidReason != "" {
		doc.InvalidReason = fidelity.Translate(lang, card.InvalidReason)
	}
	if doc.Site, err = s.reportSite(ctx, site); err != nil {
		return writtenreport.Document{}, err
	}
	if doc.Review, err = s.reportReview(ctx, r, lang); err != nil {
		return writtenreport.Document{}, err
	}
	doc.Bands = reportBands(sc, lang)
	for _, b := range doc.Bands {
		if b.ID == card.Band {
			doc.Band = b
		}
	}
	doc.Sections, doc.Principles = reportSubtotals(sc, card, lang)
	previous, err := s.reportHistory(ctx, r, &doc)
	if err != nil {
		return writtenreport.Document{}, err
	}
	doc.Items = reportItems(sc, card, previous, lang)
	doc.HowItWorks = howItWorks(sc, lang)
	doc.Unverified = unverified(sc, lang)
	if err := s.addReportNarrative(ctx, p, r, &doc); err != nil {
		return writtenreport.Document{}, err
	}
	return doc, nil
}

// reportSite names the site and the sites above it that the caller may
// see (a team lead scoped to the team sees the team alone, not the names
// of the offices above it).
func (s *Service) reportSite(ctx context.Context, site fidelity.Site) (writtenreport.Site, error) {
	out := writtenreport.Site{Name: site.Name, Code: site.Code}
	p := caller(ctx)
	for _, id := range strings.Split(strings.Trim(site.Path, "/"), "/") {
		if id == "" || id == site.ID {
			continue
		}
		anc, err := s.store.GetSite(ctx, id)
		if fidelity.KindOf(err) == fidelity.KindNotFound {
			continue
		}
		if err != nil {
			return out, err
		}
		if inScope(p, anc.Path) {
			out.Path = append(out.Path, anc.Name)
		}
	}
	out.Path = append(out.Path, site.Name)
	return out, nil
}

// reportReview is the cover's review: type in lang, dates, reviewer names.
func (s *Service) reportReview(ctx context.Context, r fidelity.Review, lang string) (writtenreport.Review, error) {
	out := writtenreport.Review{ID: r.ID, Type: r.Type.Label().In(lang), VisitStart: r.VisitStart, VisitEnd: r.VisitEnd}
	for _, id := range r.RaterIDs {
		rt, err := s.store.GetRater(ctx, id)
		switch {
		case err == nil:
			out.Reviewers = append(out.Reviewers, rt.Name)
		case fidelity.KindOf(err) != fidelity.KindNotFound:
			return out, err
		}
	}
	return out, nil
}

// reportBands lists the scale's bands in lang with their printed ranges.
func reportBands(sc *scale.Scale, lang string) []writtenreport.Band {
	lo, hi := sc.TotalRange()
	var out []writtenreport.Band
	for _, b := range sc.Bands {
		wb := writtenreport.Band{ID: b.ID, Label: b.Label.In(lang), Lo: b.LowerOr(lo), Hi: b.UpperOr(hi),
			Verified: b.Verified, Printed: b.Printed}
		out = append(out, wb)
	}
	return out
}

// reportSubtotals labels the scorecard's section subtotals, and the IPS
// principles' when the scale groups its items by them.
func reportSubtotals(sc *scale.Scale, card fidelity.Scorecard, lang string) (sections, principles []writtenreport.Subtotal) {
	conv := func(st fidelity.Subtotal, label string) writtenreport.Subtotal {
		return writtenreport.Subtotal{ID: st.ID, Label: label, Sum: st.Sum, Max: st.Max, Mean: st.Mean, Rated: st.Rated, Items: st.Items}
	}
	for _, st := range card.Sections {
		label := st.ID
		for _, sec := range sc.Sections {
			if sec.ID == st.ID {
				label = sec.Title.In(lang)
			}
		}
		sections = append(sections, conv(st, label))
	}
	for _, g := range sc.Groupings {
		if g.ID != ipsPrinciples {
			continue
		}
		for _, gs := range card.Groupings {
			if gs.ID != g.ID {
				continue
			}
			for _, st := range gs.Groups {
				label := st.ID
				for _, grp := range g.Groups {
					if grp.ID == st.ID {
						label = grp.Title.In(lang)
					}
				}
				principles = append(principles, conv(st, label))
			}
		}
	}
	return sections, principles
}

// ipsPrinciples is the grouping id of the eight IPS principles.
const ipsPrinciples = "ips-principles"

// reportHistory fills the trend (the unit's finalised reviews of this
// review's type on the same scale, up to this one) and returns the
// previous finalised review's item scores, nil when there is none.
func (s *Service) reportHistory(ctx context.Context, r fidelity.Review, doc *writtenreport.Document) (map[string]int, error) {
	reviews, err := s.reviewScores(ctx, ReviewFilter{SiteID: r.SiteID, ScaleID: r.ScaleID, Type: []fidelity.ReviewType{r.Type},
		Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}}, false)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(reviews, func(a, b fidelity.ReviewScores) int { return a.VisitEnd.Compare(b.VisitEnd) })
	var previous map[string]int
	lastVersion := ""
	add := func(rv fidelity.ReviewScores, current bool) {
		if rv.Total == nil {
			return
		}
		tp := writtenreport.TrendPoint{Date: rv.VisitEnd, Total: *rv.Total, Current: current,
			ScaleChange: lastVersion != "" && rv.ScaleVersion != lastVersion}
		for _, b := range doc.Bands {
			if b.ID == rv.Band {
				tp.Band = b.Label
			}
		}
		lastVersion = rv.ScaleVersion
		doc.Trend = append(doc.Trend, tp)
	}
	for _, rv := range reviews {
		if rv.ReviewID == r.ID || !rv.VisitEnd.Before(r.VisitEnd) {
			continue
		}
		add(rv, false)
		previous = rv.Consensus
	}
	add(fidelity.ReviewScores{ReviewID: r.ID, ScaleVersion: r.ScaleVersion, VisitEnd: r.VisitEnd, Total: doc.Total, Band: doc.Band.ID}, true)
	return previous, nil
}

// reportItems is the item table in scale order.
func reportItems(sc *scale.Scale, card fidelity.Scorecard, previous map[string]int, lang string) []writtenreport.Item {
	out := make([]writtenreport.Item, 0, len(sc.Items))
	for _, it := range sc.Items {
		wi := writtenreport.Item{ID: it.ID, Section: it.Section, Title: it.Title.In(lang), Unverified: !it.Verified}
		if v, ok := card.Score(it.ID); ok {
			wi.Score = &v
		}
		if v, ok := previous[it.ID]; ok {
			wi.Previous = &v
		}
		out = append(out, wi)
	}
	return out
}

// howItWorks says in lang how items make the total, and what "previous"
// means.
func howItWorks(sc *scale.Scale, lang string) string {
	lo, hi := sc.TotalRange()
	key := "how_sum"
	if sc.Aggregation == scale.AggregateMean {
		key = "how_mean"
	}
	num := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if lang == "nb" {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	parts := []string{writtenreport.Text(lang, key, len(sc.Items), sc.Levels.Min, sc.Levels.Max, num(lo), num(hi))}
	if note := sc.Missing.Note.In(lang); note != "" {
		parts = append(parts, note)
	}
	parts = append(parts, writtenreport.Text(lang, "how_previous"))
	if c := sc.Source.Citation; c != "" {
		parts = append(parts, c)
	}
	return strings.Join(parts, "\n\n")
}

// unverified lists in lang the items and band cut-offs the scale file
// marks as not (or only partly) verified against the published form.
func unverified(sc *scale.Scale, lang string) []string {
	var none, partly []string
	for _, it := range sc.Items {
		switch it.Verification() {
		case scale.Recalled:
			none = append(none, it.ID)
		case scale.PartlyVerified:
			partly = append(partly, it.ID)
		}
	}
	var out []string
	if len(none) > 0 {
		out = append(out, writtenreport.Text(lang, "unverified_items", strings.Join(none, ", ")))
	}
	if len(partly) > 0 {
		out = append(out, writtenreport.Text(lang, "unverified_partly", strings.Join(partly, ", ")))
	}
	for _, b := range sc.Bands {
		switch b.Verification() {
		case scale.Recalled:
			out = append(out, writtenreport.Text(lang, "unverified_band", b.Label.In(lang), b.Printed))
		case scale.PartlyVerified:
			out = append(out, writtenreport.Text(lang, "unverified_band_part", b.Label.In(lang), b.Printed))
		}
	}
	return out
}
