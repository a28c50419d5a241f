-- Re-scored scorecards (issue 15, scale versions). A finalised review's
-- consensus inputs scored again under another scale version through an
-- item map (scales/maps/), kept beside the review: the review, its scale
-- version and its scores are never changed by a re-scoring. One row per
-- review, target version, map and review version, so running the
-- re-scoring twice changes nothing, and a correction of the review (a new
-- review version) can be re-scored again without losing the earlier row.
-- Same portability rules as 00001_initial.sql: TEXT ids and instants,
-- JSON documents as TEXT.

-- +goose Up
CREATE TABLE rescored_scorecards (
    id                   TEXT NOT NULL,
    review_id            TEXT NOT NULL,
    review_version       INTEGER NOT NULL,
    source_scale_id      TEXT NOT NULL,
    source_scale_version TEXT NOT NULL,
    scale_id             TEXT NOT NULL,
    scale_version        TEXT NOT NULL,
    scale_encoding       INTEGER NOT NULL,
    map_checksum         TEXT NOT NULL,
    scorecard            TEXT NOT NULL,
    carried              TEXT NOT NULL,
    not_carried          TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    CONSTRAINT rescored_scorecards_pkey PRIMARY KEY (id),
    CONSTRAINT rescored_scorecards_review_fkey FOREIGN KEY (review_id) REFERENCES reviews (id),
    CONSTRAINT rescored_scorecards_once UNIQUE (review_id, scale_id, scale_version, map_checksum, review_version)
);
CREATE INDEX rescored_scorecards_target_idx ON rescored_scorecards (scale_id, scale_version, review_id);

-- +goose Down
DROP TABLE rescored_scorecards;
