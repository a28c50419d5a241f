package service

import (
	"context"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/writtenreport"
)

// addReportNarrative fills what the reviewers and the site wrote into an
// assembled report: summary, strengths, each item's strength and
// recommendation (matched by item id; the assembler has filled Items),
// the action plan, the site's comments and the lifecycle with its
// deadlines, localised in doc.Lang. r is the review, already read and
// in p's scope; p is the caller; the same rules as
// GET …/report/narrative apply (a draft only for the review's raters and
// leads).
func (s *Service) addReportNarrative(ctx context.Context, p fidelity.Principal, r fidelity.Review, doc *writtenreport.Document) error {
	v, err := s.readableReport(fidelity.WithPrincipal(ctx, p), r)
	if err != nil {
		return err
	}
	lang := doc.Lang
	doc.Summary, doc.Strengths = v.Narrative.Summary, v.Narrative.Strengths
	titles := map[string]string{}
	for i := range doc.Items {
		it := &doc.Items[i]
		titles[it.ID] = it.Title
		if n, ok := v.Narrative.Items[it.ID]; ok {
			it.Strength, it.Recommendation = n.Strength, n.Recommendation
		}
	}
	doc.Actions = make([]writtenreport.Action, 0, len(v.Actions))
	for _, a := range v.Actions {
		doc.Actions = append(doc.Actions, writtenreport.Action{
			ItemID: a.ItemID, ItemTitle: titles[a.ItemID], Recommendation: a.Recommendation, Text: a.Text,
			Owner: a.Owner, Due: a.Due, Status: ReportActionStatusLabel(lang, a.Status), Reason: a.Reason,
		})
	}
	doc.Comments = make([]writtenreport.Comment, 0, len(v.Comments))
	for _, c := range v.Comments {
		doc.Comments = append(doc.Comments, writtenreport.Comment{Date: c.ReceivedOn, Author: c.Author, Text: c.Text})
	}
	lc := writtenreport.Lifecycle{
		Status: ReportStatusLabel(lang, v.Report.Status), IssuedOn: v.Report.IssuedOn, IssuedTo: v.Report.IssuedTo,
		FinalOn: v.Report.FinalOn, CommentsOn: firstCommentOn(v.Comments),
	}
	for _, st := range v.Steps {
		lc.Deadlines = append(lc.Deadlines, writtenreport.Deadline{Step: ReportStepLabel(lang, st.Step), Due: st.Due, Done: st.Done, Overdue: st.Overdue})
	}
	doc.Lifecycle = lc
	return nil
}

// reportStatusLabels name the report's states in the written report. The
// web pages keep their own (webui "report.status.*"): their English words
// say more ("issued to the site"), so the two are not one list.
var (
	reportStatusLabels = map[string][2]string{ // en, nb
		string(fidelity.ReportDraft):     {"draft", "utkast"},
		string(fidelity.ReportIssued):    {"issued", "sendt til enheten"},
		string(fidelity.ReportCommented): {"commented", "kommentert av enheten"},
		string(fidelity.ReportFinal):     {"final", "endelig"},
	}
)

func label(m map[string][2]string, lang, key string) string {
	l, ok := m[key]
	if !ok {
		return key
	}
	if lang == "nb" {
		return l[1]
	}
	return l[0]
}

// ReportStatusLabel names a report status in lang ("nb" or "en").
func ReportStatusLabel(lang string, st fidelity.ReportStatus) string {
	return label(reportStatusLabels, lang, string(st))
}

// ReportActionStatusLabel names a proposed action's status in lang.
func ReportActionStatusLabel(lang string, st fidelity.ReportActionStatus) string {
	return st.Label().In(lang)
}

// ReportStepLabel names a timeline step in lang (fidelity.ReportStepLabel).
func ReportStepLabel(lang, step string) string { return fidelity.ReportStepLabel(step).In(lang) }
