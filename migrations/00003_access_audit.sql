-- API keys, the audit log and stored answers of idempotent POSTs. Same
-- portability rules as 00001_initial.sql: TEXT ids, TEXT instants in RFC
-- 3339 UTC with six fraction digits, JSON documents as TEXT, only types and
-- index forms that PostgreSQL and SQLite share.
--
-- audit_events is append-only. That is enforced by the code path: the store
-- has a method to append and methods to read, and none that updates or
-- deletes an event. Triggers that reject UPDATE and DELETE would be the
-- stronger guard, but PostgreSQL needs a PL/pgSQL function and CREATE
-- TRIGGER … EXECUTE FUNCTION where SQLite takes a BEGIN … RAISE(ABORT) …
-- END body, and goose runs this one file on both dialects.

-- +goose Up
-- Only the SHA-256 of a key's secret is stored (hex), never the secret.
-- prefix is the short visible part that names the key in lists and logs.
CREATE TABLE api_keys (
    id           TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    hash         TEXT NOT NULL,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    rater_id     TEXT,
    -- JSON list of the site ids whose subtrees the key may see; [] = all.
    scope        TEXT NOT NULL DEFAULT '[]',
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    CONSTRAINT api_keys_pkey PRIMARY KEY (id),
    CONSTRAINT api_keys_prefix_key UNIQUE (prefix),
    CONSTRAINT api_keys_hash_key UNIQUE (hash),
    CONSTRAINT api_keys_rater_fkey FOREIGN KEY (rater_id) REFERENCES raters (id),
    CONSTRAINT api_keys_role_check CHECK (role IN ('admin', 'lead', 'rater', 'reader'))
);
CREATE INDEX api_keys_rater_idx ON api_keys (rater_id);

-- key_id is not a foreign key, and site_path is a copy of the site's path
-- at the time of the event rather than a reference: the log must outlive
-- keys and sites, and keep saying where a resource was when it changed.
-- key_id and site_path are '' for the system principal and for global
-- resources; before_doc is NULL when the resource did not exist before,
-- after_doc NULL when it was removed.
CREATE TABLE audit_events (
    id            TEXT NOT NULL,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL DEFAULT '',
    key_id        TEXT NOT NULL DEFAULT '',
    request_id    TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id   TEXT NOT NULL DEFAULT '',
    site_path     TEXT NOT NULL DEFAULT '',
    before_doc    TEXT,
    after_doc     TEXT,
    CONSTRAINT audit_events_pkey PRIMARY KEY (id)
);
CREATE INDEX audit_events_at_idx ON audit_events (at);
-- The trailing id serves the newest-first order of a filtered list.
CREATE INDEX audit_events_resource_idx ON audit_events (resource_type, resource_id, id);
CREATE INDEX audit_events_key_idx ON audit_events (key_id, id);
-- Scope filters are a prefix match on site_path: a byte range on SQLite
-- (BINARY collation), a LIKE 'prefix%' on PostgreSQL, which uses this index
-- under the C collation (as with sites.path).
CREATE INDEX audit_events_site_path_idx ON audit_events (site_path);

-- The first answer to a POST with an Idempotency-Key, per owner (the key id
-- of the caller, or 'open'). status is 0 while the first request runs. The
-- response body is kept as text; body_base64 says it was not valid UTF-8
-- text (or held NUL bytes, which PostgreSQL TEXT rejects) and is stored in
-- base64 instead.
CREATE TABLE idempotency_keys (
    owner        TEXT NOT NULL,
    key          TEXT NOT NULL,
    method       TEXT NOT NULL,
    path         TEXT NOT NULL,
    body_hash    TEXT NOT NULL,
    status       INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    body_base64  BOOLEAN NOT NULL DEFAULT FALSE,
    location     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (owner, key),
    CONSTRAINT idempotency_keys_status_check CHECK (status = 0 OR status BETWEEN 100 AND 599)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE audit_events;
DROP TABLE api_keys;
