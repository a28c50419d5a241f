package store

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// Row structs mirror migrations/00001_initial.sql one to one. They never
// leave this package: every method converts to and from the domain types.
// Instants and dates are strings here because the schema stores them as
// TEXT (see the migration for why).

type scaleRow struct {
	ID        string
	Version   string
	Checksum  string
	Source    string
	Origin    string
	CreatedAt string
}

func (scaleRow) TableName() string { return "scales" }

type siteRow struct {
	ID         string
	ParentID   *string
	Path       string
	Kind       string
	Code       string
	Name       string
	NameFold   string
	CodeFold   string
	ActiveFrom *string
	ActiveTo   *string
	CreatedAt  string
	UpdatedAt  string
	Version    int
}

func (siteRow) TableName() string { return "sites" }

// siteColumns are siteRow's columns in its field order.
const siteColumns = "id, parent_id, path, kind, code, name, name_fold, code_fold, " +
	"active_from, active_to, created_at, updated_at, version"

// dest returns scan targets into r for siteColumns.
func (r *siteRow) dest() []any {
	return []any{&r.ID, &r.ParentID, &r.Path, &r.Kind, &r.Code, &r.Name, &r.NameFold, &r.CodeFold,
		&r.ActiveFrom, &r.ActiveTo, &r.CreatedAt, &r.UpdatedAt, &r.Version}
}

type siteChangeRow struct {
	ID        string
	SiteID    string
	ValidFrom string
	Name      string
	Code      string
	ParentID  *string
	Path      string
	Change    string
}

func (siteChangeRow) TableName() string { return "site_changes" }

type raterRow struct {
	ID           string
	Name         string
	NameFold     string
	Organisation string
	Email        string
	Active       bool
	CreatedAt    string
	UpdatedAt    string
	Version      int
}

func (raterRow) TableName() string { return "raters" }

type reviewRow struct {
	ID           string
	SiteID       string
	ScaleID      string
	ScaleVersion string
	Type         string
	Status       string
	VisitStart   string
	VisitEnd     string
	Total        *float64
	Band         string
	Valid        bool
	Complete     bool
	FinalisedAt  *string
	CreatedAt    string
	UpdatedAt    string
	Version      int
	// SitePath is the review's site's path where a read joins sites for it
	// (LockReviewAt); read-only, never written to reviews.
	SitePath string `gorm:"->"`
}

func (reviewRow) TableName() string { return "reviews" }

// reviewColumns is the explicit column list for hand-written review
// queries, qualified with the alias r.
const reviewColumns = "r.id, r.site_id, r.scale_id, r.scale_version, r.type, r.status, " +
	"r.visit_start, r.visit_end, r.total, r.band, r.valid, r.complete, r.finalised_at, " +
	"r.created_at, r.updated_at, r.version"

type reviewRaterRow struct {
	ReviewID string
	RaterID  string
	Seq      int
}

func (reviewRaterRow) TableName() string { return "review_raters" }

type ratingSetRow struct {
	ReviewID    string
	RaterKey    string
	Scorecard   string
	Submitted   bool
	SubmittedAt *string
	UpdatedAt   string
	Version     int
}

func (ratingSetRow) TableName() string { return "rating_sets" }

type ratingRow struct {
	ReviewID string
	RaterKey string
	ItemID   string
	Seq      int
	Score    *int
	Input    *string
}

func (ratingRow) TableName() string { return "ratings" }

type correctionRow struct {
	ID          string
	ReviewID    string
	ItemID      string
	BeforeInput string
	AfterInput  string
	Reason      string
	CorrectedBy string
	CreatedAt   string
}

func (correctionRow) TableName() string { return "corrections" }

// Instants are stored in UTC with a fixed number of fraction digits so that
// string order is time order on both dialects; microseconds because that is
// PostgreSQL's timestamp precision, should a later migration convert them.
const (
	instantLayout = "2006-01-02T15:04:05.000000Z"
	dateLayout    = "2006-01-02"
)

// formatInstant stores t in UTC; a zero t means "now" so that a caller that
// forgot a timestamp does not persist year 1.
func formatInstant(t time.Time) string {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Format(instantLayout)
}

func formatInstantPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.UTC().Format(instantLayout)
	return &s
}

// formatDate keeps the calendar day of t in t's own location: a date given
// as local midnight must not slip to the previous day by conversion to UTC.
func formatDate(t time.Time) string { return t.Format(dateLayout) }

func formatDatePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := formatDate(*t)
	return &s
}

// decoder collects the first malformed value while converting a row, so
// conversions read straight through and report once.
type decoder struct{ err error }

func (d *decoder) instant(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil && d.err == nil {
		d.err = err
	}
	return t.UTC()
}

func (d *decoder) instantPtr(s *string) *time.Time {
	if s == nil {
		return nil
	}
	t := d.instant(*s)
	return &t
}

func (d *decoder) date(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil && d.err == nil {
		d.err = err
	}
	return t
}

func (d *decoder) datePtr(s *string) *time.Time {
	if s == nil {
		return nil
	}
	t := d.date(*s)
	return &t
}

func (d *decoder) json(s string, v any) {
	if err := json.Unmarshal([]byte(s), v); err != nil && d.err == nil {
		d.err = err
	}
}

// scorecard decodes a stored scorecard through the cache of decoded
// scorecards (scorecards.go): every read of a scorecard shares it.
func (d *decoder) scorecard(text string, out *fidelity.Scorecard) {
	if err := scorecards.decode(text, out); err != nil && d.err == nil {
		d.err = err
	}
}

func (d *decoder) fail(what string) error {
	if d.err == nil {
		return nil
	}
	return fidelity.Wrap(fidelity.KindInternal, d.err, "stored "+what+" is malformed")
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func strVal(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// fold is the case-insensitive search key; Go folds all of Unicode where
// SQLite's LOWER() would fold ASCII only.
func fold(s string) string { return strings.ToLower(s) }

func toSiteRow(s fidelity.Site) siteRow {
	return siteRow{
		ID: s.ID, ParentID: strPtr(s.ParentID), Path: s.Path, Kind: s.Kind,
		Code: s.Code, Name: s.Name, NameFold: fold(s.Name), CodeFold: fold(s.Code),
		ActiveFrom: formatDatePtr(s.ActiveFrom), ActiveTo: formatDatePtr(s.ActiveTo),
		CreatedAt: formatInstant(s.CreatedAt), UpdatedAt: formatInstant(s.UpdatedAt),
		Version: s.Version,
	}
}

func (r siteRow) domain() (fidelity.Site, error) {
	var d decoder
	s := fidelity.Site{
		ID: r.ID, ParentID: strVal(r.ParentID), Path: r.Path, Kind: r.Kind,
		Code: r.Code, Name: r.Name,
		ActiveFrom: d.datePtr(r.ActiveFrom), ActiveTo: d.datePtr(r.ActiveTo),
		CreatedAt: d.instant(r.CreatedAt), UpdatedAt: d.instant(r.UpdatedAt),
		Version: r.Version,
	}
	return s, d.fail("site " + r.ID)
}

func (r siteChangeRow) domain() (fidelity.SiteChange, error) {
	var d decoder
	c := fidelity.SiteChange{
		SiteID: r.SiteID, ValidFrom: d.instant(r.ValidFrom), Name: r.Name, Code: r.Code,
		ParentID: strVal(r.ParentID), Path: r.Path, Change: r.Change,
	}
	return c, d.fail("history of site " + r.SiteID)
}

func toRaterRow(r fidelity.Rater) raterRow {
	return raterRow{
		ID: r.ID, Name: r.Name, NameFold: fold(r.Name), Organisation: r.Organisation,
		Email: r.Email, Active: r.Active,
		CreatedAt: formatInstant(r.CreatedAt), UpdatedAt: formatInstant(r.UpdatedAt),
		Version: r.Version,
	}
}

func (r raterRow) domain() (fidelity.Rater, error) {
	var d decoder
	out := fidelity.Rater{
		ID: r.ID, Name: r.Name, Organisation: r.Organisation, Email: r.Email,
		Active: r.Active, CreatedAt: d.instant(r.CreatedAt), UpdatedAt: d.instant(r.UpdatedAt),
		Version: r.Version,
	}
	return out, d.fail("rater " + r.ID)
}

func toReviewRow(r fidelity.Review) reviewRow {
	return reviewRow{
		ID: r.ID, SiteID: r.SiteID, ScaleID: r.ScaleID, ScaleVersion: r.ScaleVersion,
		Type: string(r.Type), Status: string(r.Status),
		VisitStart: formatDate(r.VisitStart), VisitEnd: formatDate(r.VisitEnd),
		Total: r.Total, Band: r.Band, Valid: r.Valid, Complete: r.Complete,
		FinalisedAt: formatInstantPtr(r.FinalisedAt),
		CreatedAt:   formatInstant(r.CreatedAt), UpdatedAt: formatInstant(r.UpdatedAt),
		Version: r.Version,
	}
}

func (r reviewRow) domain(raters []string) (fidelity.Review, error) {
	var d decoder
	out := fidelity.Review{
		ID: r.ID, SiteID: r.SiteID, ScaleID: r.ScaleID, ScaleVersion: r.ScaleVersion,
		Type: fidelity.ReviewType(r.Type), Status: fidelity.ReviewStatus(r.Status),
		VisitStart: d.date(r.VisitStart), VisitEnd: d.date(r.VisitEnd),
		RaterIDs: raters, Total: r.Total, Band: r.Band, Valid: r.Valid, Complete: r.Complete,
		FinalisedAt: d.instantPtr(r.FinalisedAt),
		CreatedAt:   d.instant(r.CreatedAt), UpdatedAt: d.instant(r.UpdatedAt),
		Version: r.Version,
	}
	return out, d.fail("review " + r.ID)
}

// storedInput is the JSON form of an item input in the ratings table. It
// differs from fidelity.ItemInput's own tags in one place: Elements has no
// omitempty, because an empty checklist ("none of the elements present") is
// a score and must not come back as "not answered".
type storedInput struct {
	ItemID      string                     `json:"item"`
	Score       *int                       `json:"score,omitempty"`
	Values      map[string]float64         `json:"values,omitempty"`
	Choices     map[string]string          `json:"choices,omitempty"`
	Elements    []string                   `json:"elements"`
	Specialists []fidelity.SpecialistInput `json:"specialists,omitempty"`
	Evidence    string                     `json:"evidence,omitempty"`
	Sources     []string                   `json:"sources,omitempty"`
}

func encodeInput(in fidelity.ItemInput) (string, error) {
	b, err := json.Marshal(storedInput(in))
	if err != nil {
		return "", fidelity.Wrap(fidelity.KindInvalid, err, "item input of "+in.ItemID+" cannot be stored")
	}
	return string(b), nil
}

func (d *decoder) input(s string) fidelity.ItemInput {
	var in storedInput
	d.json(s, &in)
	return fidelity.ItemInput(in)
}

// scaleEncodingRow is a superseded encoding of a scale version (00007).
type scaleEncodingRow struct {
	ScaleID      string
	ScaleVersion string
	Checksum     string
	Source       string
	Origin       string
	CreatedAt    string
	SupersededAt string
}

func (scaleEncodingRow) TableName() string { return "scale_encodings" }
