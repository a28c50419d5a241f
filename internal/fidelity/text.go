package fidelity

// Text is a string in the two languages the service speaks.
type Text struct {
	EN string `json:"en" yaml:"en"`
	NB string `json:"nb" yaml:"nb"`
}

// In returns the text in lang ("nb" or "en"), falling back to English.
func (t Text) In(lang string) string {
	if lang == "nb" && t.NB != "" {
		return t.NB
	}
	return t.EN
}
