package store

import (
	"context"
	"errors"
	"io"
	"time"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/service"
)

// uploadChunk is how much of an upload one import_uploads row holds:
// writing and reading an upload of 256 MiB holds one chunk at a time.
const uploadChunk = 1 << 20

type importJobRow struct {
	ID               string
	Owner            string
	Status           string
	IsCommit         bool
	CreateSites      bool
	CorrectionReason string
	RowsRead         int
	RowErrors        int
	Report           *string
	Failure          *string
	Runner           string
	HeartbeatAt      string
	UploadBytes      int64
	CreatedAt        string
	UpdatedAt        string
}

func (importJobRow) TableName() string { return "import_jobs" }

func toImportJobRow(j service.ImportJobRecord) importJobRow {
	return importJobRow{
		ID: j.ID, Owner: j.Owner, Status: j.Status, IsCommit: j.Commit, CreateSites: j.CreateSites,
		CorrectionReason: j.CorrectionReason, RowsRead: j.Rows, RowErrors: j.Errors,
		Report: textOrNil(j.Report), Failure: textOrNil(j.Failure), Runner: j.Runner,
		HeartbeatAt: formatInstant(j.HeartbeatAt), UploadBytes: j.UploadBytes,
		CreatedAt: formatInstant(j.CreatedAt), UpdatedAt: formatInstant(j.UpdatedAt),
	}
}

func (r importJobRow) domain() (service.ImportJobRecord, error) {
	var d decoder
	out := service.ImportJobRecord{
		ID: r.ID, Owner: r.Owner, Status: r.Status, Commit: r.IsCommit, CreateSites: r.CreateSites,
		CorrectionReason: r.CorrectionReason, Rows: r.RowsRead, Errors: r.RowErrors,
		Runner: r.Runner, HeartbeatAt: d.instant(r.HeartbeatAt), UploadBytes: r.UploadBytes,
		CreatedAt: d.instant(r.CreatedAt), UpdatedAt: d.instant(r.UpdatedAt),
	}
	if r.Report != nil {
		out.Report = []byte(*r.Report)
	}
	if r.Failure != nil {
		out.Failure = []byte(*r.Failure)
	}
	return out, d.fail("import job " + r.ID)
}

func textOrNil(b []byte) *string {
	if b == nil {
		return nil
	}
	s := string(b)
	return &s
}

// CreateImportJob stores the job and its upload in one transaction: a job
// is never visible without its whole file.
func (s *Store) CreateImportJob(ctx context.Context, j service.ImportJobRecord, upload io.Reader) error {
	return translate(s.writeTx(ctx, func(db *gorm.DB) error {
		row := toImportJobRow(j)
		if err := db.Create(&row).Error; err != nil {
			return err
		}
		buf := make([]byte, uploadChunk)
		for seq := 0; ; seq++ {
			n, err := io.ReadFull(upload, buf)
			if n > 0 {
				if err := db.Exec("INSERT INTO import_uploads (job_id, seq, content) VALUES (?, ?, ?)",
					j.ID, seq, buf[:n]).Error; err != nil {
					return err
				}
			}
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				break
			}
			if err != nil {
				return err
			}
		}
		return nil
	}), "import job")
}

// GetImportJob reads one job.
func (s *Store) GetImportJob(ctx context.Context, id string) (service.ImportJobRecord, error) {
	var row importJobRow
	err := s.r(ctx).Where("id = ?", id).Take(&row).Error
	if err != nil {
		return service.ImportJobRecord{}, translate(err, "import "+id)
	}
	return row.domain()
}

// SaveImportJobState writes what a run has to say about its job. The
// runner condition keeps a process that lost its job (its heartbeat went
// stale and the job was claimed again) from overwriting the new run.
func (s *Store) SaveImportJobState(ctx context.Context, j service.ImportJobRecord) error {
	row := toImportJobRow(j)
	res := s.w(ctx).Exec(`UPDATE import_jobs SET status = ?, is_commit = ?, rows_read = ?, row_errors = ?,
		report = ?, failure = ?, heartbeat_at = ?, updated_at = ? WHERE id = ? AND runner = ?`,
		row.Status, row.IsCommit, row.RowsRead, row.RowErrors, row.Report, row.Failure,
		row.HeartbeatAt, row.UpdatedAt, row.ID, row.Runner)
	if res.Error != nil {
		return translate(res.Error, "import "+j.ID)
	}
	if res.RowsAffected == 0 {
		return notFound("import " + j.ID + " run by " + j.Runner)
	}
	return nil
}

// ClaimImportCommit is one conditional UPDATE, so two replicas asked to
// commit the same job at once cannot both win.
func (s *Store) ClaimImportCommit(ctx context.Context, id, owner, runner string, now, staleBefore time.Time) (bool, error) {
	at := formatInstant(now)
	res := s.w(ctx).Exec(`UPDATE import_jobs SET status = 'running', is_commit = ?, runner = ?, rows_read = 0,
		row_errors = 0, report = NULL, failure = NULL, heartbeat_at = ?, updated_at = ?
		WHERE id = ? AND owner = ? AND (
			(status = 'done' AND is_commit = ? AND row_errors = 0 AND report IS NOT NULL)
			OR (status = 'running' AND is_commit = ? AND heartbeat_at < ?))`,
		true, runner, at, at, id, owner, false, true, formatInstant(staleBefore))
	if res.Error != nil {
		return false, translate(res.Error, "import "+id)
	}
	return res.RowsAffected == 1, nil
}

// CopyImportUpload streams the upload's chunks in order: one statement,
// one chunk in memory at a time.
func (s *Store) CopyImportUpload(ctx context.Context, id string, w io.Writer) error {
	rows, err := s.r(ctx).Raw("SELECT content FROM import_uploads WHERE job_id = ? ORDER BY seq", id).Rows()
	if err != nil {
		return translate(err, "import "+id)
	}
	defer rows.Close()
	var chunk []byte
	for rows.Next() {
		if err := rows.Scan(&chunk); err != nil {
			return translate(err, "import "+id)
		}
		if _, err := w.Write(chunk); err != nil {
			return err
		}
	}
	return translate(rows.Err(), "import "+id)
}

// DropImportUpload removes a job's upload.
func (s *Store) DropImportUpload(ctx context.Context, id string) error {
	return translate(s.w(ctx).Exec("DELETE FROM import_uploads WHERE job_id = ?", id).Error, "import "+id)
}

// PruneImportJobs removes old jobs; their uploads go with them (ON DELETE
// CASCADE; the store turns SQLite's foreign keys on).
func (s *Store) PruneImportJobs(ctx context.Context, before time.Time) (int, error) {
	at := formatInstant(before)
	res := s.w(ctx).Exec("DELETE FROM import_jobs WHERE updated_at < ? AND (status <> 'running' OR heartbeat_at < ?)", at, at)
	return int(res.RowsAffected), translate(res.Error, "import jobs")
}
