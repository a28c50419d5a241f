package service

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"sync"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// An import over HTTP runs as a job: the upload is stored in the database
// (import_jobs, import_uploads), checked in the background (a dry run), its
// progress readable while it runs, and committed from the same upload when
// the caller confirms. Because the job and its file live in the database,
// any replica can report on it and commit it: the replica that takes the
// commit copies the upload to its own temporary file and runs it there.
//
// The process running a job keeps it in memory too, so its own answers
// are current to the row; it saves the job's progress every
// importHeartbeat for the other replicas. A running job whose heartbeat is
// older than importStale was lost with its process: it is reported as
// interrupted, and an interrupted commit may be committed again (the
// import is idempotent, so a commit that had in fact been written creates
// nothing new the second time).

// ImportJobStatus is where a job stands.
type ImportJobStatus string

const (
	ImportRunning ImportJobStatus = "running"
	ImportDone    ImportJobStatus = "done"
	ImportFailed  ImportJobStatus = "failed"
)

// ImportJobOptions are what the uploader chose for the job; the commit
// runs with the same options as the dry run it confirms.
type ImportJobOptions struct {
	CreateSites bool
	// CorrectionReason, when not empty, applies changed values of stored
	// finalised reviews as corrections of their consensus, with this
	// reason (see ImportOptions).
	CorrectionReason string
}

// ImportJob is an import's state as its caller sees it.
type ImportJob struct {
	ID     string
	Status ImportJobStatus
	Commit bool // this run writes (a commit) rather than checks
	ImportJobOptions
	Progress ImportProgress
	// Report is set once the run is done.
	Report *ImportReport
	// Err is the failure of a failed run (a file that is not a table, the
	// database gone, the process running it stopped).
	Err       error
	CreatedAt time.Time
	UpdatedAt time.Time
}

const (
	// importJobTTL is how long a job (and its upload) is kept after its
	// last change.
	importJobTTL = 24 * time.Hour
	// importHeartbeat is how often a running job saves its progress.
	importHeartbeat = 2 * time.Second
	// importStale is how old a running job's heartbeat may be before the
	// job counts as lost with its process.
	importStale = 30 * time.Second
)

// importJobs are the jobs this process runs, by id.
type importJobs struct {
	mu    sync.Mutex
	local map[string]*localJob
	// runner identifies this process in import_jobs.runner.
	runner string
}

type localJob struct {
	job   ImportJob
	owner string
	path  string        // the upload, copied to a temporary file
	ended chan struct{} // closed when the run has ended (runJob)
}

func owner(p fidelity.Principal) string {
	if p.KeyID != "" {
		return "key:" + p.KeyID
	}
	return "name:" + p.Name
}

// StartImport stores the upload and starts its dry run.
func (s *Service) StartImport(ctx context.Context, file io.Reader, opts ImportJobOptions) (ImportJob, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return ImportJob{}, err
	}
	if err := checkCorrectionReason(&opts.CorrectionReason); err != nil {
		return ImportJob{}, err
	}
	// An upload the database cannot take is refused before it is read.
	if err := s.store.Ping(ctx); err != nil {
		return ImportJob{}, err
	}
	path, size, err := spoolUpload(file)
	if err != nil {
		return ImportJob{}, err
	}
	now := s.now()
	lj := &localJob{owner: owner(caller(ctx)), path: path, job: ImportJob{ID: s.newID(), Status: ImportRunning,
		ImportJobOptions: opts, CreatedAt: now, UpdatedAt: now}}
	f, err := os.Open(path)
	if err != nil {
		_ = os.Remove(path)
		return ImportJob{}, fidelity.Wrap(fidelity.KindInternal, err, "the upload cannot be stored")
	}
	rec := s.jobRecord(lj, now)
	rec.UploadBytes = size
	err = s.store.CreateImportJob(ctx, rec, f)
	_ = f.Close()
	if err != nil {
		_ = os.Remove(path)
		return ImportJob{}, err
	}
	if _, err := s.store.PruneImportJobs(ctx, now.Add(-importJobTTL)); err != nil {
		// Old jobs are removed at the next upload instead.
		s.log.Warn("import jobs: pruning failed", "err", err)
	}
	s.runJob(ctx, lj)
	return s.jobs.snapshot(lj), nil
}

// spoolUpload copies the upload to a temporary file, so that it is read
// (and a request body that is too large refused) before anything is
// stored, and returns the file's path and size.
func spoolUpload(file io.Reader) (string, int64, error) {
	var n int64
	path, err := tempFile(func(w io.Writer) (err error) {
		n, err = io.Copy(w, file)
		return err
	})
	var fe *fidelity.Error
	if err != nil && !errors.As(err, &fe) {
		err = fidelity.Wrap(fidelity.KindInvalid, err, "the upload could not be read")
	}
	return path, n, err
}

// tempFile writes a new temporary file with write and returns its path;
// on failure the file is gone.
func tempFile(write func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp("", "fidelity-import-*")
	if err != nil {
		return "", fidelity.Wrap(fidelity.KindInternal, err, "the upload cannot be stored")
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// GetImport returns a job of the caller's, from this process when it runs
// the job, else from the database.
func (s *Service) GetImport(ctx context.Context, id string) (ImportJob, error) {
	who := owner(caller(ctx))
	if lj, ok := s.jobs.get(id); ok {
		// A job without its database is of no use: the same 503 as a
		// job read from the database gets.
		if err := s.store.Ping(ctx); err != nil {
			return ImportJob{}, err
		}
		if lj.owner != who {
			return ImportJob{}, notFound("import", id)
		}
		return s.jobs.snapshot(lj), nil
	}
	rec, err := s.ownJob(ctx, id, who)
	if err != nil {
		return ImportJob{}, err
	}
	return s.jobFromRecord(rec), nil
}

func (s *Service) ownJob(ctx context.Context, id, who string) (ImportJobRecord, error) {
	rec, err := s.store.GetImportJob(ctx, id)
	if fidelity.KindOf(err) == fidelity.KindNotFound || (err == nil && rec.Owner != who) {
		// Another caller's job is as absent as a job that never was.
		return ImportJobRecord{}, notFound("import", id)
	}
	return rec, err
}

// AwaitImport waits at most max for a job this process runs to end (or
// for ctx to end): a form post shows a small file's report at once without
// asking again and again. It reads nothing; the page the post redirects to
// reads the job (GetImport), once.
func (s *Service) AwaitImport(ctx context.Context, id string, max time.Duration) {
	if lj, ok := s.jobs.get(id); ok && lj.ended != nil {
		t := time.NewTimer(max)
		select {
		case <-lj.ended:
		case <-ctx.Done():
		case <-t.C:
		}
		t.Stop()
	}
}

// CommitImport writes a checked import: its dry run must be done and
// without errors. The commit runs again over the same upload, in one
// transaction, so what changed in between is checked again. Any replica
// may take the commit.
func (s *Service) CommitImport(ctx context.Context, id string) (ImportJob, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return ImportJob{}, err
	}
	who := owner(caller(ctx))
	rec, err := s.ownJob(ctx, id, who)
	if err != nil {
		return ImportJob{}, err
	}
	now := s.now()
	claimed, err := s.store.ClaimImportCommit(ctx, id, who, s.jobs.runner, now, now.Add(-importStale))
	if err != nil {
		return ImportJob{}, err
	}
	if !claimed {
		return ImportJob{}, commitRefused(s.jobFromRecord(rec))
	}
	lj := &localJob{owner: who, job: ImportJob{ID: id, Status: ImportRunning, Commit: true,
		ImportJobOptions: ImportJobOptions{CreateSites: rec.CreateSites, CorrectionReason: rec.CorrectionReason},
		CreatedAt:        rec.CreatedAt, UpdatedAt: now}}
	if lj.path, err = s.copyUpload(ctx, id); err != nil {
		s.finishJob(lj, ImportReport{}, err)
		return ImportJob{}, err
	}
	s.runJob(ctx, lj)
	return s.jobs.snapshot(lj), nil
}

// commitRefused says why a job cannot be committed now.
func commitRefused(j ImportJob) error {
	switch {
	case j.Status == ImportRunning && j.Commit:
		return fidelity.Errorf(fidelity.KindConflict, "import %s is being committed", j.ID)
	case j.Status == ImportRunning:
		return fidelity.Errorf(fidelity.KindConflict, "import %s is still running", j.ID)
	case j.Commit && j.Status == ImportDone:
		return fidelity.Errorf(fidelity.KindConflict, "import %s is committed already", j.ID)
	case j.Status == ImportFailed && j.Report == nil:
		return fidelity.Errorf(fidelity.KindConflict, "import %s failed; upload the file again", j.ID)
	}
	return fidelity.Errorf(fidelity.KindConflict, "import %s has errors; correct the file and upload it again", j.ID)
}

// copyUpload copies a job's stored upload to a temporary file.
func (s *Service) copyUpload(ctx context.Context, id string) (string, error) {
	return tempFile(func(w io.Writer) error { return s.store.CopyImportUpload(ctx, id, w) })
}

// runJob runs the job's import in the background, detached from the
// request (whose context ends with the response) but as its caller, and
// saves its progress every importHeartbeat until it ends.
func (s *Service) runJob(ctx context.Context, lj *localJob) {
	ctx = context.WithoutCancel(ctx)
	lj.ended = make(chan struct{})
	s.jobs.put(lj)
	go func() {
		done, stopped := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(stopped)
			s.heartbeat(lj, done)
		}()
		rep, err := s.importFile(ctx, lj)
		// The last heartbeat must land before the final state, or it
		// would write "running" over "done".
		close(done)
		<-stopped
		s.finishJob(lj, rep, err)
	}()
}

func (s *Service) heartbeat(lj *localJob, done <-chan struct{}) {
	t := time.NewTicker(importHeartbeat)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			// On SQLite a committing import holds the only writer, and the
			// heartbeat waits its turn for at most this long; its own
			// process answers from memory meanwhile.
			ctx, cancel := context.WithTimeout(context.Background(), importHeartbeat)
			_ = s.store.SaveImportJobState(ctx, s.jobRecord(lj, s.now()))
			cancel()
		}
	}
}

// finishJob records the end of a run, in memory at once and in the
// database (a few attempts: the other replicas depend on it). A committed
// job's upload is dropped: nothing can use it any more.
func (s *Service) finishJob(lj *localJob, rep ImportReport, err error) {
	if lj.path != "" {
		_ = os.Remove(lj.path)
	}
	// The end is saved first and shown here after: a caller told "done"
	// by this process may commit at once on any replica, which reads the
	// database.
	final := s.jobs.snapshot(lj)
	final.UpdatedAt = s.now()
	if err != nil {
		final.Status, final.Err = ImportFailed, err
	} else {
		// The progress already holds the final counts (every error, not
		// only the ones the report lists).
		final.Status, final.Report = ImportDone, &rep
	}
	rec := s.jobRow(lj.owner, final, s.now())
	saved := false
	for attempt := 0; attempt < 5 && !saved; attempt++ {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := s.store.SaveImportJobState(ctx, rec)
		if err == nil && rep.Committed {
			err = s.store.DropImportUpload(ctx, final.ID)
		}
		cancel()
		// Saved, or another process has taken the job over.
		saved = err == nil || fidelity.KindOf(err) == fidelity.KindNotFound
		if !saved {
			s.log.Warn("import: saving its state failed", "import", final.ID, "attempt", attempt+1, "err", err)
			time.Sleep(time.Duration(attempt+1) * time.Second)
		}
	}
	s.jobs.mu.Lock()
	lj.job = final
	s.jobs.mu.Unlock()
	if lj.ended != nil {
		close(lj.ended)
	}
	if saved {
		s.jobs.drop(final.ID)
	}
	// Else kept in memory: this process still answers for it; the others
	// see its heartbeat go stale and report it as interrupted.
}

func (s *Service) importFile(ctx context.Context, lj *localJob) (ImportReport, error) {
	f, err := os.Open(lj.path)
	if err != nil {
		return ImportReport{}, fidelity.Wrap(fidelity.KindInternal, err, "the upload is gone")
	}
	defer f.Close()
	return s.Import(ctx, f, ImportOptions{Commit: lj.job.Commit, CreateSites: lj.job.CreateSites,
		CorrectionReason: lj.job.CorrectionReason,
		Progress: func(p ImportProgress) {
			s.jobs.mu.Lock()
			lj.job.Progress, lj.job.UpdatedAt = p, s.now()
			s.jobs.mu.Unlock()
		}})
}

func (j *importJobs) put(lj *localJob) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.local == nil {
		j.local = map[string]*localJob{}
	}
	j.local[lj.job.ID] = lj
}

func (j *importJobs) get(id string) (*localJob, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	lj, ok := j.local[id]
	return lj, ok
}

func (j *importJobs) drop(id string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	delete(j.local, id)
}

// snapshot copies a job under the lock, for the caller to read freely.
func (j *importJobs) snapshot(lj *localJob) ImportJob {
	j.mu.Lock()
	defer j.mu.Unlock()
	return lj.job
}

// jobRecord is the row of a job this process runs, as it stands.
func (s *Service) jobRecord(lj *localJob, now time.Time) ImportJobRecord {
	return s.jobRow(lj.owner, s.jobs.snapshot(lj), now)
}

// jobRow is the row of job j of owner, run by this process.
func (s *Service) jobRow(owner string, j ImportJob, now time.Time) ImportJobRecord {
	rec := ImportJobRecord{ID: j.ID, Owner: owner, Status: string(j.Status), Commit: j.Commit,
		CreateSites: j.CreateSites, CorrectionReason: j.CorrectionReason, Rows: j.Progress.Rows,
		Errors: j.Progress.Errors, Runner: s.jobs.runner, HeartbeatAt: now,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt}
	if j.Report != nil {
		rec.Report, _ = json.Marshal(j.Report)
	}
	if j.Err != nil {
		rec.Failure, _ = json.Marshal(failureOf(j.Err))
	}
	return rec
}

// jobFailure is a failed run's error as import_jobs.failure keeps it.
type jobFailure struct {
	Kind    fidelity.Kind         `json:"kind"`
	Message string                `json:"message"`
	Fields  []fidelity.FieldError `json:"fields,omitempty"`
}

func failureOf(err error) jobFailure {
	var fe *fidelity.Error
	if errors.As(err, &fe) {
		return jobFailure{Kind: fe.Kind, Message: fe.Message, Fields: fe.Fields}
	}
	return jobFailure{Kind: fidelity.KindInternal, Message: "the import failed"}
}

// jobFromRecord is a job of another process (or of an earlier one) as
// the database has it.
func (s *Service) jobFromRecord(rec ImportJobRecord) ImportJob {
	j := ImportJob{ID: rec.ID, Status: ImportJobStatus(rec.Status), Commit: rec.Commit,
		ImportJobOptions: ImportJobOptions{CreateSites: rec.CreateSites, CorrectionReason: rec.CorrectionReason},
		Progress:         ImportProgress{Rows: rec.Rows, Errors: rec.Errors},
		CreatedAt:        rec.CreatedAt, UpdatedAt: rec.UpdatedAt}
	if rec.Report != nil {
		var rep ImportReport
		if err := json.Unmarshal(rec.Report, &rep); err == nil {
			j.Report = &rep
		}
	}
	if rec.Failure != nil {
		var f jobFailure
		if err := json.Unmarshal(rec.Failure, &f); err == nil {
			j.Err = &fidelity.Error{Kind: f.Kind, Message: f.Message, Fields: f.Fields}
		}
	}
	if j.Status == ImportRunning && s.now().Sub(rec.HeartbeatAt) > importStale {
		j.Status = ImportFailed
		j.Err = fidelity.Errorf(fidelity.KindUnavailable,
			"the import was interrupted: the process checking it stopped at row %d; nothing was written: upload the file again", rec.Rows)
		if j.Commit {
			j.Err = fidelity.Errorf(fidelity.KindUnavailable,
				"the import was interrupted: the process writing it stopped at row %d; a commit is all or nothing: commit it again (nothing is written twice)", rec.Rows)
		}
	}
	return j
}
