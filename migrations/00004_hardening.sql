-- Promises the schema did not keep yet. Same portability rules as
-- 00001_initial.sql (TEXT ids and instants, index forms that PostgreSQL and
-- SQLite share).
--
-- 1. A site code is unique among its parent's active children. "Active"
--    here means not deactivated (active_to IS NULL): a partial index cannot
--    look at today's date, so a deactivated site frees its code at once.
--    Roots have parent_id NULL, and NULLs never collide in a unique index,
--    so the index is over COALESCE(parent_id, '') (no site id is empty).
--    Codes compare case-insensitively (code_fold), and the empty code
--    (no code) may repeat. Sites created before this migration may already
--    share a code: then CREATE UNIQUE INDEX fails and the migration stops
--    (both databases name the duplicated key). That is deliberate: which of
--    two offices keeps "4601" is a decision for the data owner, not for a
--    migration. Find them with
--      SELECT COALESCE(parent_id, ''), code_fold, COUNT(*) FROM sites
--      WHERE active_to IS NULL AND code <> ''
--      GROUP BY 1, 2 HAVING COUNT(*) > 1;
--    re-code or deactivate all but one, and run `fidelity migrate up` again.
--
-- 2. Signing out of the web interface ends that session on every replica:
--    the session's id (the SHA-256 of its CSRF secret, never the secret) is
--    listed here until the cookie would have expired anyway.
--
-- 3. An idempotent POST that is still running holds its key only until
--    lease_until (the request's deadline): a process killed mid-request no
--    longer blocks retries of that key for 24 hours. NULL (records written
--    before this migration) counts as expired.

-- +goose Up
CREATE UNIQUE INDEX sites_sibling_code_key ON sites (COALESCE(parent_id, ''), code_fold)
    WHERE active_to IS NULL AND code <> '';

CREATE TABLE ended_sessions (
    id         TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    CONSTRAINT ended_sessions_pkey PRIMARY KEY (id)
);
CREATE INDEX ended_sessions_expires_idx ON ended_sessions (expires_at);

ALTER TABLE idempotency_keys ADD COLUMN lease_until TEXT;

-- +goose Down
ALTER TABLE idempotency_keys DROP COLUMN lease_until;
DROP TABLE ended_sessions;
DROP INDEX sites_sibling_code_key;
