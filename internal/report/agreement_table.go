package report

import "github.com/ipsfidelity/fidelity/internal/report/stats"

// Table renders the per-item statistics, one row per item in scale order;
// each coefficient is followed by its n where the n differs between them.
func (a AgreementReport) Table() ([]string, [][]string) {
	header := []string{"item", "section", "reviews", "pairs", "exact", "within_one",
		"fleiss_kappa", "fleiss_n", "light_kappa", "light_kappa_linear", "light_kappa_quadratic", "light_n", "light_pairs",
		"ac1", "ac2_linear", "ac2_quadratic", "ac_n", "alpha_ordinal", "alpha_interval", "alpha_n"}
	rows := make([][]string, 0, len(a.Items))
	for _, it := range a.Items {
		rows = append(rows, []string{it.ItemID, it.Section, fmtInt(it.Reviews), fmtInt(it.Pairs),
			fmtResult(it.Exact), fmtResult(it.WithinOne),
			fmtResult(it.FleissKappa), fmtInt(it.FleissKappa.N),
			fmtResult(it.LightKappa), fmtResult(it.LightKappaLinear), fmtResult(it.LightKappaQuadratic),
			fmtInt(it.LightKappa.N), fmtFloat(it.LightKappa.Extra["pairs"]),
			fmtResult(it.AC1), fmtResult(it.AC2Linear), fmtResult(it.AC2Quadratic), fmtInt(it.AC1.N),
			fmtResult(it.AlphaOrdinal), fmtResult(it.AlphaInterval), fmtInt(it.AlphaOrdinal.N)})
	}
	return header, rows
}

// TotalsTable renders the statistics beyond the items as statistic rows:
// the six ICC forms, the pooled statistics over all item ratings, the
// summaries of the item kappas, each rater pair and each rater against the
// consensus, with value, 95 % CI, n, the pair or rater it concerns and the
// reason a value is missing.
func (a AgreementReport) TotalsTable() ([]string, [][]string) {
	header := []string{"part", "statistic", "of", "value", "ci_lower", "ci_upper", "n", "reason"}
	var rows [][]string
	add := func(part, of string, r stats.Result) {
		lo, hi := "", ""
		if r.CI != nil {
			lo, hi = fmtFloat(r.CI.Lower), fmtFloat(r.CI.Upper)
		}
		rows = append(rows, []string{part, r.Name, of, fmtResult(r), lo, hi, fmtInt(r.N), r.Reason})
	}
	addBA := func(part, of string, ba stats.BlandAltmanResult) {
		for _, r := range []stats.Result{ba.Bias, ba.SD, ba.Lower, ba.Upper, ba.MeanAbsDiff} {
			add(part, of, r)
		}
	}
	for _, r := range a.Totals.ICC {
		add("totals", "", r)
	}
	addBA("totals", "all pairs", a.Totals.BlandAltman)
	p := a.Pooled
	for _, r := range []stats.Result{p.Exact, p.WithinOne, p.FleissKappa, p.LightKappa, p.LightKappaLinear,
		p.LightKappaQuadratic, p.AC1, p.AlphaOrdinal} {
		add("pooled", "all item ratings", r)
	}
	for _, s := range p.ItemKappas {
		for _, r := range []stats.Result{s.Mean, s.Median, s.Min, s.Max} {
			add("item kappas", s.Form, r)
		}
	}
	for _, pr := range a.Pairs {
		for _, r := range []stats.Result{pr.Exact, pr.WithinOne, pr.Kappa, pr.KappaQuadratic} {
			add("pair", pr.Label, r)
		}
		addBA("pair", pr.Label, pr.BlandAltman)
	}
	for _, rc := range a.Totals.VsConsensus {
		addBA("rater vs consensus", rc.Label, rc.BlandAltman)
	}
	return header, rows
}
