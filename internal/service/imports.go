package service

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/importer"
)

// ImportOptions say how an import runs.
type ImportOptions struct {
	// Commit writes the import (all of it in one transaction, or nothing
	// when any row has an error); without it the import is a dry run.
	Commit bool
	// CreateSites creates the sites of site_path (or site_code) that do
	// not exist yet; without it an unknown site is a row error.
	CreateSites bool
	// CorrectionReason, when not empty, applies a changed consensus score
	// of a stored finalised review as a correction with this reason (as
	// Correct does), instead of reporting it as a conflict. Raters'
	// independent ratings and reviews not finalised are never changed.
	CorrectionReason string
	// Limits bound what the file may make the reader do; zero = defaults.
	Limits importer.Limits
	// Progress, when set, is told the rows read and the errors so far
	// every ProgressEvery rows and at the end.
	Progress func(ImportProgress)
}

// ProgressEvery is how many rows pass between two progress reports.
const ProgressEvery = 1000

// ImportProgress is how far an import has come.
type ImportProgress struct {
	Rows   int `json:"rows"`
	Errors int `json:"errors"`
}

// ImportReport is what an import found and did.
type ImportReport struct {
	// Committed is true when the import was written; a dry run, or an
	// import with errors, writes nothing.
	Committed bool                `json:"committed"`
	Rows      int                 `json:"rows"`
	Summary   ImportSummary       `json:"summary"`
	Errors    []importer.RowError `json:"errors"`
	// Corrections are the changed consensus scores applied (or, in a dry
	// run, to be applied) as corrections; at most MaxReportedErrors.
	Corrections []ImportCorrection `json:"corrections"`
	// Truncated says that reading stopped at the error limit.
	Truncated bool `json:"truncated"`
}

// ImportSummary counts what the import creates and what it finds already
// stored (matched by natural keys, so a re-import creates nothing).
type ImportSummary struct {
	SitesCreated      int `json:"sites_created"`
	SitesMatched      int `json:"sites_matched"`
	RatersCreated     int `json:"raters_created"`
	RatersMatched     int `json:"raters_matched"`
	ReviewsCreated    int `json:"reviews_created"`
	ReviewsMatched    int `json:"reviews_matched"`
	RatingSetsCreated int `json:"rating_sets_created"`
	RatingSetsMatched int `json:"rating_sets_matched"`
	ItemRatings       int `json:"item_ratings"`
	// ReviewsCorrected and ItemsCorrected count the corrections applied
	// to stored finalised reviews (ImportOptions.CorrectionReason).
	ReviewsCorrected int `json:"reviews_corrected"`
	ItemsCorrected   int `json:"items_corrected"`
}

// Changed reports whether the import created or corrected anything.
func (s ImportSummary) Changed() bool {
	return s.SitesCreated+s.RatersCreated+s.ReviewsCreated+s.ItemsCorrected > 0
}

// MaxReportedErrors bounds the errors an import lists.
const MaxReportedErrors = 1000

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// Import reads historic reviews from a CSV file or XLSX workbook (the
// long or wide layout of the exports), checks every row — scales, items,
// scores computed by the scoring engine, sites, raters, scope — and, when
// asked to and nothing is wrong, writes all of it in one transaction.
// Row problems are in the report, not the error; the error is for the
// file as a whole (not CSV or XLSX, too large) and for the database.
func (s *Service) Import(ctx context.Context, file io.Reader, opts ImportOptions) (ImportReport, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return ImportReport{}, err
	}
	if err := checkCorrectionReason(&opts.CorrectionReason); err != nil {
		return ImportReport{}, err
	}
	if opts.Limits == (importer.Limits{}) {
		opts.Limits = importer.DefaultLimits()
	}
	opts.Limits.MaxErrors = min(max(opts.Limits.MaxErrors, 1), MaxReportedErrors)
	var rep ImportReport
	work := func(tx Store) (err error) {
		run := newImportRun(ctx, s, tx, opts)
		err = importer.Read(file, opts.Limits, importer.Handler{Row: run.row, Error: run.rowError})
		switch {
		case errors.Is(err, importer.ErrTooManyErrors):
			run.rep.Truncated = true
		case err != nil:
			return err
		}
		if err := run.flush(); err != nil {
			return err
		}
		run.progress(true)
		if run.errors > len(run.rep.Errors) {
			run.rep.Truncated = true
		}
		rep = run.rep
		if !opts.Commit || run.errors > 0 {
			return errDryRun
		}
		if err := run.audit(); err != nil {
			return err
		}
		rep.Committed = true
		return nil
	}
	// A dry run only reads, outside a transaction: on SQLite a transaction
	// would hold the single writer, and other writes would wait for the
	// check of a large file.
	var err error
	if opts.Commit {
		err = s.store.InTx(ctx, work)
	} else {
		err = work(s.store)
	}
	if errors.Is(err, errDryRun) {
		err = nil
	}
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return ImportReport{}, fidelity.Invalid("the file cannot be imported", fidelity.FieldError{Field: "file", Reason: fe.Reason})
	}
	if rep.Errors == nil {
		rep.Errors = []importer.RowError{}
	}
	if rep.Corrections == nil {
		rep.Corrections = []ImportCorrection{}
	}
	return rep, err
}

// checkCorrectionReason trims an import's correction reason and checks
// its length (as a correction's own reason is checked).
func checkCorrectionReason(reason *string) error {
	*reason = strings.TrimSpace(*reason)
	var c checks
	c.text("correction_reason", *reason, 0, 2000)
	return c.err("the import options are not valid")
}
