package httpapi

import (
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// localize renders a scale in one language for the API.
func localize(sc *scale.Scale, lang string) oapi.LocalizedScale {
	lo, hi := sc.TotalRange()
	out := oapi.LocalizedScale{
		ID: sc.ID, Version: sc.Version, Encoding: sc.Revision(), EncodingNote: optString(sc.EncodingNote.In(lang)), Ref: sc.Ref(), Lang: oapi.Lang(lang), Title: sc.Title.In(lang),
		Short: sc.Short.In(lang), Checksum: sc.Checksum, Origin: sc.Origin,
		Source: oapi.ScaleSource{
			Citation: sc.Source.Citation, Licence: sc.Source.Licence, URL: optString(sc.Source.URL),
			Notes: optString(sc.Source.Notes.In(lang)),
		},
		Levels:      oapi.Levels{Min: sc.Levels.Min, Max: sc.Levels.Max},
		Aggregation: oapi.Aggregation(sc.Aggregation),
		Missing: oapi.MissingPolicy{
			MaxMissing: sc.Missing.MaxMissing, Impute: oapi.MissingPolicyImpute(orDefault(sc.Missing.Impute, "none")),
			Note: optString(sc.Missing.Note.In(lang)),
		},
		TotalMin: lo, TotalMax: hi,
		DataSources: []oapi.ScaleDataSource{}, Sections: []oapi.ScaleSection{}, Groupings: []oapi.ScaleGrouping{},
		Items: make([]oapi.ScaleItem, len(sc.Items)), Bands: make([]oapi.ScaleBand, len(sc.Bands)),
	}
	for _, d := range sc.DataSources {
		out.DataSources = append(out.DataSources, oapi.ScaleDataSource{Code: d.Code, CodeNb: optString(d.CodeNB), Label: d.Label.In(lang)})
	}
	for _, s := range sc.Sections {
		out.Sections = append(out.Sections, oapi.ScaleSection{ID: s.ID, Title: s.Title.In(lang)})
	}
	for _, g := range sc.Groupings {
		og := oapi.ScaleGrouping{ID: g.ID, Title: g.Title.In(lang), Note: optString(g.Note.In(lang)),
			Groups: make([]oapi.ScaleGroup, len(g.Groups)), Outside: []oapi.ScaleGroupOutside{}}
		for _, o := range g.Outside {
			og.Outside = append(og.Outside, oapi.ScaleGroupOutside{Items: o.Items, Reason: o.Reason.In(lang)})
		}
		for i, gr := range g.Groups {
			og.Groups[i] = oapi.ScaleGroup{ID: gr.ID, Title: gr.Title.In(lang), Items: gr.Items}
		}
		out.Groupings = append(out.Groupings, og)
	}
	for i := range sc.Items {
		out.Items[i] = localizeItem(sc, &sc.Items[i], lang)
	}
	for i, b := range sc.Bands {
		out.Bands[i] = oapi.ScaleBand{
			ID: b.ID, Label: b.Label.In(lang), Bounds: toBounds(b.Bounds), Range: b.Bounds.String(),
			Printed: optString(b.Printed), Verified: b.Verified,
			Verification: oapi.Verification(b.Verification()), VerificationNote: optString(b.VerificationNote),
		}
	}
	return out
}

func localizeItem(sc *scale.Scale, it *scale.Item, lang string) oapi.ScaleItem {
	out := oapi.ScaleItem{
		ID: it.ID, Number: it.Number, Section: it.Section, Title: it.Title.In(lang),
		Description: it.Description.In(lang), Type: oapi.ItemType(it.Type), Verified: it.Verified,
		Verification: oapi.Verification(it.Verification()), ElementsLabel: optString(it.ElementsLabel.In(lang)),
		VerificationNote: optString(it.VerificationNote), DataSources: it.DataSources,
		Note: optString(it.Note.In(lang)), Anchors: []oapi.Anchor{}, Elements: []oapi.ChecklistElement{},
		Inputs: []oapi.MeasuredInput{},
	}
	if out.DataSources == nil {
		out.DataSources = []string{}
	}
	if it.Specialist != "" {
		sp := oapi.ScaleItemSpecialist(it.Specialist)
		out.Specialist = &sp
	}
	for lvl := sc.Levels.Min; lvl <= sc.Levels.Max; lvl++ {
		out.Anchors = append(out.Anchors, oapi.Anchor{Level: lvl, Text: it.Anchors[lvl].In(lang)})
	}
	for _, e := range it.Elements {
		out.Elements = append(out.Elements, oapi.ChecklistElement{ID: e.ID, Text: e.Text.In(lang)})
	}
	if r := it.Rule; r != nil {
		for _, in := range r.Inputs {
			mi := oapi.MeasuredInput{
				ID: in.ID, Label: in.Label.In(lang), Kind: oapi.MeasuredInputKind(in.Kind), Unit: optString(in.Unit),
				Min: in.Min, Max: in.Max,
			}
			if in.MinExclusive {
				mi.MinExclusive = &in.MinExclusive
			}
			if in.Optional {
				mi.Optional = &in.Optional
			}
			for _, o := range in.Options {
				mi.Options = append(mi.Options, oapi.ChoiceOption{ID: o.ID, Label: o.Label.In(lang)})
			}
			out.Inputs = append(out.Inputs, mi)
		}
		rs := &oapi.RuleSummary{Derive: deriveText(r.Derive), Printed: r.Printed.In(lang), Intervals: []oapi.RuleInterval{}, Caps: []oapi.RuleCap{}}
		for _, iv := range r.Intervals {
			ri := oapi.RuleInterval{
				Bounds: toBounds(iv.Bounds), Range: iv.Bounds.String(), Judge: iv.Judge,
				Printed: optString(iv.Printed), Note: optString(iv.Note.In(lang)),
			}
			if iv.Score != 0 {
				score := iv.Score
				ri.Score = &score
			}
			if iv.PrintedGap {
				ri.PrintedGap = &iv.PrintedGap
			}
			rs.Intervals = append(rs.Intervals, ri)
		}
		for _, cp := range r.Caps {
			rs.Caps = append(rs.Caps, oapi.RuleCap{Input: cp.Input, In: cp.In, Lt: cp.LT, MaxScore: cp.MaxScore, Printed: optString(cp.Printed.In(lang))})
		}
		for _, d := range r.Degenerate {
			rd := oapi.RuleDegenerate{Input: d.Input, Eq: d.EQ, Judge: d.Judge, Reason: d.Reason.In(lang)}
			if d.Score != 0 {
				score := d.Score
				rd.Score = &score
			}
			if d.Reject {
				rd.Reject = &d.Reject
			}
			rs.Degenerate = append(rs.Degenerate, rd)
		}
		for _, a := range r.Alternatives {
			rs.Alternatives = append(rs.Alternatives, oapi.RuleAlternative{
				WhenInput: a.When.Input, WhenLt: a.When.LT, Times: a.Reach.Times, Of: a.Reach.Of, Score: a.Score, Printed: a.Printed.In(lang),
			})
		}
		out.Rule = rs
	}
	return out
}

func deriveText(d scale.Derive) string {
	switch d.Kind {
	case scale.DeriveRatio:
		return d.Numerator + " ÷ " + d.Denominator
	case scale.DerivePercent:
		return "100 × " + d.Numerator + " ÷ " + d.Denominator
	case scale.DeriveCount:
		return "number of elements present"
	}
	return d.Of
}

func toBounds(b scale.Bounds) oapi.Bounds {
	return oapi.Bounds{Gt: b.GT, Ge: b.GE, Lt: b.LT, Le: b.LE}
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
