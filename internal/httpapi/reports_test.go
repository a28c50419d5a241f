package httpapi_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// seedDemo fills the env with a small demo data set through the service.
func (e *env) seedDemo() demo.Summary {
	e.t.Helper()
	o := demo.DefaultOptions(e.now.AddDate(0, 0, -14))
	o.Offices, o.Reviews = 4, 3
	// One scale: these tests count items and rows per review of the SE
	// Fidelity Scale (the IPS-15 history has tests of its own).
	o.OlderScaleTeams = 0
	sum, err := demo.Seed(fidelity.WithPrincipal(context.Background(), fidelity.System), e.svc, o)
	if err != nil {
		e.t.Fatal(err)
	}
	return sum
}

func csvRows(t *testing.T, body []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%.500s", err, body)
	}
	return rows
}

func TestReportsExportsAndCharts(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		sum := e.seedDemo()
		var sites struct{ Items []struct{ ID, Kind string } }
		e.do("GET", "/v1/sites?kind=team&limit=500", nil).want(http.StatusOK).json(&sites)
		team := sites.Items[0].ID

		// Every report, as JSON (contract-checked) and as CSV.
		for _, path := range []string{
			"/v1/reports/trend?site=" + team, "/v1/reports/comparison", "/v1/reports/heatmap",
			"/v1/reports/agreement", "/v1/reports/actions",
			"/v1/reports/transitions?a_to=2025-12-31&b_to=2026-11-01",
		} {
			e.do("GET", path, nil).want(http.StatusOK)
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			r := e.do("GET", path+sep+"format=csv", nil).want(http.StatusOK)
			min := 2
			if strings.Contains(path, "actions") {
				min = 1 // the header alone when no action is open
			}
			if rows := csvRows(t, r.Body); len(rows) < min {
				t.Fatalf("%s as CSV has %d rows", path, len(rows))
			}
		}

		// The league table ranks every team with a finalised review.
		var cmp struct {
			League []struct {
				Rank  int
				Total float64
			}
			Bands []struct{ Count int }
		}
		e.do("GET", "/v1/reports/comparison", nil).want(http.StatusOK).json(&cmp)
		counted := 0
		for _, b := range cmp.Bands {
			counted += b.Count
		}
		if len(cmp.League) == 0 || counted != len(cmp.League) || cmp.League[0].Rank != 1 {
			t.Fatalf("league %+v, band counts %d", cmp.League, counted)
		}

		// Long export: one row per review × rater/consensus × item.
		long := csvRows(t, e.do("GET", "/v1/exports/ratings.csv", nil).want(http.StatusOK).Body)
		if long[0][0] != "review_id" || len(long[0]) != 15 || len(long)-1 < sum.Finalised*3*25 {
			t.Fatalf("long export: header %v, %d rows for %d finalised reviews", long[0], len(long)-1, sum.Finalised)
		}
		wide := csvRows(t, e.do("GET", "/v1/exports/reviews.csv?status=finalised", nil).want(http.StatusOK).Body)
		if len(wide)-1 != sum.Finalised || len(wide[0]) != 10+25 {
			t.Fatalf("wide export: %d rows (want %d), %d columns", len(wide)-1, sum.Finalised, len(wide[0]))
		}
		book := csvRows(t, e.do("GET", "/v1/exports/codebook?format=csv", nil).want(http.StatusOK).Body)
		if len(book)-1 != 17+25 {
			t.Fatalf("codebook has %d variables", len(book)-1)
		}
		xl := e.do("GET", "/v1/exports/workbook.xlsx?status=finalised", nil).want(http.StatusOK)
		f, err := excelize.OpenReader(bytes.NewReader(xl.Body))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); strings.Join(got, ",") != "long,wide,codebook" {
			t.Fatalf("sheets %v", got)
		}
		if rows, _ := f.GetRows("wide"); len(rows)-1 != sum.Finalised {
			t.Fatalf("wide sheet has %d rows", len(rows)-1)
		}
		e.do("GET", "/v1/exports/ratings.csv?status=done", nil).problem(http.StatusBadRequest)
		e.do("GET", "/v1/exports/reviews.csv?scale=nope", nil).problem(http.StatusBadRequest)

		// Charts are well-formed SVG (or PNG), labelled in the language asked.
		var reviews struct{ Items []struct{ ID string } }
		e.do("GET", "/v1/reviews?status=finalised&site_id="+team, nil).want(http.StatusOK).json(&reviews)
		for _, path := range []string{
			"/v1/charts/trend.svg?site=" + team + "&lang=nb", "/v1/charts/profile.svg?review=" + reviews.Items[0].ID,
			"/v1/charts/heatmap.svg", "/v1/charts/bands.svg?compare_to=2025-06-01&lang=nb",
		} {
			r := e.do("GET", path, nil).want(http.StatusOK)
			dec := xml.NewDecoder(bytes.NewReader(r.Body))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", path, err)
				}
			}
			if strings.Contains(string(r.Body), "NaN") {
				t.Fatalf("%s contains NaN", path)
			}
		}
		if !strings.Contains(string(e.do("GET", "/v1/charts/trend.svg?site="+team+"&lang=nb", nil).Body), "Modelltrofasthet") {
			t.Fatal("the Norwegian trend chart is not in Norwegian")
		}
		heat := e.do("GET", "/v1/charts/heatmap.png", nil).want(http.StatusOK)
		if !bytes.HasPrefix(heat.Body, []byte("\x89PNG")) {
			t.Fatal("heatmap.png is not a PNG")
		}
		// The item profile as a radar, in SVG and PNG; an unknown view is a
		// 400 naming the parameter.
		radar := e.do("GET", "/v1/charts/profile.svg?view=radar&lang=nb&review="+reviews.Items[0].ID, nil).want(http.StatusOK)
		if !strings.Contains(string(radar.Body), "Radardiagram over 25 indikatorer") {
			t.Fatalf("the radar view is not a Norwegian radar chart: %.300s", radar.Body)
		}
		for _, path := range []string{"/v1/charts/profile.png?view=radar&review=", "/v1/charts/profile.png?review="} {
			p := e.do("GET", path+reviews.Items[0].ID, nil).want(http.StatusOK)
			if _, err := png.Decode(bytes.NewReader(p.Body)); err != nil {
				t.Fatalf("%s is not a PNG: %v", path, err)
			}
		}
		bad := e.do("GET", "/v1/charts/profile.svg?view=pie&review="+reviews.Items[0].ID, nil).problem(http.StatusBadRequest)
		if !strings.Contains(fmt.Sprint(bad), "view") {
			t.Fatalf("the problem does not name the view parameter: %v", bad)
		}
	})
}

func TestOutcomesAndActions(t *testing.T) {
	e := newEnvOn(t, storetest.SQLite(t))
	e.seedDemo()
	var reviews struct {
		Items []struct {
			ID     string
			SiteID string `json:"site_id"`
		}
	}
	e.do("GET", "/v1/reviews?status=finalised", nil).want(http.StatusOK).json(&reviews)
	rv := reviews.Items[0]
	// The demo records competitive employment per half-year; this test
	// records a measure of its own.
	o := e.do("POST", "/v1/sites/"+rv.SiteID+"/outcomes", map[string]any{
		"measure": "job_retention_rate", "period_start": "2025-01-01", "period_end": "2025-12-31", "value": 0.37, "n": 41,
	}).want(http.StatusCreated).obj()
	if o["value"] != 0.37 {
		t.Fatalf("outcome %v", o)
	}
	e.do("POST", "/v1/sites/"+rv.SiteID+"/outcomes", map[string]any{
		"measure": "x", "period_start": "2025-12-31", "period_end": "2025-01-01", "value": 1,
	}).problem(http.StatusBadRequest)
	list := e.do("GET", "/v1/sites/"+rv.SiteID+"/outcomes?measure=job_retention_rate", nil).want(http.StatusOK).obj()["items"].([]any)
	if len(list) != 1 {
		t.Fatalf("outcomes %v", list)
	}
	cmp := e.do("GET", "/v1/reports/comparison?measure=job_retention_rate", nil).want(http.StatusOK).obj()
	if cmp["outcomes"] == nil {
		t.Fatal("comparison without outcome linkage")
	}

	openBefore := len(e.do("GET", "/v1/reports/actions?low_score=3", nil).want(http.StatusOK).obj()["open"].([]any))
	a := e.create("/v1/reviews/"+rv.ID+"/actions", map[string]any{
		"title": "Weekly employer contacts per specialist", "item_ids": []string{"Sv6", "Sv7"}, "owner": "Team leader", "due": "2026-12-01",
	})
	e.do("POST", "/v1/reviews/"+rv.ID+"/actions", map[string]any{"title": "x", "item_ids": []string{"Q9"}}).problem(http.StatusBadRequest)
	upd := e.do("PATCH", "/v1/actions/"+a["id"].(string), map[string]any{"status": "in_progress"}, "If-Match", `"v1"`).want(http.StatusOK).obj()
	if upd["status"] != "in_progress" || upd["version"] != float64(2) {
		t.Fatalf("updated action %v", upd)
	}
	e.do("PATCH", "/v1/actions/"+a["id"].(string), map[string]any{"status": "done"}, "If-Match", `"v1"`).problem(http.StatusPreconditionFailed)
	rep := e.do("GET", "/v1/reports/actions?low_score=3", nil).want(http.StatusOK).obj()
	if len(rep["open"].([]any)) != openBefore+1 {
		t.Fatalf("open actions %v", rep["open"])
	}

	// Every write above is in the audit log, newest first.
	var audit struct {
		Items []struct {
			Action       string
			ResourceType string `json:"resource_type"`
		}
	}
	e.do("GET", "/v1/audit?limit=5", nil).want(http.StatusOK).json(&audit)
	if len(audit.Items) != 5 || audit.Items[0].Action != "action.update" || audit.Items[1].Action != "action.create" {
		t.Fatalf("audit %+v", audit.Items)
	}
	_ = time.Now
}
