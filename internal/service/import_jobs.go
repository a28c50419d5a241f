package service

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// An import over HTTP runs as a job: the upload is kept in a temporary
// file, checked in the background (a dry run), its progress readable while
// it runs, and committed from the same file when the caller confirms.
//
// Jobs live in the process that took the upload (the file is on its local
// disk): a deployment with several replicas routes /v1/imports/{id} to the
// same replica (sticky sessions) or imports with the CLI. The database
// work is the same as the CLI's: one transaction, all or nothing.

// ImportJobStatus is where a job stands.
type ImportJobStatus string

const (
	ImportRunning ImportJobStatus = "running"
	ImportDone    ImportJobStatus = "done"
	ImportFailed  ImportJobStatus = "failed"
)

// ImportJob is an import's state as its caller sees it.
type ImportJob struct {
	ID          string
	Status      ImportJobStatus
	Commit      bool // this run writes (a commit) rather than checks
	CreateSites bool
	Progress    ImportProgress
	// Report is set once the run is done.
	Report *ImportReport
	// Err is the failure of a failed run (a file that is not a table, the
	// database gone).
	Err       error
	CreatedAt time.Time
	UpdatedAt time.Time

	owner string // the principal's key id or name: only they see the job
	path  string // the upload
}

// importJobs is the process's registry of jobs.
type importJobs struct {
	mu   sync.Mutex
	jobs map[string]*ImportJob
}

// importJobTTL is how long a finished job (and its file) is kept.
const importJobTTL = 2 * time.Hour

func owner(p fidelity.Principal) string {
	if p.KeyID != "" {
		return "key:" + p.KeyID
	}
	return "name:" + p.Name
}

// StartImport stores the upload and starts its dry run.
func (s *Service) StartImport(ctx context.Context, file io.Reader, createSites bool) (ImportJob, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return ImportJob{}, err
	}
	// An upload the database cannot take is refused before it is read.
	if err := s.store.Ping(ctx); err != nil {
		return ImportJob{}, err
	}
	f, err := os.CreateTemp("", "fidelity-import-*")
	if err != nil {
		return ImportJob{}, fidelity.Wrap(fidelity.KindInternal, err, "the upload cannot be stored")
	}
	_, err = io.Copy(f, file)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		var fe *fidelity.Error
		if errors.As(err, &fe) {
			return ImportJob{}, err
		}
		return ImportJob{}, fidelity.Wrap(fidelity.KindInvalid, err, "the upload could not be read")
	}
	now := s.now()
	job := &ImportJob{ID: s.newID(), Status: ImportRunning, CreateSites: createSites, CreatedAt: now, UpdatedAt: now,
		owner: owner(caller(ctx)), path: f.Name()}
	s.jobs.put(job, now)
	s.runJob(ctx, job)
	return s.jobs.snapshot(job), nil
}

// GetImport returns a job of the caller's.
func (s *Service) GetImport(ctx context.Context, id string) (ImportJob, error) {
	// Jobs live in memory, but a job without its database is of no use:
	// the answer is the same 503 as every other read's.
	if err := s.store.Ping(ctx); err != nil {
		return ImportJob{}, err
	}
	job, ok := s.jobs.get(id, owner(caller(ctx)))
	if !ok {
		return ImportJob{}, notFound("import", id)
	}
	return s.jobs.snapshot(job), nil
}

// CommitImport writes a checked import: its dry run must be done and
// without errors. The commit runs again over the same file, in one
// transaction, so what changed in between is checked again.
func (s *Service) CommitImport(ctx context.Context, id string) (ImportJob, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return ImportJob{}, err
	}
	if err := s.store.Ping(ctx); err != nil {
		return ImportJob{}, err
	}
	job, ok := s.jobs.get(id, owner(caller(ctx)))
	if !ok {
		return ImportJob{}, notFound("import", id)
	}
	s.jobs.mu.Lock()
	switch {
	case job.Status == ImportRunning:
		s.jobs.mu.Unlock()
		return ImportJob{}, fidelity.Errorf(fidelity.KindConflict, "import %s is still running", id)
	case job.Commit:
		s.jobs.mu.Unlock()
		return ImportJob{}, fidelity.Errorf(fidelity.KindConflict, "import %s is committed already", id)
	case job.Status == ImportFailed || job.Report == nil || len(job.Report.Errors) > 0:
		s.jobs.mu.Unlock()
		return ImportJob{}, fidelity.Errorf(fidelity.KindConflict, "import %s has errors; correct the file and upload it again", id)
	}
	job.Status, job.Commit, job.Report, job.Progress, job.UpdatedAt = ImportRunning, true, nil, ImportProgress{}, s.now()
	s.jobs.mu.Unlock()
	s.runJob(ctx, job)
	return s.jobs.snapshot(job), nil
}

// runJob runs the job's import in the background, detached from the
// request (whose context ends with the response) but as its caller.
func (s *Service) runJob(ctx context.Context, job *ImportJob) {
	ctx = context.WithoutCancel(ctx)
	go func() {
		rep, err := s.importFile(ctx, job)
		s.jobs.mu.Lock()
		defer s.jobs.mu.Unlock()
		job.UpdatedAt = s.now()
		if err != nil {
			job.Status, job.Err = ImportFailed, err
			return
		}
		job.Status, job.Report = ImportDone, &rep
		job.Progress = ImportProgress{Rows: rep.Rows, Errors: len(rep.Errors)}
	}()
}

func (s *Service) importFile(ctx context.Context, job *ImportJob) (ImportReport, error) {
	f, err := os.Open(job.path)
	if err != nil {
		return ImportReport{}, fidelity.Wrap(fidelity.KindInternal, err, "the upload is gone")
	}
	defer f.Close()
	return s.Import(ctx, f, ImportOptions{Commit: job.Commit, CreateSites: job.CreateSites,
		Progress: func(p ImportProgress) {
			s.jobs.mu.Lock()
			job.Progress, job.UpdatedAt = p, s.now()
			s.jobs.mu.Unlock()
		}})
}

func (j *importJobs) put(job *ImportJob, now time.Time) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.jobs == nil {
		j.jobs = map[string]*ImportJob{}
	}
	for id, old := range j.jobs {
		if old.Status != ImportRunning && now.Sub(old.UpdatedAt) > importJobTTL {
			_ = os.Remove(old.path)
			delete(j.jobs, id)
		}
	}
	j.jobs[job.ID] = job
}

func (j *importJobs) get(id, who string) (*ImportJob, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	job, ok := j.jobs[id]
	if !ok || job.owner != who {
		return nil, false
	}
	return job, true
}

// snapshot copies a job under the lock, for the caller to read freely.
func (j *importJobs) snapshot(job *ImportJob) ImportJob {
	j.mu.Lock()
	defer j.mu.Unlock()
	return *job
}
