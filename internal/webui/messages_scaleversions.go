package webui

// scaleVersionMessages are the texts of a site page's scale changes (the
// 15-item IPS scale followed by the SE Fidelity Scale); init adds them to
// the catalog.
var scaleVersionMessages = map[string][2]string{
	"site.scale_changes": {"Scale changes", "Skiftet skala"},
	"site.scale_change": {
		"From the review of %s (%s) on, the reviews use %s instead of %s. Totals on the two scales are not comparable; the trend compares only the items that mean the same on both.",
		"Fra evalueringen %s (%s) brukes %s i stedet for %s. Totalskårene på de to skalaene kan ikke sammenlignes; trenden sammenligner bare indikatorene som betyr det samme på begge."},
	"site.scale_compared":      {"Compared across the change", "Sammenlignet over skiftet"},
	"site.scale_none_compared": {"No item is compared across the change.", "Ingen indikatorer sammenlignes over skiftet."},
	"site.scale_left_out":      {"Left out, and why", "Utelatt, og hvorfor"},
	"col.reason":               {"Reason", "Begrunnelse"},
}

func init() {
	for k, v := range scaleVersionMessages {
		catalog[k] = v
	}
}
