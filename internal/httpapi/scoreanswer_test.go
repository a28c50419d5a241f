package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// scoreView is what the scenario reads of GET score: per rater, whether
// their scorecard is shown and how many items it rates.
type scoreView struct {
	Raters []struct {
		RaterID   string `json:"rater_id"`
		Submitted bool   `json:"submitted"`
		Scorecard *struct {
			Rated int `json:"rated"`
		} `json:"scorecard"`
	} `json:"raters"`
	Disagreements []json.RawMessage `json:"disagreements"`
}

// rated returns how many items rater's shown scorecard rates, or -1 when
// the answer hides it.
func (v scoreView) rated(rater string) int {
	for _, r := range v.Raters {
		if r.RaterID == rater && r.Scorecard != nil {
			return r.Scorecard.Rated
		}
	}
	return -1
}

// TestScoreAnswerFollowsEveryChange: the score view is answered from kept
// answers while nothing it shows has changed. A programme lead and rater
// One read the same review in turn, One keeps rating, Two submits, One
// submits: every read shows exactly what a fresh computation would, and
// One never receives the answer computed for the lead while Two's ratings
// are still hidden from One.
func TestScoreAnswerFollowsEveryChange(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			w := newBlindWorld(t, d.New(t), 0)
			asLead, asOne := w.leadAndOne(t)
			path := "/v1/reviews/" + w.drafting + "/score"
			read := func(who []string) scoreView {
				t.Helper()
				var v scoreView
				w.e.do("GET", path, nil, who...).want(http.StatusOK).json(&v)
				return v
			}

			// The lead reads first, so a kept answer exists when One asks.
			for range 2 {
				if v := read(asLead); v.rated(w.two) != 12 || v.rated(w.one) != 1 {
					t.Fatalf("lead sees Two %d, One %d items rated; want 12 and 1", v.rated(w.two), v.rated(w.one))
				}
			}
			for range 2 {
				if v := read(asOne); v.rated(w.two) != -1 || v.rated(w.one) != 1 || len(v.Disagreements) != 0 {
					t.Fatalf("One, while ratings are open, sees Two %d items rated, %d disagreements; want hidden, none", v.rated(w.two), len(v.Disagreements))
				}
			}

			// One rates more: both see it at once.
			more := ratingsFor(t, baseTargets(), 7)
			w.e.do("PUT", "/v1/reviews/"+w.drafting+"/ratings/"+w.one, map[string]any{"items": more[:5]},
				append([]string{"If-Match", "*"}, asOne...)...).want(http.StatusOK)
			if v := read(asOne); v.rated(w.one) != 5 {
				t.Fatalf("after One's save One sees %d items rated, want 5", v.rated(w.one))
			}
			if v := read(asLead); v.rated(w.one) != 5 {
				t.Fatalf("after One's save the lead sees %d items rated, want 5", v.rated(w.one))
			}

			// The lead assigns a third rater, then takes them off again:
			// the rater list is the review's, not a rating set's.
			three, err := w.e.svc.CreateRater(fidelity.WithPrincipal(context.Background(), fidelity.System),
				service.RaterInput{Name: "Three", Email: "three@example.no"})
			if err != nil {
				t.Fatal(err)
			}
			for _, raters := range [][]string{{w.one, w.two, three.ID}, {w.one, w.two}} {
				w.e.do("PATCH", "/v1/reviews/"+w.drafting, map[string]any{"rater_ids": raters},
					append([]string{"If-Match", "*"}, asLead...)...).want(http.StatusOK)
				if v := read(asLead); len(v.Raters) != len(raters) {
					t.Fatalf("after the lead assigned %d raters the score lists %d", len(raters), len(v.Raters))
				}
			}

			// Two and One submit: the review closes its ratings and One
			// now sees Two's scorecard and the disagreements.
			w.e.do("PUT", "/v1/reviews/"+w.drafting+"/ratings/"+w.two, map[string]any{"items": ratingsFor(t, baseTargets(), 8), "submit": true},
				append([]string{"If-Match", "*"}, asLead...)...).want(http.StatusOK)
			if v := read(asOne); v.rated(w.two) != -1 {
				t.Fatalf("One sees Two's submitted scorecard before submitting: %d items", v.rated(w.two))
			}
			w.e.do("PUT", "/v1/reviews/"+w.drafting+"/ratings/"+w.one, map[string]any{"items": more, "submit": true},
				append([]string{"If-Match", "*"}, asOne...)...).want(http.StatusOK)
			if v := read(asOne); v.rated(w.two) != 25 || v.rated(w.one) != 25 || len(v.Disagreements) != 1 {
				t.Fatalf("after both submitted One sees Two %d, One %d items rated, %d disagreement pairs; want 25, 25, 1",
					v.rated(w.two), v.rated(w.one), len(v.Disagreements))
			}
		})
	}
}
