package main

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/config"
	"github.com/ipsfidelity/fidelity/internal/demo"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// seedIPS15Review stores one finalised IPS-15 review in the database at
// url and returns its id.
func seedIPS15Review(t *testing.T, url string) string {
	t.Helper()
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	cfg := config.Defaults()
	cfg.DatabaseURL = url
	a, err := open(ctx, cfg, newLogger(io.Discard, cfg))
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	site, err := a.svc.CreateSite(ctx, service.SiteInput{Kind: "team", Code: "T1", Name: "IPS-team Bergenhus"})
	if err != nil {
		t.Fatal(err)
	}
	rater, err := a.svc.CreateRater(ctx, service.RaterInput{Name: "Ingrid Solberg", Email: "ingrid@example.no"})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2007, 3, 15, 0, 0, 0, 0, time.UTC)
	v, err := a.svc.PlanReview(ctx, service.ReviewInput{SiteID: site.ID, Scale: "ips-15@1996", Type: fidelity.ReviewExternal,
		VisitStart: day, VisitEnd: day, RaterIDs: []string{rater.ID}})
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := a.svc.Scales().Get("ips-15", "1996")
	rng := rand.New(rand.NewPCG(1, 2))
	var inputs []fidelity.ItemInput
	for i := range sc.Items {
		in, err := demo.InputFor(sc, &sc.Items[i], 3, rng)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	if _, err := a.svc.SaveRatings(ctx, v.ID, rater.ID, service.AnyVersion, inputs, true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.svc.SaveConsensus(ctx, v.ID, service.AnyVersion, inputs); err != nil {
		t.Fatal(err)
	}
	if _, err := a.svc.Finalize(ctx, v.ID, service.AnyVersion); err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// fidelity rescore: a dry run reports per review what would be carried
// and why the rest is not; the run stores it; running again is unchanged.
func TestRescoreCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	review := seedIPS15Review(t, db)

	code, out, errOut := runCLI(t, nil, "rescore", "--to", "se-fidelity@2008", "--dry-run", "--database", db)
	if code != 0 || !strings.Contains(out, "review "+review) || !strings.Contains(out, "ips-15@1996 → se-fidelity@2008: dry_run") ||
		!strings.Contains(out, "carried   O3 → O6 (equal): 3") || !strings.Contains(out, "not carried O1 → O1+O2: Integration") ||
		!strings.Contains(out, "nothing stored") {
		t.Fatalf("dry run: %d %s %s", code, out, errOut)
	}
	code, out, _ = runCLI(t, nil, "rescore", "--to", "se-fidelity@2008", "--database", db)
	if code != 0 || !strings.Contains(out, ": rescored") || !strings.Contains(out, "1 new, 0 unchanged") {
		t.Fatalf("run: %d %s", code, out)
	}
	code, out, _ = runCLI(t, nil, "rescore", "--to", "se-fidelity@2008", "--database", db)
	if code != 0 || !strings.Contains(out, "0 new, 1 unchanged") {
		t.Fatalf("second run: %d %s", code, out)
	}
	if code, _, _ := runCLI(t, nil, "rescore", "--database", db); code != 2 {
		t.Errorf("without --to: exit %d, want 2", code)
	}
	code, _, errOut = runCLI(t, nil, "rescore", "--to", "goi@2004", "--database", db)
	if code != 1 || !strings.Contains(errOut, "no item map leads to goi@2004") {
		t.Errorf("no map: %d %s", code, errOut)
	}
}

// fidelity scales validate checks item maps (files under a maps
// directory) against the scales, with file:line:col errors.
func TestScalesValidateItemMaps(t *testing.T) {
	code, out, _ := runCLI(t, nil, "scales", "validate", "../../scales/maps/ips-15_to_se-fidelity.yaml", "../../scales/ips-15/1996.yaml")
	if code != 0 || !strings.Contains(out, "ok (item map ips-15@1996 → se-fidelity@2008") {
		t.Fatalf("shipped map: %d %s", code, out)
	}
	data, err := os.ReadFile("../../scales/maps/ips-15_to_se-fidelity.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "maps")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte(strings.Replace(string(data), "from: [Sv9]", "from: [Sv99]", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, nil, "scales", "validate", bad)
	if code != 1 || !strings.Contains(out, bad+":237:12: items[15].from[0]: ips-15@1996 has no item Sv99") {
		t.Fatalf("bad map: %d %s", code, out)
	}
}
