// Package scale turns fidelity-scale YAML files into validated, immutable
// values, and keeps a catalog of them by id@version.
//
// The YAML format is documented for authors in scales/README.md; the Go
// types below mirror it one to one (yaml tags), so strict decoding rejects
// anything the format does not name.
package scale

import "github.com/ipsfidelity/fidelity/internal/fidelity"

// Text is a bilingual string (en, nb).
type Text = fidelity.Text

// Scale is one published version of a fidelity scale. Treat values as
// read-only once loaded: the catalog hands out shared pointers.
type Scale struct {
	ID      string `yaml:"id"`      // e.g. "se-fidelity"
	Version string `yaml:"version"` // e.g. "2008"; with ID it names one immutable scale
	// Encoding is the revision of this file's encoding of the printed form
	// (1 when absent). A correction that leaves the form itself unchanged —
	// a degenerate-input rule, a verification flag, a grouping — raises it
	// instead of minting a new version, so reviews stay comparable; see
	// "Encoding revisions" in scales/README.md.
	Encoding     int    `yaml:"encoding,omitempty"`
	EncodingNote Text   `yaml:"encoding_note,omitempty"` // what changed in this revision
	Title        Text   `yaml:"title"`
	Short        Text   `yaml:"short,omitempty"` // short name, e.g. "IPS-25"
	Source       Source `yaml:"source"`
	// Levels is the item score range; always 1–5 for the scales shipped, kept
	// explicit so the file says what it means.
	Levels      Levels       `yaml:"levels"`
	Aggregation Aggregation  `yaml:"aggregation"` // sum or mean
	Missing     MissingData  `yaml:"missing"`
	DataSources []DataSource `yaml:"data_sources"`
	Sections    []Section    `yaml:"sections"`
	Groupings   []Grouping   `yaml:"groupings,omitempty"`
	Items       []Item       `yaml:"items"`
	Bands       []Band       `yaml:"bands"`
	// ReviewPolicy is the review cycle; nil means DefaultReviewPolicy.
	ReviewPolicy *ReviewPolicy `yaml:"review_policy,omitempty"`

	// Filled by the loader, not by authors.
	Checksum string `yaml:"-"` // sha256 of the source bytes, hex
	Origin   string `yaml:"-"` // file name it was loaded from
	Raw      []byte `yaml:"-"` // the source bytes
}

// Revision returns the encoding revision, 1 for a file that names none.
func (s *Scale) Revision() int { return max(1, s.Encoding) }

// Ref returns "id@version".
func (s *Scale) Ref() string { return s.ID + "@" + s.Version }

// Source is the citation and licence note of a scale.
type Source struct {
	Citation string `yaml:"citation"`
	URL      string `yaml:"url,omitempty"`
	Licence  string `yaml:"licence"`
	Notes    Text   `yaml:"notes,omitempty"`
}

// Levels is the item score range.
type Levels struct {
	Min int `yaml:"min"`
	Max int `yaml:"max"`
}

// Aggregation says how item scores make the total.
type Aggregation string

const (
	AggregateSum  Aggregation = "sum"
	AggregateMean Aggregation = "mean"
)

// MissingData is the missing-data policy: how many items may lack a score
// for the total to still be valid, and what happens to them.
type MissingData struct {
	// MaxMissing is the number of unscored items tolerated; 0 = every item
	// must be scored for a valid total (the SE Fidelity Scale's rule).
	MaxMissing int `yaml:"max_missing"`
	// Impute is "none" (mean aggregation simply averages the rated items) or
	// "person_mean" (sum aggregation: missing items take the mean of the
	// rated items before summing). Required when MaxMissing > 0 and
	// Aggregation is sum.
	Impute string `yaml:"impute,omitempty"`
	Note   Text   `yaml:"note,omitempty"`
}

// DataSource is one code on the form (MIS, DOC, INT, OBS, ISP).
type DataSource struct {
	Code   string `yaml:"code"`
	CodeNB string `yaml:"code_nb,omitempty"`
	Label  Text   `yaml:"label"`
}

// Section is one of the scale's sections (Staffing, Organization, Services).
type Section struct {
	ID    string `yaml:"id"`
	Title Text   `yaml:"title"`
}

// Grouping is an extra way to group items (IPS principles, EUSE stages).
// An item may appear in at most one group of a grouping; items in none are
// simply not part of that view.
type Grouping struct {
	ID     string  `yaml:"id"`
	Title  Text    `yaml:"title"`
	Note   Text    `yaml:"note,omitempty"` // explains the mapping
	Groups []Group `yaml:"groups"`
	// Outside lists the items in no group of this grouping, each with the
	// reason; every item of the scale is in a group or here.
	Outside []Outside `yaml:"outside,omitempty"`
}

// Outside names items a grouping leaves out and says why.
type Outside struct {
	Items  []string `yaml:"items"`
	Reason Text     `yaml:"reason"`
}

// Group is one group of a grouping.
type Group struct {
	ID    string   `yaml:"id"`
	Title Text     `yaml:"title"`
	Items []string `yaml:"items"`
}

// ItemType says how an item is rated.
type ItemType string

const (
	// Ordinal: the rater picks the anchor 1–5 that fits.
	TypeOrdinal ItemType = "ordinal"
	// Measured: inputs → a derived number → interval rule → score.
	TypeMeasured ItemType = "measured"
	// Checklist: count of elements present → interval rule on the count.
	TypeChecklist ItemType = "checklist"
	// PerSpecialist: each employment specialist is scored (directly or by
	// the rule), the scores are averaged and rounded (ties go up: x.5 → x+1).
	TypePerSpecialist ItemType = "per_specialist"
)

// Item is one item of the scale.
type Item struct {
	ID          string   `yaml:"id"`     // e.g. "S1", "O2", "Sv14"
	Number      int      `yaml:"number"` // position on the printed form, 1-based within the scale
	Section     string   `yaml:"section"`
	Title       Text     `yaml:"title"`
	Description Text     `yaml:"description,omitempty"`
	DataSources []string `yaml:"data_sources"` // codes from Scale.DataSources
	Type        ItemType `yaml:"type"`
	// Verified is false where the domain notes mark the item as recalled but
	// not checked against the published form; reports say so.
	Verified bool `yaml:"verified"`
	// PartlyVerified (with Verified false) marks an item of which some
	// parts are checked against the form and some are recalled.
	PartlyVerified   bool    `yaml:"partly_verified,omitempty"`
	VerificationNote string  `yaml:"verification_note,omitempty"`
	Anchors          Anchors `yaml:"anchors"` // exactly the levels Min..Max
	// Rule is required for measured, checklist and measured per-specialist
	// items; absent for ordinal ones.
	Rule *Rule `yaml:"rule,omitempty"`
	// Elements lists the checklist elements (checklist items only).
	Elements []Element `yaml:"elements,omitempty"`
	// ElementsLabel names what the elements are when they are not simply
	// elements present, e.g. "Phases the specialists carry out" (S3).
	ElementsLabel Text `yaml:"elements_label,omitempty"`
	// Specialist says what is recorded per specialist (per_specialist only):
	// "score" (a direct 1–5 per specialist, e.g. Sv7) or "measure" (the rule's
	// inputs per specialist, e.g. Sv6).
	Specialist string `yaml:"specialist,omitempty"`
	Note       Text   `yaml:"note,omitempty"`
}

// Anchors maps each level to its anchor text.
type Anchors map[int]Text

// Element is one checklist element.
type Element struct {
	ID   string `yaml:"id"` // e.g. "a"
	Text Text   `yaml:"text"`
}

// Rule turns measured inputs into a score.
type Rule struct {
	// Inputs are what the rater enters (for checklist items: none; the
	// value is the count of elements present).
	Inputs []Input `yaml:"inputs,omitempty"`
	// Derive says how the value the intervals apply to is computed.
	Derive Derive `yaml:"derive"`
	// Domain is the range the derived value can take; the intervals must
	// cover it exactly, without gap or overlap.
	Domain Domain `yaml:"domain"`
	// Intervals map the derived value to a score.
	Intervals []Interval `yaml:"intervals"`
	// Caps lower the score when a condition on another input holds (e.g.
	// Sv6: no tracking form → at most 2; Sv10: fewer than 10 jobs → 1).
	Caps []Cap `yaml:"caps,omitempty"`
	// Degenerate says what an input value the intervals cannot rate scores
	// (and why): a zero denominator such as "no current jobs". Every
	// ratio or percent rule states its zero denominator here.
	Degenerate []Degenerate `yaml:"degenerate,omitempty"`
	// Alternatives raise the score when another way of meeting an anchor
	// holds (Sv6: twice the job seekers when there are fewer than three).
	Alternatives []Alternative `yaml:"alternatives,omitempty"`
	// Printed is the rule as printed on the form, for people.
	Printed Text `yaml:"printed,omitempty"`
}

// Input is one measured input.
type Input struct {
	ID    string `yaml:"id"` // e.g. "active_clients"
	Label Text   `yaml:"label"`
	// Kind is "number" or "choice".
	Kind string `yaml:"kind"`
	Unit string `yaml:"unit,omitempty"` // "clients", "fte", "percent", "days", "per_week", "count"
	// For numbers: allowed range. Min/Max inclusive unless MinExclusive.
	Min          *float64 `yaml:"min,omitempty"`
	Max          *float64 `yaml:"max,omitempty"`
	MinExclusive bool     `yaml:"min_exclusive,omitempty"` // e.g. FTE > 0
	// For choices: the allowed option ids.
	Options []Option `yaml:"options,omitempty"`
	// Optional inputs may be left out; caps on them then do not apply.
	Optional bool `yaml:"optional,omitempty"`
}

// Option is one choice of a choice input.
type Option struct {
	ID    string `yaml:"id"`
	Label Text   `yaml:"label"`
}

// DeriveKind names how the rule's value is computed.
type DeriveKind string

const (
	DeriveValue   DeriveKind = "value"   // the input Of itself
	DeriveRatio   DeriveKind = "ratio"   // Numerator ÷ Denominator
	DerivePercent DeriveKind = "percent" // 100 × Numerator ÷ Denominator
	DeriveCount   DeriveKind = "count"   // number of checklist elements present
)

// Derive computes the rule's value from the inputs.
type Derive struct {
	Kind        DeriveKind `yaml:"kind"`
	Of          string     `yaml:"of,omitempty"`          // value
	Numerator   string     `yaml:"numerator,omitempty"`   // ratio, percent
	Denominator string     `yaml:"denominator,omitempty"` // ratio, percent (must be > 0)
}

// Domain is the range of a derived value. Max nil = unbounded above.
type Domain struct {
	Min float64  `yaml:"min"`
	Max *float64 `yaml:"max,omitempty"`
}

// Interval is one half-open or closed interval of the derived value. At
// least one bound is set; a missing bound is unbounded on that side. Exactly
// one of Score or Judge is set.
type Interval struct {
	Bounds `yaml:",inline"`
	// Score is the score for values in the interval.
	Score int `yaml:"score,omitempty"`
	// Judge lists the scores the rater must choose from (by a direct
	// score) when the number alone cannot decide, e.g. S3 with no phase
	// delivered is 1 or 2 depending on referral practice.
	Judge []int `yaml:"judge,omitempty"`
	// Printed is the range as printed on the form ("21–25").
	Printed string `yaml:"printed,omitempty"`
	// PrintedGap marks an interval the printed form leaves unassigned (or
	// assigns twice); Note must say which score was chosen and why.
	PrintedGap bool `yaml:"printed_gap,omitempty"`
	Note       Text `yaml:"note,omitempty"`
}

// Cap limits the score when a condition on an input holds.
type Cap struct {
	Input string `yaml:"input"`
	// For choice inputs: the options that trigger the cap.
	In []string `yaml:"in,omitempty"`
	// For number inputs: value < LT triggers the cap.
	LT       *float64 `yaml:"lt,omitempty"`
	MaxScore int      `yaml:"max_score"`
	Printed  Text     `yaml:"printed,omitempty"`
}

// Degenerate is the outcome of one input value the rule's derived value
// cannot rate. Exactly one of Score, Judge or Reject is set: Reject says
// the value is not a real team state and is refused with Reason.
type Degenerate struct {
	Input  string  `yaml:"input"`
	EQ     float64 `yaml:"eq"`
	Score  int     `yaml:"score,omitempty"`
	Judge  []int   `yaml:"judge,omitempty"`
	Reject bool    `yaml:"reject,omitempty"`
	Reason Text    `yaml:"reason"`
}

// Alternative lifts the score to at least Score when input When.Input is
// below When.LT and the derived value reaches Reach.Times × Reach.Of.
type Alternative struct {
	When    Condition `yaml:"when"`
	Reach   Reach     `yaml:"reach"`
	Score   int       `yaml:"score"`
	Printed Text      `yaml:"printed"`
}

// Condition holds when number input Input is given and below LT.
type Condition struct {
	Input string  `yaml:"input"`
	LT    float64 `yaml:"lt"`
}

// Reach is a threshold proportional to another input: Times × Of.
type Reach struct {
	Times float64 `yaml:"times"`
	Of    string  `yaml:"of"`
}

// Band is a named range of the total (sum) or mean, e.g. "good" 100–114.
type Band struct {
	ID    string `yaml:"id"`
	Label Text   `yaml:"label"`
	// Bounds of the total; the bands must cover the possible total range
	// exactly.
	Bounds   `yaml:",inline"`
	Printed  string `yaml:"printed,omitempty"`
	Verified bool   `yaml:"verified"`
	// PartlyVerified (with Verified false): one cut-off of the band is
	// checked, the other recalled.
	PartlyVerified   bool   `yaml:"partly_verified,omitempty"`
	VerificationNote string `yaml:"verification_note,omitempty"`
}

// Verification states how far a part of a scale is checked against the
// published form.
type Verification string

const (
	Verified       Verification = "verified"
	PartlyVerified Verification = "partly_verified"
	Recalled       Verification = "recalled"
)

func verification(verified, partly bool) Verification {
	switch {
	case verified:
		return Verified
	case partly:
		return PartlyVerified
	}
	return Recalled
}

// Verification of the item.
func (it *Item) Verification() Verification { return verification(it.Verified, it.PartlyVerified) }

// Verification of the band.
func (b *Band) Verification() Verification { return verification(b.Verified, b.PartlyVerified) }

// Band returns the band with the given id.
func (s *Scale) Band(id string) (*Band, bool) {
	for i := range s.Bands {
		if s.Bands[i].ID == id {
			return &s.Bands[i], true
		}
	}
	return nil, false
}

// Item returns the item with the given id.
func (s *Scale) Item(id string) (*Item, bool) {
	for i := range s.Items {
		if s.Items[i].ID == id {
			return &s.Items[i], true
		}
	}
	return nil, false
}

// TotalRange returns the possible range of the aggregate.
func (s *Scale) TotalRange() (min, max float64) {
	if s.Aggregation == AggregateMean {
		return float64(s.Levels.Min), float64(s.Levels.Max)
	}
	n := float64(len(s.Items))
	return n * float64(s.Levels.Min), n * float64(s.Levels.Max)
}
