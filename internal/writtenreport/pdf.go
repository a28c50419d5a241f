package writtenreport

import (
	"io"
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// fontFamily is the embedded Go font family (BSD licence): it covers
// Latin-1 and more (æøå, dashes, typographic quotes), and fpdf embeds
// only the glyphs the report uses.
const fontFamily = "go"

// Page geometry of the A4 report, in millimetres.
const (
	marginL  = 20.0
	marginR  = 20.0
	marginT  = 22.0
	marginB  = 22.0
	contentW = 210 - marginL - marginR
	lineH    = 4.6 // body text line height at 10 pt
)

// pdfDoc lays out one report.
type pdfDoc struct {
	f *fpdf.Fpdf
	l tr
	d Document
}

// WritePDF writes d as an A4 PDF: a cover page, then the result with the
// trend chart, subtotals, the item profile (bars and radar), the item
// table with strengths and recommendations, the action plan, the unit's
// comments, the timeline and how the scale works; a running header and
// footer with page numbers, and a bookmark outline for the parts. The font
// is embedded, charts are vectors, and the document is generated entirely
// in Go.
func WritePDF(w io.Writer, d Document) error {
	l := lang(d)
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(true, marginB)
	f.AddUTF8FontFromBytes(fontFamily, "", goregular.TTF)
	f.AddUTF8FontFromBytes(fontFamily, "B", gobold.TTF)
	f.SetTitle(printable(l.T("title")+" – "+d.Site.Name), true)
	f.SetSubject(printable(d.Scale.Title+" "+d.Scale.Version), true)
	f.SetAuthor(printable(strings.Join(d.Review.Reviewers, ", ")), true)
	f.SetCreator("fidelity", true)
	f.SetLang(string(l))
	if !d.Generated.IsZero() {
		f.SetCreationDate(d.Generated)
		f.SetModificationDate(d.Generated)
	}
	f.AliasNbPages("{nb}")
	// Sorted catalogs make the same document give the same bytes.
	f.SetCatalogSort(true)
	doc := &pdfDoc{f: f, l: l, d: d}
	f.SetHeaderFunc(doc.header)
	f.SetFooterFunc(doc.footer)

	doc.cover()
	doc.result()
	doc.subtotals()
	doc.profile()
	doc.items()
	doc.actions()
	doc.comments()
	doc.timeline()
	doc.howItWorks()
	if err := f.Error(); err != nil {
		return err
	}
	return f.Output(w)
}

// printable makes text written by people safe for the PDF font tables:
// valid UTF-8, no control characters but newlines, and only characters of
// the Basic Multilingual Plane (others, such as emoji, become "?").
func printable(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r > 0xFFFF:
			return '?'
		case unicode.IsControl(r) || unicode.Is(unicode.Cs, r):
			return -1
		}
		return r
	}, s)
}

// --- page frame ---

func (p *pdfDoc) header() {
	if p.f.PageNo() == 1 {
		return
	}
	p.font("", 8, muted)
	p.f.Text(marginL, 13, printable(p.l.T("title")))
	name := printable(siteTitle(p.d.Site))
	p.f.Text(210-marginR-p.f.GetStringWidth(name), 13, name)
	p.rule(15, rule, 0.2)
	p.f.SetY(marginT)
}

func (p *pdfDoc) footer() {
	y := 297 - 14.0
	p.rule(y, rule, 0.2)
	p.font("", 8, muted)
	left := printable(p.d.Site.Name + " · " + p.l.Period(p.d.Review.VisitStart, p.d.Review.VisitEnd) + " · " + p.d.Scale.Title + " " + p.d.Scale.Version)
	if p.f.GetStringWidth(left) > contentW-30 {
		left = printable(p.d.Site.Name + " · " + p.l.Date(p.d.Review.VisitEnd))
	}
	p.f.Text(marginL, y+4.5, left)
	page := p.l.Tf("page", p.f.PageNo(), "{nb}")
	p.f.Text(210-marginR-p.f.GetStringWidth(page), y+4.5, page)
}

func (p *pdfDoc) font(style string, size float64, color string) {
	p.f.SetFont(fontFamily, style, size)
	p.f.SetTextColor(rgb(color))
}

func (p *pdfDoc) rule(y float64, color string, width float64) {
	p.f.SetDrawColor(rgb(color))
	p.f.SetLineWidth(width)
	p.f.Line(marginL, y, 210-marginR, y)
}

// room starts a new page unless h millimetres fit below the cursor.
func (p *pdfDoc) room(h float64) {
	if p.f.GetY()+h > 297-marginB {
		p.f.AddPage()
	}
}

// h2 starts a part of the report: a bookmark, the heading and a rule.
// Parts begin with room for their heading and some of their content.
func (p *pdfDoc) h2(key string, newPage bool, need float64) {
	if newPage {
		p.f.AddPage()
	} else {
		p.f.Ln(5)
		p.room(need + 12) // the heading takes about 12 mm
	}
	text := p.l.T(key)
	p.f.Bookmark(text, 0, -1)
	p.font("B", 15, accent)
	p.f.CellFormat(contentW, 8, text, "", 1, "L", false, 0, "")
	p.rule(p.f.GetY()+0.5, accent, 0.4)
	p.f.Ln(4)
}

func (p *pdfDoc) h3(text string) {
	p.room(14)
	p.f.Ln(1.5)
	p.font("B", 11, ink)
	p.f.MultiCell(contentW, 5.5, printable(text), "", "L", false)
	p.f.Ln(1)
}

// para writes a text of paragraphs in the body font.
func (p *pdfDoc) para(text string) {
	p.font("", 10, ink)
	for _, para := range paragraphs(printable(text)) {
		p.f.MultiCell(contentW, lineH, para, "", "L", false)
		p.f.Ln(1.8)
	}
}

func (p *pdfDoc) note(text string) {
	p.font("", 8.5, muted)
	p.f.MultiCell(contentW, 4, printable(text), "", "L", false)
	p.f.Ln(1)
}

// --- cover ---

func (p *pdfDoc) cover() {
	f, d, l := p.f, p.d, p.l
	f.AddPage()
	f.SetFillColor(rgb(accent))
	f.Rect(0, 0, 210, 9, "F")
	x := marginL + 8
	f.SetXY(x, 52)
	p.font("", 11, muted)
	f.CellFormat(contentW-8, 6, l.T("title"), "", 2, "L", false, 0, "")
	f.SetX(x)
	p.font("B", 24, ink)
	f.MultiCell(contentW-8, 10, printable(d.Site.Name), "", "L", false)
	f.SetX(x)
	if path := parentPath(d.Site); path != "" {
		p.font("", 11, muted)
		f.MultiCell(contentW-8, 5.5, printable(path), "", "L", false)
	}
	if d.Site.Code != "" {
		f.SetX(x)
		p.font("", 9, muted)
		f.CellFormat(contentW-8, 5, printable(l.T("site")+" "+d.Site.Code), "", 2, "L", false, 0, "")
	}
	f.Ln(6)
	rows := [][2]string{
		{l.T("review_type"), d.Review.Type},
		{l.T("visit"), l.Period(d.Review.VisitStart, d.Review.VisitEnd)},
		{l.T("reviewers"), orDash(strings.Join(d.Review.Reviewers, ", "))},
		{l.T("scale"), d.Scale.Title + ", " + l.T("version") + " " + d.Scale.Version},
	}
	if st := d.Lifecycle.Status; st != "" {
		rows = append(rows, [2]string{l.T("status"), st})
	}
	if lc := d.Lifecycle; lc.IssuedOn != nil || lc.IssuedTo != "" {
		rows = append(rows, [2]string{l.T("issued_to"), issuedText(l, lc)})
	}
	rows = append(rows, [2]string{l.T("generated"), l.Date(d.Generated)})
	for _, r := range rows {
		f.SetX(x)
		p.font("", 10, muted)
		f.CellFormat(34, 6, printable(r[0]), "", 0, "L", false, 0, "")
		p.font("", 10, ink)
		f.MultiCell(contentW-8-34, 6, printable(r[1]), "", "L", false)
	}
	// The accent bar runs beside the whole title block.
	f.SetFillColor(rgb(accent))
	f.Rect(marginL, 52, 2.2, f.GetY()-52, "F")
	// The headline result, as a panel at the foot of the cover.
	y := 200.0
	f.SetFillColor(rgb("#f0f4f8"))
	f.Rect(marginL, y, contentW, 34, "F")
	p.font("", 9, muted)
	f.Text(marginL+8, y+10, l.T("total"))
	f.Text(marginL+80, y+10, l.T("band"))
	p.font("B", 20, accent)
	f.Text(marginL+8, y+22, printable(l.TotalText(d)))
	p.font("B", 14, ink)
	f.SetXY(marginL+79, y+15)
	f.MultiCell(contentW-82, 6.5, printable(orDash(d.Band.Label)), "", "L", false)
	if d.InvalidReason != "" {
		f.SetXY(marginL+8, y+25)
		p.font("", 8.5, muted)
		f.MultiCell(contentW-16, 4, printable(d.InvalidReason), "", "L", false)
	}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// --- result and trend ---

func (p *pdfDoc) result() {
	d, l := p.d, p.l
	p.h2("result", true, 0)
	p.keyFigures()
	if d.InvalidReason != "" {
		p.para(l.Tf("invalid", d.InvalidReason))
	}
	if d.Summary != "" {
		p.h3(l.T("summary"))
		p.para(d.Summary)
	}
	if d.Strengths != "" {
		p.h3(l.T("strengths"))
		p.para(d.Strengths)
	}
	p.h3(l.T("trend"))
	if len(d.Trend) < 2 {
		p.para(l.T("trend_none"))
		return
	}
	const w, h = contentW, 66.0
	p.room(h + 12)
	y := p.f.GetY()
	drawTrend(&pdfPainter{f: p.f, ox: marginL, oy: y}, d, w, h)
	p.f.SetY(y + h + 2)
	p.note(l.T("trend_desc"))
}

// keyFigures is the total and band as a shaded panel.
func (p *pdfDoc) keyFigures() {
	f, d, l := p.f, p.d, p.l
	y := f.GetY()
	f.SetFillColor(rgb("#f0f4f8"))
	f.Rect(marginL, y, contentW, 18, "F")
	p.font("", 8.5, muted)
	f.Text(marginL+5, y+6, l.T("total"))
	f.Text(marginL+75, y+6, l.T("band"))
	p.font("B", 14, accent)
	f.Text(marginL+5, y+13.5, printable(l.TotalText(d)))
	p.font("B", 12, ink)
	f.Text(marginL+75, y+13.5, printable(orDash(d.Band.Label)))
	f.SetY(y + 22)
}

// --- tables ---

// column is one column of a PDF table: its heading, width and alignment.
type column struct {
	head  string
	w     float64
	align string
}

// table draws rows with wrapped cells; a row never splits across pages
// and the heading row repeats on each page the table continues on. bold
// marks the first column as the row's heading.
func (p *pdfDoc) table(cols []column, rows [][]string) {
	f := p.f
	const pad, lh = 1.6, 4.4
	head := func() {
		p.font("B", 8.5, ink)
		y := f.GetY()
		hh := 0.0
		for _, c := range cols {
			hh = max(hh, float64(len(f.SplitText(c.head, c.w-2*pad)))*4+2*pad)
		}
		f.SetFillColor(rgb("#f0f4f8"))
		f.Rect(marginL, y, contentW, hh, "F")
		x := marginL
		for _, c := range cols {
			f.SetXY(x+pad, y+pad)
			f.MultiCell(c.w-2*pad, 4, c.head, "", c.align, false)
			x += c.w
		}
		f.SetDrawColor(rgb(muted))
		f.SetLineWidth(0.35)
		f.Line(marginL, y+hh, marginL+contentW, y+hh)
		f.SetY(y + hh)
	}
	p.room(16)
	head()
	for _, r := range rows {
		p.font("", 9, ink)
		lines := make([][]string, len(cols))
		rh := 0.0
		for i, c := range cols {
			txt := ""
			if i < len(r) {
				txt = printable(r[i])
			}
			p.font(rowHeadStyle(i), 9, ink)
			for _, para := range strings.Split(txt, "\n") {
				ls := f.SplitText(para, c.w-2*pad+2*f.GetCellMargin())
				if len(ls) == 0 {
					ls = []string{""}
				}
				lines[i] = append(lines[i], ls...)
			}
			rh = max(rh, float64(len(lines[i]))*lh+2*pad)
		}
		if f.GetY()+rh > 297-marginB {
			f.AddPage()
			head()
		}
		y := f.GetY()
		x := marginL
		for i, c := range cols {
			p.font(rowHeadStyle(i), 9, ink)
			for j, ln := range lines[i] {
				tx := x + pad
				switch c.align {
				case "R":
					tx = x + c.w - pad - f.GetStringWidth(ln)
				case "C":
					tx = x + (c.w-f.GetStringWidth(ln))/2
				}
				f.Text(tx, y+pad+3.3+float64(j)*lh, ln)
			}
			x += c.w
		}
		f.SetDrawColor(rgb(rule))
		f.SetLineWidth(0.2)
		f.Line(marginL, y+rh, marginL+contentW, y+rh)
		f.SetY(y + rh)
	}
	f.Ln(4)
}

// --- subtotals ---

func (p *pdfDoc) subtotals() {
	d, l := p.d, p.l
	if len(d.Sections) == 0 && len(d.Principles) == 0 {
		return
	}
	p.h2("subtotals", false, 40)
	table := func(title string, rows []Subtotal) {
		if len(rows) == 0 {
			return
		}
		p.h3(title)
		cols := []column{{l.T("col_area"), 84, "L"}, {l.T("col_sum"), 16, "R"}, {l.T("col_max"), 16, "R"}, {l.T("col_mean"), 26, "R"}, {l.T("col_rated"), 28, "R"}}
		var out [][]string
		for _, s := range rows {
			out = append(out, []string{s.Label, itoa(s.Sum), itoa(s.Max), l.Num(s.Mean), itoa(s.Rated) + "/" + itoa(s.Items)})
		}
		p.table(cols, out)
	}
	table(l.T("sections"), d.Sections)
	table(l.T("principles"), d.Principles)
}

// --- item profile ---

func (p *pdfDoc) profile() {
	d, l := p.d, p.l
	if len(d.Items) == 0 {
		return
	}
	// Bars, radar and note: about 141 mm, so the profile can share a page
	// with the end of the subtotals.
	const bh, rs = 52.0, 78.0
	p.h2("profile", false, bh+rs+11)
	p.room(bh + rs + 11)
	y := p.f.GetY()
	drawBars(&pdfPainter{f: p.f, ox: marginL, oy: y}, d, contentW, bh)
	y += bh + 4
	drawRadar(&pdfPainter{f: p.f, ox: marginL + (contentW-rs)/2, oy: y}, d, rs)
	p.f.SetY(y + rs + 2)
	p.note(l.T("profile_desc"))
}

// --- items ---

// items writes one block per item: a shaded row with the item, its score,
// the previous score and the change, then the strength and the
// recommendation in full width. A block never splits across pages.
func (p *pdfDoc) items() {
	f, d, l := p.f, p.d, p.l
	p.h2("items", true, 0)
	cols := []column{{l.T("col_item"), 110, "L"}, {l.T("col_score"), 20, "R"}, {l.T("col_prev"), 20, "R"}, {l.T("col_change"), 20, "R"}}
	head := func() {
		p.font("B", 8.5, muted)
		y := f.GetY()
		x := marginL
		for _, c := range cols {
			tx := x + 1.5
			if c.align == "R" {
				tx = x + c.w - 1.5 - f.GetStringWidth(c.head)
			}
			f.Text(tx, y+4, c.head)
			x += c.w
		}
		f.SetDrawColor(rgb(muted))
		f.SetLineWidth(0.35)
		f.Line(marginL, y+5.5, marginL+contentW, y+5.5)
		f.SetY(y + 7)
	}
	head()
	if anyUnverified(d.Items) {
		p.note("* " + l.T("unverified_item"))
	}
	const indent = 6.0
	section := ""
	for _, it := range d.Items {
		title := printable(it.ID + "  " + it.Title)
		if it.Unverified {
			title += " *"
		}
		p.font("B", 9.5, ink)
		titleLines := f.SplitText(title, cols[0].w-3+2*f.GetCellMargin())
		type labelled struct{ label, text string }
		var texts []labelled
		if it.Strength != "" {
			texts = append(texts, labelled{l.T("strength"), printable(it.Strength)})
		}
		if it.Recommendation != "" {
			texts = append(texts, labelled{l.T("recommendation"), printable(it.Recommendation)})
		}
		p.font("", 9, ink)
		h := float64(len(titleLines))*4.6 + 3
		wrapped := make([][]string, len(texts))
		for i, t := range texts {
			for _, para := range strings.Split(t.text, "\n") {
				wrapped[i] = append(wrapped[i], f.SplitText(para, contentW-indent-30+2*f.GetCellMargin())...)
			}
			h += float64(max(1, len(wrapped[i])))*4.3 + 1.2
		}
		newSection := it.Section != section && sectionLabel(d, it.Section) != ""
		if newSection {
			h += 9
		}
		if f.GetY()+h+2 > 297-marginB {
			f.AddPage()
			head()
		}
		if newSection {
			f.Ln(2)
			p.font("B", 10.5, accent)
			f.CellFormat(contentW, 6, printable(sectionLabel(d, it.Section)), "", 1, "L", false, 0, "")
			f.Ln(1)
		}
		section = it.Section
		y := f.GetY()
		rowH := float64(len(titleLines))*4.6 + 3
		f.SetFillColor(rgb("#f0f4f8"))
		f.Rect(marginL, y, contentW, rowH, "F")
		p.font("B", 9.5, ink)
		for j, ln := range titleLines {
			f.Text(marginL+1.5, y+4.7+float64(j)*4.6, ln)
		}
		x := marginL + cols[0].w
		for i, v := range []string{intPtr(it.Score), intPtr(it.Previous), change(it.Change())} {
			style, color := "", ink
			switch {
			case i == 0:
				style = "B"
			case i == 2 && strings.HasPrefix(v, "+"):
				color = "#1e7b34"
			case i == 2 && strings.HasPrefix(v, "−"):
				color = "#b3261e"
			}
			p.font(style, 9.5, color)
			f.Text(x+cols[i+1].w-1.5-f.GetStringWidth(v), y+4.7, v)
			x += cols[i+1].w
		}
		y += rowH + 1.2
		for i, t := range texts {
			p.font("B", 8.5, muted)
			f.Text(marginL+indent, y+3.2, t.label)
			p.font("", 9, ink)
			for j, ln := range wrapped[i] {
				f.Text(marginL+indent+30, y+3.2+float64(j)*4.3, ln)
			}
			y += float64(max(1, len(wrapped[i])))*4.3 + 1.2
		}
		f.SetY(y + 1.5)
	}
}

// --- action plan, comments, timeline ---

func (p *pdfDoc) actions() {
	d, l := p.d, p.l
	p.h2("actions", false, 40)
	if len(d.Actions) == 0 {
		p.para(l.T("actions_none"))
		return
	}
	cols := []column{{l.T("col_item"), 36, "L"}, {l.T("col_action"), 66, "L"}, {l.T("col_owner"), 24, "L"}, {l.T("col_due"), 26, "L"}, {l.T("col_status"), 18, "L"}}
	var rows [][]string
	for _, a := range d.Actions {
		text := a.Text
		if a.Recommendation != "" && a.Recommendation != a.Text {
			text += "\n" + l.T("recommendation") + ": " + a.Recommendation
		}
		if a.Reason != "" {
			text += "\n" + l.T("reason") + ": " + a.Reason
		}
		rows = append(rows, []string{a.ItemID + " " + a.ItemTitle, text, orDash(a.Owner), l.DatePtr(a.Due), a.Status})
	}
	p.table(cols, rows)
}

func (p *pdfDoc) comments() {
	d, l := p.d, p.l
	p.h2("comments", false, 25)
	if len(d.Comments) == 0 {
		p.para(l.T("comments_none"))
		return
	}
	for _, c := range d.Comments {
		head := l.Date(c.Date)
		if c.Author != "" {
			head += " – " + c.Author
		}
		p.h3(head)
		p.para(c.Text)
	}
}

func (p *pdfDoc) timeline() {
	d, l := p.d, p.l
	if len(d.Lifecycle.Deadlines) == 0 {
		return
	}
	p.h2("timeline", false, 40)
	cols := []column{{l.T("col_step"), 90, "L"}, {l.T("col_due"), 40, "L"}, {l.T("col_done"), 40, "L"}}
	var rows [][]string
	for _, dl := range d.Lifecycle.Deadlines {
		done := l.T("open")
		switch {
		case dl.Done != nil:
			done = l.Date(*dl.Done)
		case dl.Overdue:
			done = l.T("overdue")
		}
		rows = append(rows, []string{dl.Step, l.Date(dl.Due), done})
	}
	p.table(cols, rows)
}

// --- how the scale works ---

func (p *pdfDoc) howItWorks() {
	d, l := p.d, p.l
	p.h2("how", true, 0)
	p.para(d.HowItWorks)
	p.h3(l.T("bands"))
	var rows [][]string
	for _, b := range sortedBands(d.Bands) {
		label := b.Label
		if !b.Verified {
			label += " (" + l.T("unverified_tag") + ")"
		}
		rows = append(rows, []string{label, l.BandRange(b)})
	}
	p.table([]column{{l.T("band"), 120, "L"}, {l.T("col_range"), 50, "R"}}, rows)
	p.h3(l.T("unverified"))
	if len(d.Unverified) == 0 {
		p.para(l.T("none"))
		return
	}
	p.para(l.T("unverified_int"))
	p.font("", 9.5, ink)
	for _, u := range d.Unverified {
		p.f.SetX(marginL + 2)
		p.f.CellFormat(4, lineH, "•", "", 0, "L", false, 0, "")
		p.f.MultiCell(contentW-6, lineH, printable(u), "", "L", false)
		p.f.Ln(0.8)
	}
}

func itoa(n int) string { return intPtr(&n) }

// rowHeadStyle sets a table's first column in bold: it names the row.
func rowHeadStyle(col int) string {
	if col == 0 {
		return "B"
	}
	return ""
}

func anyUnverified(items []Item) bool {
	for _, it := range items {
		if it.Unverified {
			return true
		}
	}
	return false
}

// issuedText is "Kåre Bø, 6 Nov 2026": to whom and when the report went.
func issuedText(l tr, lc Lifecycle) string {
	var parts []string
	if lc.IssuedTo != "" {
		parts = append(parts, lc.IssuedTo)
	}
	if lc.IssuedOn != nil {
		parts = append(parts, l.Date(*lc.IssuedOn))
	}
	return strings.Join(parts, ", ")
}

// sectionLabel is the name of a scale section as the subtotals give it.
func sectionLabel(d Document, id string) string {
	for _, s := range d.Sections {
		if s.ID == id {
			return s.Label
		}
	}
	return ""
}
