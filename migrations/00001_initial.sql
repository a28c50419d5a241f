-- Initial schema. One file for PostgreSQL and SQLite, so it keeps to their
-- common subset:
--
--   * ids are TEXT (UUIDv7 generated in Go), so no SERIAL/AUTOINCREMENT;
--   * instants are TEXT in RFC 3339 UTC with a fixed six-digit fraction
--     ("2025-03-01T09:30:00.000000Z") and calendar dates are TEXT
--     "YYYY-MM-DD": both sort correctly as plain strings on both dialects and
--     round-trip byte for byte through gorm, where TIMESTAMP columns would be
--     parsed differently by each driver (and SQLite has no date type at all);
--   * BOOLEAN, INTEGER and DOUBLE PRECISION exist in PostgreSQL and map to
--     INTEGER/REAL affinity in SQLite; JSON documents are TEXT;
--   * names that are searched case-insensitively have a *_fold column that Go
--     fills with strings.ToLower, because SQLite's LOWER() folds ASCII only
--     and a Norwegian name such as "Østfold" must match "øst".

-- +goose Up
CREATE TABLE scales (
    id         TEXT NOT NULL,
    version    TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    source     TEXT NOT NULL,
    origin     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT scales_pkey PRIMARY KEY (id, version)
);

CREATE TABLE sites (
    id          TEXT NOT NULL,
    parent_id   TEXT,
    path        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    code        TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL,
    code_fold   TEXT NOT NULL,
    active_from TEXT,
    active_to   TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL,
    CONSTRAINT sites_pkey PRIMARY KEY (id),
    CONSTRAINT sites_parent_fkey FOREIGN KEY (parent_id) REFERENCES sites (id),
    CONSTRAINT sites_path_key UNIQUE (path),
    CONSTRAINT sites_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
    -- the materialised path ends with the site's own id: "/root/…/id/"
    CONSTRAINT sites_path_ends_with_id CHECK (
        SUBSTR(path, LENGTH(path) - LENGTH(id) - 1) = '/' || id || '/'),
    CONSTRAINT sites_active_range CHECK (
        active_from IS NULL OR active_to IS NULL OR active_from <= active_to),
    CONSTRAINT sites_version_check CHECK (version >= 1)
);
CREATE INDEX sites_parent_idx ON sites (parent_id);
CREATE INDEX sites_kind_idx ON sites (kind);

-- History of names and positions in the tree. parent_id is not a foreign key:
-- history must survive the later removal of a former parent.
CREATE TABLE site_changes (
    id         TEXT NOT NULL,
    site_id    TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    name       TEXT NOT NULL,
    code       TEXT NOT NULL DEFAULT '',
    parent_id  TEXT,
    path       TEXT NOT NULL,
    change     TEXT NOT NULL,
    CONSTRAINT site_changes_pkey PRIMARY KEY (id),
    CONSTRAINT site_changes_site_fkey FOREIGN KEY (site_id) REFERENCES sites (id) ON DELETE CASCADE
);
CREATE INDEX site_changes_site_idx ON site_changes (site_id, valid_from);

CREATE TABLE raters (
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    name_fold    TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL,
    CONSTRAINT raters_pkey PRIMARY KEY (id),
    CONSTRAINT raters_version_check CHECK (version >= 1)
);
CREATE INDEX raters_active_idx ON raters (active, id);

-- scale_id/scale_version are not a foreign key to scales: scales shipped in
-- the binary are served from memory and need not be stored.
CREATE TABLE reviews (
    id            TEXT NOT NULL,
    site_id       TEXT NOT NULL,
    scale_id      TEXT NOT NULL,
    scale_version TEXT NOT NULL,
    type          TEXT NOT NULL,
    status        TEXT NOT NULL,
    visit_start   TEXT NOT NULL,
    visit_end     TEXT NOT NULL,
    total         DOUBLE PRECISION,
    band          TEXT NOT NULL DEFAULT '',
    valid         BOOLEAN NOT NULL DEFAULT FALSE,
    complete      BOOLEAN NOT NULL DEFAULT FALSE,
    finalised_at  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL,
    CONSTRAINT reviews_pkey PRIMARY KEY (id),
    CONSTRAINT reviews_site_fkey FOREIGN KEY (site_id) REFERENCES sites (id),
    CONSTRAINT reviews_type_check CHECK (type IN ('external', 'self', 'remote')),
    CONSTRAINT reviews_status_check CHECK (
        status IN ('planned', 'in_progress', 'consensus', 'finalised')),
    CONSTRAINT reviews_visit_check CHECK (visit_start <= visit_end),
    CONSTRAINT reviews_version_check CHECK (version >= 1)
);
CREATE INDEX reviews_site_idx ON reviews (site_id, visit_end);
CREATE INDEX reviews_scale_idx ON reviews (scale_id, scale_version);
CREATE INDEX reviews_status_idx ON reviews (status, visit_end);
CREATE INDEX reviews_type_idx ON reviews (type);
CREATE INDEX reviews_visit_end_idx ON reviews (visit_end);

CREATE TABLE review_raters (
    review_id TEXT NOT NULL,
    rater_id  TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    CONSTRAINT review_raters_pkey PRIMARY KEY (review_id, rater_id),
    CONSTRAINT review_raters_review_fkey FOREIGN KEY (review_id) REFERENCES reviews (id) ON DELETE CASCADE,
    CONSTRAINT review_raters_rater_fkey FOREIGN KEY (rater_id) REFERENCES raters (id)
);
CREATE INDEX review_raters_rater_idx ON review_raters (rater_id);

-- rater_key is a rater id or 'consensus', so it is not a foreign key.
CREATE TABLE rating_sets (
    review_id    TEXT NOT NULL,
    rater_key    TEXT NOT NULL,
    scorecard    TEXT NOT NULL,
    submitted    BOOLEAN NOT NULL DEFAULT FALSE,
    submitted_at TEXT,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL,
    CONSTRAINT rating_sets_pkey PRIMARY KEY (review_id, rater_key),
    CONSTRAINT rating_sets_review_fkey FOREIGN KEY (review_id) REFERENCES reviews (id) ON DELETE CASCADE,
    CONSTRAINT rating_sets_version_check CHECK (version >= 1)
);

-- One row per rating set and item: the computed score (NULL when the item
-- has none) for aggregation in SQL, and the rater's input as JSON (NULL when
-- nothing was entered for the item).
CREATE TABLE ratings (
    review_id TEXT NOT NULL,
    rater_key TEXT NOT NULL,
    item_id   TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    score     INTEGER,
    input     TEXT,
    CONSTRAINT ratings_pkey PRIMARY KEY (review_id, rater_key, item_id),
    CONSTRAINT ratings_set_fkey FOREIGN KEY (review_id, rater_key)
        REFERENCES rating_sets (review_id, rater_key) ON DELETE CASCADE,
    CONSTRAINT ratings_score_check CHECK (score BETWEEN 1 AND 5)
);
CREATE INDEX ratings_item_idx ON ratings (item_id, rater_key);

CREATE TABLE corrections (
    id           TEXT NOT NULL,
    review_id    TEXT NOT NULL,
    item_id      TEXT NOT NULL,
    before_input TEXT NOT NULL,
    after_input  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    corrected_by TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    CONSTRAINT corrections_pkey PRIMARY KEY (id),
    CONSTRAINT corrections_review_fkey FOREIGN KEY (review_id) REFERENCES reviews (id)
);
CREATE INDEX corrections_review_idx ON corrections (review_id, created_at);

-- +goose Down
DROP TABLE corrections;
DROP TABLE ratings;
DROP TABLE rating_sets;
DROP TABLE review_raters;
DROP TABLE reviews;
DROP TABLE raters;
DROP TABLE site_changes;
DROP TABLE sites;
DROP TABLE scales;
