package writtenreport

import (
	_ "embed"
	"html/template"
	"io"
	"sync"
)

//go:embed report.html.tmpl
var reportHTML string

// htmlTemplate is parsed on the first report rather than in package init,
// which every command and every start of the server ran (3,200
// allocations) whether or not a report was ever written.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"paras": paragraphs,
		"int":   intPtr,
		"chg":   change,
		"dict": func(l tr, caption string, rows []Subtotal) subtotalTable {
			return subtotalTable{L: l, Caption: caption, Rows: rows}
		},
	}).Parse(reportHTML))
})

// subtotalTable is one table of section or principle subtotals.
type subtotalTable struct {
	L       tr
	Caption string
	Rows    []Subtotal
}

// htmlView is what the template reads: the document, its translator and
// the charts already drawn.
type htmlView struct {
	D                        Document
	L                        tr
	Trend, Bars, Radar       template.HTML
	HasPrevious, HasSections bool
	Bands                    []Band
}

// WriteHTML writes d as one self-contained, printable HTML document:
// inline styles with a print stylesheet (A4, page breaks before the main
// parts, table rows kept whole), the document language on <html>, one h1
// and h2/h3 in order, tables with captions and header cells, and the
// charts as inline SVG with text alternatives.
func WriteHTML(w io.Writer, d Document) error {
	l := lang(d)
	v := htmlView{D: d, L: l, Bands: sortedBands(d.Bands), HasSections: len(d.Sections) > 0}
	for _, it := range d.Items {
		v.HasPrevious = v.HasPrevious || it.Previous != nil
	}
	if len(d.Trend) > 1 {
		v.Trend = svgChart(170, 62, l.T("trend"), func(p painter) { drawTrend(p, d, 170, 62) })
	}
	if len(d.Items) > 0 {
		v.Bars = svgChart(170, 55, l.T("profile"), func(p painter) { drawBars(p, d, 170, 55) })
		v.Radar = svgChart(95, 95, l.T("profile"), func(p painter) { drawRadar(p, d, 95) })
	}
	return htmlTemplate().Execute(w, v)
}
