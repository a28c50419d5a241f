package fidelity

// Norwegian texts of the written review report's messages (issue 13).
func init() {
	AddMessagesNB(map[string]string{
		"%s is not an item of %s":                                                   "%s er ikke et punkt i %s",
		"a dismissed action cannot be edited":                                       "et avvist tiltak kan ikke endres",
		"is only for a correction after the report has been issued":                 "brukes bare ved en rettelse etter at rapporten er sendt",
		"is required: the item is scored %d, below 5":                               "må fylles ut: punktet har skår %d, under 5",
		"must not be before the report was issued (%s)":                             "kan ikke være før rapporten ble sendt (%s)",
		"must not be before the report was issued":                                  "kan ikke være før rapporten ble sendt",
		"must not be before the visit ended (%s)":                                   "kan ikke være før besøket var avsluttet (%s)",
		"must not be in the future":                                                 "kan ikke være fram i tid",
		"proposed action %s is already %s":                                          "tiltaksforslag %s har allerede status %s",
		"review %s is %s; a report is issued once the review is finalised":          "evaluering %s har status %s; rapporten sendes når evalueringen er ferdigstilt",
		"review %s is %s; the report is written once the consensus has started":     "evaluering %s har status %s; rapporten skrives når konsensus har startet",
		"the comment is not valid":                                                  "kommentaren er ikke gyldig",
		"the decision is not valid":                                                 "beslutningen er ikke gyldig",
		"the report cannot be issued yet":                                           "rapporten kan ikke sendes ennå",
		"the report cannot be made final":                                           "rapporten kan ikke gjøres endelig",
		"the report of review %s has not been issued yet":                           "rapporten for evaluering %s er ikke sendt ennå",
		"the report of review %s is %s; only an issued report can be made final":    "rapporten for evaluering %s har status %s; bare en sendt rapport kan gjøres endelig",
		"the report of review %s is a draft; only its raters and leads may read it": "rapporten for evaluering %s er et utkast; bare evaluatorene og ledere kan lese den",
		"the report of review %s is already %s":                                     "rapporten for evaluering %s har allerede status %s",
		"the report of review %s is final; it takes no more comments":               "rapporten for evaluering %s er endelig og tar ikke imot flere kommentarer",
		"the report of review %s is not final; evidence is kept until it is":        "rapporten for evaluering %s er ikke endelig; notatene beholdes til den er det",
		"the report text is not valid":                                              "rapportteksten er ikke gyldig",
		"the form is not valid":                                                     "skjemaet er ikke gyldig",
		"must be a date such as 2026-10-30":                                         "må være en dato som 2026-10-30",
		"write the report before issuing it":                                        "skriv rapporten før du sender den",
	})
}
