package writtenreport

import (
	"bytes"
	"encoding/xml"
	"errors"
	"github.com/ipsfidelity/fidelity/internal/testtool"
	"io"
	"regexp"
	"strings"
	"testing"
)

// htmlOutline parses the HTML leniently (HTML void elements, entities) and
// returns the lang of <html>, the headings in order and the visible text.
func htmlOutline(t *testing.T, doc []byte) (lang string, headings []string, text string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var stack []string
	var heading strings.Builder
	var all strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("HTML does not parse: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tk.Name.Local)
			if tk.Name.Local == "html" {
				for _, a := range tk.Attr {
					if a.Name.Local == "lang" {
						lang = a.Value
					}
				}
			}
		case xml.EndElement:
			if n := tk.Name.Local; len(n) == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '3' {
				headings = append(headings, n+":"+strings.TrimSpace(heading.String()))
				heading.Reset()
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 && (stack[len(stack)-1] == "style" || stack[len(stack)-1] == "title") {
				continue
			}
			for _, el := range stack {
				if len(el) == 2 && el[0] == 'h' && el[1] >= '1' && el[1] <= '3' {
					heading.Write(tk)
				}
			}
			all.Write(tk)
			all.WriteByte(' ')
		}
	}
	return lang, headings, squash(all.String())
}

var spaces = regexp.MustCompile(`\s+`)

func squash(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// TestHTMLReportReadsInEachLanguage: a reviewer previews the report of a
// team whose name has æøå; the page is in the report's language, has one
// h1 and the parts as h2 in reading order, and shows every item with its
// scores, strength and recommendation, the total and the band.
func TestHTMLReportReadsInEachLanguage(t *testing.T) {
	for _, l := range []string{"nb", "en"} {
		t.Run(l, func(t *testing.T) {
			d := fixture(l)
			var b bytes.Buffer
			if err := WriteHTML(&b, d); err != nil {
				t.Fatal(err)
			}
			lang, heads, text := htmlOutline(t, b.Bytes())
			if lang != l {
				t.Errorf("html lang = %q, want %q", lang, l)
			}
			tl := tr(l)
			want := []string{"h1:" + tl.T("title"), "h2:" + tl.T("result"), "h2:" + tl.T("subtotals"), "h2:" + tl.T("profile"),
				"h2:" + tl.T("items"), "h2:" + tl.T("actions"), "h2:" + tl.T("comments"), "h2:" + tl.T("timeline"), "h2:" + tl.T("how")}
			var got []string
			for _, h := range heads {
				if strings.HasPrefix(h, "h1:") || strings.HasPrefix(h, "h2:") {
					got = append(got, h)
				}
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("headings\n got %q\nwant %q", got, want)
			}
			for _, s := range []string{d.Site.Name, "100 " + tl.Tf("of_max", "125"), d.Band.Label, "Åse Østergård", d.Comments[0].Text, d.Actions[0].Text} {
				if !strings.Contains(text, squash(s)) {
					t.Errorf("HTML text lacks %q", s)
				}
			}
			for _, it := range d.Items {
				row := it.ID + " " + it.Title
				if !strings.Contains(text, row) {
					t.Errorf("item %s missing", it.ID)
				}
				if it.Recommendation != "" && !strings.Contains(text, it.Recommendation) {
					t.Errorf("recommendation of %s missing", it.ID)
				}
			}
			if !strings.Contains(b.String(), "@media print") || !strings.Contains(b.String(), "break-before: page") {
				t.Error("no print stylesheet with page breaks")
			}
			if n := strings.Count(b.String(), `<svg `); n != 3 {
				t.Errorf("%d inline SVG charts, want trend, bars and radar", n)
			}
		})
	}
}

// TestHTMLEscapesWhatPeopleWrote: a recommendation with markup is shown
// as text, never run.
func TestHTMLEscapesWhatPeopleWrote(t *testing.T) {
	d := fixture("en")
	d.Items[3].Recommendation = `<script>alert(1)</script>`
	d.Site.Name = `<img src=x onerror=alert(1)>`
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script>alert") || strings.Contains(b.String(), "<img src=x") {
		t.Fatal("text written by people reached the page as markup")
	}
}

// pdfText extracts the text of a PDF with poppler's pdftotext, squashed to
// single spaces (lines wrap differently from the source text).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	return squash(testtool.PDFText(t, pdf))
}

// TestPDFReportReadsInEachLanguage: the downloaded PDF carries, as text a
// reader can search and copy, the team's name with æøå, every item title,
// the total and band, every recommendation and the page numbers.
func TestPDFReportReadsInEachLanguage(t *testing.T) {
	for _, l := range []string{"nb", "en"} {
		t.Run(l, func(t *testing.T) {
			d := fixture(l)
			var b bytes.Buffer
			if err := WritePDF(&b, d); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
			text := pdfText(t, b.Bytes())
			tl := tr(l)
			for _, s := range []string{d.Site.Name, "100 " + tl.Tf("of_max", "125"), d.Band.Label, tl.T("title"),
				"Åse Østergård", d.Comments[0].Text, d.Actions[0].Text, tl.Tf("page", 1, "")} {
				if !strings.Contains(text, squash(s)) {
					t.Errorf("PDF text lacks %q", s)
				}
			}
			for _, it := range d.Items {
				if !strings.Contains(text, squash(it.ID+" "+it.Title)) {
					t.Errorf("item %s %q missing", it.ID, it.Title)
				}
				if it.Recommendation != "" && !strings.Contains(text, squash(it.Recommendation)) {
					t.Errorf("recommendation of %s missing", it.ID)
				}
			}
			if strings.Contains(text, "{nb}") {
				t.Error("page count alias left unreplaced")
			}
		})
	}
}

// TestPDFWithoutNarrativeOrHistory: a report drafted straight after the
// consensus (no narrative, no earlier review, no total) still renders and
// says what is missing.
func TestPDFWithoutNarrativeOrHistory(t *testing.T) {
	d := fixture("nb")
	d.Summary, d.Strengths, d.Actions, d.Comments, d.Lifecycle = "", "", nil, nil, Lifecycle{}
	d.Trend = d.Trend[len(d.Trend)-1:]
	d.Total, d.Band, d.InvalidReason = nil, Band{}, "3 indikatorer mangler skår"
	for i := range d.Items {
		d.Items[i].Previous, d.Items[i].Strength, d.Items[i].Recommendation = nil, "", ""
	}
	var b bytes.Buffer
	if err := WritePDF(&b, d); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b.Bytes())
	for _, s := range []string{tr("nb").T("no_total"), "3 indikatorer mangler skår", tr("nb").T("trend_none"), tr("nb").T("actions_none"), tr("nb").T("comments_none")} {
		if !strings.Contains(text, squash(s)) {
			t.Errorf("PDF text lacks %q", s)
		}
	}
}
