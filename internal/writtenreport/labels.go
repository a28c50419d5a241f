package writtenreport

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// headings is the package's own catalog: the fixed texts of the report in
// English and Norwegian bokmål. Texts written by people come in the
// Document; only the frame of the report is translated here.
var headings = map[string][2]string{
	"title":           {"Fidelity review report", "Rapport fra fidelitetsevaluering"},
	"site":            {"Unit", "Enhet"},
	"part_of":         {"Part of", "Del av"},
	"review_type":     {"Review", "Evaluering"},
	"visit":           {"Visit", "Besøk"},
	"reviewers":       {"Reviewers", "Evaluatorer"},
	"scale":           {"Scale", "Skala"},
	"version":         {"version", "versjon"},
	"status":          {"Report status", "Rapportstatus"},
	"generated":       {"Generated", "Laget"},
	"issued_to":       {"Issued to", "Sendt til"},
	"page":            {"Page %d of %s", "Side %d av %s"},
	"contents":        {"Contents", "Innhold"},
	"result":          {"Result", "Resultat"},
	"total":           {"Total score", "Totalskår"},
	"band":            {"Fidelity", "Modelltrofasthet"},
	"of_max":          {"of %s", "av %s"},
	"no_total":        {"No valid total", "Ingen gyldig totalskår"},
	"summary":         {"Summary", "Sammendrag"},
	"strengths":       {"Overall strengths", "Styrker samlet"},
	"trend":           {"Total score over time", "Totalskår over tid"},
	"trend_desc":      {"Totals of the unit's finalised reviews of this type, with the fidelity bands as background. A dashed line marks a change of scale version.", "Totalskår for enhetens ferdigstilte evalueringer av denne typen, med nivåene for modelltrofasthet i bakgrunnen. En stiplet linje markerer at skalaversjonen er endret."},
	"trend_none":      {"This is the unit's first finalised review of this type; there is no trend yet.", "Dette er enhetens første ferdigstilte evaluering av denne typen, så det finnes ingen utvikling ennå."},
	"scale_change":    {"new scale version", "ny skalaversjon"},
	"this_review":     {"this review", "denne evalueringen"},
	"subtotals":       {"Subtotals", "Delskårer"},
	"sections":        {"Sections", "Deler"},
	"principles":      {"IPS principles", "IPS-prinsipper"},
	"col_area":        {"Area", "Område"},
	"col_sum":         {"Sum", "Sum"},
	"col_max":         {"Max", "Maks"},
	"col_mean":        {"Mean", "Gjennomsnitt"},
	"col_rated":       {"Items scored", "Skårede indikatorer"},
	"profile":         {"Item profile", "Indikatorprofil"},
	"profile_desc":    {"Consensus score per item (bars) beside the previous finalised review (marks), and the same scores as a radar.", "Konsensusskår per indikator (søyler) sammen med forrige ferdigstilte evaluering (merker), og de samme skårene som radardiagram."},
	"current":         {"This review", "Denne evalueringen"},
	"previous":        {"Previous review", "Forrige evaluering"},
	"items":           {"Items", "Indikatorer"},
	"col_item":        {"Item", "Indikator"},
	"col_score":       {"Score", "Skår"},
	"col_prev":        {"Previous", "Forrige"},
	"col_change":      {"Change", "Endring"},
	"strength":        {"Strength", "Styrke"},
	"recommendation":  {"Recommendation", "Anbefaling"},
	"unverified_tag":  {"not verified", "ikke verifisert"},
	"unverified_item": {"Item not verified against the published form (see \"How the scale works\").", "Indikatoren er ikke verifisert mot det publiserte skjemaet (se «Slik virker skalaen»)."},
	"actions":         {"Action plan", "Tiltaksplan"},
	"actions_none":    {"No action plan has been agreed yet.", "Det er ikke avtalt noen tiltaksplan ennå."},
	"col_action":      {"Action", "Tiltak"},
	"col_owner":       {"Responsible", "Ansvarlig"},
	"col_due":         {"Due", "Frist"},
	"col_status":      {"Status", "Status"},
	"reason":          {"Reason", "Begrunnelse"},
	"comments":        {"The unit's comments", "Enhetens kommentarer"},
	"comments_none":   {"The unit has not commented on the report.", "Enheten har ikke kommentert rapporten."},
	"timeline":        {"Timeline", "Tidslinje"},
	"col_step":        {"Step", "Trinn"},
	"col_done":        {"Done", "Utført"},
	"overdue":         {"overdue", "forfalt"},
	"open":            {"open", "åpen"},
	"issued":          {"Issued", "Sendt"},
	"commented":       {"Comments received", "Kommentarer mottatt"},
	"final":           {"Final", "Endelig"},
	"how":             {"How the scale works", "Slik virker skalaen"},
	"bands":           {"Fidelity bands", "Nivåer for modelltrofasthet"},
	"col_range":       {"Total score", "Totalskår"},
	"unverified":      {"Not verified against the published form", "Ikke verifisert mot det publiserte skjemaet"},
	"unverified_int":  {"The following items or cut-offs are encoded from the domain notes but not yet checked against the published form. Read them with that in mind.", "Følgende indikatorer eller grenseverdier er lagt inn etter fagnotatene, men er ennå ikke kontrollert mot det publiserte skjemaet. Les dem med det forbeholdet."},
	"none":            {"None", "Ingen"},
	"dash":            {"–", "–"},
	"invalid":         {"No valid total: %s", "Ingen gyldig totalskår: %s"},

	// Texts the service uses to fill a Document in its language.
	"how_sum":              {"Each of the %d items is scored from %d to %d. The total is the sum of the item scores, from %s to %s, and the band it falls in tells the level of fidelity.", "Hver av de %d indikatorene skåres fra %d til %d. Totalskåren er summen av skårene, fra %s til %s, og nivået den havner i viser graden av modelltrofasthet."},
	"how_mean":             {"Each of the %d items is scored from %d to %d. The total is the mean of the item scores, from %s to %s, and the band it falls in tells the level of fidelity.", "Hver av de %d indikatorene skåres fra %d til %d. Totalskåren er gjennomsnittet av skårene, fra %s til %s, og nivået den havner i viser graden av modelltrofasthet."},
	"how_previous":         {"The previous score is the consensus of the unit's previous finalised review of the same type.", "Forrige skår er konsensusskåren fra enhetens forrige ferdigstilte evaluering av samme type."},
	"unverified_items":     {"Items not verified: %s", "Indikatorer som ikke er verifisert: %s"},
	"unverified_partly":    {"Items partly verified: %s", "Indikatorer som er delvis verifisert: %s"},
	"unverified_band":      {"Cut-offs of the band %s (%s): not verified", "Grenseverdiene for nivået %s (%s): ikke verifisert"},
	"unverified_band_part": {"Cut-offs of the band %s (%s): partly verified", "Grenseverdiene for nivået %s (%s): delvis verifisert"},
}

// Text returns the package's text for key in lang ("nb" or English),
// formatted with args when given: the service fills a Document's localised
// fields (review type, how the scale works) with the report's own words.
func Text(lang, key string, args ...any) string {
	l := tr("en")
	if lang == "nb" {
		l = "nb"
	}
	if len(args) == 0 {
		return l.T(key)
	}
	return l.Tf(key, args...)
}

// tr is a document's translator: the heading key in the document's language.
type tr string

func (l tr) T(key string) string {
	h, ok := headings[key]
	if !ok {
		return key
	}
	if l == "nb" {
		return h[1]
	}
	return h[0]
}

func (l tr) Tf(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// lang returns the document's language, English unless it is "nb".
func lang(d Document) tr {
	if d.Lang == "nb" {
		return "nb"
	}
	return "en"
}

var monthsEN = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
var monthsNB = [...]string{"jan.", "feb.", "mars", "april", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."}

// date writes a day the way each language writes it in running text:
// "2 Dec 2026", "2. des. 2026".
func (l tr) Date(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	if l == "nb" {
		return fmt.Sprintf("%d. %s %d", t.Day(), monthsNB[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
}

func (l tr) DatePtr(t *time.Time) string {
	if t == nil {
		return "–"
	}
	return l.Date(*t)
}

// period is a visit's dates, one day or a range.
func (l tr) Period(a, b time.Time) string {
	if b.IsZero() || a.Equal(b) {
		return l.Date(a)
	}
	return l.Date(a) + " – " + l.Date(b)
}

// num writes a score: whole numbers without decimals, others with one
// decimal (a comma in Norwegian).
func (l tr) Num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	var s string
	if v == math.Trunc(v) {
		s = strconv.FormatFloat(v, 'f', 0, 64)
	} else {
		s = strconv.FormatFloat(v, 'f', 1, 64)
	}
	if l == "nb" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return strings.Replace(s, "-", "−", 1)
}

func intPtr(p *int) string {
	if p == nil {
		return "–"
	}
	return strconv.Itoa(*p)
}

// change writes a difference with its sign, "–" when there is none.
func change(p *int) string {
	switch {
	case p == nil:
		return "–"
	case *p > 0:
		return "+" + strconv.Itoa(*p)
	case *p < 0:
		return "−" + strconv.Itoa(-*p)
	}
	return "0"
}

// totalText is "97 of 125" or the reason there is no total.
func (l tr) TotalText(d Document) string {
	if d.Total == nil {
		return l.T("no_total")
	}
	return l.Num(*d.Total) + " " + l.Tf("of_max", l.Num(d.Max))
}

// BandRange is a band's cut-offs as printed, e.g. "100–114".
func (l tr) BandRange(b Band) string {
	if b.Printed != "" {
		return b.Printed
	}
	return l.Num(b.Lo) + "–" + l.Num(b.Hi)
}

// siteTitle is the site's name with its code when it has one.
func siteTitle(s Site) string {
	if s.Code != "" && s.Code != s.Name {
		return s.Name + " (" + s.Code + ")"
	}
	return s.Name
}

// parentPath is the names above the site, "NAV Vest › NAV Bergen".
func parentPath(s Site) string {
	p := s.Path
	if n := len(p); n > 0 && p[n-1] == s.Name {
		p = p[:n-1]
	}
	return strings.Join(p, " › ")
}

// paragraphs splits a text written by people into its paragraphs.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
