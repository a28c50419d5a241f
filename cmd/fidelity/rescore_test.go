package main

import (
	"context"
	"io"
	"math/rand/v2"
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
