package httpapi

import (
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/importer"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// MaxImportBytes is the largest upload POST /v1/imports (and the web
// interface's import page) takes; every other request body keeps the
// API's MaxBodyBytes.
const MaxImportBytes = 256 << 20

// importJob is the ImportJob schema.
type importJob struct {
	ID               string                 `json:"id"`
	Status           string                 `json:"status"`
	Commit           bool                   `json:"commit"`
	CreateSites      bool                   `json:"create_sites"`
	CorrectionReason string                 `json:"correction_reason"`
	Progress         service.ImportProgress `json:"progress"`
	Report           *service.ImportReport  `json:"report"`
	Error            *Problem               `json:"error"`
	CreatedAt        time.Time              `json:"created_at"`
	UpdatedAt        time.Time              `json:"updated_at"`
}

func toImportJob(j service.ImportJob, lang string) importJob {
	out := importJob{ID: j.ID, Status: string(j.Status), Commit: j.Commit, CreateSites: j.CreateSites,
		CorrectionReason: j.CorrectionReason, Progress: j.Progress, CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt}
	if j.Report != nil {
		rep := *j.Report
		rep.Errors = make([]importer.RowError, len(j.Report.Errors))
		for i, e := range j.Report.Errors {
			e.Reason = fidelity.Translate(lang, e.Reason)
			rep.Errors[i] = e
		}
		out.Report = &rep
	}
	if j.Err != nil {
		p := problemFor(j.Err, "/v1/imports/"+j.ID)
		out.Error = &p
	}
	return out
}

// StartImport takes the uploaded file (the multipart field "file") and
// starts its dry run.
func (a *API) StartImport(c *gin.Context, params oapi.StartImportParams) {
	if err := requireMedia(c, "multipart/form-data"); err != nil {
		writeProblem(c, err)
		return
	}
	mr, err := c.Request.MultipartReader()
	if err != nil {
		writeProblem(c, fidelity.Invalid("the request body is not valid", fidelity.FieldError{Field: "file", Reason: "is required"}))
		return
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			writeProblem(c, uploadError(err))
			return
		}
		if part.FormName() != "file" {
			_ = part.Close()
			continue
		}
		opts := service.ImportJobOptions{CreateSites: params.CreateSites != nil && *params.CreateSites}
		if params.CorrectionReason != nil {
			opts.CorrectionReason = *params.CorrectionReason
		}
		job, err := a.svc.StartImport(c.Request.Context(), uploadReader{part}, opts)
		_ = part.Close()
		if err != nil {
			writeProblem(c, err)
			return
		}
		c.Header("Location", "/v1/imports/"+job.ID)
		c.JSON(http.StatusAccepted, toImportJob(job, "en"))
		return
	}
}

// uploadReader turns an over-long upload into a 413 problem.
type uploadReader struct{ r io.Reader }

func (u uploadReader) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	if tooBig := tooLarge(err); tooBig != nil {
		return n, tooBig
	}
	return n, err
}

// uploadError explains a multipart body without a file part.
func uploadError(err error) error {
	if tooBig := tooLarge(err); tooBig != nil {
		return tooBig
	}
	return fidelity.Invalid("the request body is not valid", fidelity.FieldError{Field: "file", Reason: "is required"})
}

// GetImport reports an import's progress, then its report.
func (a *API) GetImport(c *gin.Context, id oapi.ID, params oapi.GetImportParams) {
	job, err := a.svc.GetImport(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, toImportJob(job, langOf(params.Lang)))
}

// CommitImport writes a checked import.
func (a *API) CommitImport(c *gin.Context, id oapi.ID) {
	job, err := a.svc.CommitImport(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Location", "/v1/imports/"+job.ID)
	c.JSON(http.StatusAccepted, toImportJob(job, "en"))
}
