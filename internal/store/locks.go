package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// LockReviewAt takes the review's row lock for the rest of the transaction
// and reads the review, its raters and its site's current path, in one
// statement (the write paths need all three; asked for apart they cost
// four). Writes that all touch one review queue behind each other instead
// of failing their optimistic version check, and reads made after it see
// what the previous holder committed. On PostgreSQL that is SELECT … FOR
// UPDATE; SQLite has a single writer connection, so its transactions are
// serial already and there is nothing to lock. A review that does not
// exist is KindNotFound.
func (s *Store) LockReviewAt(ctx context.Context, id string) (fidelity.Review, string, error) {
	return s.lockReviewAt(ctx, id, " FOR UPDATE OF r")
}

// LockReviewSharedAt is LockReviewAt in share mode (SELECT … FOR SHARE on
// PostgreSQL): any number of transactions hold it together, and none of
// them may write the review's row, while LockReviewAt (and any UPDATE or
// DELETE of the row) waits for all of them and they wait for it. It is for
// writes that change only what hangs off the review under keys of their
// own (a rater's autosave of their rating set); the service's comment at
// saveRatings holds the deadlock analysis. SQLite: as LockReviewAt.
func (s *Store) LockReviewSharedAt(ctx context.Context, id string) (fidelity.Review, string, error) {
	return s.lockReviewAt(ctx, id, " FOR SHARE OF r")
}

func (s *Store) lockReviewAt(ctx context.Context, id, lock string) (fidelity.Review, string, error) {
	if !s.inTx || s.dialect != dialectPostgres {
		lock = ""
	}
	return s.reviewAt(s.db.WithContext(ctx), id, lock)
}

// GetReviewAt returns a review with its raters and its site's current
// path in one statement: what every scoped read of a review needs (the
// path decides the scope), one round trip instead of two.
func (s *Store) GetReviewAt(ctx context.Context, id string) (fidelity.Review, string, error) {
	return s.reviewAt(s.r(ctx), id, "")
}

func (s *Store) reviewAt(db *gorm.DB, id, lock string) (fidelity.Review, string, error) {
	rows, err := db.Raw("SELECT "+reviewColumns+", s.path AS site_path, "+s.ratersColumn()+
		" FROM reviews r JOIN sites s ON s.id = r.site_id WHERE r.id = ?"+lock, id).Rows()
	if err != nil {
		return fidelity.Review{}, "", translate(err, reviewWhat(id))
	}
	found, err := scanReviewRows(rows, true)
	if err != nil {
		return fidelity.Review{}, "", translate(err, reviewWhat(id))
	}
	if len(found) == 0 {
		return fidelity.Review{}, "", notFound(reviewWhat(id))
	}
	out, err := reviewsOf(found[:1])
	if err != nil {
		return fidelity.Review{}, "", err
	}
	return out[0], found[0].Review.SitePath, nil
}
