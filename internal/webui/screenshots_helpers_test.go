package webui_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// uploadWithErrors checks a two-review file on the import page, one
// score out of range and one date that does not exist, and returns the
// path of its check.
func (c *client) uploadWithErrors(t *testing.T) string {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(importFile(t, c.e, "4")), "\n")
	bad := strings.Replace(lines[1], ";4;4;", ";9;4;", 1)
	second := strings.NewReplacer("IPS-team Import", "IPS-team Import 2", "9901-1", "9901-2", "18.03.2024", "31.02.2024").Replace(lines[1])
	return c.upload(c.csrf("/ui/imports?lang=nb"), lines[0]+"\n"+bad+"\n"+second+"\n", true).want(t, http.StatusSeeOther).Header.Get("Location")
}

// uploadWithCorrections stores one review through the import (every
// item 4), then checks the same review's file with two consensus scores
// changed and a reason for corrections, and returns the check's page.
func (c *client) uploadWithCorrections(t *testing.T) string {
	t.Helper()
	file := importFile(t, c.e, "4")
	job, err := c.e.svc.StartImport(c.e.sys, strings.NewReader(file), service.ImportJobOptions{CreateSites: true})
	if err != nil {
		t.Fatal(err)
	}
	c.e.awaitImport(job.ID)
	if _, err := c.e.svc.CommitImport(c.e.sys, job.ID); err != nil {
		t.Fatal(err)
	}
	c.e.awaitImport(job.ID)
	lines := strings.Split(strings.TrimSpace(file), "\n")
	cells := strings.Split(lines[1], ";")
	cells[8], cells[len(cells)-1] = "2", "5" // the third item and the last
	return c.upload(c.csrf("/ui/imports?lang=nb"), lines[0]+"\n"+strings.Join(cells, ";")+"\n", false,
		"correction_reason", "Fylkets etterkontroll: to konsensusskårer var ført feil i regnearket").
		want(t, http.StatusSeeOther).Header.Get("Location")
}

// awaitImport waits for a job's run to end.
func (e *env) awaitImport(id string) {
	e.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		j, err := e.svc.GetImport(e.sys, id)
		if err != nil {
			e.t.Fatal(err)
		}
		if j.Status != service.ImportRunning {
			return
		}
	}
	e.t.Fatalf("import %s still running", id)
}

// reportWaiting is the demo's issued report with proposals the team lead
// has not decided on yet.
func (e *env) reportWaiting() fidelity.Review {
	e.t.Helper()
	rs, _, err := e.svc.ListReviews(e.sys, service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}, Page: service.Page{Limit: 500}})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, r := range rs {
		v, err := e.svc.Report(e.sys, r.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, a := range v.Actions {
			if a.Status == fidelity.ReportActionProposed {
				return r
			}
		}
	}
	e.t.Fatal("no demo report waits for decisions")
	return fidelity.Review{}
}
