-- Import jobs (issue 14) move from process memory into the database, so
-- that N replicas behind a load balancer behave as one service: the dry
-- run started on one replica can be read and committed on another, and a
-- job whose process died is seen as interrupted instead of vanishing.
-- Same portability rules as 00001_initial.sql (TEXT ids and instants,
-- JSON documents as TEXT).

-- +goose Up
CREATE TABLE import_jobs (
    id                TEXT NOT NULL,
    -- "key:<key id>" or "name:<principal>": only the owner sees the job.
    owner             TEXT NOT NULL,
    status            TEXT NOT NULL,
    is_commit         BOOLEAN NOT NULL,
    create_sites      BOOLEAN NOT NULL,
    -- Non-empty: changed values of stored finalised reviews are applied
    -- as corrections of their consensus, with this reason.
    correction_reason TEXT NOT NULL DEFAULT '',
    rows_read         INTEGER NOT NULL DEFAULT 0,
    row_errors        INTEGER NOT NULL DEFAULT 0,
    -- The ImportReport (JSON) once a run is done; the failure (JSON:
    -- kind, message, fields) of a failed run.
    report            TEXT,
    failure           TEXT,
    -- The process running the job and when it last said so; a running
    -- job whose heartbeat is old is reported as interrupted.
    runner            TEXT NOT NULL DEFAULT '',
    heartbeat_at      TEXT NOT NULL,
    upload_bytes      INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CONSTRAINT import_jobs_pkey PRIMARY KEY (id),
    CONSTRAINT import_jobs_status_check CHECK (status IN ('running', 'done', 'failed'))
);
-- Finished jobs are removed after a while, oldest first.
CREATE INDEX import_jobs_updated_idx ON import_jobs (updated_at);

-- The uploaded file, in chunks of at most 1 MiB so that neither writing
-- nor reading it holds the whole file in memory. BYTEA is PostgreSQL's
-- binary type; SQLite accepts the name and keeps the bytes as a BLOB.
CREATE TABLE import_uploads (
    job_id  TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    content BYTEA NOT NULL,
    CONSTRAINT import_uploads_pkey PRIMARY KEY (job_id, seq),
    CONSTRAINT import_uploads_job_fkey FOREIGN KEY (job_id) REFERENCES import_jobs (id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE import_uploads;
DROP TABLE import_jobs;
