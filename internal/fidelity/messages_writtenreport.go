package fidelity

// The written report's messages (issue 13, the document).
func init() {
	AddMessagesNB(map[string]string{
		"review %s has no consensus yet; it exists once saved with PUT": "evalueringen %s har ingen konsensus ennå; den finnes når den er lagret med PUT",
		"the review has no consensus yet, so it has no report":          "evalueringen har ingen konsensus ennå, og har derfor ingen rapport",
		"unknown language": "ukjent språk",
		"must be nb or en": "må være nb eller en",
	})
}
