package importer

import (
	"regexp"
	"strings"
)

// Column names of the service's exports (internal/export), plus the
// optional columns a hand-filled file may add: site_path and rater_email
// identify sites and raters in a new database, and in the wide layout
// "ITEM.input" columns carry measured inputs and "ITEM.elements" a
// checklist's elements present.
const (
	colReviewID   = "review_id"
	colSiteID     = "site_id"
	colSiteCode   = "site_code"
	colSiteName   = "site_name"
	colSitePath   = "site_path"
	colScale      = "scale"
	colVersion    = "scale_version"
	colType       = "review_type"
	colStatus     = "review_status"
	colVisitStart = "visit_start"
	colVisitEnd   = "visit_end"
	colRater      = "rater"
	colRaterName  = "rater_name"
	colRaterEmail = "rater_email"
	colItem       = "item"
	colSection    = "section"
	colScore      = "score"
	colTotal      = "total"
	colBand       = "band"
)

// ColumnLabel is how people name a column: the codebook's English and
// Norwegian labels (internal/export takes them from here). A header may
// give the label instead of the column name, as a spreadsheet made for
// reading (or a REDCap export with labels) does.
type ColumnLabel struct{ EN, NB string }

// ColumnLabels are the labels of the identity columns; item columns are
// named by item id only.
var ColumnLabels = map[string]ColumnLabel{
	colReviewID:   {"Review id (UUID)", "Gjennomgangs-id (UUID)"},
	colSiteID:     {"Site id (UUID)", "Enhets-id (UUID)"},
	colSiteCode:   {"Site code", "Enhetskode"},
	colSiteName:   {"Site name", "Enhetsnavn"},
	colSitePath:   {"Site path (codes from the top)", "Enhetssti (koder ovenfra)"},
	colScale:      {"Scale id", "Skala-id"},
	colVersion:    {"Scale version", "Skalaversjon"},
	colType:       {"Review type", "Type gjennomgang"},
	colStatus:     {"Review status", "Status"},
	colVisitStart: {"First day of the visit", "Første besøksdag"},
	colVisitEnd:   {"Last day of the visit", "Siste besøksdag"},
	colRater:      {"Rater id, or consensus", "Vurderer-id, eller consensus"},
	colRaterName:  {"Rater name (empty for consensus)", "Vurderers navn (tomt for konsensus)"},
	colRaterEmail: {"Rater e-mail", "Vurderers e-post"},
	colItem:       {"Item id", "Element-id"},
	colSection:    {"Section of the item", "Seksjon"},
	colScore:      {"Item score", "Skår"},
	colTotal:      {"Consensus total", "Konsensus totalskår"},
	colBand:       {"Fidelity band of the consensus total", "Nivå for totalskår"},
}

// byLabel finds a column by its label, case and surrounding space aside.
var byLabel = func() map[string]string {
	out := map[string]string{}
	for name, l := range ColumnLabels {
		out[strings.ToLower(l.EN)] = name
		out[strings.ToLower(l.NB)] = name
	}
	return out
}()

// columnOf is the column a header cell names: its name or its label. The
// total's English label carries the aggregation in the exports' codebook
// ("Consensus total (sum of items)"): the part in brackets is not needed.
func columnOf(header string) (string, bool) {
	if _, ok := ColumnLabels[header]; ok {
		return header, true
	}
	if name, ok := byLabel[header]; ok {
		return name, true
	}
	if strings.HasPrefix(header, strings.ToLower(ColumnLabels[colTotal].EN)+" (") {
		return colTotal, true
	}
	return "", false
}

// itemColumn is a wide layout's item column: "O6", "S1.active_clients",
// "O2.elements".
var itemColumn = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_-]{0,15})(?:\.([a-z][a-z0-9_]{0,63}))?$`)

// ElementsInput is the input name of a wide column of checklist elements.
const ElementsInput = "elements"

// layout is a sheet's header, understood.
type layout struct {
	format Format
	index  map[string]int // known column → position
	items  []wideColumn   // wide only, in file order
	names  []string       // every header cell, for error messages
}

type wideColumn struct {
	pos   int
	item  string
	input string // "" for the score column
}

// readHeader understands a header row, or says why it cannot.
func readHeader(rec []string) (layout, []RowError) {
	l := layout{index: map[string]int{}, names: make([]string, len(rec))}
	var errs []RowError
	bad := func(i int, reason string) {
		errs = append(errs, RowError{Row: 1, Column: columnName(i), Value: clip(rec[i]), Reason: reason})
	}
	for i, raw := range rec {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(raw, "\ufeff")))
		l.names[i] = name
		col, known := columnOf(name)
		switch {
		case name == "":
			continue
		case known:
			name = col
			if _, dup := l.index[name]; dup {
				bad(i, "the column is there twice")
				continue
			}
			l.index[name] = i
		default:
			m := itemColumn.FindStringSubmatch(strings.TrimSpace(raw))
			if m == nil {
				bad(i, "is not a column of the long or wide layout, nor an item column such as O6 or S1.active_clients")
				continue
			}
			l.names[i] = strings.TrimSpace(raw)
			l.items = append(l.items, wideColumn{pos: i, item: m[1], input: m[2]})
		}
	}
	_, hasItem := l.index[colItem]
	_, hasScore := l.index[colScore]
	switch {
	case hasItem && hasScore:
		l.format = FormatLong
		for _, c := range l.items {
			bad(c.pos, "the long layout has no item columns: one row per item, in the columns item and score")
		}
	case hasItem || hasScore:
		errs = append(errs, RowError{Row: 1, Reason: "the long layout needs both the columns item and score"})
	default:
		l.format = FormatWide
		if len(l.items) == 0 {
			errs = append(errs, RowError{Row: 1, Reason: "no item columns: the wide layout has one column per item"})
		}
	}
	need := []string{colScale, colVisitStart, colVisitEnd, colType}
	if l.format == FormatLong {
		need = append(need, colRater)
	}
	for _, c := range need {
		if _, ok := l.index[c]; !ok {
			errs = append(errs, RowError{Row: 1, Column: c, Reason: "the column is missing"})
		}
	}
	if !l.has(colSiteID) && !l.has(colSiteCode) && !l.has(colSitePath) {
		errs = append(errs, RowError{Row: 1, Column: colSitePath, Reason: "a site column is missing: site_path, site_code or site_id"})
	}
	return l, errs
}

func (l layout) has(col string) bool { _, ok := l.index[col]; return ok }

// columnName is the spreadsheet name of a 0-based column: A, B, …, AA.
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
