package writtenreport

import "strings"

// FileName is the download name of the report: the word for report in
// the document's language, the unit's code (or name) and the visit's last
// day, in ASCII so every browser and mail client keeps it, e.g.
// "rapport-TRO-SOR-2026-10-13.pdf".
func FileName(d Document, ext string) string {
	unit := d.Site.Code
	if unit == "" {
		unit = d.Site.Name
	}
	word := "report"
	if d.Lang == "nb" {
		word = "rapport"
	}
	parts := []string{word}
	if u := asciiSlug(unit); u != "" {
		parts = append(parts, u)
	}
	if !d.Review.VisitEnd.IsZero() {
		parts = append(parts, d.Review.VisitEnd.Format("2006-01-02"))
	}
	return strings.Join(parts, "-") + "." + ext
}

var folds = strings.NewReplacer("æ", "ae", "Æ", "AE", "ø", "o", "Ø", "O", "å", "a", "Å", "A",
	"ä", "a", "Ä", "A", "ö", "o", "Ö", "O", "ü", "u", "Ü", "U", "é", "e", "É", "E")

// asciiSlug keeps letters, digits, '-' and '_' of s (Norwegian letters
// folded to ASCII), turns everything else into single dashes and caps the
// length, so the name is safe inside a quoted header parameter.
func asciiSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range folds.Replace(s) {
		ok := r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_')
		if ok {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}
