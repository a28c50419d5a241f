-- The data version: a number that grows with every committed write, read by
-- every replica to tell whether a cached report is still current.
--
-- Every write transaction appends an audit event, and appending an event
-- adds 1 to one of sixteen shard counters (chosen at random), so the sum of
-- the shards strictly grows with each commit that any replica makes. One
-- counter row would do the same, but every write would then queue on that
-- row's lock until it commits; sixteen rows divide that wait by sixteen.
-- The sum is read in one statement, so it is one snapshot's count of
-- committed writes: two reads that give the same sum saw the same writes.

-- +goose Up
CREATE TABLE data_version (
    shard   INTEGER NOT NULL,
    version BIGINT  NOT NULL DEFAULT 0,
    CONSTRAINT data_version_pkey PRIMARY KEY (shard),
    CONSTRAINT data_version_shard_check CHECK (shard >= 0 AND shard < 16)
);
INSERT INTO data_version (shard, version) VALUES
    (0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0),
    (8, 0), (9, 0), (10, 0), (11, 0), (12, 0), (13, 0), (14, 0), (15, 0);

-- +goose Down
DROP TABLE data_version;
