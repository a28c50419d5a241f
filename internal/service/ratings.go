package service

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
	"github.com/ipsfidelity/fidelity/internal/scoring"
)

// MaxItemsPerRequest bounds the inputs of one write; a scale has at most a
// few dozen items, so more is a mistake or an attack.
const MaxItemsPerRequest = 200

// RatingSummary is what everyone on a review may see of a rater's work.
type RatingSummary struct {
	RaterID     string
	Submitted   bool
	SubmittedAt *time.Time
	Rated       int
	// Scorecard is nil while blind rating hides it from the caller.
	Scorecard *fidelity.Scorecard
}

// SaveRatings stores a rater's item inputs (replacing what they saved
// before), scores them, and, with submit, hands them in. The first save
// starts a planned review; the last submission moves it to consensus.
func (s *Service) SaveRatings(ctx context.Context, reviewID, raterID string, ifVersion int, items []fidelity.ItemInput, submit bool) (fidelity.RatingSet, error) {
	if err := s.MayWriteRatings(ctx, raterID); err != nil {
		return fidelity.RatingSet{}, err
	}
	if err := checkItemCount(items); err != nil {
		return fidelity.RatingSet{}, err
	}
	return s.saveRatings(ctx, reviewID, raterID, ifVersion, func(*scale.Scale) (DecodedRatings, error) {
		return DecodedRatings{Items: items, Submit: submit}, nil
	}, !submit)
}

// DecodedRatings is a rating set read from a body in an exchange format.
type DecodedRatings struct {
	Items  []fidelity.ItemInput
	Submit bool
	// Field names a field of the scoring engine's errors ("items[3].score")
	// as the body named it; nil leaves the engine's names.
	Field func(engineField string) string
}

// RatingsDecoder reads a body once the review's scale is known (a FHIR
// QuestionnaireResponse answers the scale's Questionnaire).
type RatingsDecoder func(sc *scale.Scale) (DecodedRatings, error)

// ImportRatings saves a rater's rating set sent in an exchange format:
// the role is checked before anything is read; then, in one transaction,
// the review is read and locked, its scale decodes the body, and the set
// is saved under the rules of SaveRatings. The engine's errors name the
// fields as the body did.
func (s *Service) ImportRatings(ctx context.Context, reviewID, raterID string, ifVersion int, decode RatingsDecoder) (fidelity.RatingSet, error) {
	if err := s.MayWriteRatings(ctx, raterID); err != nil {
		return fidelity.RatingSet{}, err
	}
	return s.saveRatings(ctx, reviewID, raterID, ifVersion, decode, true)
}

func checkItemCount(items []fidelity.ItemInput) error {
	if len(items) > MaxItemsPerRequest {
		return fidelity.Invalid("too many items", fidelity.FieldError{Field: "items", Reason: "at most 200 items per request"})
	}
	return nil
}

// saveRatings is SaveRatings once the caller's role is checked: decode
// gives the inputs under the review's scale. autosave says the caller
// does not mean to submit (an import learns that only from its body, so
// it says true and is restarted if the body submits).
//
// Which lock on the review's row, and why no two writers deadlock on it
// (PostgreSQL, READ COMMITTED; SQLite runs one writing transaction at a
// time, so both modes are no lock there):
//
// An autosave of a review that is in_progress writes only rows under its
// own key: its rating_sets row (UPDATE … WHERE version = ?, or INSERT for
// a first save, whose foreign-key check takes FOR KEY SHARE of the review
// row, which a share lock already covers), that set's ratings rows (one
// statement), a new audit_events row, and last one data_version shard
// (UPDATE of one of 16 rows, held to commit). It never writes the review
// row. So it takes the review row FOR SHARE, first: autosaves of one
// review by different raters hold it together and then touch disjoint
// rows except, possibly, the same data_version shard, which each takes as
// its last lock and so waits only for a transaction that waits for
// nothing. Two autosaves of the same rater (two tabs) meet on their
// rating_sets row, which comes before its ratings rows: the second waits
// for the first to commit, then finds the version moved and is retried
// (retryStale) in a new transaction.
//
// Everything that writes the review row takes it FOR UPDATE as its first
// lock (lockedReviewAt): a submit (it records who has submitted, and the
// last one moves the review to consensus), the first save of a planned
// review (→ in_progress), plan edits and start (UpdateReview,
// StartReview), consensus, finalising, corrections, report flows and
// re-scoring; imports create new reviews only. FOR UPDATE waits for every
// share holder to commit and excludes new ones, and since such a writer
// holds nothing before it, a share holder never waits for it: no cycle.
// After it, a share holder reads the row as that writer committed it, so
// an autosave never writes a rating set of a review that moved to
// consensus or was finalised meanwhile, nor of a rater a plan edit
// removed. (A transaction that appends an audit event and then locks
// another review could wait on a shard while an autosave of that review
// waits for the same shard; that was so with FOR UPDATE too, and the
// database breaks such a deadlock and retryStale reruns the loser.)
//
// A share holder must never write the review row: two holders that both
// UPDATE it wait for each other's share lock, a deadlock. So when the
// review read under the share lock turns out to need its row written (it
// is still planned, or the body submits), the transaction is rolled back
// and run again with FOR UPDATE (errNeedsReviewWrite) instead of upgrading
// the lock.
func (s *Service) saveRatings(ctx context.Context, reviewID, raterID string, ifVersion int, decode RatingsDecoder, autosave bool) (fidelity.RatingSet, error) {
	shared := autosave
	for {
		var out fidelity.RatingSet
		var named func(string) string
		err := retryStale(ctx, func() error {
			return s.store.InTx(ctx, func(tx Store) error {
				var err error
				out, named, err = s.saveRatingsIn(ctx, tx, reviewID, raterID, ifVersion, decode, shared)
				return err
			})
		})
		if shared && errors.Is(err, errNeedsReviewWrite) {
			shared = false
			continue
		}
		return out, renameFields(err, named)
	}
}

// errNeedsReviewWrite rolls back a save made under the review's share
// lock that would write the review's row; saveRatings runs it again under
// the exclusive lock. A *fidelity.Error, so the store passes it through.
var errNeedsReviewWrite = &fidelity.Error{Kind: fidelity.KindInternal,
	Message: "the save writes the review's row: it needs the review's exclusive lock"}

// saveRatingsIn is one attempt of saveRatings inside tx, holding the
// review's row lock in share mode when shared. It returns the stored set
// and the body's field namer.
func (s *Service) saveRatingsIn(ctx context.Context, tx Store, reviewID, raterID string, ifVersion int, decode RatingsDecoder, shared bool) (fidelity.RatingSet, func(string) string, error) {
	lock := lockedReviewAt
	if shared {
		lock = sharedReviewAt
	}
	r, path, err := lock(ctx, tx, reviewID)
	if err != nil {
		return fidelity.RatingSet{}, nil, err
	}
	if shared && r.Status == fidelity.StatusPlanned {
		return fidelity.RatingSet{}, nil, errNeedsReviewWrite
	}
	sc, err := s.resolveScale(r.ScaleID, r.ScaleVersion)
	if err != nil {
		return fidelity.RatingSet{}, nil, err
	}
	in, err := decode(sc)
	if err != nil {
		return fidelity.RatingSet{}, nil, err
	}
	items, submit, named := in.Items, in.Submit, in.Field
	if err := checkItemCount(items); err != nil {
		return fidelity.RatingSet{}, named, err
	}
	if !slices.Contains(r.RaterIDs, raterID) {
		return fidelity.RatingSet{}, named, fidelity.Errorf(fidelity.KindForbidden, "rater %s is not assigned to review %s", raterID, reviewID)
	}
	switch r.Status {
	case fidelity.StatusConsensus, fidelity.StatusFinalised:
		return fidelity.RatingSet{}, named, fidelity.Errorf(fidelity.KindConflict, "review %s is in status %s; individual ratings are closed", reviewID, r.Status)
	}
	// Under the share lock the review is in progress here (planned went
	// back above, consensus and finalised are refused): only a submit
	// writes its row.
	if shared && submit {
		return fidelity.RatingSet{}, named, errNeedsReviewWrite
	}
	card, err := scoring.Score(sc, items)
	if err != nil {
		return fidelity.RatingSet{}, named, err
	}
	if submit && !card.Valid {
		return fidelity.RatingSet{}, named, fidelity.Invalid("the ratings cannot be submitted yet",
			fidelity.FieldError{Field: "items", Reason: card.InvalidReason})
	}
	sets, err := tx.ListRatingSetHeads(ctx, reviewID, false)
	if err != nil {
		return fidelity.RatingSet{}, named, err
	}
	rs := findSet(sets, raterID)
	rs.ReviewID = reviewID
	if rs.Submitted {
		return fidelity.RatingSet{}, named, fidelity.Errorf(fidelity.KindConflict, "rater %s has already submitted; submitted ratings are final", raterID)
	}
	if err := checkVersion("rating set", rs.Version, ifVersion); err != nil {
		return fidelity.RatingSet{}, named, err
	}
	now := s.now()
	rs.Inputs, rs.Scorecard, rs.UpdatedAt = items, card, now
	if submit {
		rs.Submitted, rs.SubmittedAt = true, &now
	}
	if err := tx.PutRatingSet(ctx, rs); err != nil {
		return fidelity.RatingSet{}, named, err
	}
	rs.Version++
	if err := s.advanceAfterRating(ctx, tx, r, replaceSet(sets, rs), submit); err != nil {
		return fidelity.RatingSet{}, named, err
	}
	action := "rating.save"
	if submit {
		action = "rating.submit"
	}
	// The state before is the previous event's "after"; recording only the
	// version here keeps the write path to one extra row.
	if err := s.record(ctx, tx, action, fidelity.ResourceRatingSet, reviewID+"/"+raterID, path,
		map[string]int{"version": rs.Version - 1}, rs); err != nil {
		return fidelity.RatingSet{}, named, err
	}
	return rs, named, nil
}

// renameFields renames the fields of an invalid-input error with name
// (nil: as they are).
func renameFields(err error, name func(string) string) error {
	var fe *fidelity.Error
	if name == nil || !errors.As(err, &fe) || fe.Kind != fidelity.KindInvalid {
		return err
	}
	out := *fe
	out.Fields = make([]fidelity.FieldError, len(fe.Fields))
	for i, f := range fe.Fields {
		f.Field = name(f.Field)
		out.Fields[i] = f
	}
	return &out
}

// MayWriteRatings checks the caller's role before anything is read: leads
// and raters write ratings, a rater only their own. SaveRatings starts with
// it; an adapter that must read the review before it can decode a body
// (the FHIR import) asks first, so it answers exactly like the JSON write.
func (s *Service) MayWriteRatings(ctx context.Context, raterID string) error {
	if err := requireRole(ctx, fidelity.RoleLead, fidelity.RoleRater); err != nil {
		return err
	}
	if p := caller(ctx); p.Role == fidelity.RoleRater && p.RaterID != raterID {
		return fidelity.Errorf(fidelity.KindForbidden, "raters may only save their own ratings")
	}
	return nil
}

// advanceAfterRating moves the review on after a rating write: planned →
// in_progress on the first save, in_progress → consensus once every
// assigned rater has submitted. sets are the review's rating sets
// including the one just written.
//
// The review row is written only when the review as clients see it
// changes — its status, or its list of raters who have submitted — so its
// ETag moves exactly then. An autosave leaves it alone: concurrent writes
// to one review are serialised by the review's row lock (LockReviewAt),
// (shared by autosaves, exclusive for every write of the review's row),
// not by its version, and other raters cannot watch a rater work by
// watching the review's version move.
func (s *Service) advanceAfterRating(ctx context.Context, tx Store, r fidelity.Review, sets []fidelity.RatingSet, submitted bool) error {
	before := r.Status
	if r.Status == fidelity.StatusPlanned {
		r.Status = fidelity.StatusInProgress
	}
	if allSubmitted(r, sets) {
		r.Status = fidelity.StatusConsensus
	}
	if r.Status == before && !submitted {
		return nil
	}
	r.UpdatedAt = s.now()
	return tx.SetReviewState(ctx, r)
}

// findSet returns the set of raterKey, or a new empty one (Version 0).
func findSet(sets []fidelity.RatingSet, raterKey string) fidelity.RatingSet {
	for _, rs := range sets {
		if rs.RaterKey == raterKey {
			return rs
		}
	}
	return fidelity.RatingSet{RaterKey: raterKey}
}

// replaceSet returns sets with rs in place of the set of the same rater.
func replaceSet(sets []fidelity.RatingSet, rs fidelity.RatingSet) []fidelity.RatingSet {
	out := make([]fidelity.RatingSet, 0, len(sets)+1)
	for _, s := range sets {
		if s.RaterKey != rs.RaterKey {
			out = append(out, s)
		}
	}
	return append(out, rs)
}

// allSubmitted reports whether every assigned rater has submitted.
func allSubmitted(r fidelity.Review, sets []fidelity.RatingSet) bool {
	n := 0
	for _, rs := range sets {
		if rs.Submitted && slices.Contains(r.RaterIDs, rs.RaterKey) {
			n++
		}
	}
	return n == len(r.RaterIDs)
}

// GetRatings returns one rater's ratings with their scorecard.
func (s *Service) GetRatings(ctx context.Context, reviewID, raterID string) (fidelity.RatingSet, error) {
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return fidelity.RatingSet{}, err
	}
	if !slices.Contains(r.RaterIDs, raterID) {
		return fidelity.RatingSet{}, notFound("rater on this review", raterID)
	}
	if !s.blindRuleFor(ctx).shows(r.Status, raterID) {
		return fidelity.RatingSet{}, fidelity.Errorf(fidelity.KindForbidden,
			"another rater's ratings stay hidden until every rater has submitted (independent rating)")
	}
	rs, err := s.store.GetRatingSet(ctx, reviewID, raterID)
	if fidelity.KindOf(err) == fidelity.KindNotFound {
		return fidelity.RatingSet{ReviewID: reviewID, RaterKey: raterID, Inputs: []fidelity.ItemInput{}}, nil
	}
	return rs, err
}

// RatingSummaries lists every assigned rater's progress on a review.
func (s *Service) RatingSummaries(ctx context.Context, reviewID string) ([]RatingSummary, error) {
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return nil, err
	}
	sets, err := s.store.ListRatingSetHeads(ctx, reviewID, true)
	if err != nil {
		return nil, err
	}
	return s.summaries(ctx, r, sets), nil
}

// summaries builds the progress list from rating-set heads with scorecards,
// hiding scorecards the caller may not see yet.
func (s *Service) summaries(ctx context.Context, r fidelity.Review, sets []fidelity.RatingSet) []RatingSummary {
	blind := s.blindRuleFor(ctx)
	out := make([]RatingSummary, 0, len(r.RaterIDs))
	for _, id := range r.RaterIDs {
		sum := RatingSummary{RaterID: id}
		for _, rs := range sets {
			if rs.RaterKey != id {
				continue
			}
			sum.Submitted, sum.Rated, sum.SubmittedAt = rs.Submitted, rs.Scorecard.Rated, rs.SubmittedAt
			if blind.shows(r.Status, id) {
				card := rs.Scorecard
				sum.Scorecard = &card
			}
		}
		out = append(out, sum)
	}
	return out
}
