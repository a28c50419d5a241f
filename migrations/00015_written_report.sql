-- The written review report (issue 13): the reviewers' texts in versions,
-- the report's lifecycle, the site's comments and the actions the issued
-- report proposes. Same portability rules as 00001_initial.sql: TEXT ids,
-- TEXT instants ("2006-01-02T15:04:05.000000Z") and dates ("2006-01-02").
-- Deadlines are not stored: they follow from the dates kept here and the
-- review's visit end under the configured timeline.

-- +goose Up
CREATE TABLE written_reports (
    review_id          TEXT NOT NULL,
    status             TEXT NOT NULL,
    issued_on          TEXT,
    issued_to          TEXT NOT NULL DEFAULT '',
    final_on           TEXT,
    -- Set when the evidence notes of the review were purged (on request or
    -- by the retention sweep); the purge itself keeps no text.
    evidence_purged_at TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL,
    CONSTRAINT written_reports_pkey PRIMARY KEY (review_id),
    CONSTRAINT written_reports_review_fkey FOREIGN KEY (review_id) REFERENCES reviews (id),
    CONSTRAINT written_reports_status_check CHECK (status IN ('draft', 'issued', 'commented', 'final')),
    CONSTRAINT written_reports_version_check CHECK (version >= 1)
);
-- The retention sweep looks for final reports whose evidence is not purged.
CREATE INDEX written_reports_status_idx ON written_reports (status, final_on);

-- Every save of the texts is a new row; the highest seq is current. Rows
-- are never updated, so the text as issued stays on record beside any
-- correction made after it.
CREATE TABLE report_narratives (
    review_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    strengths  TEXT NOT NULL DEFAULT '',
    -- JSON object: item id → {"strength": …, "recommendation": …}.
    items      TEXT NOT NULL DEFAULT '{}',
    correction INTEGER NOT NULL DEFAULT 0,
    reason     TEXT NOT NULL DEFAULT '',
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT report_narratives_pkey PRIMARY KEY (review_id, seq),
    CONSTRAINT report_narratives_report_fkey FOREIGN KEY (review_id) REFERENCES written_reports (review_id),
    CONSTRAINT report_narratives_seq_check CHECK (seq >= 1),
    CONSTRAINT report_narratives_correction_check CHECK (correction IN (0, 1))
);

CREATE TABLE report_comments (
    id          TEXT NOT NULL,
    review_id   TEXT NOT NULL,
    author      TEXT NOT NULL,
    text        TEXT NOT NULL,
    received_on TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CONSTRAINT report_comments_pkey PRIMARY KEY (id),
    CONSTRAINT report_comments_report_fkey FOREIGN KEY (review_id) REFERENCES written_reports (review_id)
);
CREATE INDEX report_comments_review_idx ON report_comments (review_id, id);

CREATE TABLE report_actions (
    id             TEXT NOT NULL,
    review_id      TEXT NOT NULL,
    site_id        TEXT NOT NULL,
    item_id        TEXT NOT NULL,
    score          INTEGER NOT NULL,
    recommendation TEXT NOT NULL DEFAULT '',
    text           TEXT NOT NULL,
    owner          TEXT NOT NULL DEFAULT '',
    due            TEXT,
    status         TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    -- The action item (migrations/00002) created when the lead accepted.
    action_id      TEXT,
    decided_by     TEXT NOT NULL DEFAULT '',
    decided_at     TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL,
    CONSTRAINT report_actions_pkey PRIMARY KEY (id),
    CONSTRAINT report_actions_report_fkey FOREIGN KEY (review_id) REFERENCES written_reports (review_id),
    CONSTRAINT report_actions_site_fkey FOREIGN KEY (site_id) REFERENCES sites (id),
    CONSTRAINT report_actions_action_fkey FOREIGN KEY (action_id) REFERENCES action_items (id),
    CONSTRAINT report_actions_status_check CHECK (status IN ('proposed', 'accepted', 'dismissed')),
    CONSTRAINT report_actions_score_check CHECK (score BETWEEN 1 AND 5),
    CONSTRAINT report_actions_version_check CHECK (version >= 1)
);
-- One proposal per item of a review: issuing twice cannot duplicate them.
CREATE UNIQUE INDEX report_actions_item_key ON report_actions (review_id, item_id);

-- +goose Down
DROP INDEX report_actions_item_key;
DROP TABLE report_actions;
DROP INDEX report_comments_review_idx;
DROP TABLE report_comments;
DROP TABLE report_narratives;
DROP INDEX written_reports_status_idx;
DROP TABLE written_reports;
