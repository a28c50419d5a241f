package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestSIGKILLDuringWritesLeavesAllOrNothing runs the real binary on a
// SQLite file, hammers it with 25-item rating saves (each a multi-row
// transaction: the set, 25 item rows, the review row), kills it with
// SIGKILL mid-stream, restarts it and checks that every stored rating set
// is whole: its stored scorecard equals a fresh scoring of its stored items.
func TestSIGKILLDuringWritesLeavesAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "fidelity")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "fidelity.db")
	addr := freeAddr(t)
	base := "http://" + addr

	srv := startServer(t, bin, addr, db, "--demo")
	writable := writableSets(t, base)
	if len(writable) == 0 {
		t.Fatal("the demo data has no open rating sets")
	}
	body, err := os.ReadFile("../../internal/scoring/testdata/complete-review.json")
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte(`{"items":` + string(body) + `}`)

	var wg sync.WaitGroup
	stop := make(chan struct{})
	var mu sync.Mutex
	saved := 0
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 2 * time.Second}
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				req, _ := http.NewRequest("PUT", base+writable[i%len(writable)], bytes.NewReader(payload))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("If-Match", "*")
				resp, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					mu.Lock()
					saved++
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	if err := srv.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	close(stop)
	wg.Wait()
	if saved == 0 {
		t.Fatal("no write succeeded before the kill; the test proves nothing")
	}

	startServer(t, bin, addr, db)
	checked := 0
	for _, path := range writable {
		var rs struct {
			Version   int
			Items     json.RawMessage
			Scorecard struct {
				Rated int
				Total *float64
			}
		}
		getJSON(t, base+path, &rs)
		if rs.Version == 0 {
			continue
		}
		var fresh struct {
			Rated int
			Total *float64
		}
		postJSON(t, base+"/v1/score", `{"scale":"se-fidelity@2008","items":`+string(rs.Items)+`}`, &fresh)
		if fresh.Rated != rs.Scorecard.Rated || deref(fresh.Total) != deref(rs.Scorecard.Total) {
			t.Fatalf("%s is torn: stored scorecard rated %d total %v, its items score rated %d total %v",
				path, rs.Scorecard.Rated, deref(rs.Scorecard.Total), fresh.Rated, deref(fresh.Total))
		}
		checked++
	}
	t.Logf("%d saves before SIGKILL; %d rating sets checked whole after restart", saved, checked)
}

func deref(f *float64) string {
	if f == nil {
		return "none"
	}
	return fmt.Sprint(*f)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func startServer(t *testing.T, bin, addr, db string, extra ...string) *exec.Cmd {
	t.Helper()
	args := append([]string{"serve", "--addr", addr, "--database", db, "--log-level", "warn"}, extra...)
	cmd := exec.Command(bin, args...)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return cmd
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the server did not become ready:\n%s", logs.String())
	return nil
}

// writableSets lists rating-set paths of open reviews.
func writableSets(t *testing.T, base string) []string {
	t.Helper()
	var list struct {
		Items []struct {
			ID       string
			RaterIDs []string `json:"rater_ids"`
		}
	}
	getJSON(t, base+"/v1/reviews?status=planned,in_progress&limit=500", &list)
	var out []string
	for _, r := range list.Items {
		for _, rater := range r.RaterIDs {
			var rs struct{ Submitted bool }
			getJSON(t, base+"/v1/reviews/"+r.ID+"/ratings/"+rater, &rs)
			if !rs.Submitted {
				out = append(out, "/v1/reviews/"+r.ID+"/ratings/"+rater)
			}
		}
	}
	return out
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

func postJSON(t *testing.T, url, body string, v any) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}
