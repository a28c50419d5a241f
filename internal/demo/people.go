package demo

import (
	"strconv"
	"strings"
)

// reviewers are the external fidelity reviewers. In Norway they come from
// the national competence service for work rehabilitation and from the
// counties' IPS coordinators; a review pairs two of them.
var reviewers = []struct{ name, org string }{
	{"Ingrid Solberg", "Nasjonal kompetansetjeneste for arbeidsrettet rehabilitering"},
	{"Magnus Berg", "Nasjonal kompetansetjeneste for arbeidsrettet rehabilitering"},
	{"Sara Haugen", "Nav Vestland"},
	{"Jonas Lie", "Nav Oslo"},
	{"Kari Nilsen", "Nav Nordland"},
	{"Ola Dahl", "Nav Trøndelag"},
}

// The reviewers at these indexes lean above and below the consensus.
const lenient, strict = 5, 2

// leadNames are the IPS team leads, one per team; each does the team's
// self-assessments.
var leadNames = []string{
	"Hanne Kristiansen", "Lars Johansen", "Marte Andersen", "Erik Pedersen", "Silje Larsen",
	"Anders Karlsen", "Ida Olsen", "Thomas Jensen", "Camilla Hansen", "Henrik Eriksen",
	"Nina Bakke", "Per Moen", "Tone Halvorsen", "Kristian Strand", "Line Sørensen",
	"Geir Lunde", "Maria Aas", "Øystein Brekke", "Randi Fossum", "Stian Myhre",
}

// specialistNames label the employment specialists in per-specialist items
// (Sv6, Sv7); a team keeps the same people from visit to visit.
var specialistNames = []string{
	"Anne", "Bjørn", "Cecilie", "Dag", "Eva", "Frode", "Guro", "Håkon", "Ingvild", "Jan",
	"Kjersti", "Leif", "Mona", "Nils", "Oda", "Petter", "Ragnhild", "Sindre", "Trine", "Vegard",
}

func leadName(k int) string {
	n := leadNames[k%len(leadNames)]
	if r := k / len(leadNames); r > 0 {
		n += " " + itoa(r+1)
	}
	return n
}

// email gives a person an address in a reserved example domain.
func email(name string) string {
	r := strings.NewReplacer(" ", ".", "æ", "ae", "ø", "o", "å", "a", "Æ", "ae", "Ø", "o", "Å", "a")
	return strings.ToLower(r.Replace(name)) + "@example.no"
}

func itoa(i int) string { return strconv.Itoa(i) }
