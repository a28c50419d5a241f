package webui

import "github.com/ipsfidelity/fidelity/internal/fidelity"

// The names of review types and states and of the report's steps are the
// domain's (fidelity/labels.go), shared with the codebooks and the written
// report; the catalog takes them under its keys "type.*", "status.*" and
// "report.step.*".
func init() {
	add := func(key string, t fidelity.Text) { catalog[key] = [2]string{t.EN, t.NB} }
	for _, t := range fidelity.ReviewTypes() {
		add("type."+string(t), t.Label())
	}
	for _, s := range fidelity.ReviewStatuses() {
		add("status."+string(s), s.Label())
	}
	for _, step := range fidelity.ReportSteps() {
		add("report.step."+step, fidelity.ReportStepLabel(step))
	}
}
