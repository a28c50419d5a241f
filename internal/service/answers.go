package service

import (
	"context"
	"strconv"
	"strings"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// Budgets of the encoded answers kept per process, by kind, so that one
// kind cannot push out the others (paging through filtered lists would
// otherwise flush every kept score): a finalised two-rater review's score
// answers about 30 KB, a page of 50 reviews about 32 KB, a site about
// 1.5 KB (every site of a national programme fits).
const (
	scoreAnswerBudget = 8 << 20
	listAnswerBudget  = 4 << 20
	siteAnswerBudget  = 4 << 20
)

// keptAnswers keeps encoded answers keyed by the versions of everything an
// answer is computed from (see scoreKey, reviewListKey and siteKey), so an
// answer is reused exactly as long as nothing it shows has changed: no
// time to live, no invalidation messages, and every replica decides from
// what it reads in the database on the request itself.
//
// Why: reading and decoding the rows an answer shows and encoding them
// again is most of the cost of the views clients reload most (the score
// view, a page of the review list, a site's page); their versions are a
// few bytes.
//
// Besides the database, an answer depends on the scale catalog (band
// labels, review policies), which grows while the process runs when a
// scale is uploaded: the catalog's generation, read before the answer is
// computed, is part of every key. Each kind is answered in one encoding
// (the REST contract's JSON): the adapters' other renderings do not go
// through here.
type keptAnswers struct {
	entries *lru.Cache[string, []byte]
	mu      sync.Mutex // orders bytes against evictions
	bytes   int        // keys and answers held
	budget  int
}

func newKeptAnswers(budget int) *keptAnswers {
	c := &keptAnswers{budget: budget}
	// The count bound only backs up the byte budget.
	entries, err := lru.NewWithEvict(budget/512, func(k string, b []byte) { c.bytes -= len(k) + len(b) })
	if err != nil {
		return nil
	}
	c.entries = entries
	return c
}

// answerKey is key under the catalog generation gen.
func answerKey(gen int64, key string) string {
	return strconv.FormatInt(gen, 10) + "|" + key
}

func (c *keptAnswers) get(gen int64, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries.Get(answerKey(gen, key))
}

// put keeps b, the answer computed at catalog generation gen, under key.
// The bytes kept are a copy of exactly len(b): an encoder's spare capacity
// is not held, and the budget counts what is.
func (c *keptAnswers) put(gen int64, key string, b []byte) {
	key = answerKey(gen, key)
	if len(key)+len(b) > c.budget/8 {
		return // one answer may not push out most of the others
	}
	b = append([]byte(nil), b...)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries.Contains(key) {
		return
	}
	c.entries.Add(key, b)
	c.bytes += len(key) + len(b)
	for c.bytes > c.budget && c.entries.Len() > 1 {
		c.entries.RemoveOldest()
	}
}

// answerStores are the kept answers of one process, by kind; nil when
// caching is off.
type answerStores struct {
	score, list, site *keptAnswers
}

func newAnswerStores() *answerStores {
	return &answerStores{
		score: newKeptAnswers(scoreAnswerBudget),
		list:  newKeptAnswers(listAnswerBudget),
		site:  newKeptAnswers(siteAnswerBudget),
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
	b.WriteString("score:")
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
	if s.answers == nil {
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
	gen := s.scales.Generation()
	if b, ok := s.answers.score.get(gen, scoreKey(r, heads, blind)); ok {
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
	s.answers.score.put(gen, scoreKey(r, sets, blind), b)
	return b, nil
}

// reviewListKey names what a page of the review list is a function of: the
// reviews on it as stored, in order (a review's version moves on every
// write to its row and its raters), and the page size (the next cursor is
// given only for a full page). Who asks and how they filtered decide which
// reviews are on the page, not what is shown of them, so neither is in the
// key: the heads are read under the caller's filter on every request.
func reviewListKey(limit int, heads []ReviewHead) string {
	var b strings.Builder
	b.Grow(16 + len(heads)*40)
	b.WriteString("reviews:")
	b.WriteString(strconv.Itoa(limit))
	for _, h := range heads {
		b.WriteByte('|')
		b.WriteString(h.ID)
		b.WriteByte('@')
		b.WriteString(strconv.Itoa(h.Version))
	}
	return b.String()
}

// ReviewListAnswer answers ListReviews in an adapter's encoding (encode
// turns a page and its next cursor into the bytes it sends). When the page
// holds the same reviews at the same versions as for an answer given
// before, that answer is sent again; otherwise the page is read, encoded
// and kept.
//
// A repeated request costs one light statement (ids and versions of the
// page, same filter, same order) instead of the page's rows with their
// raters; a new one costs both. The answer is kept under the versions of
// the rows it was encoded from, so a write between the two reads never
// files it under the wrong key.
func (s *Service) ReviewListAnswer(ctx context.Context, f ReviewFilter, encode func([]fidelity.Review, string) ([]byte, error)) ([]byte, error) {
	f = callersReviews(ctx, f)
	gen := s.scales.Generation()
	if s.answers != nil {
		heads, err := s.store.ListReviewHeads(ctx, f)
		if err != nil {
			return nil, err
		}
		if b, ok := s.answers.list.get(gen, reviewListKey(f.Limit, heads)); ok {
			return b, nil
		}
	}
	rs, err := s.store.ListReviews(ctx, f)
	if err != nil {
		return nil, err
	}
	b, err := encode(rs, reviewsCursor(rs, f.Limit))
	if err != nil || s.answers == nil {
		return b, err
	}
	heads := make([]ReviewHead, len(rs))
	for i, r := range rs {
		heads[i] = ReviewHead{ID: r.ID, Version: r.Version}
	}
	s.answers.list.put(gen, reviewListKey(f.Limit, heads), b)
	return b, nil
}
