package webui

// consensusFocusMessages are the texts of the consensus page's
// disagreements-only view; init adds them to the catalog.
var consensusFocusMessages = map[string][2]string{
	"consensus.view":           {"Which items to show", "Hvilke indikatorer som vises"},
	"consensus.focus_count":    {"%d of %d items need the consensus meeting: the raters disagree or there is no consensus score yet.", "%d av %d indikatorer må drøftes: evaluatorene er uenige, eller konsensus mangler skår."},
	"consensus.show_focus":     {"Only items to discuss (%d)", "Bare indikatorer som må drøftes (%d)"},
	"consensus.show_all":       {"All items (%d)", "Alle indikatorer (%d)"},
	"consensus.agreed_caption": {"Agreed items in this section (%d)", "Indikatorer i denne delen der evaluatorene er enige (%d)"},
	"consensus.col_item":       {"Item", "Indikator"},
	"consensus.col_consensus":  {"Consensus score", "Konsensusskår"},
	"consensus.col_raters":     {"Raters' scores", "Evaluatorenes skårer"},
	"consensus.edit_agreed":    {"Show and edit the agreed items (%d)", "Vis og rediger indikatorene der evaluatorene er enige (%d)"},
}

func init() {
	for k, v := range consensusFocusMessages {
		catalog[k] = v
	}
}
