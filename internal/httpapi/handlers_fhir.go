package httpapi

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fhir"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// fhirMedia is the FHIR JSON media type with the FHIR version it follows.
const fhirMedia = "application/fhir+json; fhirVersion=4.0"

// GetScaleQuestionnaire returns a scale version as a FHIR R4 Questionnaire.
func (a *API) GetScaleQuestionnaire(c *gin.Context, ref oapi.ScaleRef, p oapi.GetScaleQuestionnaireParams) {
	sc, err := a.svc.GetScale(ref)
	if err != nil {
		writeProblem(c, err)
		return
	}
	writeFHIR(c, fhir.NewQuestionnaire(sc, langOf(p.Lang)))
}

// GetReviewQuestionnaireResponse returns a rating set or the consensus as
// a FHIR R4 QuestionnaireResponse. The reads go through the same service
// calls as the JSON rating-set reads, so scope and blind rating apply.
func (a *API) GetReviewQuestionnaireResponse(c *gin.Context, id oapi.ReviewID, p oapi.GetReviewQuestionnaireResponseParams) {
	ctx := c.Request.Context()
	rater := fidelity.ConsensusKey
	if p.Rater != nil {
		rater = *p.Rater
	}
	r, err := a.svc.GetReview(ctx, id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	var rs fidelity.RatingSet
	if rater == fidelity.ConsensusKey {
		rs, err = a.svc.SavedConsensus(ctx, id)
	} else {
		rs, err = a.svc.GetRatings(ctx, id, rater)
	}
	if err != nil {
		writeProblem(c, err)
		return
	}
	sc, err := a.svc.GetScale(r.ScaleID + "@" + r.ScaleVersion)
	if err != nil {
		writeProblem(c, err)
		return
	}
	completed := rs.Submitted
	if rater == fidelity.ConsensusKey {
		completed = r.Status == fidelity.StatusFinalised
	}
	writeFHIR(c, fhir.NewResponse(sc, rs.Inputs, fhir.ResponseOf{
		ReviewID: id, RaterKey: rater, Completed: completed, Authored: rs.UpdatedAt, Lang: langOf(p.Lang),
	}))
}

// ImportRatingSetFHIR saves a QuestionnaireResponse as the rater's rating
// set through the same service call as PUT …/ratings/{rater_id}.
func (a *API) ImportRatingSetFHIR(c *gin.Context, id oapi.ReviewID, raterID oapi.AssignedRaterID, p oapi.ImportRatingSetFHIRParams) {
	version, ok := a.requireIfMatch(c, p.IfMatch)
	if !ok {
		return
	}
	if err := requireMedia(c, "application/fhir+json", "application/json"); err != nil {
		writeProblem(c, err)
		return
	}
	data, err := readBody(c)
	if err != nil {
		writeProblem(c, err)
		return
	}
	// The checks every JSON body gets: well-formed, storable text, and
	// the contract's minimal shape (resourceType and status required).
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		writeProblem(c, jsonProblem(err))
		return
	}
	if err := checkJSONText(doc, data); err != nil {
		writeProblem(c, err)
		return
	}
	if err := a.contract.checkBody(c, doc); err != nil {
		writeProblem(c, err)
		return
	}
	rs, err := a.svc.ImportRatings(c.Request.Context(), id, raterID, version, func(sc *scale.Scale) (service.DecodedRatings, error) {
		in, err := fhir.ParseResponse(data, sc)
		// The engine names items by their place in the list; the caller
		// wrote linkIds.
		return service.DecodedRatings{Items: in.Items, Submit: in.Submit,
			Field: func(f string) string { return fhir.LinkIDField(in.Items, f) }}, err
	})
	a.ratingSet(c, rs, err)
}

func writeFHIR(c *gin.Context, resource any) {
	raw, err := json.Marshal(resource)
	if err != nil {
		writeProblem(c, fidelity.Wrap(fidelity.KindInternal, err, "the FHIR resource could not be written"))
		return
	}
	c.Data(http.StatusOK, fhirMedia, raw)
}
