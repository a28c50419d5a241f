package importer

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// cell is one cell as a reader found it.
type cell struct {
	text    string
	formula bool // an XLSX cell with a formula: its cached value is not trusted
	xlsx    bool // from a workbook: a date may be a serial day number
}

// rowParser turns the cells of a data row into a Row, collecting errors.
type rowParser struct {
	l      layout
	limits Limits
	sheet  string
	line   int
	cells  []cell
	errs   []RowError
}

func (p *rowParser) fail(col, value, reason string) {
	p.errs = append(p.errs, RowError{Sheet: p.sheet, Row: p.line, Column: col, Value: clip(value), Reason: reason})
}

// text returns a known column's cleaned text ("" when absent), failing
// formulas, invalid UTF-8 and over-long cells.
func (p *rowParser) text(col string) string {
	i, ok := p.l.index[col]
	if !ok {
		return ""
	}
	return p.at(i, col)
}

func (p *rowParser) at(i int, col string) string {
	if i >= len(p.cells) {
		return ""
	}
	c := p.cells[i]
	switch {
	case !utf8.ValidString(c.text):
		p.fail(col, strings.ToValidUTF8(c.text, "\uFFFD"), "is not valid UTF-8 text")
		return ""
	case len(c.text) > p.limits.MaxCellBytes:
		p.fail(col, c.text, "is longer than the longest cell allowed")
		return ""
	case c.formula || strings.HasPrefix(c.text, "="):
		p.fail(col, c.text, "is a formula; formulas are never evaluated: enter the value itself")
		return ""
	}
	return unescapeSafeCell(strings.TrimSpace(c.text))
}

// unescapeSafeCell undoes the exports' formula guard: text that would run
// as a formula was written with a leading apostrophe.
func unescapeSafeCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

func (p *rowParser) date(col string) time.Time {
	s := p.text(col)
	if s == "" {
		return time.Time{}
	}
	i := p.l.index[col]
	t, ok := parseDate(s, p.cells[i].xlsx)
	if !ok {
		p.fail(col, s, "must be a date such as 2024-03-18 or 18.03.2024")
	}
	return t
}

// excelEpoch is day 0 of Excel's 1900 date system (with its leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func parseDate(s string, serial bool) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if serial {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 1 && f < 2958466 && f == math.Trunc(f) {
			return excelEpoch.AddDate(0, 0, int(f)), true
		}
	}
	return time.Time{}, false
}

// number parses a decimal number written the English or the Norwegian way:
// "3.5", "3,5", "1 000,5".
func number(s string) (float64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// score parses an item score: a whole number ("4", "4.0", "4,0").
func score(s string) (int, bool) {
	f, ok := number(s)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1e6 {
		return 0, false
	}
	return int(f), true
}

// parse builds the Row; ok is false when the row is empty.
func (p *rowParser) parse() (Row, bool) {
	empty := true
	for _, c := range p.cells {
		if strings.TrimSpace(c.text) != "" {
			empty = false
			break
		}
	}
	if empty {
		return Row{}, false
	}
	r := Row{
		Sheet: p.sheet, Line: p.line, Format: p.l.format,
		ReviewID: p.text(colReviewID), SiteID: p.text(colSiteID), SiteCode: p.text(colSiteCode),
		SiteName: p.text(colSiteName), SitePath: p.text(colSitePath), Scale: p.text(colScale),
		Version: p.text(colVersion), Type: p.text(colType), Status: p.text(colStatus),
		VisitStart: p.date(colVisitStart), VisitEnd: p.date(colVisitEnd),
		Rater: p.text(colRater), RaterName: p.text(colRaterName), RaterEmail: p.text(colRaterEmail),
	}
	if t := p.text(colTotal); t != "" {
		r.TotalText = t
		if f, ok := number(t); ok {
			r.Total = &f
		} else {
			p.fail(colTotal, t, "must be a number")
		}
	}
	if p.l.format == FormatLong {
		r.Items = p.longItem()
	} else {
		r.Items = p.wideItems()
	}
	return r, true
}

func (p *rowParser) longItem() []ItemCell {
	item := p.text(colItem)
	s := p.text(colScore)
	if item == "" {
		p.fail(colItem, "", "is required")
		return nil
	}
	c := ItemCell{Item: item, Column: colScore}
	if s != "" {
		v, ok := score(s)
		if !ok {
			p.fail(colScore, s, "must be a whole number")
			return nil
		}
		c.Score = &v
	}
	return []ItemCell{c}
}

func (p *rowParser) wideItems() []ItemCell {
	var out []ItemCell
	index := map[string]int{}
	get := func(item, column string) *ItemCell {
		if j, ok := index[item]; ok {
			return &out[j]
		}
		index[item] = len(out)
		out = append(out, ItemCell{Item: item, Column: column})
		return &out[len(out)-1]
	}
	for _, wc := range p.l.items {
		col := p.l.names[wc.pos]
		s := p.at(wc.pos, col)
		if s == "" {
			continue
		}
		c := get(wc.item, col)
		switch wc.input {
		case "":
			v, ok := score(s)
			if !ok {
				p.fail(col, s, "must be a whole number")
				continue
			}
			c.Score = &v
		case ElementsInput:
			c.ElementsGiven = true
			if strings.EqualFold(s, "none") {
				c.Elements = []string{}
				continue
			}
			c.Elements = strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ',' || r == ';' || r == ' ' })
		default:
			v, ok := number(s)
			if !ok {
				p.fail(col, s, "must be a number")
				continue
			}
			if c.Values == nil {
				c.Values = map[string]float64{}
			}
			c.Values[wc.input] = v
		}
	}
	return out
}
