package store

import (
	"context"
	"math/rand/v2"

	"gorm.io/gorm"
)

// dataVersionShards is the number of counter rows in data_version
// (migrations/00012_data_version.sql).
const dataVersionShards = 16

// DataVersion returns the number of writes committed so far, as the sum of
// the shard counters in one snapshot. It grows with every committed write
// on any replica, so a report computed when it read N is current for as
// long as it still reads N.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.r(ctx).Raw("SELECT COALESCE(SUM(version), 0) FROM data_version").Scan(&v).Error
	return v, translate(err, "data version")
}

// bumpDataVersion adds one to a random shard inside the write's own
// transaction: the bump commits with the write or not at all. Once per
// transaction: readers see a transaction's writes all at once, so one
// bump tells them as well as one per write, and an import that records
// an audit event per site and rater it creates no longer updates the
// counter row each time (it holds the row's lock from the first bump
// to its commit either way).
func (s *Store) bumpDataVersion(db *gorm.DB) error {
	if s.bumped != nil && *s.bumped {
		return nil
	}
	shard := rand.IntN(dataVersionShards)
	if err := db.Exec("UPDATE data_version SET version = version + 1 WHERE shard = ?", shard).Error; err != nil {
		return err
	}
	if s.bumped != nil {
		*s.bumped = true
	}
	return nil
}
