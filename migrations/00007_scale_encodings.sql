-- Superseded encodings of a published scale version. A correction of the
-- encoding of the same printed form (a degenerate-input rule, a
-- verification flag, a grouping; see "Encoding revisions" in
-- scales/README.md) replaces the source and checksum in scales and keeps
-- the previous source here, so the bytes every stored scorecard was computed
-- with stay on record. Same portability rules as 00001_initial.sql.

-- +goose Up
CREATE TABLE scale_encodings (
    scale_id      TEXT NOT NULL,
    scale_version TEXT NOT NULL,
    checksum      TEXT NOT NULL,
    source        TEXT NOT NULL,
    origin        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    superseded_at TEXT NOT NULL,
    CONSTRAINT scale_encodings_pkey PRIMARY KEY (scale_id, scale_version, checksum)
);

-- +goose Down
DROP TABLE scale_encodings;
