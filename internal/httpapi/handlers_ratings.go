package httpapi

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// ListRatings shows each rater's progress; totals stay hidden while blind
// rating hides them from the caller.
func (a *API) ListRatings(c *gin.Context, id oapi.ReviewID) {
	sums, err := a.svc.RatingSummaries(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.RatingSummaryList{Items: make([]oapi.RatingSummary, len(sums))}
	for i, s := range sums {
		rs := oapi.RatingSummary{RaterID: s.RaterID, Submitted: s.Submitted}
		if s.SubmittedAt != nil {
			rs.SubmittedAt = s.SubmittedAt
		}
		if s.Scorecard != nil {
			rated := s.Rated
			rs.Rated, rs.Total, rs.Band = &rated, s.Scorecard.Total, optString(s.Scorecard.Band)
		} else {
			out.Blinded = true
		}
		out.Items[i] = rs
	}
	c.JSON(http.StatusOK, out)
}

// GetRatingSet returns one rater's ratings.
func (a *API) GetRatingSet(c *gin.Context, id oapi.ReviewID, raterID oapi.AssignedRaterID) {
	rs, err := a.svc.GetRatings(c.Request.Context(), id, raterID)
	a.ratingSet(c, rs, err)
}

// PutRatingSet saves (and with submit, hands in) one rater's ratings.
func (a *API) PutRatingSet(c *gin.Context, id oapi.ReviewID, raterID oapi.AssignedRaterID, p oapi.PutRatingSetParams) {
	var body oapi.RatingSetUpdate
	version, ok := a.guardedPrelude(c, p.IfMatch, &body)
	if !ok {
		return
	}
	submit := body.Submit != nil && *body.Submit
	rs, err := a.svc.SaveRatings(c.Request.Context(), id, raterID, version, fromItemInputs(body.Items), submit)
	a.ratingSet(c, rs, err)
}

// GetConsensusDraft proposes the consensus from the raters' ratings.
func (a *API) GetConsensusDraft(c *gin.Context, id oapi.ReviewID) {
	d, err := a.svc.ConsensusDraft(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	sc, err := a.svc.GetScale(d.ScaleID + "@" + d.ScaleVersion)
	if err != nil {
		writeProblem(c, err)
		return
	}
	d.Inputs = everyItem(sc, d.Inputs)
	c.JSON(http.StatusOK, toDraft(id, d))
}

// GetConsensus returns the consensus ratings; 404 until one has been
// saved, as the contract says.
func (a *API) GetConsensus(c *gin.Context, id oapi.ReviewID) {
	rs, err := a.svc.SavedConsensus(c.Request.Context(), id)
	a.ratingSet(c, rs, err)
}

// PutConsensus saves the consensus ratings and rescored totals.
func (a *API) PutConsensus(c *gin.Context, id oapi.ReviewID, p oapi.PutConsensusParams) {
	var body oapi.ConsensusUpdate
	version, ok := a.guardedPrelude(c, p.IfMatch, &body)
	if !ok {
		return
	}
	rs, err := a.svc.SaveConsensus(c.Request.Context(), id, version, fromItemInputs(body.Items))
	if err == nil {
		setReviewETag(c, rs.ReviewVersion)
	}
	a.ratingSet(c, rs, err)
}

func (a *API) ratingSet(c *gin.Context, rs fidelity.RatingSet, err error) {
	if err != nil {
		writeProblem(c, err)
		return
	}
	setETag(c, rs.Version) // "v0" for a set not saved yet: echo it to create

	c.JSON(http.StatusOK, toRatingSet(rs))
}

// ListCorrections lists a review's corrections.
func (a *API) ListCorrections(c *gin.Context, id oapi.ReviewID) {
	cs, err := a.svc.Corrections(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.CorrectionList{Items: make([]oapi.Correction, len(cs))}
	for i, cr := range cs {
		out.Items[i] = toCorrection(cr)
	}
	c.JSON(http.StatusOK, out)
}

// GetCorrection returns one correction.
func (a *API) GetCorrection(c *gin.Context, id oapi.ReviewID, correctionID oapi.ID) {
	cr, err := a.svc.Correction(c.Request.Context(), id, correctionID)
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.JSON(http.StatusOK, toCorrection(cr))
}

// CreateCorrection corrects one item of a finalised review.
func (a *API) CreateCorrection(c *gin.Context, id oapi.ReviewID, p oapi.CreateCorrectionParams) {
	var body oapi.NewCorrection
	version, ok := a.guardedPrelude(c, p.IfMatch, &body)
	if !ok {
		return
	}
	cr, err := a.svc.Correct(c.Request.Context(), id, version, fromItemInput(body.Item), body.Reason)
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Location", "/v1/reviews/"+id+"/corrections/"+cr.ID)
	setReviewETag(c, cr.ReviewVersion)
	c.JSON(http.StatusCreated, toCorrection(cr))
}

// GetReviewScore returns the stored scores of a review: an answer the
// service has kept is sent as its bytes (see Service.ScoreAnswer).
func (a *API) GetReviewScore(c *gin.Context, id oapi.ReviewID) {
	b, err := a.svc.ScoreAnswer(c.Request.Context(), id, func(sc service.ReviewScore) ([]byte, error) {
		return json.Marshal(a.toReviewScore(sc))
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
}

func (a *API) toReviewScore(sc service.ReviewScore) oapi.ReviewScore {
	r := sc.Review
	out := oapi.ReviewScore{
		ReviewID: r.ID, ScaleID: r.ScaleID, ScaleVersion: r.ScaleVersion,
		BandLabel:     a.bandLabel(r.ScaleID, r.ScaleVersion, r.Band, "en"),
		Raters:        make([]oapi.RaterScorecard, len(sc.Raters)),
		Disagreements: make([]oapi.RaterPairDisagreements, len(sc.Disagreements)),
	}
	if sc.Consensus != nil {
		card := toScorecard(*sc.Consensus)
		out.Consensus = &card
	}
	for i, rs := range sc.Raters {
		out.Raters[i] = oapi.RaterScorecard{RaterID: rs.RaterID, Submitted: rs.Submitted}
		if rs.Scorecard != nil {
			card := toScorecard(*rs.Scorecard)
			out.Raters[i].Scorecard = &card
		}
	}
	for i, d := range sc.Disagreements {
		out.Disagreements[i] = oapi.RaterPairDisagreements{ARater: d.A, BRater: d.B, Items: toDisagreements(d.Items)}
	}
	return out
}

// ScoreItems scores inputs without storing them.
func (a *API) ScoreItems(c *gin.Context) {
	var body oapi.ScoreRequest
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	card, err := a.svc.ScoreInputs(body.Scale, fromItemInputs(body.Items))
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.JSON(http.StatusOK, toScorecard(card))
}
