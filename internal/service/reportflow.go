package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/report"
)

// The written review report: the reviewers' texts (versioned), the
// lifecycle draft → issued → commented → final, the site's comments, the
// actions the issued report proposes, and the evidence purge. Who may do
// what: the review's raters (or an admin) write, issue and make final;
// the site's lead (role lead in scope) comments, decides on the proposed
// actions and asks for the purge.

// ReportView is a review's written report as the adapters show it.
type ReportView struct {
	Report fidelity.WrittenReport // Status is draft and Version 0 while nothing is written
	// Narrative is the current text (Seq 0 while nothing is written).
	Narrative fidelity.ReportNarrative
	// Issued is the text as it was when the report was issued, when a
	// correction has been saved since; nil otherwise.
	Issued   *fidelity.ReportNarrative
	Versions int
	Comments []fidelity.ReportComment
	Actions  []fidelity.ReportAction
	Steps    []fidelity.ReportStep
}

// NarrativeInput is one save of the reviewers' texts; it replaces the
// whole text. Reason is required once the report has been issued (the
// save is then a correction and the issued text stays on record).
type NarrativeInput struct {
	Summary   string
	Strengths string
	Items     map[string]fidelity.ItemNarrative
	Reason    string
}

// IssueInput issues the report to the site.
type IssueInput struct {
	On time.Time // zero: today
	To string    // whom it was sent to
}

// CommentInput records the site's comments on the issued report.
type CommentInput struct {
	Text   string
	Author string    // "": the caller's name
	On     time.Time // the day the comments were received; zero: today
}

// ActionDecision is the lead's decision on a proposed action: accept
// (optionally with an edited text, owner or due date: an edit needs a
// reason) or dismiss (with a reason).
type ActionDecision struct {
	Accept bool
	Text   *string
	Owner  *string
	Due    *time.Time
	Reason string
}

const (
	maxNarrative   = 20000
	maxItemText    = 4000
	maxActionText  = 300 // an accepted proposal becomes an action item titled with it
	maxCommentText = 8000
)

func (s *Service) timeline() fidelity.ReportTimeline {
	if s.cfg.ReportTimeline == (fidelity.ReportTimeline{}) {
		return fidelity.UKTimeline()
	}
	return s.cfg.ReportTimeline
}

// canReadDraft: before issue the report is the reviewers' working text,
// read by the review's raters, leads and admins in scope; once issued it
// is the site's report, read by everyone in scope.
func canReadDraft(p fidelity.Principal, r fidelity.Review) bool {
	switch p.Role {
	case fidelity.RoleAdmin, fidelity.RoleLead:
		return true
	case fidelity.RoleRater:
		return slices.Contains(r.RaterIDs, p.RaterID)
	}
	return false
}

// Report returns a review's written report with its deadlines.
func (s *Service) Report(ctx context.Context, reviewID string) (ReportView, error) {
	if err := requireRole(ctx, fidelity.RoleLead, fidelity.RoleRater, fidelity.RoleReader); err != nil {
		return ReportView{}, err
	}
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return ReportView{}, err
	}
	return s.readableReport(ctx, r)
}

// readableReport is the report of r, a review the caller may see, unless
// it is a draft the caller may not read.
func (s *Service) readableReport(ctx context.Context, r fidelity.Review) (ReportView, error) {
	if err := requireRole(ctx, fidelity.RoleLead, fidelity.RoleRater, fidelity.RoleReader); err != nil {
		return ReportView{}, err
	}
	v, err := s.reportView(ctx, s.store, r)
	if err != nil {
		return ReportView{}, err
	}
	if v.Report.Status == fidelity.ReportDraft && !canReadDraft(caller(ctx), r) {
		return ReportView{}, fidelity.Errorf(fidelity.KindForbidden, "the report of review %s is a draft; only its raters and leads may read it", r.ID)
	}
	return v, nil
}

func (s *Service) reportView(ctx context.Context, st Store, r fidelity.Review) (ReportView, error) {
	w, err := st.GetWrittenReport(ctx, r.ID)
	switch {
	case fidelity.KindOf(err) == fidelity.KindNotFound:
		w = fidelity.WrittenReport{ReviewID: r.ID, Status: fidelity.ReportDraft}
	case err != nil:
		return ReportView{}, err
	}
	return s.reportViewOf(ctx, st, r, w)
}

// reportViewOf completes the view of r's report w (already read): its
// texts, comments, actions and deadlines.
func (s *Service) reportViewOf(ctx context.Context, st Store, r fidelity.Review, w fidelity.WrittenReport) (ReportView, error) {
	v := ReportView{Report: w}
	ns, err := st.Narratives(ctx, r.ID)
	if err != nil {
		return ReportView{}, err
	}
	v.Narrative = fidelity.ReportNarrative{ReviewID: r.ID, Items: map[string]fidelity.ItemNarrative{}}
	for _, n := range ns {
		v.addNarrative(n)
	}
	if v.Comments, err = st.ReportComments(ctx, r.ID); err != nil {
		return ReportView{}, err
	}
	if v.Actions, err = st.ReportActions(ctx, r.ID); err != nil {
		return ReportView{}, err
	}
	v.Steps = s.steps(r, v)
	return v, nil
}

// addNarrative makes n, the next version saved, the current text. The
// issued text is the last version saved before the first correction: the
// current text when n is that correction.
func (v *ReportView) addNarrative(n fidelity.ReportNarrative) {
	if n.Correction && v.Issued == nil && v.Versions > 0 {
		issued := v.Narrative
		v.Issued = &issued
	}
	v.Narrative = n
	v.Versions++
}

// withReport is v with w, just stored, as its report (PutWrittenReport
// stored the next version) and the steps that follow.
func (s *Service) withReport(r fidelity.Review, v ReportView, w fidelity.WrittenReport) ReportView {
	w.Version++
	v.Report = w
	v.Steps = s.steps(r, v)
	return v
}

// firstCommentOn is the day the first of the site's comments was
// received (nil without comments): comments are listed as saved, and a
// date entered later may be earlier.
func firstCommentOn(comments []fidelity.ReportComment) *time.Time {
	if len(comments) == 0 {
		return nil
	}
	first := comments[0].ReceivedOn
	for _, c := range comments[1:] {
		if c.ReceivedOn.Before(first) {
			first = c.ReceivedOn
		}
	}
	return &first
}

// steps are the deadlines of r's report as the view v stands.
func (s *Service) steps(r fidelity.Review, v ReportView) []fidelity.ReportStep {
	commented := firstCommentOn(v.Comments)
	open, lastDecided := actionDecisions(v.Actions)
	planDone := planSettledOn(v.Report.IssuedOn, open, lastDecided)
	var rep *fidelity.WrittenReport
	if v.Report.Version > 0 {
		rep = &v.Report
	}
	return s.timeline().Steps(r.VisitEnd, rep, commented, planDone, s.today())
}

// The report's writes answer with the view they produced, built from the
// view read before the write and what the write stored, not read again:
// the instants and days they store are therefore cut to what the store
// keeps, so the answer equals what the next read returns.

// storedInstant is t as the store keeps an instant: UTC, whole microseconds.
func storedInstant(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// storedDay is the calendar day of t as the store keeps a date: midnight UTC.
func storedDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// planSettledOn is the day the action plan was settled: the day of the
// last decision, or the issue date when nothing was proposed; nil before
// the report is issued and while a proposal waits (open > 0). The report
// view (actionDecisions) and the overdue list (ReportTimelines) count
// open proposals and the last decision each their own way and ask this.
func planSettledOn(issued *time.Time, open int, lastDecided *time.Time) *time.Time {
	if issued == nil || open > 0 {
		return nil
	}
	done := *issued
	if lastDecided != nil && lastDecided.After(done) {
		done = *lastDecided
	}
	return &done
}

// actionDecisions counts the proposals still waiting for a decision and
// finds the day of the last decision.
func actionDecisions(actions []fidelity.ReportAction) (open int, lastDecided *time.Time) {
	for _, a := range actions {
		if a.Status == fidelity.ReportActionProposed || a.DecidedAt == nil {
			open++
			continue
		}
		if d := a.DecidedAt.UTC().Truncate(24 * time.Hour); lastDecided == nil || d.After(*lastDecided) {
			lastDecided = &d
		}
	}
	return open, lastDecided
}

// stepDay is the day a report step happened: the day given, or today.
func (s *Service) stepDay(on time.Time) time.Time {
	if on.IsZero() {
		return s.today()
	}
	return storedDay(on)
}

// checkStepDay adds the rule every dated report step keeps to c: its day
// is not before the step it follows (since, described by after) and not
// in the future.
func (s *Service) checkStepDay(c *checks, on, since time.Time, after string) {
	if on.Before(since) {
		c.add("on", "must not be before "+after+" (%s)", since.Format(time.DateOnly))
	} else if on.After(s.today()) {
		c.add("on", "must not be in the future")
	}
}

// MayWriteReport says whether the caller may write, issue and make final
// the report of r (a review it can see): one of its raters, or an admin.
// The web pages ask it to offer only the forms that will work.
func (s *Service) MayWriteReport(ctx context.Context, r fidelity.Review) error {
	return mayWriteReport(ctx, r, "write the report of")
}

func mayWriteReport(ctx context.Context, r fidelity.Review, action string) error {
	if err := requireRole(ctx, fidelity.RoleRater); err != nil {
		return err
	}
	return requireAssigned(ctx, r, action)
}

// MayActForSite says whether the caller may answer an issued report for
// the site (comment, decide on the proposed actions, ask for the evidence
// purge): a lead, or an admin; scope is checked with the review.
func (s *Service) MayActForSite(ctx context.Context) error {
	return requireRole(ctx, fidelity.RoleLead)
}

// reportWriter loads, inside tx, a review the caller may write the report
// of: one of its raters (or an admin), with the consensus started.
func (s *Service) reportWriter(ctx context.Context, tx Store, reviewID, action string) (fidelity.Review, string, error) {
	// The role first, so a caller who may never write learns it before
	// anything is read.
	if err := requireRole(ctx, fidelity.RoleRater); err != nil {
		return fidelity.Review{}, "", err
	}
	r, path, err := lockedReviewAt(ctx, tx, reviewID)
	if err != nil {
		return fidelity.Review{}, "", err
	}
	if err := mayWriteReport(ctx, r, action); err != nil {
		return fidelity.Review{}, "", err
	}
	if r.Status != fidelity.StatusConsensus && r.Status != fidelity.StatusFinalised {
		return fidelity.Review{}, "", fidelity.Errorf(fidelity.KindConflict,
			"review %s is %s; the report is written once the consensus has started", reviewID, r.Status)
	}
	return r, path, nil
}

// SaveNarrative stores a new version of the reviewers' texts. ifVersion is
// the version (ReportView.Versions) the caller edited, or AnyVersion.
func (s *Service) SaveNarrative(ctx context.Context, reviewID string, ifVersion int, in NarrativeInput) (ReportView, error) {
	var out ReportView
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, err := s.reportWriter(ctx, tx, reviewID, "write the report of")
		if err != nil {
			return err
		}
		before, err := s.reportView(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := checkVersion("report text", before.Versions, ifVersion); err != nil {
			return err
		}
		correction := before.Report.Status != fidelity.ReportDraft
		if err := s.checkNarrative(r, in, correction); err != nil {
			return err
		}
		now := storedInstant(s.now())
		out = before
		if before.Report.Version == 0 {
			w := fidelity.WrittenReport{ReviewID: r.ID, Status: fidelity.ReportDraft, CreatedAt: now, UpdatedAt: now}
			if err := tx.PutWrittenReport(ctx, w); err != nil {
				return err
			}
			w.Version = 1 // stored as the first version
			out.Report = w
		}
		n := fidelity.ReportNarrative{
			ReviewID: r.ID, Seq: before.Versions + 1, Summary: strings.TrimSpace(in.Summary),
			Strengths: strings.TrimSpace(in.Strengths), Items: cleanItems(in.Items), Correction: correction,
			Author: caller(ctx).Name, CreatedAt: now,
		}
		if correction {
			n.Reason = strings.TrimSpace(in.Reason)
		}
		if err := tx.AddNarrative(ctx, n); err != nil {
			return err
		}
		action := "report.narrative"
		if correction {
			action = "report.correct"
		}
		if err := s.record(ctx, tx, action, fidelity.ResourceWrittenReport, r.ID, path, before.Narrative, n); err != nil {
			return err
		}
		out.addNarrative(n)
		out.Steps = s.steps(r, out)
		return nil
	})
	return out, err
}

func (s *Service) checkNarrative(r fidelity.Review, in NarrativeInput, correction bool) error {
	var c checks
	c.text("summary", in.Summary, 0, maxNarrative)
	c.text("strengths", in.Strengths, 0, maxNarrative)
	if correction {
		c.text("reason", in.Reason, 1, 2000)
	} else if strings.TrimSpace(in.Reason) != "" {
		c.add("reason", "is only for a correction after the report has been issued")
	}
	sc, err := s.scales.Get(r.ScaleID, r.ScaleVersion)
	ids := make([]string, 0, len(in.Items))
	for id := range in.Items {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err == nil {
			if _, ok := sc.Item(id); !ok {
				c.add("items."+id, "%s is not an item of %s", id, sc.Ref())
				continue
			}
		}
		c.text("items."+id+".strength", in.Items[id].Strength, 0, maxItemText)
		c.text("items."+id+".recommendation", in.Items[id].Recommendation, 0, maxItemText)
	}
	return c.err("the report text is not valid")
}

// cleanItems trims the texts and drops items with neither text.
func cleanItems(in map[string]fidelity.ItemNarrative) map[string]fidelity.ItemNarrative {
	out := make(map[string]fidelity.ItemNarrative, len(in))
	for id, n := range in {
		n.Strength, n.Recommendation = strings.TrimSpace(n.Strength), strings.TrimSpace(n.Recommendation)
		if n.Strength != "" || n.Recommendation != "" {
			out[id] = n
		}
	}
	return out
}

// consensusScores returns the consensus score of each scored item.
func consensusScores(ctx context.Context, tx Store, reviewID string) (map[string]int, []string, error) {
	sets, err := tx.ListRatingSetHeads(ctx, reviewID, true)
	if err != nil {
		return nil, nil, err
	}
	rs := findSet(sets, fidelity.ConsensusKey)
	scores := map[string]int{}
	var order []string
	for _, it := range rs.Scorecard.Items {
		if it.Score != nil {
			scores[it.ItemID] = *it.Score
			order = append(order, it.ItemID)
		}
	}
	return scores, order, nil
}

// IssueReport sends the finalised review's report to the site: every item
// scored below 5 must have a recommendation. Items below the configured
// score become proposed actions, due ActionPlanDays after the issue date.
func (s *Service) IssueReport(ctx context.Context, reviewID string, in IssueInput) (ReportView, error) {
	var out ReportView
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, err := s.reportWriter(ctx, tx, reviewID, "issue the report of")
		if err != nil {
			return err
		}
		if r.Status != fidelity.StatusFinalised {
			return fidelity.Errorf(fidelity.KindConflict, "review %s is %s; a report is issued once the review is finalised", reviewID, r.Status)
		}
		before, err := s.reportView(ctx, tx, r)
		if err != nil {
			return err
		}
		if before.Report.Status != fidelity.ReportDraft {
			return fidelity.Errorf(fidelity.KindConflict, "the report of review %s is already %s", reviewID, before.Report.Status)
		}
		on := s.stepDay(in.On)
		scores, order, err := consensusScores(ctx, tx, reviewID)
		if err != nil {
			return err
		}
		var c checks
		c.text("to", in.To, 1, 200)
		s.checkStepDay(&c, on, r.VisitEnd, "the visit ended")
		if before.Versions == 0 {
			c.add("narrative", "write the report before issuing it")
		}
		for _, id := range order {
			if fidelity.NeedsRecommendation(scores[id]) && before.Narrative.Items[id].Recommendation == "" {
				c.add("items."+id+".recommendation", "is required: the item is scored %d, below 5", scores[id])
			}
		}
		if err := c.err("the report cannot be issued yet"); err != nil {
			return err
		}
		now := storedInstant(s.now())
		w := before.Report
		w.Status, w.IssuedOn, w.IssuedTo, w.UpdatedAt = fidelity.ReportIssued, &on, strings.TrimSpace(in.To), now
		if err := tx.PutWrittenReport(ctx, w); err != nil {
			return err
		}
		out = before
		out.Actions = slices.Clone(before.Actions)
		tl := s.timeline()
		due := on.AddDate(0, 0, tl.ActionPlanDays)
		for _, id := range order {
			if scores[id] >= tl.ActionBelowScore {
				continue
			}
			rec := before.Narrative.Items[id].Recommendation
			a := fidelity.ReportAction{
				ID: s.newID(), ReviewID: r.ID, SiteID: r.SiteID, ItemID: id, Score: scores[id], Recommendation: rec,
				Text: truncateRunes(rec, maxActionText), Due: &due, Status: fidelity.ReportActionProposed,
				CreatedAt: now, UpdatedAt: now, Version: 1,
			}
			if err := tx.CreateReportAction(ctx, a); err != nil {
				return err
			}
			out.Actions = append(out.Actions, a) // ids rise in creation order, as the store lists them
		}
		if err := s.record(ctx, tx, "report.issue", fidelity.ResourceWrittenReport, r.ID, path, before.Report, w); err != nil {
			return err
		}
		out = s.withReport(r, out, w)
		return nil
	})
	return out, err
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// siteLeadReport loads, inside tx, an issued report the caller may answer
// for the site: a lead in scope (or an admin). It reads the report's row
// only; a caller that needs the texts, comments and actions reads them
// with reportViewOf.
func (s *Service) siteLeadReport(ctx context.Context, tx Store, reviewID string) (fidelity.Review, string, fidelity.WrittenReport, error) {
	if err := s.MayActForSite(ctx); err != nil {
		return fidelity.Review{}, "", fidelity.WrittenReport{}, err
	}
	r, path, err := lockedReviewAt(ctx, tx, reviewID)
	if err != nil {
		return fidelity.Review{}, "", fidelity.WrittenReport{}, err
	}
	w, err := tx.GetWrittenReport(ctx, r.ID)
	switch {
	case fidelity.KindOf(err) == fidelity.KindNotFound || (err == nil && w.Status == fidelity.ReportDraft):
		return fidelity.Review{}, "", fidelity.WrittenReport{}, fidelity.Errorf(fidelity.KindConflict, "the report of review %s has not been issued yet", reviewID)
	case err != nil:
		return fidelity.Review{}, "", fidelity.WrittenReport{}, err
	}
	return r, path, w, nil
}

// CommentReport records the site's comments on the issued report.
func (s *Service) CommentReport(ctx context.Context, reviewID string, in CommentInput) (ReportView, error) {
	var out ReportView
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, w, err := s.siteLeadReport(ctx, tx, reviewID)
		if err != nil {
			return err
		}
		before, err := s.reportViewOf(ctx, tx, r, w)
		if err != nil {
			return err
		}
		if before.Report.Status == fidelity.ReportFinal {
			return fidelity.Errorf(fidelity.KindConflict, "the report of review %s is final; it takes no more comments", reviewID)
		}
		on := s.stepDay(in.On)
		author := strings.TrimSpace(in.Author)
		if author == "" {
			author = caller(ctx).Name
		}
		var c checks
		c.text("text", in.Text, 1, maxCommentText)
		c.text("author", author, 1, 200)
		s.checkStepDay(&c, on, *before.Report.IssuedOn, "the report was issued")
		if err := c.err("the comment is not valid"); err != nil {
			return err
		}
		now := storedInstant(s.now())
		cm := fidelity.ReportComment{ID: s.newID(), ReviewID: r.ID, Author: author, Text: strings.TrimSpace(in.Text), ReceivedOn: on, CreatedAt: now}
		if err := tx.AddReportComment(ctx, cm); err != nil {
			return err
		}
		w.Status, w.UpdatedAt = fidelity.ReportCommented, now
		if err := tx.PutWrittenReport(ctx, w); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "report.comment", fidelity.ResourceWrittenReport, r.ID, path, nil, cm); err != nil {
			return err
		}
		before.Comments = append(slices.Clone(before.Comments), cm) // ids rise in creation order, as the store lists them
		out = s.withReport(r, before, w)
		return nil
	})
	return out, err
}

// FinaliseReport makes the issued report final (after the site's comments,
// or without them); the evidence retention period starts on that day.
func (s *Service) FinaliseReport(ctx context.Context, reviewID string, on time.Time) (ReportView, error) {
	var out ReportView
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, err := s.reportWriter(ctx, tx, reviewID, "make final the report of")
		if err != nil {
			return err
		}
		before, err := s.reportView(ctx, tx, r)
		if err != nil {
			return err
		}
		if before.Report.Status != fidelity.ReportIssued && before.Report.Status != fidelity.ReportCommented {
			return fidelity.Errorf(fidelity.KindConflict, "the report of review %s is %s; only an issued report can be made final", reviewID, before.Report.Status)
		}
		on = s.stepDay(on)
		var c checks
		s.checkStepDay(&c, on, *before.Report.IssuedOn, "the report was issued")
		if err := c.err("the report cannot be made final"); err != nil {
			return err
		}
		w := before.Report
		w.Status, w.FinalOn, w.UpdatedAt = fidelity.ReportFinal, &on, storedInstant(s.now())
		if err := tx.PutWrittenReport(ctx, w); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "report.final", fidelity.ResourceWrittenReport, r.ID, path, before.Report, w); err != nil {
			return err
		}
		out = s.withReport(r, before, w)
		return nil
	})
	return out, err
}

// ReportActions lists the actions the issued report proposed.
func (s *Service) ReportActions(ctx context.Context, reviewID string) ([]fidelity.ReportAction, error) {
	v, err := s.Report(ctx, reviewID)
	if err != nil {
		return nil, err
	}
	return v.Actions, nil
}

// DecideReportAction accepts (possibly edited) or dismisses a proposed
// action. An accepted action becomes an open action item of the review's
// plan, linked to its item, with the recommendation as its note.
func (s *Service) DecideReportAction(ctx context.Context, reviewID, actionID string, ifVersion int, d ActionDecision) (fidelity.ReportAction, error) {
	var out fidelity.ReportAction
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, w, err := s.siteLeadReport(ctx, tx, reviewID)
		if err != nil {
			return err
		}
		a, err := tx.GetReportAction(ctx, actionID)
		if err != nil || a.ReviewID != r.ID {
			return notFound("proposed action", actionID)
		}
		if err := checkVersion("proposed action", a.Version, ifVersion); err != nil {
			return err
		}
		if a.Status != fidelity.ReportActionProposed {
			return fidelity.Errorf(fidelity.KindConflict, "proposed action %s is already %s", actionID, a.Status)
		}
		before := a
		edited := false
		if d.Text != nil && strings.TrimSpace(*d.Text) != a.Text {
			a.Text, edited = strings.TrimSpace(*d.Text), true
		}
		if d.Owner != nil && strings.TrimSpace(*d.Owner) != a.Owner {
			a.Owner, edited = strings.TrimSpace(*d.Owner), true
		}
		if d.Due != nil {
			if due := storedDay(*d.Due); a.Due == nil || !due.Equal(*a.Due) {
				a.Due, edited = &due, true
			}
		}
		a.Reason = strings.TrimSpace(d.Reason)
		var c checks
		c.text("text", a.Text, 1, maxActionText)
		c.text("owner", a.Owner, 0, 200)
		switch {
		case !d.Accept:
			c.text("reason", d.Reason, 1, 2000)
			if edited {
				c.add("decision", "a dismissed action cannot be edited")
			}
		case edited:
			c.text("reason", d.Reason, 1, 2000)
		default:
			c.text("reason", d.Reason, 0, 2000)
		}
		if a.Due != nil && a.Due.Before(*w.IssuedOn) {
			c.add("due", "must not be before the report was issued")
		}
		if err := c.err("the decision is not valid"); err != nil {
			return err
		}
		now := storedInstant(s.now())
		a.DecidedBy, a.DecidedAt, a.UpdatedAt = caller(ctx).Name, &now, now
		a.Status = fidelity.ReportActionDismissed
		if d.Accept {
			a.Status = fidelity.ReportActionAccepted
			item := fidelity.ActionItem{
				ID: s.newID(), ReviewID: r.ID, SiteID: r.SiteID, ItemIDs: []string{a.ItemID}, Title: a.Text,
				Owner: a.Owner, Due: a.Due, Status: fidelity.ActionOpen, Note: truncateRunes(a.Recommendation, 4000),
				CreatedAt: now, UpdatedAt: now, Version: 1,
			}
			if err := tx.CreateAction(ctx, item); err != nil {
				return err
			}
			a.ActionID = item.ID
			if err := s.record(ctx, tx, "action.create", "action", item.ID, path, nil, item); err != nil {
				return err
			}
		}
		if err := tx.UpdateReportAction(ctx, a); err != nil {
			return err
		}
		a.Version++
		out = a
		return s.record(ctx, tx, "report.action."+string(a.Status), "report_action", a.ID, path, before, a)
	})
	return out, err
}

// PurgeResult says how many evidence notes a purge removed.
type PurgeResult struct {
	ReviewID string
	Purged   int
	At       time.Time
}

// PurgeEvidence removes the evidence notes (which may hold personal
// details) of a review whose report is final, on the lead's request. The
// scores, inputs, sources and the report stay; the notes are also blanked
// in the review's earlier audit events; the purge's own audit event
// records how many notes and events, never the text.
func (s *Service) PurgeEvidence(ctx context.Context, reviewID string) (PurgeResult, error) {
	if err := s.MayActForSite(ctx); err != nil {
		return PurgeResult{}, err
	}
	var out PurgeResult
	err := s.store.InTx(ctx, func(tx Store) error {
		r, path, err := lockedReviewAt(ctx, tx, reviewID)
		if err != nil {
			return err
		}
		w, err := tx.GetWrittenReport(ctx, r.ID)
		if err != nil && fidelity.KindOf(err) != fidelity.KindNotFound {
			return err
		}
		out, err = s.purge(ctx, tx, w, err == nil, r.ID, path, "on request")
		return err
	})
	return out, err
}

// purge removes the evidence of the review whose written report w was read
// in tx (found says whether there is one); the report must be final.
func (s *Service) purge(ctx context.Context, tx Store, w fidelity.WrittenReport, found bool, reviewID, path, why string) (PurgeResult, error) {
	if !found || w.Status != fidelity.ReportFinal {
		return PurgeResult{}, fidelity.Errorf(fidelity.KindConflict, "the report of review %s is not final; evidence is kept until it is", reviewID)
	}
	n, err := tx.PurgeEvidence(ctx, reviewID)
	if err != nil {
		return PurgeResult{}, err
	}
	before := w
	now := s.now()
	// The notes also live on in the documents of the review's earlier
	// audit events (rating.save, consensus.save, review.correct, …):
	// blanked here, in the same transaction, so the purge is complete or
	// not done at all.
	redacted, err := tx.RedactAuditEvidence(ctx, reviewID, now)
	if err != nil {
		return PurgeResult{}, err
	}
	// A replay of an idempotent POST (a correction, a FHIR import) would
	// hand the notes back for up to IdempotencyTTL.
	if _, err := tx.RedactStoredResponses(ctx, reviewID); err != nil {
		return PurgeResult{}, err
	}
	w.EvidencePurgedAt, w.UpdatedAt = &now, now
	if err := tx.PutWrittenReport(ctx, w); err != nil {
		return PurgeResult{}, err
	}
	type purgeEvent struct {
		Notes        int        `json:"evidence_notes_removed"`
		Redacted     int        `json:"audit_events_redacted"`
		Why          string     `json:"why"`
		PurgedAt     time.Time  `json:"evidence_purged_at"`
		PreviouslyAt *time.Time `json:"previously_purged_at,omitempty"`
	}
	err = s.record(ctx, tx, "report.evidence_purge", fidelity.ResourceWrittenReport, reviewID, path, nil,
		purgeEvent{Notes: n, Redacted: redacted, Why: why, PurgedAt: now, PreviouslyAt: before.EvidencePurgedAt})
	return PurgeResult{ReviewID: reviewID, Purged: n, At: now}, err
}

// PurgeExpiredEvidence is the retention sweep: it purges the evidence of
// every review whose report has been final for EvidenceDays. It runs as
// the system (at start and periodically) and returns how many reviews it
// purged.
func (s *Service) PurgeExpiredEvidence(ctx context.Context) (int, error) {
	ctx = fidelity.WithPrincipal(ctx, fidelity.System)
	ids, err := s.store.EvidenceToPurge(ctx, s.today().AddDate(0, 0, -s.timeline().EvidenceDays))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		done := true
		err := s.store.InTx(ctx, func(tx Store) error {
			_, path, err := lockedReviewAt(ctx, tx, id)
			if err != nil {
				return err
			}
			// Another replica's sweep may have purged it since the list.
			w, err := tx.GetWrittenReport(ctx, id)
			if err != nil || w.EvidencePurgedAt != nil {
				done = false
				return err
			}
			_, err = s.purge(ctx, tx, w, true, id, path, "retention period ended")
			return err
		})
		if err != nil {
			return n, err
		}
		if done {
			n++
		}
	}
	return n, nil
}

// OverdueStep is one overdue report deadline of a review.
type OverdueStep struct {
	ReviewID, SiteID, SiteName string
	Step                       string
	Due                        time.Time
}

// OverdueReportSteps lists the overdue report deadlines of the reviews in
// the subtree (and the caller's scope) whose timeline is live: the visit
// ended within the technical-support period and a month.
func (s *Service) OverdueReportSteps(ctx context.Context, subtree string) ([]OverdueStep, error) {
	tl := s.timeline()
	today := s.today()
	rows, err := s.store.ReportTimelines(ctx, ReportTimelineFilter{
		Subtree: subtree, Subtrees: caller(ctx).Scope, Since: today.AddDate(0, -tl.SupportMonths-1, 0),
	})
	if err != nil {
		return nil, err
	}
	out := []OverdueStep{}
	for _, row := range rows {
		var issued *time.Time
		if row.Report != nil {
			issued = row.Report.IssuedOn
		}
		planDone := planSettledOn(issued, row.OpenProposals, row.LastDecidedOn)
		for _, st := range tl.Steps(row.VisitEnd, row.Report, row.CommentedOn, planDone, today) {
			if st.Overdue {
				out = append(out, OverdueStep{ReviewID: row.ReviewID, SiteID: row.SiteID, SiteName: row.SiteName, Step: st.Step, Due: st.Due})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b OverdueStep) int { return a.Due.Compare(b.Due) })
	return out, nil
}

// overdueForReport is OverdueReportSteps in the actions report's form.
func (s *Service) overdueForReport(ctx context.Context, subtree string) ([]report.OverdueReportStep, error) {
	steps, err := s.OverdueReportSteps(ctx, subtree)
	if err != nil {
		return nil, err
	}
	out := make([]report.OverdueReportStep, len(steps))
	for i, st := range steps {
		out[i] = report.OverdueReportStep{ReviewID: st.ReviewID, SiteID: st.SiteID, SiteName: st.SiteName, Step: st.Step, Due: st.Due.Format(time.DateOnly)}
	}
	return out, nil
}
