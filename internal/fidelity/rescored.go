package fidelity

import "time"

// RescoredScorecard is a finalised review's consensus inputs scored again
// under another scale version through an item map: a separate, labelled
// scorecard beside the review. The review, its scale version and its
// scores are never changed by it.
type RescoredScorecard struct {
	ID                 string
	ReviewID           string
	SourceScaleID      string
	SourceScaleVersion string
	// ReviewVersion is the review's version the inputs were read at; a
	// later correction of the review makes a new re-scoring possible.
	ReviewVersion int
	// MapChecksum identifies the item map used.
	MapChecksum string
	// Scorecard is under the target scale (its ScaleID, ScaleVersion and
	// ScaleEncoding); items not carried are missing, so it has no total
	// unless every item was carried.
	Scorecard  Scorecard
	Carried    []CarriedItem
	NotCarried []NotCarriedItem
	CreatedAt  time.Time
	CreatedBy  string
}

// CarriedItem is an item whose score was carried: "equal" copies the
// consensus score, "rescore" scores the renamed inputs under the new rule.
type CarriedItem struct {
	From string `json:"from"`
	To   string `json:"to"`
	How  string `json:"how"`
}

// NotCarriedItem is what could not be carried over, and why.
type NotCarriedItem struct {
	From   []string `json:"from"`
	To     []string `json:"to"`
	Reason string   `json:"reason"`
}
