package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func TestScalesCommands(t *testing.T) {
	code, out, _ := runCLI(t, nil, "scales", "list")
	if code != 0 || !strings.Contains(out, "se-fidelity@2008") || !strings.Contains(out, "goi@2004") {
		t.Fatalf("list: %d %s", code, out)
	}
	code, out, _ = runCLI(t, nil, "scales", "show", "se-fidelity", "--lang", "nb")
	if code != 0 || !strings.Contains(out, "Størrelse på portefølje") || !strings.Contains(out, "115") {
		t.Fatalf("show nb: %d %.500s", code, out)
	}
	code, _, errOut := runCLI(t, nil, "scales", "show", "nope@1")
	if code != 1 || !strings.Contains(errOut, "nope") {
		t.Fatalf("show unknown: %d %s", code, errOut)
	}
}

func TestScalesValidateListsEveryError(t *testing.T) {
	code, out, _ := runCLI(t, nil, "scales", "validate", "../../scales/se-fidelity/2008.yaml")
	if code != 0 || !strings.Contains(out, "ok (se-fidelity@2008, 25 items") {
		t.Fatalf("valid file: %d %s", code, out)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	src, err := os.ReadFile("../../scales/se-fidelity/2008.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Two independent mistakes: an unknown key and a broken band.
	broken := strings.Replace(string(src), "aggregation: sum", "aggregation: sum\ncolour: blue", 1)
	broken = strings.Replace(broken, "ge: 115", "ge: 116", 1)
	if err := os.WriteFile(bad, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, nil, "scales", "validate", bad, "../../scales/goi/2004.yaml")
	if code != 1 {
		t.Fatalf("invalid file: exit %d, want 1\n%s", code, out)
	}
	if !strings.Contains(out, "bad.yaml: INVALID") || !strings.Contains(out, "colour") || !strings.Contains(out, "goi/2004.yaml: ok") {
		t.Fatalf("output does not list the errors and the good file:\n%s", out)
	}
	if !strings.Contains(out, "bad.yaml:") || strings.Count(out, "\n  ") < 1 {
		t.Fatalf("errors lack positions:\n%s", out)
	}
}

func TestScoreCommand(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "score", "--scale", "se-fidelity@2008", "../../internal/scoring/testdata/complete-review.json")
	if code != 0 || !strings.Contains(out, "Total: 99 of 25–125 — Fair fidelity") {
		t.Fatalf("score: %d %s %s", code, out, errOut)
	}
	code, out, _ = runCLI(t, nil, "score", "--format", "json", "--scale", "se-fidelity", "../../internal/scoring/testdata/complete-review.json")
	if code != 0 || !strings.Contains(out, `"total": 99`) {
		t.Fatalf("score json: %d %.300s", code, out)
	}
	dir := t.TempDir()
	csv := filepath.Join(dir, "r.csv")
	_ = os.WriteFile(csv, []byte("item,field,value\nS1,values.active_clients,40\nS1,values.specialist_fte,0\n"), 0o600)
	code, _, errOut = runCLI(t, nil, "score", "--scale", "se-fidelity@2008", csv)
	if code != 1 || !strings.Contains(errOut, "items[0].values.specialist_fte") {
		t.Fatalf("zero FTE: %d %s", code, errOut)
	}
	code, _, errOut = runCLI(t, nil, "score", csv)
	if code != 2 || !strings.Contains(errOut, "--scale") {
		t.Fatalf("no scale: %d %s", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	if code, _, _ := runCLI(t, nil); code != 2 {
		t.Errorf("no args: %d", code)
	}
	if code, _, _ := runCLI(t, nil, "frobnicate"); code != 2 {
		t.Errorf("unknown command: %d", code)
	}
	code, _, errOut := runCLI(t, map[string]string{"FIDELITY_ADDR": "nonsense", "DATABASE_URL": "postgres://"}, "serve")
	if code != 2 || !strings.Contains(errOut, "addr") || !strings.Contains(errOut, "DATABASE_URL") {
		t.Errorf("bad config: %d %s", code, errOut)
	}
	code, _, errOut = runCLI(t, nil, "serve", "--addr", "0.0.0.0:0", "--database", filepath.Join(t.TempDir(), "f.db"))
	if code != 1 || !strings.Contains(errOut, "loopback") {
		t.Errorf("open mode on a public address must refuse: %d %s", code, errOut)
	}
	if code, out, _ := runCLI(t, nil, "version"); code != 0 || !strings.HasPrefix(out, "fidelity ") {
		t.Errorf("version: %d %s", code, out)
	}
}
