package internal_test

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/ipsfidelity/fidelity"

// allowed lists, for each package of the module, the module packages it may
// import (directly or not). This is the dependency rule of the design:
// cmd → {httpapi, webui} → service → {scoring, report, scale} → fidelity;
// store → fidelity. Anything not listed is a violation.
var allowed = map[string][]string{
	"internal/fidelity":      {},
	"internal/scale":         {"internal/fidelity", "scales"},
	"internal/scoring":       {"internal/fidelity", "internal/scale", "scales"},
	"internal/report/stats":  {},
	"internal/report/chart":  {},
	"internal/report":        {"internal/fidelity", "internal/scale", "internal/report/stats", "scales"},
	"internal/ratingsfile":   {"internal/fidelity"},
	"internal/fhir":          pure(),
	"internal/importer":      {},
	"internal/config":        {},
	"internal/writtenreport": {},
	"internal/service":       pure("internal/scoring", "internal/report", "internal/report/stats", "internal/importer"),
	"internal/store":         pure("internal/service", "internal/importer", "internal/scoring", "internal/report", "internal/report/stats", "migrations"),
	"internal/demo":          pure("internal/service", "internal/importer", "internal/scoring", "internal/report", "internal/report/stats"),
	"internal/charts":        pure("internal/report", "internal/report/stats", "internal/report/chart"),
	"internal/export":        pure("internal/service", "internal/importer", "internal/scoring", "internal/report", "internal/report/stats"),
	// statsyntax writes SPSS, Stata and R scripts from a column description:
	// it knows nothing of the domain.
	"internal/export/statsyntax": {},
	"internal/httpapi": pure("internal/service", "internal/importer", "internal/scoring", "internal/report", "internal/report/stats",
		"internal/report/chart", "internal/charts", "internal/export", "internal/fhir", "api", "internal/httpapi/oapi", "internal/httpapi/docs",
		"internal/export/statsyntax"),
	"internal/webui": pure("internal/service", "internal/importer", "internal/scoring", "internal/report", "internal/report/stats",
		"internal/report/chart", "internal/charts", "internal/export",
		"internal/export/statsyntax"),
}

// pure is the domain, the scale model, the embedded scales and the
// written report's document, plus more.
func pure(more ...string) []string {
	return append([]string{"internal/fidelity", "internal/scale", "scales", "internal/writtenreport"}, more...)
}

// thirdParty lists third-party modules only some packages may use.
var thirdParty = map[string][]string{
	"gorm.io/":                   {"internal/store"},
	"github.com/gin-gonic/gin":   {"internal/httpapi", "internal/webui"},
	"github.com/jackc/pgx":       {"internal/store"},
	"github.com/glebarez/sqlite": {"internal/store"},
	"github.com/pressly/goose":   {"internal/store"},
}

type pkg struct {
	ImportPath string
	Deps       []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json=ImportPath,Deps", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []pkg
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestDependencyRule(t *testing.T) {
	for _, p := range listPackages(t) {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		rules, ruled := allowed[rel]
		for _, d := range p.Deps {
			if strings.HasPrefix(d, module+"/") && ruled {
				dep := strings.TrimPrefix(d, module+"/")
				if !contains(rules, dep) && !strings.HasPrefix(dep, rel+"/") {
					t.Errorf("%s imports %s, which the dependency rule does not allow", rel, dep)
				}
			}
			for prefix, owners := range thirdParty {
				if strings.HasPrefix(d, prefix) && !ownedBy(rel, owners) && !strings.HasPrefix(rel, "cmd/") {
					t.Errorf("%s depends on %s, which only %v may use", rel, d, owners)
				}
			}
		}
	}
}

// The pure packages must not reach the outside world at all.
func TestPurePackagesUseNoIO(t *testing.T) {
	forbidden := []string{"net/http", "database/sql", "os/exec"}
	noIO := map[string]bool{
		"internal/fidelity": true, "internal/scoring": true, "internal/report": true,
		"internal/report/stats": true, "internal/report/chart": true, "internal/charts": true, "internal/importer": true,
		"internal/export/statsyntax": true,
		"internal/fhir":              true,
		"internal/writtenreport":     true,
	}
	for _, p := range listPackages(t) {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		if !noIO[rel] {
			continue
		}
		for _, d := range p.Deps {
			if contains(forbidden, d) {
				t.Errorf("pure package %s depends on %s", rel, d)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func ownedBy(rel string, owners []string) bool {
	for _, o := range owners {
		if rel == o || strings.HasPrefix(rel, o+"/") {
			return true
		}
	}
	return false
}
