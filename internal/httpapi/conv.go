package httpapi

import (
	"encoding/base64"
	"strings"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// The functions here map between the contract's types and the domain's.
// They are plain field copies; no rule lives here.

func date(t time.Time) openapi_types.Date { return openapi_types.Date{Time: t} }

func datePtr(t *time.Time) *openapi_types.Date {
	if t == nil {
		return nil
	}
	d := date(*t)
	return &d
}

func fromDate(d *openapi_types.Date) *time.Time {
	if d == nil {
		return nil
	}
	t := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	return &t
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// pathIDs turns "/a/b/c/" into [a b c].
func pathIDs(path string) []string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) == 1 && parts[0] == "" {
		return []string{}
	}
	return parts
}

func toSite(v service.SiteView) oapi.Site {
	s := oapi.Site{
		ID: v.ID, ParentID: optString(v.ParentID), Path: pathIDs(v.Path), Kind: v.Kind, Code: v.Code,
		Name: v.Name, ActiveFrom: datePtr(v.ActiveFrom), ActiveTo: datePtr(v.ActiveTo),
		CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt, Version: v.Version,
		NextReviewDue: datePtr(v.Due.Date), NextReviewReason: v.Due.Reason,
		NextReviewState: oapi.SiteNextReviewState(v.Due.State), DaysOverdue: v.Due.DaysOverdue,
		LastReviewTypes: make([]oapi.ReviewType, len(v.LastReviewTypes)),
	}
	for i, t := range v.LastReviewTypes {
		s.LastReviewTypes[i] = oapi.ReviewType(t)
	}
	if r := v.LastReview; r != nil {
		typ := oapi.ReviewType(r.Type)
		s.LastReview = &oapi.ReviewRef{ID: r.ID, VisitEnd: date(r.VisitEnd), Type: &typ, Total: r.Total, Band: optString(r.Band)}
	}
	if r := v.Due.Planned; r != nil {
		s.PlannedReview = &oapi.PlannedReviewRef{ID: r.ID, Type: oapi.ReviewType(r.Type), Status: oapi.ReviewStatus(r.Status),
			VisitStart: date(r.VisitStart), VisitEnd: date(r.VisitEnd)}
	}
	return s
}

func toSiteChange(c fidelity.SiteChange) oapi.SiteChange {
	return oapi.SiteChange{
		Change: oapi.SiteChangeKind(c.Change), Code: c.Code, Name: c.Name,
		ParentID: optString(c.ParentID), Path: pathIDs(c.Path), ValidFrom: c.ValidFrom,
	}
}

func toRater(r fidelity.Rater) oapi.Rater {
	return oapi.Rater{
		ID: r.ID, Name: r.Name, Organisation: r.Organisation, Email: r.Email, Active: r.Active,
		HomeSiteID: optString(r.HomeSiteID), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version,
	}
}

func (a *API) toReview(v service.ReviewView) oapi.Review {
	r := oapi.Review{
		ID: v.ID, SiteID: v.SiteID, ScaleID: v.ScaleID, ScaleVersion: v.ScaleVersion,
		Type: oapi.ReviewType(v.Type), Status: oapi.ReviewStatus(v.Status),
		VisitStart: date(v.VisitStart), VisitEnd: date(v.VisitEnd), RaterIDs: v.RaterIDs,
		RatersSubmitted: v.Submitted, Total: v.Total, Band: optString(v.Band), Valid: v.Valid,
		Complete: v.Complete, FinalisedAt: v.FinalisedAt, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt,
		Version: v.Version,
	}
	if r.RatersSubmitted == nil {
		r.RatersSubmitted = []string{}
	}
	r.BandLabel = a.bandLabel(v.ScaleID, v.ScaleVersion, v.Band, "en")
	return r
}

func (a *API) bandLabel(scaleID, version, band, lang string) *string {
	if band == "" {
		return nil
	}
	sc, err := a.svc.Scales().Get(scaleID, version)
	if err != nil {
		return nil
	}
	for _, b := range sc.Bands {
		if b.ID == band {
			l := b.Label.In(lang)
			return &l
		}
	}
	return nil
}

func fromItemInputs(in []oapi.ItemInput) []fidelity.ItemInput {
	out := make([]fidelity.ItemInput, len(in))
	for i, it := range in {
		out[i] = fromItemInput(it)
	}
	return out
}

func fromItemInput(it oapi.ItemInput) fidelity.ItemInput {
	out := fidelity.ItemInput{
		ItemID: it.ItemID, Score: it.Score, Values: it.Values, Choices: it.Choices,
		Evidence: it.Evidence, Sources: it.Sources,
	}
	if it.Elements != nil {
		out.Elements = append([]string{}, *it.Elements...)
	}
	for _, sp := range it.Specialists {
		out.Specialists = append(out.Specialists, fidelity.SpecialistInput{
			Label: sp.Label, Score: sp.Score, Values: sp.Values, Choices: sp.Choices,
		})
	}
	return out
}

func toItemInputs(in []fidelity.ItemInput) []oapi.ItemInput {
	out := make([]oapi.ItemInput, len(in))
	for i, it := range in {
		out[i] = toItemInput(it)
	}
	return out
}

func toItemInput(it fidelity.ItemInput) oapi.ItemInput {
	out := oapi.ItemInput{
		ItemID: it.ItemID, Score: it.Score, Values: it.Values, Choices: it.Choices,
		Evidence: it.Evidence, Sources: it.Sources,
	}
	if it.Elements != nil {
		out.Elements = &it.Elements
	}
	for _, sp := range it.Specialists {
		out.Specialists = append(out.Specialists, oapi.SpecialistInput{
			Label: sp.Label, Score: sp.Score, Values: sp.Values, Choices: sp.Choices,
		})
	}
	return out
}

func toScorecard(c fidelity.Scorecard) oapi.Scorecard {
	out := oapi.Scorecard{
		ScaleID: c.ScaleID, ScaleVersion: c.ScaleVersion, ScaleEncoding: c.ScaleEncoding, Total: c.Total, Min: c.Min, Max: c.Max,
		Band: c.Band, Rated: c.Rated, ItemCount: c.ItemCount, Complete: c.Complete, Missing: c.Missing,
		Valid: c.Valid, InvalidReason: c.InvalidReason, Items: make([]oapi.ItemScore, len(c.Items)),
		Sections: toSubtotals(c.Sections),
	}
	if out.Missing == nil {
		out.Missing = []string{}
	}
	out.Imputed = c.Imputed
	for i, it := range c.Items {
		out.Items[i] = oapi.ItemScore{
			ItemID: it.ItemID, Section: it.Section, Score: it.Score, Method: oapi.ItemScoreMethod(it.Method),
			Value: it.Value, Rule: it.Rule, Detail: it.Detail, Problem: it.Problem, Judge: it.Judge,
		}
		if it.Verification != "" {
			v := oapi.ItemScoreVerification(it.Verification)
			out.Items[i].Verification = &v
		}
	}
	if c.BandVerification != "" {
		v := oapi.ScorecardBandVerification(c.BandVerification)
		out.BandVerification = &v
	}
	for _, g := range c.Groupings {
		out.Groupings = append(out.Groupings, oapi.GroupingScore{ID: g.ID, Groups: toSubtotals(g.Groups)})
	}
	return out
}

func toSubtotals(in []fidelity.Subtotal) []oapi.Subtotal {
	out := make([]oapi.Subtotal, len(in))
	for i, s := range in {
		out[i] = oapi.Subtotal{ID: s.ID, Sum: s.Sum, Max: s.Max, Percent: s.Percent, Mean: s.Mean, Rated: s.Rated, Items: s.Items}
	}
	return out
}

func toRatingSet(rs fidelity.RatingSet) oapi.RatingSet {
	out := oapi.RatingSet{
		ReviewID: rs.ReviewID, RaterID: rs.RaterKey, Items: toItemInputs(rs.Inputs),
		Scorecard: toScorecard(rs.Scorecard), Submitted: rs.Submitted, SubmittedAt: rs.SubmittedAt,
		Version: rs.Version,
	}
	if !rs.UpdatedAt.IsZero() {
		out.UpdatedAt = &rs.UpdatedAt
	}
	return out
}

func toDisagreements(in []fidelity.Disagreement) []oapi.Disagreement {
	out := make([]oapi.Disagreement, len(in))
	for i, d := range in {
		out[i] = oapi.Disagreement{ItemID: d.ItemID, A: d.A, B: d.B, Size: d.Size, OneSided: d.OneSided}
	}
	return out
}

// everyItem gives the draft one entry per item of the scale, in scale
// order, as the contract says: the agreed input where there is one, and
// for a disputed item just its id (not rated yet), for the team to decide.
func everyItem(sc *scale.Scale, agreed []fidelity.ItemInput) []fidelity.ItemInput {
	byID := make(map[string]fidelity.ItemInput, len(agreed))
	for _, in := range agreed {
		byID[in.ItemID] = in
	}
	out := make([]fidelity.ItemInput, 0, len(sc.Items))
	for _, it := range sc.Items {
		in, ok := byID[it.ID]
		if !ok {
			in = fidelity.ItemInput{ItemID: it.ID}
		}
		out = append(out, in)
	}
	return out
}

func toDraft(reviewID string, d scoring.ConsensusDraft) oapi.ConsensusDraft {
	out := oapi.ConsensusDraft{
		ReviewID: reviewID, Items: toItemInputs(d.Inputs), Agreed: d.Agreed,
		Disagreements: make([]oapi.ItemDisagreement, len(d.Disagreements)),
	}
	if out.Agreed == nil {
		out.Agreed = []string{}
	}
	for i, dis := range d.Disagreements {
		vals := make([]oapi.RaterScoreValue, len(dis.Raters))
		for j, rv := range dis.Raters {
			vals[j] = oapi.RaterScoreValue{RaterID: rv.Rater, Score: rv.Score}
		}
		out.Disagreements[i] = oapi.ItemDisagreement{ItemID: dis.ItemID, Size: dis.Spread, Values: vals}
	}
	return out
}

func toCorrection(c fidelity.Correction) oapi.Correction {
	return oapi.Correction{
		ID: c.ID, ReviewID: c.ReviewID, ItemID: c.ItemID, Before: toItemInput(c.Before),
		After: toItemInput(c.After), Reason: c.Reason, By: c.By, CreatedAt: c.CreatedAt,
	}
}

func toScaleSummary(sc *scale.Scale) oapi.ScaleSummary {
	return oapi.ScaleSummary{
		ID: sc.ID, Version: sc.Version, Ref: sc.Ref(), Title: oapi.Text{En: sc.Title.EN, Nb: sc.Title.NB},
		Short: oapi.Text{En: sc.Short.EN, Nb: sc.Short.NB}, ItemCount: len(sc.Items),
		Aggregation: oapi.Aggregation(sc.Aggregation), Checksum: sc.Checksum, Origin: sc.Origin,
	}
}

// Cursors are opaque to clients: base64url of the last id of the page.
func encodeCursor(id string) *string {
	if id == "" {
		return nil
	}
	c := base64.RawURLEncoding.EncodeToString([]byte(id))
	return &c
}

func decodeCursor(c *string) (string, error) {
	if c == nil || *c == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*c)
	if err != nil || len(raw) == 0 || len(raw) > 64 || !isIDText(string(raw)) {
		return "", fidelity.Invalid("the cursor is not valid", fidelity.FieldError{Field: "cursor", Reason: "is not a cursor this service issued; start again without it"})
	}
	return string(raw), nil
}

func isIDText(s string) bool {
	for _, r := range s {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// pageOf reads the cursor and limit of a list request.
func pageOf(cursor *string, limit *int) (service.Page, error) {
	after, err := decodeCursor(cursor)
	if err != nil {
		return service.Page{}, err
	}
	n, err := limitOf(limit)
	return service.Page{After: after, Limit: n}, err
}

func limitOf(l *int) (int, error) {
	if l == nil {
		return 0, nil
	}
	if *l < 1 || *l > 500 {
		return 0, fidelity.Invalid("the limit is not valid", fidelity.FieldError{Field: "limit", Reason: "must be between 1 and 500"})
	}
	return *l, nil
}
