package fidelity

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The service's messages are written in English where they arise (the
// service and scoring layers), from fixed formats; the English format is
// the message key (see Translate). messagesNB holds the Norwegian (bokmål) text of each, with the same
// verbs in the same order. Adapters choose the language: the web interface
// shows the reader's, the REST API stays English (its problem+json is read
// by programs and logs). A test checks that every message the service and
// scoring layers can produce has a translation here.
var messagesNB = map[string]string{
	// Field reasons: required, text, numbers.
	"must be valid UTF-8 text":                                                                         "må være gyldig UTF-8-tekst",
	"must be at most %d characters":                                                                    "kan være høyst %d tegn",
	"must not contain control characters":                                                              "kan ikke inneholde kontrolltegn",
	"must be an e-mail address such as name@example.org":                                               "må være en e-postadresse, for eksempel navn@eksempel.no",
	"only the review's raters may %s it":                                                               "bare evalueringens evaluatorer kan gjøre dette (%s)",
	"groups the sites below it; reviewed through them":                                                 "samler enhetene under seg og evalueres gjennom dem",
	"cannot be combined with scope: a key sees either the scope's subtrees or every site":              "kan ikke kombineres med scope: en nøkkel ser enten enhetene i sitt scope med underenheter, eller alle enheter",
	"name the sites whose subtrees the key may see, or set all_sites to true to let it see every site": "oppgi enhetene nøkkelen kan se (med underenheter), eller sett all_sites til true for å la den se alle enheter",
	"is required for a key limited to several subtrees":                                                "er påkrevd for en nøkkel som er begrenset til flere deler av enhetstreet",
	"only keys for all sites may take a rater's home site away":                                        "bare nøkler for alle enheter kan fjerne en evaluators hjemmeenhet",
	"scale %s is already published with different content (checksum %.12s…, this file %.12s…): %s":     "skalaen %s er allerede publisert med annet innhold (sjekksum %.12s…, denne filen %.12s…): %s",
	"already used by an active site under the same parent":                                             "er allerede brukt av en aktiv enhet under samme overordnede enhet",
	"must be %s for %s%s":                                                                              "må være %s for %s%s",
	"is not used here: %s gives %d by the rule%s":                                                      "brukes ikke her: %s gir %d etter regelen%s",
	"must not be more than %s (%s)":                                                                    "kan ikke være mer enn %s (%s)",
	"the site %s refers to was not found":                                                              "enheten som %s viser til, finnes ikke",
	"is required":                                                                                      "må fylles ut",
	"must be a finite number":                                                                          "må være et endelig tall",
	"must be a whole number: it is a count (%s given)":                                                 "må være et heltall: det er et antall (%s oppgitt)",
	"must not be %s: %s":                                                                               "kan ikke være %s: %s",
	"must be greater than %s":                                                                          "må være større enn %s",
	"must be at least %s":                                                                              "må være minst %s",
	"must be at most %s":                                                                               "kan være høyst %s",
	"must be between %d and %d":                                                                        "må være mellom %d og %d",
	"must not be negative":                                                                             "kan ikke være negativ",
	"must be in the future":                                                                            "må ligge fram i tid",
	"%s":                                                                                               "%s",

	// Keys, sites, periods, action plans.
	"only keys of role rater rate as a rater":                    "bare nøkler med rollen evaluator kan vurdere som evaluator",
	"a key of role rater must name the rater it rates as":        "en nøkkel med rollen evaluator må oppgi hvilken evaluator den vurderer som",
	"must be one of admin, lead, rater, reader":                  "må være én av admin, lead, rater eller reader",
	"entry %d: no site %s":                                       "oppføring %d: enheten %s finnes ikke",
	"site %s is listed twice":                                    "enheten %s står to ganger",
	"no such rater":                                              "evaluatoren finnes ikke",
	"no such site":                                               "enheten finnes ikke",
	"the period needs a start and an end":                        "perioden må ha både start og slutt",
	"must not be before period_start":                            "kan ikke være før periodens start",
	"must be open, in_progress, done or dropped":                 "må være åpen, pågår, ferdig eller droppet",
	"entry %d: %s is not an item of %s":                          "oppføring %d: %s er ikke et punkt i %s",
	"%s is listed twice":                                         "%s står to ganger",
	"a site cannot be moved under itself or its own descendants": "en enhet kan ikke flyttes inn under seg selv eller sine egne underenheter",
	"must not be before the site's active_from":                  "kan ikke være før datoen enheten ble aktiv",
	"at most 200 items per request":                              "høyst 200 punkter per forespørsel",

	// Planning a review.
	"must be one of external, self, remote":                    "må være ekstern, egenvurdering eller digital",
	"must not be before visit_start":                           "kan ikke være før første besøksdag",
	"at least one rater is required":                           "velg minst én evaluator",
	"at most %d raters":                                        "høyst %d evaluatorer",
	"rater %s is listed twice":                                 "evaluatoren %s står to ganger",
	"no rater %s":                                              "evaluatoren %s finnes ikke",
	"rater %s (%s) is not active":                              "evaluatoren %s (%s) er ikke aktiv",
	"no scale %q is published":                                 "skalaen %q er ikke publisert",
	"no scale %s is published":                                 "skalaen %s er ikke publisert",
	"the site is not active on the visit date":                 "enheten er ikke aktiv på besøksdatoen",
	"rater %s has already saved ratings and cannot be removed": "evaluatoren %s har allerede lagret vurderinger og kan ikke fjernes",
	"raters cannot change once consensus has started":          "evaluatorene kan ikke endres etter at konsensus er startet",

	// Item inputs (scoring).
	"unknown item %q in %s":                                                                              "ukjent punkt %q i %s",
	"duplicate of items[%d] (item %s)":                                                                   "gjentar punkt nr. %d (punkt %s)",
	"item %s has no rule in the scale":                                                                   "punkt %s har ingen regel i skalaen",
	"gives %s, which no interval of the rule for item %s covers":                                         "gir %s, som ingen intervaller i regelen for punkt %s dekker",
	"must be %s for %s (x = %s)":                                                                         "må være %s for %s (x = %s)",
	"is not used here: x = %s gives %d by the rule (%s)":                                                 "brukes ikke her: x = %s gir %d etter regelen (%s)",
	"must be greater than 0 (it divides %s)":                                                             "må være større enn 0 (det deles på dette i %s)",
	"must not be more than %s (%s): the percentage would be %s":                                          "kan ikke være mer enn %s (%s): prosentandelen ville blitt %s",
	"gives a value that is too large to rate (%s ÷ %s)":                                                  "gir en verdi som er for stor til å vurderes (%s ÷ %s)",
	"unknown derive kind %q in the scale":                                                                "ukjent utregningstype %q i skalaen",
	"gives %s, below the rule's range (at least %s)":                                                     "gir %s, under regelens område (minst %s)",
	"gives %s, above the rule's range (at most %s)":                                                      "gir %s, over regelens område (høyst %s)",
	"is not used by per-specialist item %s: score each specialist; the item score is their rounded mean": "brukes ikke for punkt %s, som vurderes per jobbspesialist: gi hver spesialist en skår; punktets skår er det avrundede gjennomsnittet",
	"not used: item %s is rated by a score per specialist":                                               "brukes ikke: punkt %s vurderes med en skår per jobbspesialist",
	"not used: item %s takes a score per specialist":                                                     "brukes ikke: punkt %s tar en skår per jobbspesialist",
	"duplicate of raters[%d] (%q)":                                                                       "gjentar evaluator nr. %d (%q)",
	"unknown input %q; %s":                                                                               "ukjent felt %q; %s",
	"is a choice input; record it under choices":                                                         "er et valgfelt; registrer det under valg",
	"is a number input; record it under values":                                                          "er et tallfelt; registrer det under verdier",
	"unknown option %q; must be one of %s":                                                               "ukjent valg %q; må være ett av %s",
	"item %s has no checklist":                                                                           "punkt %s har ingen sjekkliste",
	"duplicate of elements[%d] (%q)":                                                                     "gjentar element nr. %d (%q)",
	"unknown element %q; item %s has %s":                                                                 "ukjent element %q; punkt %s har %s",
	"is not used by %s item %s: the score follows from the inputs":                                       "brukes ikke for punkt %[2]s (%[1]s): skåren følger av tallene som er fylt inn",
	"must be %s (the scores the rule leaves to the rater)":                                               "må være %s (skårene regelen overlater til evaluatoren)",
	"is %q, but the input is scored as item %s":                                                          "er %q, men inndataene skåres som punkt %s",
	"item %s has type %q, which this service cannot score":                                               "punkt %s har typen %q, som tjenesten ikke kan skåre",
	"item %s is not rated per specialist":                                                                "punkt %s vurderes ikke per jobbspesialist",

	// Messages of whole errors.
	"the correction would leave the review without a valid total": "rettelsen ville gitt evalueringen en ugyldig totalskår",
	"the deactivation is not valid":                               "deaktiveringen er ikke gyldig",
	"the move is not valid":                                       "flyttingen er ikke gyldig",
	"the ratings cannot be submitted yet":                         "vurderingene kan ikke sendes inn ennå",
	"the site is not valid":                                       "enheten er ikke gyldig",
	"too many items":                                              "for mange punkter",
	"unknown scale":                                               "ukjent skala",
	"the review is not valid":                                     "evalueringen er ikke gyldig",
	"the action is not valid":                                     "tiltaket er ikke gyldig",
	"the correction is not valid":                                 "rettelsen er ikke gyldig",
	"the key is not valid":                                        "nøkkelen er ikke gyldig",
	"the outcome is not valid":                                    "resultatet er ikke gyldig",
	"the rater is not valid":                                      "evaluatoren er ikke gyldig",
	"the ratings are not valid":                                   "vurderingene er ikke gyldige",
	"%s %s not found":                                             "%s %s finnes ikke",
	"another rater's ratings stay hidden until every rater has submitted (independent rating)":                                "en annen evaluators vurderinger er skjult til alle har sendt inn (uavhengig vurdering)",
	"only the review's raters may enter its consensus":                                                                        "bare evalueringens evaluatorer kan registrere konsensus",
	"only the review's raters may finalise it":                                                                                "bare evalueringens evaluatorer kan ferdigstille den",
	"only unscoped keys may create root sites":                                                                                "bare nøkler uten avgrensning kan opprette enheter på øverste nivå",
	"only unscoped keys may make a site a root":                                                                               "bare nøkler uten avgrensning kan flytte en enhet til øverste nivå",
	"rater %s has already submitted; submitted ratings are final":                                                             "evaluatoren %s har allerede sendt inn; innsendte vurderinger er endelige",
	"rater %s is not assigned to review %s":                                                                                   "evaluatoren %s er ikke tildelt evaluering %s",
	"raters may only save their own ratings":                                                                                  "evaluatorer kan bare lagre sine egne vurderinger",
	"review %s cannot be finalised: %s":                                                                                       "evaluering %s kan ikke ferdigstilles: %s",
	"review %s has no consensus ratings yet":                                                                                  "evaluering %s har ingen konsensusvurderinger ennå",
	"review %s is %s, not planned":                                                                                            "evaluering %s har status %s, ikke planlagt",
	"review %s is %s: consensus starts once every rater has submitted":                                                        "evaluering %s har status %s: konsensus starter når alle evaluatorene har sendt inn",
	"review %s is %s; corrections apply to finalised reviews (change the consensus directly instead)":                         "evaluering %s har status %s; rettelser gjelder ferdigstilte evalueringer (endre konsensus direkte i stedet)",
	"review %s is %s; only a review in consensus can be finalised":                                                            "evaluering %s har status %s; bare en evaluering i konsensus kan ferdigstilles",
	"review %s is finalised and read-only; use a correction":                                                                  "evaluering %s er ferdigstilt og skrivebeskyttet; bruk en rettelse",
	"review %s is in status %s; individual ratings are closed":                                                                "evaluering %s har status %s; de individuelle vurderingene er lukket",
	"review %s: the consensus draft is available once every rater has submitted":                                              "evaluering %s: konsensusutkastet er klart når alle evaluatorene har sendt inn",
	"scale %s is already published with different content (checksum %.12s…, this file %.12s…); publish a new version instead": "skalaen %s er allerede publisert med annet innhold (sjekksum %.12s…, denne filen %.12s…); publiser en ny versjon i stedet",
	"scale %s is already published with different content; published versions are immutable, publish a new version":           "skalaen %s er allerede publisert med annet innhold; publiserte versjoner kan ikke endres, publiser en ny versjon",
	"scale %s@%s of a stored review is not loaded":                                                                            "skalaen %s@%s, som en lagret evaluering bruker, er ikke lastet inn",
	"scoring: no scale":                                                    "skåring: ingen skala",
	"no finalised review yet":                                              "ingen ferdigstilt evaluering ennå",
	"sign in with an API key":                                              "logg inn med en API-nøkkel",
	"site %s has %d child site(s); move or delete them first":              "enheten %s har %d underenhet(er); flytt eller slett dem først",
	"site %s has %d review(s) and is never deleted; deactivate it instead": "enheten %s har %d evaluering(er) og slettes aldri; deaktiver den i stedet",
	"the %s was changed by someone else (you have version %d, current is %d); reload and try again": "%s ble endret av noen andre (du har versjon %d, gjeldende er %d); last inn siden på nytt og prøv igjen",
	"the API key is missing, unknown, expired or revoked":                                           "API-nøkkelen mangler, er ukjent, utløpt eller trukket tilbake",
	"the session's key is no longer valid; sign in again":                                           "nøkkelen for økten er ikke lenger gyldig; logg inn på nytt",
	"your role (%s) may not do this":                                                                "rollen din (%s) har ikke lov til dette",
}

// pattern is an English format turned into a matcher of the texts it
// produces: each verb (%s, %d, %q, %.12s, %[2]s) captures its argument as
// it was printed.
type pattern struct {
	re      *regexp.Regexp
	nb      string
	literal int // characters that are not verbs: more is more specific
}

var verb = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[sdqvf]`)

// AddMessagesNB adds the Norwegian texts of a feature's English formats.
// Features keep their messages in their own file (messages_<feature>.go)
// and add them from init, so that the table is not one file every change
// edits. Call it only from init: the patterns are built on first use.
func AddMessagesNB(m map[string]string) {
	for en, nb := range m {
		if old, ok := messagesNB[en]; ok && old != nb {
			panic("fidelity: two Norwegian texts for " + en)
		}
		messagesNB[en] = nb
	}
}

// patterns holds every format of messagesNB, most specific first, so that
// "must be at most %d characters" wins over "must be at most %s". It is
// built on first use, after every init has added its messages.
var patterns = sync.OnceValue(func() []pattern {
	out := make([]pattern, 0, len(messagesNB))
	for en, nb := range messagesNB {
		var b strings.Builder
		b.WriteString("^")
		last := 0
		literal := 0
		for _, m := range verb.FindAllStringIndex(en, -1) {
			b.WriteString(regexp.QuoteMeta(en[last:m[0]]))
			literal += m[0] - last
			b.WriteString("(.*?)")
			last = m[1]
		}
		b.WriteString(regexp.QuoteMeta(en[last:]))
		literal += len(en) - last
		b.WriteString("$")
		// Arguments come back as printed text, so every verb of the
		// Norwegian text prints a string (an explicit index is kept).
		nbs := verb.ReplaceAllStringFunc(nb, func(v string) string {
			if j := strings.Index(v, "]"); j > 0 {
				return v[:j+1] + "s"
			}
			return "%s"
		})
		out = append(out, pattern{re: regexp.MustCompile(b.String()), nb: nbs, literal: literal})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].literal != out[j].literal {
			return out[i].literal > out[j].literal
		}
		return out[i].re.String() < out[j].re.String()
	})
	return out
})

// plainNB holds the formats without verbs. Most texts are one of them:
// found at once, without a regular expression or trying every pattern (an
// import report translates up to a thousand). Built on first use, like
// patterns.
var plainNB = sync.OnceValue(func() map[string]string {
	out := make(map[string]string, len(messagesNB))
	for en, nb := range messagesNB {
		if !verb.MatchString(en) {
			out[en] = nb
		}
	}
	return out
})

// Translate returns an English message of the service in lang ("en" or
// "nb"). The service builds its messages from fixed English formats; the
// format a text was printed from is its key, found by matching, and the
// printed arguments fill the Norwegian text. Decimal points in numeric
// arguments become decimal commas. A text without a translation stays as
// it is.
func Translate(lang, english string) string {
	if lang != "nb" || english == "" {
		return english
	}
	if nb, ok := plainNB()[english]; ok {
		return nb
	}
	for _, p := range patterns() {
		m := p.re.FindStringSubmatch(english)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, a := range m[1:] {
			args[i] = a
			if nb, ok := dataTextNB(a); ok {
				args[i] = nb
				continue
			}
			if strings.Contains(a, ".") {
				if _, err := strconv.ParseFloat(a, 64); err == nil {
					args[i] = strings.Replace(a, ".", ",", 1)
				}
			}
		}
		return fmt.Sprintf(p.nb, args...)
	}
	return english
}

// ReasonIn returns the field's reason in lang.
func (f FieldError) ReasonIn(lang string) string { return Translate(lang, f.Reason) }

// MessageIn returns the caller-safe message of err in lang; see MessageOf.
func MessageIn(err error, lang string) string { return Translate(lang, MessageOf(err)) }

// HasTranslation reports whether an English format has a Norwegian text.
func HasTranslation(english string) bool { _, ok := messagesNB[english]; return ok }

// MessageFormats lists the English formats that have a Norwegian text.
func MessageFormats() []string {
	out := make([]string, 0, len(messagesNB))
	for en := range messagesNB {
		out = append(out, en)
	}
	sort.Strings(out)
	return out
}

// MessageNB returns the Norwegian text of an English format, "" if none.
func MessageNB(english string) string { return messagesNB[english] }

// dataTexts are texts that come from data rather than from the service's
// own formats — a scale's reasons, quoted inside a message — with their
// Norwegian, registered by whoever loads the data (RegisterText).
var dataTexts sync.Map // English → Norwegian

// RegisterText makes Translate render en as nb where en is an argument of
// a message. Scales register the texts of theirs that messages quote.
func RegisterText(en, nb string) {
	if en != "" && nb != "" {
		dataTexts.Store(en, nb)
	}
}

func dataTextNB(en string) (string, bool) {
	v, ok := dataTexts.Load(en)
	if !ok {
		return "", false
	}
	return v.(string), true
}
