package webui

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// The import page: upload a file, read the dry run's report (the errors
// highlighted row by row), then confirm. The work is the service's import
// job, the same as POST /v1/imports.

type importsData struct {
	Error string
}

type importData struct {
	Job    service.ImportJob
	Errors []importErrorView
	Failed string
	// CanCommit: a finished dry run without errors.
	CanCommit bool
	// NothingNew: a committed import that found everything stored already.
	NothingNew bool
	// Corrections: changed consensus scores corrected with the job's reason.
	Corrections []importCorrectionView
}

type importCorrectionView struct {
	service.ImportCorrection
	Before string // the stored score, or a dash for none
}

type importErrorView struct {
	Sheet, Column, Value, Reason string
	Row                          int
}

// importWait is how long a form post waits for its job before showing the
// page, so that a small file's report is there at once.
const importWait = 5 * time.Second

func (u *ui) importsPage(c *gin.Context) {
	u.render(c, http.StatusOK, "imports", req(c).T("import.title"), importsData{})
}

// startImport takes the uploaded file and starts its dry run.
func (u *ui) startImport(c *gin.Context) {
	rq := req(c)
	fh, err := c.FormFile("file")
	if err != nil {
		u.render(c, http.StatusBadRequest, "imports", rq.T("import.title"), importsData{Error: rq.T("import.no_file")})
		return
	}
	f, err := fh.Open()
	if err != nil {
		u.render(c, http.StatusBadRequest, "imports", rq.T("import.title"), importsData{Error: rq.T("import.no_file")})
		return
	}
	defer f.Close()
	job, err := u.svc.StartImport(c.Request.Context(), f, service.ImportJobOptions{
		CreateSites: c.PostForm("create_sites") == "on", CorrectionReason: c.PostForm("correction_reason")})
	if err != nil {
		u.fail(c, err)
		return
	}
	u.svc.AwaitImport(c.Request.Context(), job.ID, importWait)
	c.Redirect(http.StatusSeeOther, "/ui/imports/"+job.ID)
}

// importPage shows a job: its progress, or its report.
func (u *ui) importPage(c *gin.Context) {
	rq := req(c)
	job, err := u.svc.GetImport(c.Request.Context(), c.Param("id"))
	if err != nil {
		u.fail(c, err)
		return
	}
	d := importData{Job: job}
	if job.Err != nil {
		d.Failed = messageOf(rq.lang, job.Err)
		for _, fe := range fidelity.FieldsOf(job.Err) {
			d.Failed += " " + fe.ReasonIn(rq.lang)
		}
	}
	if rep := job.Report; rep != nil {
		for _, e := range rep.Errors {
			d.Errors = append(d.Errors, importErrorView{Sheet: e.Sheet, Row: e.Row, Column: e.Column, Value: e.Value,
				Reason: fidelity.Translate(rq.lang, e.Reason)})
		}
		for _, k := range rep.Corrections {
			v := importCorrectionView{ImportCorrection: k, Before: "–"}
			if k.Before != nil {
				v.Before = strconv.Itoa(*k.Before)
			}
			d.Corrections = append(d.Corrections, v)
		}
		d.CanCommit = !job.Commit && len(rep.Errors) == 0
		s := rep.Summary
		d.NothingNew = rep.Committed && !s.Changed()
	}
	u.render(c, http.StatusOK, "import", rq.T("import.title"), d)
}

// commitImport confirms a checked import.
func (u *ui) commitImport(c *gin.Context) {
	id := c.Param("id")
	if _, err := u.svc.CommitImport(c.Request.Context(), id); err != nil {
		u.fail(c, err)
		return
	}
	u.svc.AwaitImport(c.Request.Context(), id, importWait)
	c.Redirect(http.StatusSeeOther, "/ui/imports/"+id)
}
