package fidelity

// Norwegian texts of the scale-version messages: item maps, re-scoring and
// trends across a scale change (issue 15).
func init() {
	AddMessagesNB(map[string]string{
		"no item map": "ingen koblingstabell",
		"no item map leads to %s; re-scoring needs one (scales/maps/)":                                    "ingen koblingstabell fører til %s; ny skåring krever en (scales/maps/)",
		"rescore: the map does not join the two scales":                                                   "ny skåring: koblingstabellen knytter ikke sammen de to skalaene",
		"the consensus has no input for %s":                                                               "konsensus har ingen registrering for %s",
		"the consensus has no score for %s":                                                               "konsensus har ingen skår for %s",
		"the stored inputs do not fit the new rule: %s":                                                   "de lagrede registreringene passer ikke med den nye regelen: %s",
		"the new rule gives no score for the stored inputs":                                               "den nye regelen gir ingen skår for de lagrede registreringene",
		"the new rule leaves %s to the rater's judgement (%s)":                                            "den nye regelen overlater %s til evaluatorens skjønn (%s)",
		"the previous review's inputs have not been re-scored under the newer version (fidelity rescore)": "registreringene i forrige evaluering er ikke skåret på nytt etter den nyere versjonen (fidelity rescore)",
		"the reviews are under different scales (%s, %s); compare the items":                              "evalueringene bruker ulike skalaer (%s, %s); sammenlign indikatorene",
	})
}
