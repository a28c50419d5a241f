package webui

import "github.com/ipsfidelity/fidelity/internal/fidelity"

// The names of review types and states, of the report's proposed actions'
// states and of its steps are the domain's (fidelity/labels.go), shared
// with the codebooks and the written report; the catalog takes them under
// its keys "type.*", "status.*", "report.action.*" and "report.step.*".
func init() {
	add := func(key string, t fidelity.Text) { catalog[key] = [2]string{t.EN, t.NB} }
	for _, t := range fidelity.ReviewTypes() {
		add("type."+string(t), t.Label())
	}
	for _, s := range fidelity.ReviewStatuses() {
		add("status."+string(s), s.Label())
	}
	for _, a := range fidelity.ReportActionStatuses() {
		add("report.action."+string(a), a.Label())
	}
	for _, step := range fidelity.ReportSteps() {
		add("report.step."+step, fidelity.ReportStepLabel(step))
	}
}
