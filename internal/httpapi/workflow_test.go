package httpapi_test

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// fixture is a site tree, two raters and a planned review.
type fixture struct {
	region, office, team string
	raterA, raterB       string
	review               string
}

func (e *env) create(path string, body any, headers ...string) map[string]any {
	e.t.Helper()
	r := e.do("POST", path, body, headers...).want(http.StatusCreated)
	m := r.obj()
	if loc := r.Header.Get("Location"); !strings.HasSuffix(loc, "/"+m["id"].(string)) {
		e.t.Fatalf("Location %q does not name the new resource %v", loc, m["id"])
	}
	if r.Header.Get("ETag") == "" && !strings.Contains(path, "corrections") {
		e.t.Fatalf("no ETag on %s", path)
	}
	return m
}

// etag reads the current ETag of a resource, as a client does before a
// conditional write.
func (e *env) etag(path string) string {
	e.t.Helper()
	r := e.do("GET", path, nil).want(http.StatusOK)
	tag := r.Header.Get("ETag")
	if tag == "" {
		e.t.Fatalf("GET %s returned no ETag", path)
	}
	return tag
}

func (e *env) setup() fixture {
	e.t.Helper()
	var f fixture
	f.region = e.create("/v1/sites", map[string]any{"kind": "region", "code": "R01", "name": "Nav Vestland"})["id"].(string)
	f.office = e.create("/v1/sites", map[string]any{"parent_id": f.region, "kind": "office", "code": "4601", "name": "Nav Bergenhus"})["id"].(string)
	f.team = e.create("/v1/sites", map[string]any{"parent_id": f.office, "kind": "team", "code": "4601-1", "name": "IPS-team Bergenhus"})["id"].(string)
	f.raterA = e.create("/v1/raters", map[string]any{"name": "Ingrid Solberg", "organisation": "IPS-senteret", "email": "ingrid@example.no"})["id"].(string)
	f.raterB = e.create("/v1/raters", map[string]any{"name": "Magnus Berg", "organisation": "IPS-senteret", "email": "magnus@example.no"})["id"].(string)
	rv := e.create("/v1/reviews", map[string]any{
		"site_id": f.team, "scale": "se-fidelity@2008", "type": "external",
		"visit_start": "2026-10-27", "visit_end": "2026-10-28", "rater_ids": []string{f.raterA, f.raterB},
	})
	if rv["status"] != "planned" {
		e.t.Fatalf("new review status %v", rv["status"])
	}
	f.review = rv["id"].(string)
	return f
}

// ratingsFor builds complete inputs scoring targets, with the two measured
// staffing items entered as the raw numbers a rater collects on site.
func ratingsFor(t *testing.T, targets map[string]int, seed uint64) []fidelity.ItemInput {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	sc, _ := cat.Get("se-fidelity", "2008")
	rng := rand.New(rand.NewPCG(seed, seed+1))
	var out []fidelity.ItemInput
	for i := range sc.Items {
		it := &sc.Items[i]
		switch it.ID {
		case "S1": // 38 clients on 2 FTE = 19 per specialist → 5
			out = append(out, fidelity.ItemInput{ItemID: "S1", Values: map[string]float64{"active_clients": 38, "specialist_fte": 2}, Sources: []string{"MIS", "INT"}})
			continue
		case "S2": // 30 of 32 hours = 93.75 % → 4
			out = append(out, fidelity.ItemInput{ItemID: "S2", Values: map[string]float64{"employment_services_hours": 30, "scheduled_hours": 32}})
			continue
		}
		in, err := demo.InputFor(sc, it, targets[it.ID], rng)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, in)
	}
	return out
}

// baseTargets: every item 4, except the measured S1 (5) and S2 (4):
// total 4 × 24 + 5 = 101, good fidelity.
func baseTargets() map[string]int {
	m := map[string]int{}
	for _, id := range []string{"S1", "S2", "S3", "O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8",
		"Sv1", "Sv2", "Sv3", "Sv4", "Sv5", "Sv6", "Sv7", "Sv8", "Sv9", "Sv10", "Sv11", "Sv12", "Sv13", "Sv14"} {
		m[id] = 4
	}
	m["S1"] = 5
	return m
}

func TestReviewWorkflow(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		base := "/v1/reviews/" + f.review

		// A partial save by rater A starts the review and scores what is there.
		partial := e.do("PUT", base+"/ratings/"+f.raterA, map[string]any{"items": []map[string]any{
			{"item": "S1", "values": map[string]any{"active_clients": 38, "specialist_fte": 2}},
			{"item": "S2", "values": map[string]any{"employment_services_hours": 30, "scheduled_hours": 32}},
		}}, "If-Match", e.etag(base+"/ratings/"+f.raterA)).want(http.StatusOK)
		var rs struct {
			Version   int
			Scorecard fidelity.Scorecard
		}
		partial.json(&rs)
		if s, _ := rs.Scorecard.Score("S1"); s != 5 {
			t.Fatalf("S1 = %d, want 5 (38 clients / 2 FTE)", s)
		}
		if s, _ := rs.Scorecard.Score("S2"); s != 4 {
			t.Fatalf("S2 = %d, want 4 (93.75 %%)", s)
		}
		if rs.Scorecard.Valid || rs.Scorecard.Total != nil || len(rs.Scorecard.Missing) != 23 {
			t.Fatalf("partial scorecard should have no total and 23 missing: %+v", rs.Scorecard)
		}
		if partial.Header.Get("ETag") != `"v1"` {
			t.Fatalf("ETag %q, want \"v1\"", partial.Header.Get("ETag"))
		}
		if st := e.do("GET", base, nil).want(200).obj()["status"]; st != "in_progress" {
			t.Fatalf("status after first save %v", st)
		}

		// Consensus cannot start before both raters have submitted.
		e.do("GET", base+"/consensus/draft", nil).problem(http.StatusConflict)

		// Both raters submit complete ratings; B differs on three items.
		targetsB := baseTargets()
		targetsB["O3"], targetsB["Sv12"], targetsB["Sv13"] = 3, 2, 5
		e.do("PUT", base+"/ratings/"+f.raterA, map[string]any{"items": ratingsFor(t, baseTargets(), 1), "submit": true},
			"If-Match", `"v1"`).want(http.StatusOK)
		if st := e.do("GET", base, nil).want(200).obj()["status"]; st != "in_progress" {
			t.Fatalf("status after one submission %v", st)
		}
		e.do("PUT", base+"/ratings/"+f.raterB, map[string]any{"items": ratingsFor(t, targetsB, 2), "submit": true}, "If-Match", `"v0"`).want(http.StatusOK)
		if st := e.do("GET", base, nil).want(200).obj()["status"]; st != "consensus" {
			t.Fatalf("status after both submitted %v", st)
		}
		// Submitted ratings are final.
		e.do("PUT", base+"/ratings/"+f.raterA, map[string]any{"items": ratingsFor(t, baseTargets(), 1)}, "If-Match", "*").problem(http.StatusConflict)

		// There is no consensus before the first save.
		e.do("GET", base+"/consensus", nil).problem(http.StatusNotFound)

		// The draft has one entry per item: the 22 agreed ones pre-filled,
		// the 3 disputed ones unrated, listed with their size.
		var draft struct {
			Items         []fidelity.ItemInput
			Agreed        []string
			Disagreements []struct {
				Item   string
				Size   int
				Values []struct {
					RaterID string `json:"rater_id"`
					Score   int
				}
			}
		}
		e.do("GET", base+"/consensus/draft", nil).want(http.StatusOK).json(&draft)
		if len(draft.Agreed) != 22 || len(draft.Items) != 25 || len(draft.Disagreements) != 3 {
			t.Fatalf("draft: %d agreed, %d items, %d disagreements", len(draft.Agreed), len(draft.Items), len(draft.Disagreements))
		}
		for _, in := range draft.Items {
			disputed := in.ItemID == "O3" || in.ItemID == "Sv12" || in.ItemID == "Sv13"
			if rated := in.Score != nil || in.Values != nil || in.Choices != nil || in.Elements != nil || in.Specialists != nil; rated == disputed {
				t.Fatalf("draft item %s: rated %v, disputed %v", in.ItemID, rated, disputed)
			}
		}
		sizes := map[string]int{}
		for _, d := range draft.Disagreements {
			sizes[d.Item] = d.Size
		}
		if sizes["O3"] != 1 || sizes["Sv12"] != 2 || sizes["Sv13"] != 1 {
			t.Fatalf("disagreement sizes %v", sizes)
		}

		// Finalising before the consensus is complete is refused.
		first := e.do("PUT", base+"/consensus", map[string]any{"items": draft.Items}, "If-Match", `"v0"`).want(http.StatusOK)
		// The save rescored the review: its answer carries the review's new
		// ETag, which is what finalising needs.
		if got, want := first.Header.Get("Review-ETag"), e.etag(base); got != want || got == "" {
			t.Fatalf("Review-ETag %q, the review's ETag is %q", got, want)
		}
		p := e.do("POST", base+"/finalize", nil, "If-Match", first.Header.Get("Review-ETag")).problem(http.StatusConflict)
		if !strings.Contains(p["detail"].(string), "3 of 25") {
			t.Fatalf("finalize detail should say what is missing: %v", p["detail"])
		}

		// The raters agree on 4 for O3 and Sv13 and 3 for Sv12: total 101 − 1 = 100, good.
		consTargets := baseTargets()
		consTargets["Sv12"] = 3
		cons := e.do("PUT", base+"/consensus", map[string]any{"items": ratingsFor(t, consTargets, 3)}, "If-Match", e.etag(base+"/consensus")).want(http.StatusOK)
		var consSet struct{ Scorecard fidelity.Scorecard }
		cons.json(&consSet)
		if consSet.Scorecard.Total == nil || *consSet.Scorecard.Total != 100 || consSet.Scorecard.Band != "good" {
			t.Fatalf("consensus total %v band %q, want 100 good", consSet.Scorecard.Total, consSet.Scorecard.Band)
		}
		fin := e.do("POST", base+"/finalize", nil, "If-Match", cons.Header.Get("Review-ETag")).want(http.StatusOK).obj()
		if fin["status"] != "finalised" || fin["total"] != float64(100) || fin["band"] != "good" {
			t.Fatalf("finalised review %v", fin)
		}

		// The score endpoint: per rater, consensus, pairwise disagreements.
		var score struct {
			Consensus *fidelity.Scorecard
			Raters    []struct {
				RaterID   string `json:"rater_id"`
				Scorecard *fidelity.Scorecard
			}
			Disagreements []struct{ Items []fidelity.Disagreement }
		}
		e.do("GET", base+"/score", nil).want(http.StatusOK).json(&score)
		if score.Consensus == nil || *score.Consensus.Total != 100 || len(score.Raters) != 2 {
			t.Fatalf("score: %+v", score)
		}
		if *score.Raters[0].Scorecard.Total != 101 || *score.Raters[1].Scorecard.Total != 101-1-2+1 {
			t.Fatalf("rater totals %v %v", *score.Raters[0].Scorecard.Total, *score.Raters[1].Scorecard.Total)
		}
		if len(score.Disagreements) != 1 || len(score.Disagreements[0].Items) != 3 {
			t.Fatalf("pairwise disagreements %+v", score.Disagreements)
		}
		sectionSum := 0
		for _, s := range score.Consensus.Sections {
			sectionSum += s.Sum
		}
		if sectionSum != 100 || len(score.Consensus.Groupings) != 3 {
			t.Fatalf("sections sum to %d, groupings %d", sectionSum, len(score.Consensus.Groupings))
		}
		// Scores resting on unverified parts of the scale say so (S3 is
		// partly verified, no band is fully verified), with the encoding
		// that computed them.
		raw := string(e.do("GET", base+"/score", nil).want(http.StatusOK).Body)
		for _, want := range []string{`"item":"S3"`, `"verification":"partly_verified"`, `"verification":"recalled"`, `"band_verification":`, `"scale_encoding":2`} {
			if !strings.Contains(raw, want) {
				t.Errorf("score response lacks %s", want)
			}
		}

		// A finalised review is read-only except through corrections.
		e.do("PUT", base+"/consensus", map[string]any{"items": draft.Items}, "If-Match", "*").problem(http.StatusConflict)
		e.do("PATCH", base, map[string]any{"type": "self"}, "If-Match", "*").problem(http.StatusConflict)
		e.do("POST", base+"/corrections", map[string]any{"item": map[string]any{"item": "O6", "score": 5}, "reason": "x"}).problem(http.StatusPreconditionRequired)
		e.do("POST", base+"/corrections", map[string]any{"item": map[string]any{"item": "O6", "score": 5}, "reason": " "}, "If-Match", "*").problem(http.StatusBadRequest)
		corrected := e.do("POST", base+"/corrections", map[string]any{
			"item":   map[string]any{"item": "O6", "score": 5, "evidence": "Referral routine re-read: no exclusion."},
			"reason": "The first review misread the referral routine.",
		}, "If-Match", e.etag(base)).want(http.StatusCreated)
		corr := corrected.obj()
		// The correction changed the review: its 201 names the review's new ETag.
		if got, want := corrected.Header.Get("Review-ETag"), e.etag(base); got != want || got == "" {
			t.Fatalf("correction Review-ETag %q, the review's ETag is %q", got, want)
		}
		if corr["before"].(map[string]any)["score"] != float64(4) || corr["after"].(map[string]any)["score"] != float64(5) || corr["by"] == "" {
			t.Fatalf("correction %v", corr)
		}
		after := e.do("GET", base, nil).want(http.StatusOK).obj()
		if after["total"] != float64(101) || after["status"] != "finalised" {
			t.Fatalf("review after correction %v", after)
		}
		list := e.do("GET", base+"/corrections", nil).want(http.StatusOK).obj()["items"].([]any)
		if len(list) != 1 {
			t.Fatalf("corrections %v", list)
		}
		e.do("GET", base+"/corrections/"+corr["id"].(string), nil).want(http.StatusOK)

		// The site shows its last review and the next due date: good → 12 months.
		site := e.do("GET", "/v1/sites/"+f.team, nil).want(http.StatusOK).obj()
		if site["next_review_due"] != "2027-10-28" || site["last_review"].(map[string]any)["total"] != float64(101) {
			t.Fatalf("site due %v last %v", site["next_review_due"], site["last_review"])
		}
		// A site with reviews is never deleted.
		e.do("DELETE", "/v1/sites/"+f.team, nil).problem(http.StatusConflict)
		// Reviews list filters by subtree and status.
		got := e.do("GET", "/v1/reviews?subtree="+f.region+"&status=finalised", nil).want(http.StatusOK).obj()["items"].([]any)
		if len(got) != 1 {
			t.Fatalf("subtree filter found %d reviews", len(got))
		}
		none := e.do("GET", "/v1/reviews?subtree="+f.region+"&status=planned,in_progress", nil).want(http.StatusOK).obj()["items"].([]any)
		if len(none) != 0 {
			t.Fatalf("status filter found %d", len(none))
		}
	})
}

// An empty checklist is a rating (none present), not a missing item: S3
// with no phase delivered is judged 1 or 2 and must survive storage.
func TestEmptyChecklistRoundTrips(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.setup()
		path := "/v1/reviews/" + f.review + "/ratings/" + f.raterA
		e.do("PUT", path, map[string]any{"items": []map[string]any{{"item": "S3", "elements": []string{}, "score": 1}}}, "If-Match", e.etag(path)).want(http.StatusOK)
		var rs struct {
			Items     []map[string]any
			Scorecard fidelity.Scorecard
		}
		e.do("GET", path, nil).want(http.StatusOK).json(&rs)
		if s, ok := rs.Scorecard.Score("S3"); !ok || s != 1 {
			t.Fatalf("S3 = %d (%v), want 1", s, ok)
		}
		if els, ok := rs.Items[0]["elements"].([]any); !ok || len(els) != 0 {
			t.Fatalf("elements read back as %#v, want []", rs.Items[0]["elements"])
		}
	})
}
