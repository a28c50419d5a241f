// Package writtenreport holds the written fidelity review report — the
// document a review delivers to a team: cover, total and band with the
// trend, subtotals, the item table with strengths and recommendations, the
// action plan, the site's comments and how the scale works — and renders it
// as printable HTML and as PDF. It is pure: it depends on the domain types
// only, never on gin or gorm. The service assembles a Document from the
// stored review; this package only lays it out.
package writtenreport

import "time"

// Document is everything one written report shows, already resolved to
// one language (Lang). Texts written by reviewers and sites are kept as
// written; the package supplies its own headings in Lang.
type Document struct {
	Lang string // "nb" or "en"

	Site   Site
	Review Review
	Scale  Scale

	// Total is nil when the consensus has no valid total (InvalidReason says why).
	Total         *float64
	Min, Max      float64
	Band          Band
	InvalidReason string

	// Trend is the site's finalised reviews of the same review type in date
	// order, this one included; ScaleChange marks a point whose scale
	// version differs from the one before.
	Trend []TrendPoint

	Sections   []Subtotal // per scale section (Staffing, Organization, Services)
	Principles []Subtotal // per IPS principle or other grouping, when the scale has them
	Items      []Item     // in scale order

	// Narrative written by the reviewers.
	Summary   string
	Strengths string

	Actions  []Action
	Comments []Comment // the site's comments on the draft

	Lifecycle Lifecycle

	// Bands lists every band of the scale for "how the scale works".
	Bands []Band
	// HowItWorks is the scale's own short description in Lang.
	HowItWorks string
	// Unverified lists, in Lang, each item or band cut-off the scale file
	// marks as not verified against the published form.
	Unverified []string

	Generated time.Time
}

// Site is the reviewed team or office.
type Site struct {
	Name string
	Code string
	// Path is the names from the root down to the site, e.g.
	// ["NAV Vest", "NAV Bergen", "IPS-teamet Bergen nord"].
	Path []string
}

// Review is the review the report belongs to.
type Review struct {
	ID         string
	Type       string // localised, e.g. "Ekstern gjennomgang"
	VisitStart time.Time
	VisitEnd   time.Time
	Reviewers  []string // names
}

// Scale names the scale version the review was scored on.
type Scale struct {
	ID, Version, Title string
}

// Band is a fidelity band: its label in Lang and its total range.
type Band struct {
	ID     string
	Label  string
	Lo, Hi float64
	// Verified is false when a cut-off is not verified against the published form.
	Verified bool
	// Printed is the range as the published form prints it ("100–114");
	// "" shows Lo–Hi.
	Printed string
}

// TrendPoint is one earlier (or this) review's total.
type TrendPoint struct {
	Date        time.Time
	Total       float64
	Band        string
	ScaleChange bool
	Current     bool
}

// Subtotal is one section's or principle's score.
type Subtotal struct {
	ID, Label string
	Sum, Max  int
	Mean      float64
	Rated     int
	Items     int
}

// Item is one row of the item table.
type Item struct {
	ID, Section, Title string
	Score              *int // consensus score, nil when missing
	Previous           *int // the previous finalised review's score, nil when none
	Strength           string
	Recommendation     string
	Unverified         bool
}

// Change is Score − Previous, nil when either is missing.
func (it Item) Change() *int {
	if it.Score == nil || it.Previous == nil {
		return nil
	}
	d := *it.Score - *it.Previous
	return &d
}

// Action is one line of the agreed action plan.
type Action struct {
	ItemID, ItemTitle string
	Recommendation    string
	Text              string // the action as agreed or edited by the team's lead
	Owner             string
	Due               *time.Time
	Status            string // localised: proposed, accepted, dismissed, done
	Reason            string // why it was dismissed or edited
}

// Comment is the site's response to the draft.
type Comment struct {
	Date   time.Time
	Author string
	Text   string
}

// Lifecycle is where the report stands, with its deadlines.
type Lifecycle struct {
	Status     string // localised: draft, issued, commented, final
	IssuedOn   *time.Time
	IssuedTo   string
	CommentsOn *time.Time
	FinalOn    *time.Time
	Deadlines  []Deadline
}

// Deadline is one step of the report timeline (report due, comments due,
// evidence deleted, action plan due, technical support).
type Deadline struct {
	Step    string // localised
	Due     time.Time
	Done    *time.Time
	Overdue bool
}
