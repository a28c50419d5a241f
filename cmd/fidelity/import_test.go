package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// historicCSV writes a long-layout file of n finalised consensus-only
// reviews of se-fidelity@2008, 25 item rows each, over a few teams.
func historicCSV(t *testing.T, n int) string {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	sc, _ := cat.Get("se-fidelity", "2008")
	path := filepath.Join(t.TempDir(), "history.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "site_path,site_name,scale,review_type,review_status,visit_start,visit_end,rater,item,score")
	day := time.Date(2000, 1, 3, 0, 0, 0, 0, time.UTC)
	for i := range n {
		site := fmt.Sprintf("R%02d/%04d/%04d-1", i%7, i%40, i%40)
		visit := day.AddDate(0, 0, i/40).Format(time.DateOnly)
		for k, it := range sc.Items {
			fmt.Fprintf(w, "%s,Team %d,se-fidelity@2008,external,finalised,%s,%s,consensus,%s,%d\n", site, i%40, visit, visit, it.ID, 1+(i+k)%5)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	return path
}

func TestImportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fidelity.db")
	file := historicCSV(t, 3)
	code, out, errOut := runCLI(t, nil, "import", file, "--database", db, "--create-sites", "--quiet")
	if code != 0 || !strings.Contains(out, "dry run") || !regexp.MustCompile(`reviews\s+3\s+0\n`).MatchString(out) {
		t.Fatalf("dry run: %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, nil, "import", file, "--commit", "--database", db, "--create-sites", "--lang", "nb")
	if code != 0 || !strings.Contains(out, "lagret") || !strings.Contains(errOut, "75 rows") {
		t.Fatalf("commit: %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, nil, "import", "--commit", "--database", db, file, "--quiet")
	if code != 0 || !regexp.MustCompile(`reviews\s+0\s+3\n`).MatchString(out) || !strings.Contains(out, "nothing new") {
		t.Fatalf("re-import: %d\n%s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	_ = os.WriteFile(bad, []byte("site_path,scale,review_type,visit_start,visit_end,O6\nR00/0000/0000-1,se-fidelity@2008,external,2024-01-01,2024-01-01,9\n"), 0o600)
	code, out, errOut = runCLI(t, nil, "import", bad, "--commit", "--database", db, "--quiet", "--lang", "nb")
	if code != 1 || !strings.Contains(out, "må være mellom 1 og 5") || !strings.Contains(errOut, "nothing was written") {
		t.Fatalf("bad file: %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := runCLI(t, nil, "import"); code != 2 {
		t.Fatalf("no file: exit %d", code)
	}
	// Extra scale directories are read as by every other command.
	missing := filepath.Join(t.TempDir(), "no-such-scales")
	if code, _, errOut := runCLI(t, nil, "import", file, "--database", db, "--scales-dir", missing, "--quiet"); code == 0 || !strings.Contains(errOut, "no-such-scales") {
		t.Fatalf("--scales-dir: exit %d\n%s", code, errOut)
	}

	// The first review's first item was entered wrongly: the changed file
	// conflicts, and with --correct it corrects that one consensus score.
	data, _ := os.ReadFile(file)
	lines := strings.Split(string(data), "\n")
	lines[1] = lines[1][:len(lines[1])-1] + "5"
	if lines[1] == strings.Split(string(data), "\n")[1] {
		t.Fatal("the score was 5 already")
	}
	fixed := filepath.Join(t.TempDir(), "fixed.csv")
	_ = os.WriteFile(fixed, []byte(strings.Join(lines, "\n")), 0o600)
	code, out, _ = runCLI(t, nil, "import", fixed, "--commit", "--database", db, "--quiet")
	if code != 1 || !strings.Contains(out, "import with a correction reason") {
		t.Fatalf("changed file without --correct: %d\n%s", code, out)
	}
	code, out, errOut = runCLI(t, nil, "import", fixed, "--commit", "--database", db, "--quiet", "--correct", "ført feil i 2000")
	if code != 0 || !strings.Contains(out, "corrected: 1 item scores in 1 reviews") || !strings.Contains(out, "committed") {
		t.Fatalf("--correct: %d\n%s%s", code, out, errOut)
	}
}

// TestSIGKILLDuringImportLeavesAllOrNothing builds the binary, starts a
// committing import of 100,000 item rows (4,000 reviews), kills it with
// SIGKILL while it writes, and checks that the database holds none of the
// import; the import run again then holds all of it.
func TestSIGKILLDuringImportLeavesAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "fidelity")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const reviews = 4000
	file := historicCSV(t, reviews)
	for _, d := range []struct{ name, url func(t *testing.T) string }{
		{func(*testing.T) string { return "sqlite" }, func(t *testing.T) string { return storetest.SQLiteURL(t) }},
		{func(*testing.T) string { return "postgres" }, func(t *testing.T) string { return storetest.PostgresURL(t) }},
	} {
		t.Run(d.name(t), func(t *testing.T) {
			url := d.url(t)
			cmd := exec.Command(bin, "import", file, "--commit", "--create-sites", "--database", url)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			rows := regexp.MustCompile(`(\d+) rows`)
			sc := bufio.NewScanner(stderr)
			sc.Split(scanProgress)
			killedAt := 0
			for sc.Scan() {
				if m := rows.FindStringSubmatch(sc.Text()); m != nil {
					if n, _ := strconv.Atoi(m[1]); n >= 20_000 {
						killedAt = n
						_ = cmd.Process.Signal(os.Kill)
						break
					}
				}
			}
			_ = cmd.Wait()
			if killedAt == 0 {
				t.Fatal("the import ended before it could be killed")
			}
			if n := countReviews(t, url); n != 0 {
				t.Fatalf("killed at %d rows, the database holds %d reviews of the import", killedAt, n)
			}
			if out, err := exec.Command(bin, "import", file, "--commit", "--create-sites", "--quiet", "--database", url).CombinedOutput(); err != nil {
				t.Fatalf("second run: %v\n%s", err, out)
			}
			if n := countReviews(t, url); n != reviews {
				t.Fatalf("after a whole run the database holds %d reviews, want %d", n, reviews)
			}
		})
	}
}

// scanProgress splits the progress bar's output at "\r" as well as "\n".
func scanProgress(data []byte, atEOF bool) (int, []byte, error) {
	for i, b := range data {
		if b == '\r' || b == '\n' {
			return i + 1, data[:i], nil
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func countReviews(t *testing.T, url string) int {
	t.Helper()
	st := storetest.Open(t, url)
	svc := service.New(st, scale.NewCatalog(), service.DefaultConfig())
	ctx := fidelity.WithPrincipal(context.Background(), fidelity.System)
	n := 0
	f := service.ReviewFilter{Page: service.Page{Limit: 500}}
	for {
		page, next, err := svc.ListReviews(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		n += len(page)
		if next == "" {
			return n
		}
		f.After = next
	}
}
