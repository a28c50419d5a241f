package httpapi

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// rescoredScorecard is the JSON of a re-scored scorecard (schema
// RescoredScorecard); carried and not_carried keep the domain's shapes.
type rescoredScorecard struct {
	ID            string                    `json:"id"`
	ReviewID      string                    `json:"review_id"`
	ReviewVersion int                       `json:"review_version"`
	From          string                    `json:"from"`
	To            string                    `json:"to"`
	MapChecksum   string                    `json:"map_checksum"`
	Scorecard     oapi.Scorecard            `json:"scorecard"`
	Carried       []fidelity.CarriedItem    `json:"carried"`
	NotCarried    []fidelity.NotCarriedItem `json:"not_carried"`
	CreatedAt     time.Time                 `json:"created_at"`
	CreatedBy     string                    `json:"created_by"`
}

func toRescored(rs fidelity.RescoredScorecard) rescoredScorecard {
	return rescoredScorecard{
		ID: rs.ID, ReviewID: rs.ReviewID, ReviewVersion: rs.ReviewVersion,
		From: rs.SourceScaleID + "@" + rs.SourceScaleVersion, To: rs.Scorecard.ScaleID + "@" + rs.Scorecard.ScaleVersion,
		MapChecksum: rs.MapChecksum, Scorecard: toScorecard(rs.Scorecard),
		Carried: orEmptyList(rs.Carried), NotCarried: orEmptyList(rs.NotCarried),
		CreatedAt: rs.CreatedAt, CreatedBy: rs.CreatedBy,
	}
}

func orEmptyList[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

type rescoredReview struct {
	ReviewID string            `json:"review_id"`
	SiteID   string            `json:"site_id"`
	From     string            `json:"from"`
	Status   string            `json:"status"`
	Rescored rescoredScorecard `json:"rescored"`
}

type rescoreReport struct {
	To      string           `json:"to"`
	DryRun  bool             `json:"dry_run"`
	Reviews []rescoredReview `json:"reviews"`
}

// RescoreReviews re-scores finalised reviews under another scale version
// (admins only; the service checks).
func (a *API) RescoreReviews(c *gin.Context) {
	var body oapi.RescoreRequest
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	req := service.RescoreRequest{To: body.To, DryRun: body.DryRun != nil && *body.DryRun}
	if body.Site != nil {
		req.Site = *body.Site
	}
	res, err := a.svc.Rescore(c.Request.Context(), req)
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := rescoreReport{To: res.To, DryRun: res.DryRun, Reviews: make([]rescoredReview, len(res.Reviews))}
	for i, r := range res.Reviews {
		rs := toRescored(r.Rescored)
		if res.DryRun {
			rs.ID = "" // nothing was stored under it
		}
		out.Reviews[i] = rescoredReview{ReviewID: r.ReviewID, SiteID: r.SiteID, From: r.From, Status: r.Status, Rescored: rs}
	}
	c.JSON(http.StatusOK, out)
}

// ListRescoredScorecards lists a review's re-scored scorecards.
func (a *API) ListRescoredScorecards(c *gin.Context, id oapi.ReviewID) {
	list, err := a.svc.RescoredScorecards(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	items := make([]rescoredScorecard, len(list))
	for i, rs := range list {
		items[i] = toRescored(rs)
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// ListScaleMaps lists the item maps between scale versions.
func (a *API) ListScaleMaps(c *gin.Context) {
	maps := a.svc.Scales().Maps()
	out := oapi.ScaleMapList{Items: make([]oapi.ScaleMap, len(maps))}
	for i, m := range maps {
		sm := oapi.ScaleMap{Scale: m.Scale.String(), Supersedes: m.Supersedes.String(),
			Note: oapi.Text{En: m.Note.EN, Nb: m.Note.NB}, Items: make([]oapi.ScaleMapItem, len(m.Items))}
		for j, it := range m.Items {
			item := oapi.ScaleMapItem{Relation: oapi.ScaleMapItemRelation(it.Relation), From: orEmptyList(it.From), To: orEmptyList(it.To),
				Compared: it.Comparable(), Note: oapi.Text{En: it.Note.EN, Nb: it.Note.NB}}
			if it.Scores != "" {
				scores := oapi.ScaleMapItemScores(it.Scores)
				item.Scores = &scores
			}
			if len(it.Inputs) > 0 {
				inputs := map[string]string{}
				for k, v := range it.Inputs {
					inputs[k] = v
				}
				item.Inputs = inputs
			}
			sm.Items[j] = item
		}
		out.Items[i] = sm
	}
	c.JSON(http.StatusOK, out)
}
