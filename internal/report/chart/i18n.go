package chart

import "strings"

// lang holds the package's own words. Everything the caller supplies
// (titles, item and site names, band labels) is used as given; these are
// only the words the charts add by themselves.
type lang struct {
	code        string
	decimal     string
	percent     string     // "%" or " %": Norwegian puts a space before the sign
	months      [12]string // abbreviated month names for date ticks
	score       string     // heatmap legend title
	missing     string     // legend entry and description for missing cells
	previous    string     // item profile: the earlier review
	current     string     // item profile: the review shown
	mean        string     // margin header for means
	change      string     // item profile: change column header
	noData      string     // empty chart
	noDataDesc  string
	date        string // default x-axis title
	sites       string // default band-distribution axis title
	descTrend   string // format: what, scale min, scale max
	descProfile string // format: number of items, scale min, scale max
	descRadar   string // format: number of items, scale min, scale max
	descHeatmap string // format: items, sites, scale min, scale max
	descBands   string
	noPrevious  string // item profile description: no previous score
	rowMeanDesc string // heatmap description: item means
	colMeanDesc string // heatmap description: site means
}

var langs = map[string]lang{
	"en": {
		code:    "en",
		decimal: ".",
		percent: "%",
		months: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
			"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		score:       "Score",
		missing:     "Missing",
		previous:    "Previous review",
		current:     "This review",
		mean:        "Mean",
		change:      "Change",
		noData:      "No data",
		noDataDesc:  "There is no data to show in this chart.",
		date:        "Review date",
		sites:       "Number of sites",
		descTrend:   "Line chart of %s on a scale from %s to %s.",
		descProfile: "Bar chart of %d items on a scale from %s to %s.",
		descRadar:   "Radar chart of %d items on a scale from %s to %s.",
		descHeatmap: "Heat map of %d items for %d sites, scores from %s to %s; missing scores are marked with a dash.",
		descBands:   "Bar chart of the number of sites per band.",
		noPrevious:  "no previous score",
		rowMeanDesc: "Item means",
		colMeanDesc: "Site means",
	},
	"nb": {
		code:    "nb",
		decimal: ",",
		percent: "\u00a0%",
		months: [12]string{"jan.", "feb.", "mar.", "apr.", "mai", "jun.",
			"jul.", "aug.", "sep.", "okt.", "nov.", "des."},
		score:       "Skår",
		missing:     "Mangler",
		previous:    "Forrige evaluering",
		current:     "Denne evalueringen",
		mean:        "Snitt",
		change:      "Endring",
		noData:      "Ingen data",
		noDataDesc:  "Det finnes ingen data å vise i denne figuren.",
		date:        "Evalueringsdato",
		sites:       "Antall enheter",
		descTrend:   "Linjediagram over %s på en skala fra %s til %s.",
		descProfile: "Stolpediagram over %d indikatorer på en skala fra %s til %s.",
		descRadar:   "Radardiagram over %d indikatorer på en skala fra %s til %s.",
		descHeatmap: "Varmekart over %d indikatorer for %d enheter, skårer fra %s til %s; manglende skårer er merket med strek.",
		descBands:   "Stolpediagram over antall enheter per nivå.",
		noPrevious:  "ingen tidligere skår",
		rowMeanDesc: "Snitt per indikator",
		colMeanDesc: "Snitt per enhet",
	},
}

// getLang returns the built-in strings for code: "nb" (also "no", "nn" and
// regional forms such as "nb-NO") or English for anything else.
func getLang(code string) lang {
	c := strings.ToLower(strings.TrimSpace(code))
	if i := strings.IndexAny(c, "-_"); i > 0 {
		c = c[:i]
	}
	switch c {
	case "nb", "no", "nn":
		return langs["nb"]
	}
	return langs["en"]
}
