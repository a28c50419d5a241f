package httpapi_test

import (
	"net/http"
	"testing"
)

// The API's scale view carries what a form needs to follow the scale: S3's
// checklist labelled as phases and partly verified, the degenerate cases and
// Sv6's small-caseload alternative, and which band cut-offs are recalled.
func TestScaleViewVerificationAndRules(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		var sc struct {
			Encoding int `json:"encoding"`
			Items    []struct {
				ID            string `json:"id"`
				Verification  string `json:"verification"`
				ElementsLabel string `json:"elements_label"`
				Rule          *struct {
					Degenerate []struct {
						Input  string `json:"input"`
						Score  *int   `json:"score"`
						Reject bool   `json:"reject"`
						Reason string `json:"reason"`
					} `json:"degenerate"`
					Alternatives []struct {
						WhenInput string  `json:"when_input"`
						Times     float64 `json:"times"`
						Score     int     `json:"score"`
					} `json:"alternatives"`
				} `json:"rule"`
			} `json:"items"`
			Bands []struct {
				ID           string `json:"id"`
				Verification string `json:"verification"`
			} `json:"bands"`
			Groupings []struct {
				ID      string `json:"id"`
				Outside []struct {
					Items []string `json:"items"`
				} `json:"outside"`
			} `json:"groupings"`
		}
		e.do("GET", "/v1/scales/se-fidelity@2008?lang=nb", nil).want(http.StatusOK).json(&sc)
		if sc.Encoding != 2 {
			t.Errorf("encoding %d", sc.Encoding)
		}
		byID := map[string]int{}
		for i, it := range sc.Items {
			byID[it.ID] = i
		}
		s3 := sc.Items[byID["S3"]]
		if s3.Verification != "partly_verified" || s3.ElementsLabel != "Faser jobbspesialistene utfører selv" {
			t.Errorf("S3 %+v", s3)
		}
		if v := sc.Items[byID["S1"]].Verification; v != "verified" {
			t.Errorf("S1 verification %q", v)
		}
		sv10 := sc.Items[byID["Sv10"]].Rule
		if len(sv10.Degenerate) != 1 || sv10.Degenerate[0].Input != "current_jobs" || sv10.Degenerate[0].Score == nil || *sv10.Degenerate[0].Score != 1 || sv10.Degenerate[0].Reason == "" {
			t.Errorf("Sv10 degenerate %+v", sv10.Degenerate)
		}
		if d := sc.Items[byID["S1"]].Rule.Degenerate; len(d) != 1 || !d[0].Reject {
			t.Errorf("S1 degenerate %+v", d)
		}
		if a := sc.Items[byID["Sv6"]].Rule.Alternatives; len(a) != 1 || a[0].WhenInput != "job_seekers" || a[0].Times != 2 || a[0].Score != 5 {
			t.Errorf("Sv6 alternatives %+v", a)
		}
		want := map[string]string{"exemplary": "recalled", "good": "partly_verified", "fair": "partly_verified", "not_se": "recalled"}
		for _, b := range sc.Bands {
			if b.Verification != want[b.ID] {
				t.Errorf("band %s verification %q, want %q", b.ID, b.Verification, want[b.ID])
			}
		}
		if len(sc.Groupings) != 3 || sc.Groupings[2].ID != "follow-up" || len(sc.Groupings[0].Outside) != 2 {
			t.Errorf("groupings %+v", sc.Groupings)
		}
	})
}
