-- The one exception to the append-only audit log (issue 13, privacy): when
-- a review's evidence notes are purged, the notes are also blanked inside
-- the before/after documents of that review's earlier audit events, since
-- the duty to delete personal data covers every copy. redacted_at says
-- that an event's documents were changed that way, and when; nothing else
-- of an event is ever changed. Same portability rules as 00001_initial.sql
-- (instants as TEXT in RFC 3339 UTC).

-- +goose Up
ALTER TABLE audit_events ADD COLUMN redacted_at TEXT;

-- +goose Down
ALTER TABLE audit_events DROP COLUMN redacted_at;
