package fidelity

// The words people read for the codes of reviews and report steps, in
// both languages: the web pages, the statistics codebooks and the
// written report all name them from here.
var (
	reviewTypeLabels = map[ReviewType]Text{
		ReviewExternal: {EN: "External review", NB: "Ekstern evaluering"},
		ReviewSelf:     {EN: "Self-assessment", NB: "Egenvurdering"},
		ReviewRemote:   {EN: "Remote review", NB: "Digital evaluering"},
	}
	reviewStatusLabels = map[ReviewStatus]Text{
		StatusPlanned:    {EN: "Planned", NB: "Planlagt"},
		StatusInProgress: {EN: "In progress", NB: "Pågår"},
		StatusConsensus:  {EN: "Consensus", NB: "Konsensus"},
		StatusFinalised:  {EN: "Finalised", NB: "Ferdigstilt"},
	}
	reportActionLabels = map[ReportActionStatus]Text{
		ReportActionProposed:  {EN: "proposed", NB: "foreslått"},
		ReportActionAccepted:  {EN: "accepted", NB: "godtatt"},
		ReportActionDismissed: {EN: "dismissed", NB: "avvist"},
	}
	reportStepLabels = map[string]Text{
		StepReport:     {EN: "Report issued", NB: "Rapport sendt"},
		StepComments:   {EN: "Site comments", NB: "Kommentarer fra enheten"},
		StepEvidence:   {EN: "Personal data deleted", NB: "Personopplysninger slettet"},
		StepActionPlan: {EN: "Action plan agreed", NB: "Tiltaksplan avtalt"},
		StepSupport:    {EN: "Technical support", NB: "Faglig veiledning"},
	}
)

// ReviewTypes are the review types in the order lists show them.
func ReviewTypes() []ReviewType { return []ReviewType{ReviewExternal, ReviewSelf, ReviewRemote} }

// ReviewStatuses are the review states in the order a review passes them.
func ReviewStatuses() []ReviewStatus {
	return []ReviewStatus{StatusPlanned, StatusInProgress, StatusConsensus, StatusFinalised}
}

// ReportActionStatuses are the states of an action a report proposes.
func ReportActionStatuses() []ReportActionStatus {
	return []ReportActionStatus{ReportActionProposed, ReportActionAccepted, ReportActionDismissed}
}

// ReportSteps are the steps of a report's timeline in order.
func ReportSteps() []string {
	return []string{StepReport, StepComments, StepEvidence, StepActionPlan, StepSupport}
}

// Label names the review type; an unknown type is named by its code.
func (t ReviewType) Label() Text { return labelOr(reviewTypeLabels, t, string(t)) }

// Label names the review state; an unknown state is named by its code.
func (s ReviewStatus) Label() Text { return labelOr(reviewStatusLabels, s, string(s)) }

// Label names the proposed action's state; an unknown state is named by
// its code.
func (s ReportActionStatus) Label() Text { return labelOr(reportActionLabels, s, string(s)) }

// ReportStepLabel names a step of the report timeline; an unknown step is
// named by its code.
func ReportStepLabel(step string) Text { return labelOr(reportStepLabels, step, step) }

func labelOr[K comparable](m map[K]Text, k K, code string) Text {
	if t, ok := m[k]; ok {
		return t
	}
	return Text{EN: code, NB: code}
}
