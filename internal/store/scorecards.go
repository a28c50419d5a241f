package store

import (
	"encoding/json"
	"hash/maphash"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// Decoding a stored scorecard (about 6 KB of JSON, 25 items) was a third
// of the CPU of GET /v1/reviews/{id}/score and the largest cost of every
// read of rating-set heads. A scorecard's text is all its decoding depends
// on, so decoded scorecards are kept by their exact stored text: whatever
// wrote the row (a save, a rescore, an import), the same text decodes to
// the same value, and a changed text is simply another entry. Entries are
// found by a hash of the text and then compared in full, so a collision
// can only cost a decode. Callers get a Clone, never the kept value.
//
// The cache is per process and bounded by scorecardCacheEntries (about
// 12 KB each with the text: 6 MB at most).
const scorecardCacheEntries = 512

var scorecards = newScorecardCache(scorecardCacheEntries)

type scorecardCache struct {
	seed    maphash.Seed
	entries *lru.Cache[uint64, *decodedScorecard]
}

type decodedScorecard struct {
	text string
	card fidelity.Scorecard
}

func newScorecardCache(n int) *scorecardCache {
	entries, err := lru.New[uint64, *decodedScorecard](n)
	if err != nil {
		panic(err) // only for n <= 0
	}
	return &scorecardCache{seed: maphash.MakeSeed(), entries: entries}
}

// decode sets out to the scorecard stored as text.
func (c *scorecardCache) decode(text string, out *fidelity.Scorecard) error {
	h := maphash.String(c.seed, text)
	if e, ok := c.entries.Get(h); ok && e.text == text {
		*out = e.card.Clone()
		return nil
	}
	var card fidelity.Scorecard
	if err := json.Unmarshal([]byte(text), &card); err != nil {
		return err
	}
	c.entries.Add(h, &decodedScorecard{text: text, card: card.Clone()})
	*out = card
	return nil
}
