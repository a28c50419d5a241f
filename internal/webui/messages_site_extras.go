package webui

// siteExtrasMessages are the texts of the site page's grouping subtotals
// and outcomes; init adds them to the catalog.
var siteExtrasMessages = map[string][2]string{
	"site_extras.groupings":       {"Subtotals of the latest finalised review", "Delskårer i siste ferdigstilte evaluering"},
	"site_extras.groupings_intro": {"The consensus scores of the latest finalised review, added up by the scale's groupings of items.", "Konsensusskårene i siste ferdigstilte evaluering, summert etter skalaens grupper av indikatorer."},
	"site_extras.open_review":     {"Open the review", "Åpne evalueringen"},
	"site_extras.col_group":       {"Group", "Gruppe"},
	"site_extras.col_items":       {"Items", "Indikatorer"},
	"site_extras.col_score":       {"Score", "Skår"},
	"site_extras.col_mean":        {"Mean per item", "Snitt per indikator"},
	"site_extras.col_percent":     {"Share of the maximum", "Andel av maksimum"},
	"site_extras.sum_of":          {"%d of %d", "%d av %d"},
	"site_extras.rated_of":        {"%d of %d items scored", "%d av %d indikatorer skåret"},
	"site_extras.percent":         {"%s%%", "%s %%"},
	"site_extras.about":           {"About: %s", "Om inndelingen: %s"},
	"site_extras.outside":         {"Items in no group:", "Indikatorer som ikke inngår i noen gruppe:"},
	"site_extras.outcomes":        {"Outcomes beside fidelity", "Resultater sammen med modelltrofasthet"},
	"site_extras.no_outcomes":     {"No outcomes are recorded for this site.", "Ingen resultater er registrert for denne enheten."},
	"site_extras.outcome_caption": {"%s per period, beside the latest review by the end of the period", "%s per periode, sammen med siste evaluering før periodens slutt"},
	"site_extras.col_period":      {"Period", "Periode"},
	"site_extras.col_n":           {"Participants (n)", "Deltakere (n)"},
	"site_extras.col_review":      {"Latest review by the end of the period", "Siste evaluering før periodens slutt"},
	"site_extras.no_review_yet":   {"none yet", "ingen ennå"},
}

func init() {
	for k, v := range siteExtrasMessages {
		catalog[k] = v
	}
}
