package webui

// agreementMessages are the texts of the agreement page's statistics and
// its reading guide; init adds them to the catalog.
var agreementMessages = map[string][2]string{
	"agreement.kappa":           {"Kappa (unweighted)", "Kappa (uvektet)"},
	"agreement.fleiss":          {"Fleiss' kappa", "Fleiss' kappa"},
	"agreement.light":           {"Light's kappa (unweighted)", "Lights kappa (uvektet)"},
	"agreement.light_linear":    {"Light's kappa (linear weights)", "Lights kappa (lineære vekter)"},
	"agreement.light_quadratic": {"Light's kappa (quadratic weights)", "Lights kappa (kvadratiske vekter)"},
	"agreement.ac1":             {"Gwet's AC1", "Gwets AC1"},
	"agreement.alpha":           {"Krippendorff's alpha (ordinal)", "Krippendorffs alfa (ordinal)"},
	"agreement.n":               {"n", "n"},
	"agreement.items_intro": {
		"All raters of every review count. Kappa is Light's kappa: the mean of Cohen's kappa over the pairs of raters who rated the item together in at least two reviews. Fleiss' kappa, AC1 and alpha take each review's raters as they are, so they suit raters who change from review to review.",
		"Alle evaluatorene i hver evaluering teller med. Kappa er Lights kappa: gjennomsnittet av Cohens kappa for de evaluatorparene som har skåret indikatoren sammen i minst to evalueringer. Fleiss' kappa, AC1 og alfa bruker evaluatorene slik de er i hver evaluering, og passer derfor når evaluatorene skifter fra evaluering til evaluering."},
	"agreement.pooled": {"All items together", "Alle indikatorer samlet"},
	"agreement.pooled_intro": {
		"Every rating of every item in every review is one unit (%d units with two or more ratings), as agreement is usually reported in studies.",
		"Hver skår på hver indikator i hver evaluering er én enhet (%d enheter med to eller flere skårer), slik samsvar vanligvis rapporteres i studier."},
	"agreement.item_kappas": {"Spread of the item kappas", "Spredning i kappa per indikator"},
	"agreement.form":        {"Form", "Variant"},
	"agreement.n_items":     {"Items (n)", "Indikatorer (n)"},
	"agreement.mean":        {"Mean", "Gjennomsnitt"},
	"agreement.median":      {"Median", "Median"},
	"agreement.range":       {"Range", "Variasjonsbredde"},
	"agreement.summary.0":   {"Light's kappa (unweighted)", "Lights kappa (uvektet)"},
	"agreement.summary.1":   {"Light's kappa (quadratic weights)", "Lights kappa (kvadratiske vekter)"},
	"agreement.summary.2":   {"Fleiss' kappa", "Fleiss' kappa"},
	"agreement.icc_intro": {
		"Intraclass correlation of the totals on %d reviews × %d raters (every rater who scored all items).",
		"Intraklassekorrelasjon for totalskårene i %d evalueringer × %d evaluatorer (alle evaluatorer som har skåret alle indikatorene)."},
	"agreement.icc_same": {
		"The same raters scored every review, so all six forms apply: ICC(2,·) treats them as a sample of possible raters, ICC(3,·) as the only raters of interest.",
		"De samme evaluatorene skåret alle evalueringene, så alle seks variantene gjelder: ICC(2,·) ser dem som et utvalg av mulige evaluatorer, ICC(3,·) som de eneste evaluatorene av interesse."},
	"agreement.icc_mixed": {
		"The raters differ between reviews, so the one-way forms ICC(1,1) and ICC(1,k) fit the design; the two-way forms assume the same raters throughout.",
		"Evaluatorene er ikke de samme i alle evalueringene, så enveisvariantene ICC(1,1) og ICC(1,k) passer til designet; toveisvariantene forutsetter de samme evaluatorene hele veien."},
	"agreement.left_out": {"Left out of the intraclass correlation", "Holdt utenfor intraklassekorrelasjonen"},
	"agreement.left_out_row": {
		"%d raters scored every item (the correlation uses reviews with %d).",
		"%d evaluatorer skåret alle indikatorene (korrelasjonen bruker evalueringer med %d)."},
	"agreement.left_out_incomplete": {"fewer than two raters scored every item", "færre enn to evaluatorer skåret alle indikatorene"},
	"agreement.icc11":               {"ICC(1,1) one-way random, single rater", "ICC(1,1) enveis tilfeldig, én evaluator"},
	"agreement.icc21":               {"ICC(2,1) two-way random, absolute agreement, single rater", "ICC(2,1) toveis tilfeldig, absolutt samsvar, én evaluator"},
	"agreement.icc31":               {"ICC(3,1) two-way mixed, consistency, single rater", "ICC(3,1) toveis blandet, konsistens, én evaluator"},
	"agreement.icc1k":               {"ICC(1,k) one-way random, mean of k raters", "ICC(1,k) enveis tilfeldig, gjennomsnitt av k evaluatorer"},
	"agreement.icc2k":               {"ICC(2,k) two-way random, absolute agreement, mean of k raters", "ICC(2,k) toveis tilfeldig, absolutt samsvar, gjennomsnitt av k evaluatorer"},
	"agreement.icc3k":               {"ICC(3,k) two-way mixed, consistency, mean of k raters", "ICC(3,k) toveis blandet, konsistens, gjennomsnitt av k evaluatorer"},
	"agreement.pairs_intro": {
		"Each pair of raters who scored a review together. Agreement and kappa take every item both scored; the difference is the first-named rater's total minus the second's.",
		"Hvert par av evaluatorer som har skåret en evaluering sammen. Samsvar og kappa bruker alle indikatorene begge har skåret; differansen er totalskåren til den først nevnte minus den andres."},
	"agreement.pair":         {"Pair (difference)", "Par (differanse)"},
	"agreement.limits":       {"Limits of agreement", "Samsvarsgrenser"},
	"agreement.consensus":    {"consensus", "konsensus"},
	"agreement.vs_consensus": {"Each rater against the consensus (totals)", "Hver evaluator mot konsensus (totalskår)"},
	"agreement.vs_consensus_intro": {
		"Rater total − consensus total, over the reviews where both are complete: above 0 the rater scores higher than the consensus.",
		"Evaluatorens totalskår − konsensusskår, for evalueringene der begge er komplette: over 0 skårer evaluatoren høyere enn konsensus."},
	"agreement.reading": {"How to read the numbers", "Slik leser du tallene"},
	"agreement.reading_scale": {
		"Agreement and kappa run up to 1 (perfect agreement); kappa, AC1, alpha and the intraclass correlation are 0 when raters agree no more than chance would give, and can be negative. Each figure shows its n; with few reviews the 95 % confidence interval is wide, and it is the interval, not the point value, that says how sure the figure is.",
		"Samsvar og kappa går opp til 1 (fullt samsvar); kappa, AC1, alfa og intraklassekorrelasjonen er 0 når evaluatorene ikke er mer enige enn tilfeldighetene skulle tilsi, og kan bli negative. Hvert tall vises med sin n; med få evalueringer blir 95 % konfidensintervallet bredt, og det er intervallet, ikke punktverdien, som viser hvor sikkert tallet er."},
	"agreement.reading_icc": {
		"Intraclass correlation, a convention (Koo & Li 2016, judged on the confidence interval): below 0.50 poor, 0.50–0.75 moderate, 0.75–0.90 good, above 0.90 excellent.",
		"Intraklassekorrelasjon, etter en vanlig konvensjon (Koo & Li 2016, vurdert ut fra konfidensintervallet): under 0,50 svak, 0,50–0,75 moderat, 0,75–0,90 god, over 0,90 svært god."},
	"agreement.reading_kappa": {
		"Kappa, a convention (Landis & Koch 1977): below 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1 almost perfect.",
		"Kappa, etter en vanlig konvensjon (Landis & Koch 1977): under 0 svakt, 0–0,20 lite, 0,21–0,40 noe, 0,41–0,60 moderat, 0,61–0,80 betydelig, 0,81–1 nesten fullstendig samsvar."},
	"agreement.reading_alpha": {
		"Krippendorff's alpha, the author's convention: 0.80 or more reliable, 0.67–0.80 only for tentative conclusions.",
		"Krippendorffs alfa, etter forfatterens konvensjon: 0,80 eller mer er pålitelig, 0,67–0,80 holder bare for foreløpige konklusjoner."},
	"agreement.reading_note": {
		"The bands are conventions, not rules: kappa is low when one score dominates (most sites score 5), which is why AC1 is shown next to it.",
		"Grensene er konvensjoner, ikke regler: kappa blir lav når én skår dominerer (de fleste enhetene får 5), og derfor vises AC1 ved siden av."},
}

func init() {
	for k, v := range agreementMessages {
		catalog[k] = v
	}
}
