-- A rater's home site: the site (and so the subtree) a rater belongs to,
-- which decides together with the rater's reviews which scoped keys may see
-- and change the rater (docs/security.md, API1). A table of its own rather
-- than a column on raters, so that it can carry foreign keys and still be
-- dropped on SQLite, whose ALTER TABLE … DROP COLUMN refuses columns used in
-- a foreign key. At most one home site per rater; none is allowed (raters
-- created before this migration, or by unscoped keys), and such a rater is
-- then visible to scoped keys only through the reviews it is assigned to.

-- +goose Up
CREATE TABLE rater_home_sites (
    rater_id TEXT NOT NULL,
    site_id  TEXT NOT NULL,
    CONSTRAINT rater_home_sites_pkey PRIMARY KEY (rater_id),
    CONSTRAINT rater_home_sites_rater_fkey FOREIGN KEY (rater_id) REFERENCES raters (id) ON DELETE CASCADE,
    CONSTRAINT rater_home_sites_site_fkey FOREIGN KEY (site_id) REFERENCES sites (id)
);
CREATE INDEX rater_home_sites_site_idx ON rater_home_sites (site_id);

-- +goose Down
DROP TABLE rater_home_sites;
