package httpapi_test

import (
	"bytes"
	"github.com/ipsfidelity/fidelity/internal/testtool"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// statsScriptRoutes are the six scripts: both exports for each tool.
var statsScriptRoutes = []string{
	"/v1/exports/reviews.sps", "/v1/exports/reviews.do", "/v1/exports/reviews.R",
	"/v1/exports/ratings.sps", "/v1/exports/ratings.do", "/v1/exports/ratings.R",
}

// A researcher downloads a script for SPSS, Stata or R next to an export
// and gets the labels in the language asked for; a scale the service does
// not know is 404 and a language it does not speak is 400.
func TestStatisticsScriptsAreServedInBothLanguages(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		for _, route := range statsScriptRoutes {
			for lang, label := range map[string]string{"nb": "Ekstern evaluering", "en": "External review"} {
				r := e.do("GET", route+"?lang="+lang+"&scale=se-fidelity@2008", nil).want(http.StatusOK)
				if ct := r.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
					t.Errorf("%s: Content-Type %q", route, ct)
				}
				ext := route[strings.LastIndex(route, "."):]
				if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "-se-fidelity-2008-"+lang+ext+`"`) {
					t.Errorf("%s: Content-Disposition %q", route, cd)
				}
				if !bytes.Contains(r.Body, []byte(label)) {
					t.Errorf("%s?lang=%s lacks the label %q", route, lang, label)
				}
			}
			if p := e.do("GET", route+"?scale=no-such-scale", nil).problem(http.StatusNotFound); p["detail"] == "" {
				t.Errorf("%s: 404 without detail", route)
			}
			e.do("GET", route+"?lang=sv", nil).problem(http.StatusBadRequest)
		}
		// The default scale is the latest SE Fidelity Scale, as for the exports.
		r := e.do("GET", "/v1/exports/reviews.R", nil).want(http.StatusOK)
		if !bytes.Contains(r.Body, []byte(`"se-fidelity"`)) || !bytes.Contains(r.Body, []byte(`"Sv14"`)) {
			t.Errorf("default R script is not for se-fidelity: %.300s", r.Body)
		}
	})
}

// The import template's data sheet has exactly the header of the wide
// export the same service writes for that scale version (then the
// importer's optional site_path and ITEM.input columns), so a filled
// template imports like an export; for every scale version.
func TestImportTemplateHeaderIsTheWideExportHeader(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		for _, ref := range []string{"se-fidelity@2008", "ips-15@1996", "goi@2004"} {
			wide := csvRows(t, e.do("GET", "/v1/exports/reviews.csv?scale="+ref, nil).want(http.StatusOK).Body)[0]
			r := e.do("GET", "/v1/scales/"+ref+"/template.xlsx?lang=nb", nil).want(http.StatusOK)
			if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "import-template-") || !strings.HasSuffix(cd, `-nb.xlsx"`) {
				t.Errorf("%s: Content-Disposition %q", ref, cd)
			}
			f, err := excelize.OpenReader(bytes.NewReader(r.Body))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows("wide")
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || len(rows[0]) <= len(wide) || !slices.Equal(rows[0][:len(wide)], wide) {
				t.Fatalf("%s: template header %v, wide export header %v", ref, rows, wide)
			}
			if rows[0][len(wide)] != "site_path" {
				t.Errorf("%s: the first extra column is %s, want site_path", ref, rows[0][len(wide)])
			}
			dvs, err := f.GetDataValidations("wide")
			if err != nil || len(dvs) != len(rows[0]) {
				t.Errorf("%s: %d validations for %d columns (%v)", ref, len(dvs), len(rows[0]), err)
			}
			f.Close()
		}
		e.do("GET", "/v1/scales/no-such-scale@1/template.xlsx", nil).problem(http.StatusNotFound)
		e.do("GET", "/v1/scales/se-fidelity/template.xlsx?lang=de", nil).problem(http.StatusBadRequest)
	})
}

// keyValues reads the key=value lines the R checks print.
func keyValues(out string) map[string]string {
	kv := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			kv[k] = v
		}
	}
	return kv
}

// csvFacts counts an export's rows of se-fidelity@2008 and sums a column.
func csvFacts(t *testing.T, rows [][]string, column string) (n int, filled int, sum float64) {
	t.Helper()
	idx := slices.Index(rows[0], column)
	scale, version := slices.Index(rows[0], "scale"), slices.Index(rows[0], "scale_version")
	for _, row := range rows[1:] {
		if row[scale] != "se-fidelity" || row[version] != "2008" {
			continue
		}
		n++
		if row[idx] != "" {
			filled++
			v, err := strconv.ParseFloat(row[idx], 64)
			if err == nil {
				sum += v
			}
		}
	}
	return n, filled, sum
}

// The R script, run by R on the service's own export, loads every row
// with its labels: factor levels in the chosen language (bands ordered
// from the lowest), variable labels, the anchors of each item score,
// dates as dates, and the same scores the export holds.
func TestRScriptLoadsTheExportsWithLabels(t *testing.T) {
	rscript := testtool.Require(t, "Rscript", "r-base-core")
	eachDB(t, func(t *testing.T, e *env) {
		e.seedDemo()
		dir := t.TempDir()
		statuses := "status=finalised&status=consensus&status=in_progress&status=planned"

		wideCSV := e.do("GET", "/v1/exports/reviews.csv?"+statuses, nil).want(http.StatusOK).Body
		write(t, dir, "reviews.csv", wideCSV)
		write(t, dir, "reviews.R", e.do("GET", "/v1/exports/reviews.R?lang=nb", nil).want(http.StatusOK).Body)
		write(t, dir, "check-reviews.R", []byte(`source("reviews.R", encoding = "UTF-8")
			cat("rows=", nrow(fidelity), "\n", "bands=", paste(levels(fidelity$band), collapse = "|"), "\n",
				"ordered=", is.ordered(fidelity$band), "\n", "banded=", sum(!is.na(fidelity$band)), "\n",
				"types=", paste(levels(fidelity$review_type), collapse = "|"), "\n",
				"S1_label=", attr(fidelity$S1, "label"), "\n", "S1_anchor5=", names(attr(fidelity$S1, "labels"))[5], "\n",
				"visit_class=", class(fidelity$visit_end), "\n", "total_label=", attr(fidelity$total, "label"), "\n",
				"sv14_sum=", sum(fidelity$Sv14, na.rm = TRUE), "\n",
				"S1_factor=", paste(levels(anchor_factor(fidelity$S1))[c(1, 5)], collapse = "|"), "\n",
				"S1_factor_n=", sum(!is.na(anchor_factor(fidelity$S1))), "\n", sep = "")`))
		got := keyValues(testtool.Run(t, dir, rscript, "check-reviews.R", "reviews.csv"))
		rows := csvRows(t, wideCSV)
		n, banded, _ := csvFacts(t, rows, "band")
		_, _, sv14 := csvFacts(t, rows, "Sv14")
		_, s1Scored, _ := csvFacts(t, rows, "S1")
		if n < 5 {
			t.Fatalf("the demo export has only %d reviews of se-fidelity@2008", n)
		}
		want := map[string]string{
			"rows":   strconv.Itoa(n),
			"bands":  "Ikke IPS/SE|Akseptabel modelltrofasthet|God modelltrofasthet|Eksemplarisk modelltrofasthet",
			"banded": strconv.Itoa(banded), "ordered": "TRUE",
			"types":    "Ekstern evaluering|Egenvurdering|Digital evaluering",
			"S1_label": "S1 Størrelse på portefølje", "S1_anchor5": "Høyst 20 deltakere per jobbspesialist i full stilling",
			"visit_class": "Date", "total_label": "Konsensus totalskår", "sv14_sum": strconv.FormatFloat(sv14, 'f', -1, 64),
			"S1_factor":   "41 deltakere eller flere per jobbspesialist i full stilling|Høyst 20 deltakere per jobbspesialist i full stilling",
			"S1_factor_n": strconv.Itoa(s1Scored),
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("wide export in R: %s = %q, want %q", k, got[k], w)
			}
		}

		longCSV := e.do("GET", "/v1/exports/ratings.csv?"+statuses, nil).want(http.StatusOK).Body
		write(t, dir, "ratings.csv", longCSV)
		write(t, dir, "ratings.R", e.do("GET", "/v1/exports/ratings.R?lang=en", nil).want(http.StatusOK).Body)
		write(t, dir, "check-ratings.R", []byte(`source("ratings.R", encoding = "UTF-8")
			cat("rows=", nrow(fidelity), "\n", "items=", nlevels(fidelity$item), "\n",
				"first_item=", levels(fidelity$item)[1], "\n", "sections=", paste(levels(fidelity$section), collapse = "|"), "\n",
				"unlabelled_items=", sum(is.na(fidelity$item)), "\n", "score_sum=", sum(fidelity$score, na.rm = TRUE), "\n",
				"score_label=", attr(fidelity$score, "label"), "\n", "statuses=", paste(levels(fidelity$review_status), collapse = "|"), "\n", sep = "")`))
		got = keyValues(testtool.Run(t, dir, rscript, "check-ratings.R", "ratings.csv"))
		rows = csvRows(t, longCSV)
		n, _, scores := csvFacts(t, rows, "score")
		want = map[string]string{
			"rows": strconv.Itoa(n), "items": "25", "first_item": "S1 Caseload size",
			"sections": "Staffing|Organization|Services", "unlabelled_items": "0",
			"score_sum": strconv.FormatFloat(scores, 'f', -1, 64), "score_label": "Item score",
			"statuses": "Planned|In progress|Consensus|Finalised",
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("long export in R: %s = %q, want %q", k, got[k], w)
			}
		}
	})
}

// The SPSS syntax, run by GNU PSPP (which reads SPSS syntax) on the
// service's own export, loads every row: the cases written back with their
// value labels carry the labels in the chosen language, and the dictionary
// has every variable label.
func TestSPSSSyntaxLoadsTheExportWithLabels(t *testing.T) {
	pspp := testtool.Require(t, "pspp", "pspp")
	eachDB(t, func(t *testing.T, e *env) {
		e.seedDemo()
		dir := t.TempDir()
		statuses := "status=finalised&status=consensus&status=in_progress&status=planned"
		wideCSV := e.do("GET", "/v1/exports/reviews.csv?"+statuses, nil).want(http.StatusOK).Body
		syntax := e.do("GET", "/v1/exports/reviews.sps?lang=nb", nil).want(http.StatusOK).Body
		m := regexp.MustCompile(`/FILE='([^']+)'`).FindSubmatch(syntax)
		if m == nil {
			t.Fatalf("no /FILE in the syntax:\n%.500s", syntax)
		}
		write(t, dir, string(m[1]), wideCSV) // the name the syntax reads by default
		syntax = append(syntax, []byte("DISPLAY DICTIONARY.\n"+
			"SAVE TRANSLATE /OUTFILE='labelled.csv' /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.\n")...)
		write(t, dir, "reviews.sps", syntax)
		out := testtool.Run(t, dir, pspp, "-O", "format=csv", "-o", "out.csv", "reviews.sps")
		if strings.Contains(out, "error") {
			t.Fatalf("PSPP reported an error:\n%s", out)
		}
		dict, err := os.ReadFile(filepath.Join(dir, "out.csv"))
		if err != nil {
			t.Fatal(err)
		}
		for _, label := range []string{"S1 Størrelse på portefølje", "Første besøksdag", "Konsensus totalskår", "Sv14 Aktiv oppsøkende kontakt"} {
			if !bytes.Contains(dict, []byte(label)) {
				t.Errorf("the PSPP dictionary lacks the variable label %q", label)
			}
		}
		labelled, err := os.ReadFile(filepath.Join(dir, "labelled.csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows := csvRows(t, labelled)
		n, banded, _ := csvFacts(t, csvRows(t, wideCSV), "band")
		if len(rows)-1 != n {
			t.Fatalf("PSPP read %d cases, the export has %d of se-fidelity@2008", len(rows)-1, n)
		}
		band, typ := slices.Index(rows[0], "band"), slices.Index(rows[0], "review_type")
		bandLabels := []string{"Ikke IPS/SE", "Akseptabel modelltrofasthet", "God modelltrofasthet", "Eksemplarisk modelltrofasthet"}
		labelledBands := 0
		for _, row := range rows[1:] {
			if slices.Contains(bandLabels, strings.TrimSpace(row[band])) {
				labelledBands++
			}
			if v := strings.TrimSpace(row[typ]); !slices.Contains([]string{"Ekstern evaluering", "Egenvurdering", "Digital evaluering"}, v) {
				t.Errorf("review_type %q has no Norwegian label", v)
			}
		}
		if labelledBands != banded {
			t.Errorf("%d cases show a band label, the export has %d bands", labelledBands, banded)
		}
	})
}

func write(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A scale uploaded with texts a spreadsheet would run as formulas (an
// item title, a measured input's label) yields a template whose every
// cell is text: the texts reach the codebook neutralised, in both
// languages.
func TestImportTemplateNeutralisesFormulaTexts(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		src := string(e.do("GET", "/v1/scales/se-fidelity@2008/source", nil).want(http.StatusOK).Body)
		hostile := strings.NewReplacer("\nversion: \"2008\"", "\nversion: \"2990\"",
			`en: "Caseload size"`, `en: "=HYPERLINK(\"https://evil.example\",\"x\")"`,
			`nb: "Størrelse på portefølje"`, `nb: "@SUM(1+1)*cmd|' /C calc'!A0"`,
			`en: "Active clients on the employment specialists' caseloads (all specialists together)"`, `en: "-2+3+cmd|' /C calc'!A0"`,
			`nb: "Aktive deltakere i jobbspesialistenes porteføljer (alle jobbspesialister samlet)"`, `nb: "+1+cmd|' /C calc'!A0"`).Replace(src)
		if !strings.Contains(hostile, "2990") || !strings.Contains(hostile, "-2+3") || !strings.Contains(hostile, "+1+cmd") {
			t.Fatal("the scale file no longer has the texts this test replaces")
		}
		e.do("POST", "/v1/scales", hostile, "Content-Type", "application/yaml").want(http.StatusCreated)
		for _, lang := range []string{"en", "nb"} {
			r := e.do("GET", "/v1/scales/se-fidelity@2990/template.xlsx?lang="+lang, nil).want(http.StatusOK)
			f, err := excelize.OpenReader(bytes.NewReader(r.Body))
			if err != nil {
				t.Fatal(err)
			}
			neutralised := 0
			for _, sh := range f.GetSheetList() {
				rows, _ := f.GetRows(sh)
				for i, row := range rows {
					for j, cell := range row {
						if formulaCell(cell) {
							t.Errorf("%s %s row %d column %d is a formula: %q", lang, sh, i+1, j+1, cell)
						}
						if strings.HasPrefix(cell, "'") && formulaCell(cell[1:]) {
							neutralised++
						}
					}
				}
			}
			f.Close()
			if neutralised == 0 {
				t.Errorf("%s: the hostile texts did not reach the template", lang)
			}
		}
	})
}

// The SPSS syntax of the long export, run by PSPP on the service's own
// long export, loads every rating of the scale version with the item and
// section labels in English and the consensus rows' empty rater names.
func TestSPSSSyntaxLoadsTheLongExportWithLabels(t *testing.T) {
	pspp := testtool.Require(t, "pspp", "pspp")
	eachDB(t, func(t *testing.T, e *env) {
		e.seedDemo()
		dir := t.TempDir()
		longCSV := e.do("GET", "/v1/exports/ratings.csv?status=finalised&status=consensus", nil).want(http.StatusOK).Body
		syntax := e.do("GET", "/v1/exports/ratings.sps?lang=en", nil).want(http.StatusOK).Body
		m := regexp.MustCompile(`/FILE='([^']+)'`).FindSubmatch(syntax)
		if m == nil {
			t.Fatalf("no /FILE in the syntax:\n%.500s", syntax)
		}
		write(t, dir, string(m[1]), longCSV)
		syntax = append(syntax, []byte("SAVE TRANSLATE /OUTFILE='labelled.csv' /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.\n")...)
		write(t, dir, "ratings.sps", syntax)
		testtool.Run(t, dir, pspp, "ratings.sps")
		labelled, err := os.ReadFile(filepath.Join(dir, "labelled.csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows := csvRows(t, labelled)
		n, scored, sum := csvFacts(t, csvRows(t, longCSV), "score")
		if len(rows)-1 != n || n < 100 {
			t.Fatalf("PSPP read %d ratings, the export has %d of se-fidelity@2008", len(rows)-1, n)
		}
		item, section, score := slices.Index(rows[0], "item"), slices.Index(rows[0], "section"), slices.Index(rows[0], "score")
		gotScored, gotSum := 0, 0.0
		for _, row := range rows[1:] {
			if !regexp.MustCompile(`^(S|O|Sv)[0-9]+ [A-Z]`).MatchString(row[item]) {
				t.Fatalf("item %q is not labelled with its id and English title", row[item])
			}
			if s := strings.TrimSpace(row[section]); s != "Staffing" && s != "Organization" && s != "Services" {
				t.Fatalf("section %q has no English label", s)
			}
			if v, err := strconv.ParseFloat(strings.TrimSpace(row[score]), 64); err == nil {
				gotScored++
				gotSum += v
			}
		}
		if gotScored != scored || gotSum != sum {
			t.Errorf("PSPP has %d scores summing to %g, the export %d summing to %g", gotScored, gotSum, scored, sum)
		}
	})
}
