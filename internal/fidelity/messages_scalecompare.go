package fidelity

// Texts of the comparison across scale versions (a site whose latest
// review is on an older version, compared through the item map).
func init() {
	AddMessagesNB(map[string]string{
		"the review's inputs have not been re-scored under the report's scale version (fidelity rescore)": "registreringene i evalueringen er ikke skåret på nytt etter skalaversjonen i rapporten (fidelity rescore)",
		"the review has no consensus score for the item":                                                  "evalueringen har ingen konsensusskår for indikatoren",
	})
}
