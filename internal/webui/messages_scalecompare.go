package webui

// scaleCompareMessages are the texts of the comparison page's group of
// sites whose latest review is on an older scale version; init adds them
// to the catalog.
var scaleCompareMessages = map[string][2]string{
	"compare.other_versions": {"Sites whose latest review is on an older scale", "Enheter der siste evaluering er på en eldre skala"},
	"compare.other_versions_note": {
		"These sites are not ranked with the table above: totals on different scales are not comparable. Only the items that mean the same on both scales (by the item map) are compared, each beside the table's mean on the same item; the other items are left out, with the reason.",
		"Disse enhetene er ikke rangert sammen med tabellen over: totalskårer på ulike skalaer kan ikke sammenlignes. Bare indikatorene som betyr det samme på begge skalaene, sammenlignes, hver ved siden av gjennomsnittet i tabellen på samme indikator; de andre indikatorene er utelatt, med begrunnelse."},
	"compare.col_scale":      {"Scale", "Skala"},
	"compare.col_own_total":  {"Total on its own scale", "Totalskår på egen skala"},
	"compare.col_compared":   {"Compared items", "Sammenlignede indikatorer"},
	"compare.col_item_means": {"Mean of these items: site / table", "Gjennomsnitt på disse indikatorene: enhet / tabell"},
	"compare.rescored":       {"re-scored", "skåret på nytt"},
	"compare.league_mean":    {"table mean", "gjennomsnitt i tabellen"},
	"compare.left_out_for":   {"Left out for %s, and why", "Utelatt for %s, og hvorfor"},
}

func init() {
	for k, v := range scaleCompareMessages {
		catalog[k] = v
	}
}
