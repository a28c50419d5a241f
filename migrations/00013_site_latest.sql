-- site_latest: the read model of the national views. One row per site,
-- scale version and review type, holding that combination's latest
-- finalised review (by visit end, then id) with its total, band and
-- consensus item scores ("O1=4,O2=3,…", item ids in order). The heatmap,
-- comparison, league table and due dates read these rows instead of
-- ranking every review on every request.
--
-- It is derived data: the service rewrites a site's rows in the same
-- transaction as every write that changes which review is latest or what
-- it scored (finalise, correction), and `fidelity repair latest` rebuilds
-- it from the reviews. Site paths are not copied here: reads join sites,
-- so moves and deactivations need no upkeep.
--
-- Columns are named as in reviews (id = the review id) so that the one
-- review filter of the store serves both tables.

-- +goose Up
CREATE TABLE site_latest (
    site_id       TEXT             NOT NULL,
    scale_id      TEXT             NOT NULL,
    scale_version TEXT             NOT NULL,
    type          TEXT             NOT NULL,
    id            TEXT             NOT NULL,
    status        TEXT             NOT NULL DEFAULT 'finalised',
    visit_start   TEXT             NOT NULL,
    visit_end     TEXT             NOT NULL,
    total         DOUBLE PRECISION,
    band          TEXT             NOT NULL DEFAULT '',
    items         TEXT             NOT NULL DEFAULT '',
    CONSTRAINT site_latest_pkey PRIMARY KEY (site_id, scale_id, scale_version, type),
    CONSTRAINT site_latest_site_fkey FOREIGN KEY (site_id) REFERENCES sites (id),
    CONSTRAINT site_latest_review_fkey FOREIGN KEY (id) REFERENCES reviews (id)
);
CREATE INDEX site_latest_scale_idx ON site_latest (scale_id, scale_version);

-- Databases that already hold reviews get the table filled by the next
-- `fidelity migrate up` (also run at start): this marker asks for it.
CREATE TABLE read_model_rebuilds (
    name TEXT NOT NULL,
    CONSTRAINT read_model_rebuilds_pkey PRIMARY KEY (name)
);
INSERT INTO read_model_rebuilds (name) VALUES ('site_latest');

-- +goose Down
DROP TABLE read_model_rebuilds;
DROP TABLE site_latest;
