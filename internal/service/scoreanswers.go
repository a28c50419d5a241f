package service

import (
	"context"
	"strconv"
	"strings"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// scoreAnswerBudget bounds the encoded score answers kept per process: a
// finalised two-rater review answers about 30 KB, so some five hundred
// reviews.
const scoreAnswerBudget = 16 << 20

// scoreAnswers keeps encoded answers of GET score keyed by the versions of
// everything an answer is computed from (see scoreKey), so an answer is
// reused exactly as long as nothing it shows has changed: no time to
// live, no invalidation messages, and every replica decides from what it
// reads in the database on the request itself.
//
// Why: reading and decoding every rater's stored scorecard and encoding
// them again was most of the cost of the score view, the page programme
// leads and raters reload most; the versions are a few bytes.
type scoreAnswers struct {
	entries *lru.Cache[string, []byte]
	mu      sync.Mutex // orders bytes against evictions
	bytes   int
	budget  int
}

func newScoreAnswers(budget int) *scoreAnswers {
	c := &scoreAnswers{budget: budget}
	// The count bound only backs up the byte budget.
	entries, err := lru.NewWithEvict(budget/1024, func(_ string, b []byte) { c.bytes -= len(b) })
	if err != nil {
		return nil
	}
	c.entries = entries
	return c
}

func (c *scoreAnswers) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries.Get(key)
}

func (c *scoreAnswers) put(key string, b []byte) {
	if len(b) > c.budget/8 {
		return // one answer may not push out most of the others
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries.Contains(key) {
		return
	}
	c.entries.Add(key, b)
	c.bytes += len(b)
	for c.bytes > c.budget && c.entries.Len() > 1 {
		c.entries.RemoveOldest()
	}
}

// scoreKey names what a score answer is a function of: the review as
// stored (its version moves on every write to its row: status, raters,
// plan, consensus total), each rating set as stored (its version moves on
// every save, submission and correction; sets are never deleted while
// their review exists), and what the caller may see of them (blind
// rating: while ratings are open a rater sees only their own; everyone
// else, and everyone once they are closed, sees all). The site's path is
// not in it: scope is checked on every request before the key is used.
func scoreKey(r fidelity.Review, sets []fidelity.RatingSet, blind blindRule) string {
	var b strings.Builder
	b.WriteString(r.ID)
	b.WriteByte('@')
	b.WriteString(strconv.Itoa(r.Version))
	if blind.on && ratingsOpen(r.Status) {
		b.WriteString("|only:")
		b.WriteString(blind.rater)
	}
	for _, rs := range sets {
		b.WriteByte('|')
		b.WriteString(rs.RaterKey)
		b.WriteByte('@')
		b.WriteString(strconv.Itoa(rs.Version))
	}
	return b.String()
}

// ScoreAnswer answers Score in an adapter's encoding (encode turns a
// ReviewScore into the bytes it sends). When the review, its rating sets
// and what the caller may see of them are as they were for an answer
// given before, that answer is sent again without reading a scorecard;
// otherwise the scorecards are read, the answer encoded and kept.
//
// Two statements answer a repeated request (the review with its site's
// path for the scope check, then the rating sets' versions), three a new
// one. The answer kept is keyed by the versions of the sets it was
// encoded from, so a write between the two reads never files a newer
// answer under an older key or the other way round.
func (s *Service) ScoreAnswer(ctx context.Context, reviewID string, encode func(ReviewScore) ([]byte, error)) ([]byte, error) {
	if s.scoreAnswers == nil {
		sc, err := s.Score(ctx, reviewID)
		if err != nil {
			return nil, err
		}
		return encode(sc)
	}
	r, err := visibleReview(ctx, s.store, reviewID)
	if err != nil {
		return nil, err
	}
	heads, err := s.store.ListRatingSetHeads(ctx, reviewID, false)
	if err != nil {
		return nil, err
	}
	blind := s.blindRuleFor(ctx)
	if b, ok := s.scoreAnswers.get(scoreKey(r, heads, blind)); ok {
		return b, nil
	}
	sets, err := s.store.ListRatingSetHeads(ctx, reviewID, true)
	if err != nil {
		return nil, err
	}
	b, err := encode(s.scoreOf(ctx, r, sets))
	if err != nil {
		return nil, err
	}
	s.scoreAnswers.put(scoreKey(r, sets, blind), b)
	return b, nil
}
