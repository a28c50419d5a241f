package httpapi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// blindWorld is region A with three reviews of one team: two still being
// rated by raters One and Two (on the first Two has submitted, on the
// second Two has saved a draft) and one finalised, so every report has
// something to show; One has saved a draft on both open reviews. Region B
// has a review of its own.
type blindWorld struct {
	e                             *env
	regionA, teamA, teamB         string
	one, two                      string
	submitted, drafting, finished string
	raterKey                      string // One's key, scoped to region A
	setNow                        func(time.Time)
}

// blindMarker is the evidence text of Two's ratings on the open reviews;
// it must never reach One before the ratings close.
const blindMarker = "BLIND-LEAK-evidence-of-rater-Two"

// newBlindWorld builds the world with ids from a counter, so that two worlds
// built alike have equal ids. variant changes only what Two has rated on the
// open reviews (scores and evidence, not how many items or whether
// submitted): whatever One can read must be the same in both variants.
func newBlindWorld(t *testing.T, st *store.Store, variant int) *blindWorld {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	n := 0
	ids := func() string { n++; return fmt.Sprintf("01900000-0000-7000-8000-%012x", n) }
	svc := service.New(st, cat, service.DefaultConfig(), service.WithClock(func() time.Time { return now }), service.WithIDs(ids))
	if err := svc.SyncScales(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := httpapi.New(httpapi.Options{Service: svc, MaxBodyBytes: 256 << 10, Version: "test"})
	w := &blindWorld{e: &env{t: t, handler: h, store: st, router: contractRouter(t), now: now, svc: svc}}
	w.setNow = func(t time.Time) { now, w.e.now = t, t }
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	site := func(parent, kind, name string) string {
		v, err := svc.CreateSite(ctx, service.SiteInput{ParentID: parent, Kind: kind, Code: name, Name: name})
		must(err)
		return v.ID
	}
	w.regionA = site("", "region", "Vest")
	w.teamA = site(w.regionA, "team", "Team Bergen")
	w.teamB = site(site("", "region", "Nord"), "team", "Team Bodø")
	rater := func(name string) string {
		r, err := svc.CreateRater(ctx, service.RaterInput{Name: name, Email: strings.ToLower(name) + "@example.no"})
		must(err)
		return r.ID
	}
	w.one, w.two = rater("One"), rater("Two")
	plan := func(siteID string, day int) string {
		d := time.Date(2026, 10, day, 0, 0, 0, 0, time.UTC)
		v, err := svc.PlanReview(ctx, service.ReviewInput{SiteID: siteID, Scale: "se-fidelity@2008", Type: fidelity.ReviewExternal, VisitStart: d, VisitEnd: d, RaterIDs: []string{w.one, w.two}})
		must(err)
		return v.ID
	}
	save := func(review, rater string, items []fidelity.ItemInput, submit bool) {
		_, err := svc.SaveRatings(ctx, review, rater, service.AnyVersion, items, submit)
		must(err)
	}
	good := ratingsFor(t, baseTargets(), 1)
	w.finished = plan(w.teamA, 1)
	save(w.finished, w.one, good, true)
	save(w.finished, w.two, ratingsFor(t, baseTargets(), 2), true)
	_, err := svc.SaveConsensus(ctx, w.finished, service.AnyVersion, good)
	must(err)
	_, err = svc.Finalize(ctx, w.finished, service.AnyVersion)
	must(err)

	targets := baseTargets()
	if variant == 1 {
		for id := range targets {
			targets[id] = 2
		}
	}
	twos := ratingsFor(t, targets, uint64(10+variant))
	for i := range twos {
		twos[i].Evidence = blindMarker
	}
	own := []fidelity.ItemInput{{ItemID: "O6", Score: fidelity.IntPtr(3), Evidence: "One's own draft"}}
	w.submitted, w.drafting = plan(w.teamA, 20), plan(w.teamA, 21)
	save(w.submitted, w.one, own, false)
	save(w.submitted, w.two, twos, true)
	save(w.drafting, w.one, own, false)
	save(w.drafting, w.two, twos[:12], false)
	plan(w.teamB, 22)

	_, secret, err := svc.CreateKey(ctx, service.KeyInput{Name: "one", Role: fidelity.RoleRater, RaterID: w.one, Scope: []string{w.regionA}})
	must(err)
	w.raterKey = secret
	return w
}

// leadAndOne returns the Authorization headers of a programme lead with a
// key for every site (created here) and of rater One.
func (w *blindWorld) leadAndOne(t *testing.T) (asLead, asOne []string) {
	t.Helper()
	_, lead, err := w.e.svc.CreateKey(fidelity.WithPrincipal(context.Background(), fidelity.System),
		service.KeyInput{Name: "lead", Role: fidelity.RoleLead, AllSites: true})
	if err != nil {
		t.Fatal(err)
	}
	return []string{"Authorization", "Bearer " + lead}, []string{"Authorization", "Bearer " + w.raterKey}
}

// blindReads lists, for every GET operation of the contract, the requests
// that read it in a blindWorld. A GET operation missing here fails
// TestBlindRatingOnEveryReadPath, so a new read path must be classified.
func blindReads(w *blindWorld) map[string][]string {
	open := []string{w.submitted, w.drafting}
	perOpen := func(format string) []string {
		var out []string
		for _, id := range open {
			out = append(out, fmt.Sprintf(format, id))
		}
		return out
	}
	statuses := "?status=planned,in_progress,consensus,finalised"
	return map[string][]string{
		"GET /v1/scales":               {"/v1/scales"},
		"GET /v1/scales/{ref}":         {"/v1/scales/se-fidelity@2008"},
		"GET /v1/scales/{ref}/source":  {"/v1/scales/se-fidelity@2008/source"},
		"GET /v1/sites":                {"/v1/sites"},
		"GET /v1/sites/{id}":           {"/v1/sites/" + w.teamA},
		"GET /v1/sites/{id}/history":   {"/v1/sites/" + w.teamA + "/history"},
		"GET /v1/sites/{id}/outcomes":  {"/v1/sites/" + w.teamA + "/outcomes"},
		"GET /v1/raters":               {"/v1/raters"},
		"GET /v1/raters/{id}":          {"/v1/raters/" + w.two},
		"GET /v1/reviews":              {"/v1/reviews", "/v1/reviews?status=in_progress"},
		"GET /v1/reviews/{id}":         perOpen("/v1/reviews/%s"),
		"GET /v1/reviews/{id}/ratings": perOpen("/v1/reviews/%s/ratings"),
		"GET /v1/reviews/{id}/ratings/{rater_id}": append(perOpen("/v1/reviews/%s/ratings/"+w.two),
			perOpen("/v1/reviews/%s/ratings/"+w.one)...),
		"GET /v1/reviews/{id}/consensus/draft": perOpen("/v1/reviews/%s/consensus/draft"),
		"GET /v1/reviews/{id}/consensus":       perOpen("/v1/reviews/%s/consensus"),
		"GET /v1/reviews/{id}/fhir": append(append(perOpen("/v1/reviews/%s/fhir?rater="+w.two),
			perOpen("/v1/reviews/%s/fhir?rater="+w.one)...), perOpen("/v1/reviews/%s/fhir")...),
		"GET /v1/scales/{ref}/fhir":                        {"/v1/scales/se-fidelity@2008/fhir"},
		"GET /v1/reviews/{id}/corrections":                 perOpen("/v1/reviews/%s/corrections"),
		"GET /v1/reviews/{id}/corrections/{correction_id}": perOpen("/v1/reviews/%s/corrections/01900000-0000-7000-8000-0000000fffff"),
		"GET /v1/reviews/{id}/score":                       perOpen("/v1/reviews/%s/score"),
		"GET /v1/reviews/{id}/actions":                     perOpen("/v1/reviews/%s/actions"),
		"GET /v1/reviews/{id}/report/narrative":            perOpen("/v1/reviews/%s/report/narrative"),
		"GET /v1/reviews/{id}/report/actions":              perOpen("/v1/reviews/%s/report/actions"),
		"GET /v1/reports/trend":                            {"/v1/reports/trend?site=" + w.teamA, "/v1/reports/trend?subtree=true&format=csv&site=" + w.regionA},
		"GET /v1/reports/comparison":                       {"/v1/reports/comparison", "/v1/reports/comparison?format=csv"},
		"GET /v1/reports/transitions":                      {"/v1/reports/transitions?a_to=2025-01-01&b_to=2026-11-01"},
		"GET /v1/reports/heatmap":                          {"/v1/reports/heatmap", "/v1/reports/heatmap?format=csv"},
		"GET /v1/reports/agreement":                        {"/v1/reports/agreement", "/v1/reports/agreement?format=csv&bucket=quarter"},
		"GET /v1/reports/actions":                          {"/v1/reports/actions"},
		"GET /v1/reports/due":                              {"/v1/reports/due", "/v1/reports/due?format=csv"},
		"GET /v1/exports/ratings.csv":                      {"/v1/exports/ratings.csv", "/v1/exports/ratings.csv" + statuses},
		"GET /v1/exports/reviews.csv":                      {"/v1/exports/reviews.csv" + statuses},
		"GET /v1/exports/codebook":                         {"/v1/exports/codebook"},
		"GET /v1/exports/workbook.xlsx":                    {"/v1/exports/workbook.xlsx" + statuses},
		"GET /v1/charts/trend.svg":                         {"/v1/charts/trend.svg?site=" + w.teamA},
		"GET /v1/charts/profile.{format}": append(perOpen("/v1/charts/profile.svg?review=%s"),
			perOpen("/v1/charts/profile.png?review=%s&view=radar")...),
		"GET /v1/charts/heatmap.{format}": {"/v1/charts/heatmap.svg", "/v1/charts/heatmap.png"},
		"GET /v1/charts/bands.{format}":   {"/v1/charts/bands.svg"},
		"GET /v1/keys":                    {"/v1/keys"},
		"GET /v1/audit":                   {"/v1/audit"},

		// The statistics scripts and the import template hold no review data:
		// they are derived from the scale alone.
		"GET /v1/exports/reviews.sps":        {"/v1/exports/reviews.sps"},
		"GET /v1/exports/reviews.do":         {"/v1/exports/reviews.do"},
		"GET /v1/exports/reviews.R":          {"/v1/exports/reviews.R"},
		"GET /v1/exports/ratings.sps":        {"/v1/exports/ratings.sps"},
		"GET /v1/exports/ratings.do":         {"/v1/exports/ratings.do"},
		"GET /v1/exports/ratings.R":          {"/v1/exports/ratings.R"},
		"GET /v1/scales/{ref}/template.xlsx": {"/v1/scales/se-fidelity@2008/template.xlsx"},
		"GET /v1/scale-maps":                 {"/v1/scale-maps"},
		"GET /v1/reviews/{id}/rescored":      perOpen("/v1/reviews/%s/rescored"),
		"GET /v1/imports/{id}":               {"/v1/imports/01900000-0000-7000-8000-0000000fffff"},
		"GET /v1/reviews/{id}/report": append(perOpen("/v1/reviews/%s/report?format=pdf"),
			"/v1/reviews/"+w.finished+"/report?lang=nb", "/v1/reviews/"+w.finished+"/report?format=pdf"),
	}
}

// blindExempt are GET operations outside /v1, which carry no review data
// at all (and no key is needed for them).
var blindExempt = map[string]string{
	"GET /metrics":      "process-wide request counters, which the two worlds of the test share",
	"GET /healthz":      "liveness only",
	"GET /readyz":       "database reachability only",
	"GET /openapi.yaml": "the embedded contract",
	"GET /docs":         "the embedded contract as HTML",
}

// TestBlindRatingOnEveryReadPath reads every GET operation of the contract
// as rater One in the middle of two reviews, in two worlds that differ only
// in what rater Two has rated there. Blind rating holds if One's answers
// are identical in both worlds and never carry Two's evidence text:
// nothing of Two's ratings reaches One before every rater has submitted
// (the same rule as GET …/ratings/{rater_id}). Before the rule moved into
// the service, ratings.csv and workbook.xlsx showed Two's scores.
func TestBlindRatingOnEveryReadPath(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) {
			worlds := []*blindWorld{newBlindWorld(t, d.New(t), 0), newBlindWorld(t, d.New(t), 1)}
			reads := blindReads(worlds[0])
			for _, op := range specOperations(t) {
				_, listed := reads[op]
				if _, exempt := blindExempt[op]; strings.HasPrefix(op, "GET ") && !listed && !exempt {
					t.Errorf("GET operation %s is not classified for blind rating: add it to blindReads", op)
				}
			}
			ops := make([]string, 0, len(reads))
			for op := range reads {
				ops = append(ops, op)
			}
			sort.Strings(ops)
			for _, op := range ops {
				for _, path := range reads[op] {
					var got [2]resp
					for i, w := range worlds {
						w.e.t = t
						got[i] = w.e.do("GET", path, nil, "Authorization", "Bearer "+w.raterKey)
					}
					if got[0].Code >= 500 {
						t.Errorf("%s: %d", path, got[0].Code)
					}
					for _, r := range got {
						if bytes.Contains(comparable(t, r), []byte(blindMarker)) {
							t.Errorf("%s (%s) shows rater Two's evidence to rater One: %.300s", op, path, r.Body)
						}
					}
					if got[0].Code != got[1].Code || !bytes.Equal(comparable(t, got[0]), comparable(t, got[1])) || got[0].Header.Get("ETag") != got[1].Header.Get("ETag") {
						t.Errorf("%s (%s) depends on rater Two's unsubmitted ratings: %d vs %d\n%.400s\n%.400s",
							op, path, got[0].Code, got[1].Code, got[0].Body, got[1].Body)
					}
				}
			}
			// The rule must not hide One's own draft, nor anything once a
			// review's ratings are closed.
			w := worlds[0]
			auth := []string{"Authorization", "Bearer " + w.raterKey}
			own := w.e.do("GET", "/v1/reviews/"+w.drafting+"/ratings/"+w.one, nil, auth...).want(http.StatusOK)
			if !bytes.Contains(own.Body, []byte("One's own draft")) {
				t.Fatalf("One cannot read its own draft: %s", own.Body)
			}
			long := w.e.do("GET", "/v1/exports/ratings.csv", nil, auth...).want(http.StatusOK)
			for _, want := range []string{w.finished + ",", w.drafting + ","} {
				if !bytes.Contains(long.Body, []byte(want)) {
					t.Fatalf("the long export lacks rows of review %s:\n%.600s", want, long.Body)
				}
			}
			if n := bytes.Count(long.Body, []byte(w.finished+",")); n < 3*25 {
				t.Fatalf("the long export has %d rows of the finalised review, want every rater's and the consensus", n)
			}
		})
	}
}

// comparable is a response body in a form that two equal answers share: a
// workbook's parts are unzipped and sorted by name, because the XLSX
// writer orders them differently from run to run.
func comparable(t *testing.T, r resp) []byte {
	t.Helper()
	if !strings.Contains(r.Header.Get("Content-Type"), "spreadsheetml") {
		return r.Body
	}
	zr, err := zip.NewReader(bytes.NewReader(r.Body), int64(len(r.Body)))
	if err != nil {
		t.Fatalf("workbook: %v", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	var out bytes.Buffer
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("workbook part %s: %v", f.Name, err)
		}
		out.WriteString(f.Name + "\n")
		_, err = io.Copy(&out, rc)
		_ = rc.Close()
		if err != nil {
			t.Fatalf("workbook part %s: %v", f.Name, err)
		}
	}
	return out.Bytes()
}
