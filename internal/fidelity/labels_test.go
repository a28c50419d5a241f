package fidelity

import "testing"

// Every review type, review state and report step has a name in both
// languages, not its code (its fallback).
func TestLabelsNameEveryCode(t *testing.T) {
	check := func(code string, l Text) {
		if l.EN == "" || l.NB == "" || l.NB == code { // the Norwegian word is never the code
			t.Errorf("%s is named %+v", code, l)
		}
	}
	for _, c := range ReviewTypes() {
		check(string(c), c.Label())
	}
	for _, c := range ReviewStatuses() {
		check(string(c), c.Label())
	}
	for _, c := range ReportActionStatuses() {
		check(string(c), c.Label())
	}
	for _, c := range ReportSteps() {
		check(c, ReportStepLabel(c))
	}
	if ReviewType("x").Label().In("nb") != "x" {
		t.Error("an unknown code must be named by itself")
	}
}
