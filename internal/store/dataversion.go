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
	if s.hasBumped() {
		return nil
	}
	if err := db.Exec(bumpShardSQL, dataVersionShard()).Error; err != nil {
		return err
	}
	s.markBumped()
	return nil
}

// bumpShardSQL moves one counter row; appendAuditAndBump runs it inside
// the audit event's INSERT.
const bumpShardSQL = "UPDATE data_version SET version = version + 1 WHERE shard = ?"

// dataVersionShard picks the counter row a transaction moves.
func dataVersionShard() int { return rand.IntN(dataVersionShards) }

// hasBumped reports whether the transaction the store is bound to has
// moved the data version already.
func (s *Store) hasBumped() bool { return s.bumped != nil && *s.bumped }

func (s *Store) markBumped() {
	if s.bumped != nil {
		*s.bumped = true
	}
}
