package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// TestTwoReplicasOnOnePostgres runs two service processes on one
// PostgreSQL database and drives a mixed workload across them: what one
// writes the other reads at once, one Idempotency-Key sent to both creates
// one site, a key revoked on one is refused by the other, and a report
// cached on one is fresh after a write on the other.
func TestTwoReplicasOnOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	url := storetest.PostgresURL(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "fidelity")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	// The first admin key and a second key to revoke, made as the CLI does.
	st := storetest.Open(t, url)
	if err := st.Migrate(context.Background(), "up", io.Discard); err != nil {
		t.Fatal(err)
	}
	svc := service.New(st, scale.NewCatalog(), service.DefaultConfig())
	sys := fidelity.WithPrincipal(context.Background(), fidelity.System)
	_, admin, err := svc.CreateKey(sys, service.KeyInput{Name: "admin", Role: fidelity.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	doomed, doomedSecret, err := svc.CreateKey(sys, service.KeyInput{Name: "leaving", Role: fidelity.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}

	addrA, addrB := freeAddr(t), freeAddr(t)
	startServer(t, bin, addrA, url)
	startServer(t, bin, addrB, url)
	a, b := "http://"+addrA+"/v1", "http://"+addrB+"/v1"

	call := func(method, url, key, body string, header ...string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, url, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&v)
		return resp.StatusCode, v
	}

	// Written on A, read on B.
	code, region := call("POST", a+"/sites", admin, `{"kind":"region","code":"R46","name":"Nav Vestland"}`)
	if code != http.StatusCreated {
		t.Fatalf("create region on A: %d %v", code, region)
	}
	if code, got := call("GET", b+"/sites/"+region["id"].(string), admin, ""); code != http.StatusOK || got["name"] != "Nav Vestland" {
		t.Fatalf("read on B the region written on A: %d %v", code, got)
	}

	// B caches the comparison; a team created on A is on B's next one.
	team := func(code, name string) string {
		t.Helper()
		body := fmt.Sprintf(`{"parent_id":%q,"kind":"team","code":%q,"name":%q}`, region["id"], code, name)
		code2, got := call("POST", a+"/sites", admin, body)
		if code2 != http.StatusCreated {
			t.Fatalf("create team on A: %d %v", code2, got)
		}
		return got["id"].(string)
	}
	unreviewed := func() map[string]bool {
		t.Helper()
		code, rep := call("GET", b+"/reports/comparison", admin, "")
		if code != http.StatusOK {
			t.Fatalf("comparison on B: %d %v", code, rep)
		}
		out := map[string]bool{}
		list, _ := rep["no_review"].([]any)
		for _, s := range list {
			if m, ok := s.(map[string]any); ok {
				out[fmt.Sprint(m["id"])] = true
			}
		}
		return out
	}
	first := team("4601-1", "IPS-team Bergenhus")
	if got := unreviewed(); !got[first] {
		t.Fatalf("B's comparison does not list the new team as unreviewed: %v", got)
	}
	_ = unreviewed() // served from B's cache
	second := team("4601-2", "IPS-team Åsane")
	if got := unreviewed(); !got[second] || !got[first] {
		t.Fatalf("B's comparison after a team was created on A: %v, want both teams (stale report)", got)
	}

	// B keeps a page of the review list; a review planned on A, then moved
	// to another day on A, is on B's next page as it is now.
	code, rater := call("POST", a+"/raters", admin, `{"name":"Kari Nordmann","email":"kari@example.no","organisation":"NAV Vestland"}`)
	if code != http.StatusCreated {
		t.Fatalf("create rater on A: %d %v", code, rater)
	}
	visitEndOnB := func(review string) any {
		t.Helper()
		var end any
		for range 2 { // the second read is B's kept answer, if it still holds
			code, page := call("GET", b+"/reviews?limit=50", admin, "")
			if code != http.StatusOK {
				t.Fatalf("review list on B: %d %v", code, page)
			}
			end = nil
			items, _ := page["items"].([]any)
			for _, it := range items {
				if m, ok := it.(map[string]any); ok && m["id"] == review {
					end = m["visit_end"]
				}
			}
		}
		return end
	}
	_ = visitEndOnB("") // B keeps the page before the review exists
	code, review := call("POST", a+"/reviews", admin, fmt.Sprintf(`{"site_id":%q,"scale":"se-fidelity@2008","type":"self",
		"visit_start":"2026-11-02","visit_end":"2026-11-02","rater_ids":[%q]}`, first, rater["id"]))
	if code != http.StatusCreated {
		t.Fatalf("plan review on A: %d %v", code, review)
	}
	if got := visitEndOnB(review["id"].(string)); got != "2026-11-02" {
		t.Fatalf("B's review list after a review was planned on A shows its visit ending %v, want 2026-11-02 (stale page)", got)
	}
	if code, got := call("PATCH", a+"/reviews/"+review["id"].(string), admin, `{"visit_start":"2026-11-09","visit_end":"2026-11-09"}`,
		"If-Match", "*"); code != http.StatusOK {
		t.Fatalf("move the visit on A: %d %v", code, got)
	}
	if got := visitEndOnB(review["id"].(string)); got != "2026-11-09" {
		t.Fatalf("B's review list after the visit was moved on A shows it ending %v, want 2026-11-09 (stale page)", got)
	}

	// B keeps the team's page; the team renamed on A is renamed on B's
	// next read, with the new ETag.
	teamOnB := func() (string, string) {
		t.Helper()
		var name, etag string
		for range 2 { // the second read is B's kept answer, if it still holds
			req, _ := http.NewRequest("GET", b+"/sites/"+first, nil)
			req.Header.Set("Authorization", "Bearer "+admin)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var v map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&v)
			resp.Body.Close()
			name, _ = v["name"].(string)
			etag = resp.Header.Get("ETag")
		}
		return name, etag
	}
	_, before := teamOnB()
	if code, got := call("PATCH", a+"/sites/"+first, admin, `{"name":"IPS-team Bergenhus og Årstad"}`, "If-Match", before); code != http.StatusOK {
		t.Fatalf("rename the team on A: %d %v", code, got)
	}
	if name, etag := teamOnB(); name != "IPS-team Bergenhus og Årstad" || etag == before {
		t.Fatalf("B shows the team renamed on A as %q with ETag %s (before %s): stale page", name, etag, before)
	}

	// One Idempotency-Key sent to both replicas at once creates one site.
	var wg sync.WaitGroup
	ids := make([]string, 2)
	codes := make([]int, 2)
	for i, base := range []string{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var got map[string]any
			codes[i], got = call("POST", base+"/sites", admin, `{"kind":"region","code":"R50","name":"Nav Trøndelag"}`,
				"Idempotency-Key", "create-trondelag-1")
			ids[i], _ = got["id"].(string)
		}()
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusCreated && c != http.StatusConflict {
			t.Fatalf("replica %d answered %d to the idempotent create", i, c)
		}
	}
	// Whatever raced, a retry on either replica replays the one site.
	_, again := call("POST", b+"/sites", admin, `{"kind":"region","code":"R50","name":"Nav Trøndelag"}`, "Idempotency-Key", "create-trondelag-1")
	_, againA := call("POST", a+"/sites", admin, `{"kind":"region","code":"R50","name":"Nav Trøndelag"}`, "Idempotency-Key", "create-trondelag-1")
	if again["id"] == nil || again["id"] != againA["id"] {
		t.Fatalf("replays differ: B %v, A %v", again, againA)
	}
	_, list := call("GET", b+"/sites?q=Tr%C3%B8ndelag", admin, "")
	if items, _ := list["items"].([]any); len(items) != 1 {
		t.Fatalf("the idempotent create made %d sites, want 1: %v", len(items), list)
	}

	// A key revoked on A is refused by A at once and by B within the two
	// seconds B trusts a key it has read (service.keyCacheTTL).
	if code, _ := call("GET", b+"/sites", doomedSecret, ""); code != http.StatusOK {
		t.Fatalf("the key before revocation: %d", code)
	}
	if code, got := call("POST", a+"/keys/"+doomed.ID+"/revoke", admin, "", "If-Match", "*"); code != http.StatusOK {
		t.Fatalf("revoke on A: %d %v", code, got)
	}
	revoked := time.Now()
	if code, _ := call("GET", a+"/sites", doomedSecret, ""); code != http.StatusUnauthorized {
		t.Fatalf("A accepted a key it revoked: %d", code)
	}
	for {
		code, _ := call("GET", b+"/sites", doomedSecret, "")
		if code == http.StatusUnauthorized {
			break
		}
		if code != http.StatusOK || time.Since(revoked) > 2500*time.Millisecond {
			t.Fatalf("B still answers %d to a key revoked on A %v ago (bound: 2 s)", code, time.Since(revoked))
		}
		time.Sleep(50 * time.Millisecond)
	}

	// An import uploaded to A is checked, read on B, committed on B and
	// its result read on A: jobs and uploads live in the database.
	importOnTwoReplicas(t, a, b, admin)
}

func importOnTwoReplicas(t *testing.T, a, b, key string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "history.csv")
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	sc, _ := cat.Get("se-fidelity", "2008")
	head := []string{"site_path", "scale", "review_type", "visit_start", "visit_end"}
	row := []string{"R46/4602/4602-1", "se-fidelity@2008", "external", "2024-03-18", "2024-03-19"}
	for _, it := range sc.Items {
		head, row = append(head, it.ID), append(row, "4")
	}
	_, _ = io.WriteString(w, strings.Join(head, ",")+"\n"+strings.Join(row, ",")+"\n")
	_ = mw.Close()
	send := func(method, url string, body io.Reader, media string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, url, body)
		req.Header.Set("Authorization", "Bearer "+key)
		if media != "" {
			req.Header.Set("Content-Type", media)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var got map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&got)
		return resp.StatusCode, got
	}
	code, job := send("POST", a+"/imports?create_sites=true", &body, mw.FormDataContentType())
	if code != http.StatusAccepted {
		t.Fatalf("upload on A: %d %v", code, job)
	}
	id := job["id"].(string)
	await := func(base string) map[string]any {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			code, got := send("GET", base+"/imports/"+id, nil, "")
			if code != http.StatusOK {
				t.Fatalf("import on %s: %d %v", base, code, got)
			}
			if got["status"] != "running" {
				return got
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("import %s still running on %s", id, base)
		return nil
	}
	if got := await(b); got["status"] != "done" || got["report"].(map[string]any)["summary"].(map[string]any)["reviews_created"] != 1.0 {
		t.Fatalf("dry run read on B: %v", got)
	}
	if code, got := send("POST", b+"/imports/"+id+"/commit", nil, ""); code != http.StatusAccepted {
		t.Fatalf("commit on B: %d %v", code, got)
	}
	if got := await(a); got["commit"] != true || got["report"].(map[string]any)["committed"] != true {
		t.Fatalf("commit read on A: %v", got)
	}
}
