package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// The import template is a workbook people fill in by hand, one row per
// review, and then import (issue 14). Its data sheet, "wide", has in row 1
// exactly the header of the wide export (WideColumns), in the same order,
// followed by the optional columns the importer also reads: site_path
// (sites by code path, for a database that does not know their ids yet)
// and ITEM.input for each number input of a measured item. There is no
// label row: row 2 is the first review, so the importer reads a filled
// template as it reads a wide export. The labels in the chosen language
// are in the codebook sheet and in the prompt each cell shows when
// selected; the instructions sheet says how to fill it in.
const (
	TemplateDataSheet         = "wide"
	TemplateCodebookSheet     = "codebook"
	TemplateInstructionsSheet = "instructions"
	// TemplateRows is how many review rows carry the validations.
	TemplateRows = 5000
	// TemplateSitePath is the extra column naming a site by its code path.
	TemplateSitePath = "site_path"
)

// TemplateColumns is the data sheet's header for scale version sc: the
// wide export's columns, then site_path and the measured number inputs.
func TemplateColumns(sc *scale.Scale) []string {
	cols := append(WideColumns(sc), TemplateSitePath)
	for _, in := range templateInputs(sc) {
		cols = append(cols, in.column)
	}
	return cols
}

// templateInput is a measured input with a column of its own.
type templateInput struct {
	column string // ITEM.input
	item   scale.Item
	input  scale.Input
}

// templateInputs are the inputs of the measured items whose inputs are all
// numbers: those the importer reads from ITEM.input columns. Items with a
// choice input, checklists and per-specialist items are scored in their
// score column instead.
func templateInputs(sc *scale.Scale) []templateInput {
	var out []templateInput
	for _, it := range sc.Items {
		if it.Type != scale.TypeMeasured || it.Rule == nil || len(it.Rule.Inputs) == 0 {
			continue
		}
		numeric := true
		for _, in := range it.Rule.Inputs {
			numeric = numeric && in.Kind == "number"
		}
		if !numeric {
			continue
		}
		for _, in := range it.Rule.Inputs {
			out = append(out, templateInput{column: it.ID + "." + in.ID, item: it, input: in})
		}
	}
	return out
}

// templateText are the template's own words.
var templateText = map[string]fidelity.Text{
	"list.error":   {EN: "Choose a value from the list.", NB: "Velg en verdi fra listen."},
	"date.error":   {EN: "Enter a date (YYYY-MM-DD) between 1990 and 2100.", NB: "Skriv en dato (ÅÅÅÅ-MM-DD) mellom 1990 og 2100."},
	"number.error": {EN: "Enter a number in the allowed range.", NB: "Skriv et tall i det tillatte området."},
	"error.title":  {EN: "Not a valid value", NB: "Ugyldig verdi"},
	"new.review":   {EN: "Leave empty for a review the service does not have yet.", NB: "La stå tomt for en evaluering tjenesten ikke har fra før."},
	"site.id":      {EN: "The site's id from the service; or leave empty and give site_path.", NB: "Enhetens id i tjenesten; eller la stå tomt og fyll ut site_path."},
	"site.path":    {EN: "Site path", NB: "Enhetssti"},
	"site.path.note": {EN: "The site's codes from the top, separated by /, e.g. R01/4601/4601-1.",
		NB: "Enhetens koder ovenfra, skilt med /, f.eks. R01/4601/4601-1."},
	"total.note": {EN: "Optional: the service computes the total from the item scores and reports a different total as an error.",
		NB: "Valgfritt: tjenesten regner ut totalskåren fra elementskårene og melder fra om en totalskår som avviker."},
	"band.note": {EN: "Optional: follows from the total.", NB: "Valgfritt: følger av totalskåren."},
	"input.note": {EN: "Measured input of %s. Give either the item's score or all its inputs, not both; from the inputs the service computes the score.",
		NB: "Målt verdi for %s. Fyll ut enten elementets skår eller alle de målte verdiene, ikke begge; tjenesten regner ut skåren fra verdiene."},
	"range":   {EN: "Range %s.", NB: "Område %s."},
	"heading": {EN: "variable|label|values|unit|notes", NB: "variabel|etikett|verdier|enhet|merknad"},
	"instructions": {
		EN: "Import template for %s (%s)\n" +
			"Fill in one row per review on the sheet \"wide\", starting in row 2. Do not change row 1: its column names are those of the service's wide export, so the file imports as it is.\n" +
			"Each cell shows what it expects when you select it; the sheet \"codebook\" lists every column with its values.\n" +
			"scale and scale_version: %s and %s on every row.\n" +
			"Site: site_id if the service already has the site, else site_path (codes from the top, e.g. R01/4601/4601-1).\n" +
			"Dates as YYYY-MM-DD. Item scores %d–%d; leave an item empty when it was not scored.\n" +
			"Measured items: give the score, or all the measured inputs in their own columns (such as %s; the service then computes the score), not both.\n" +
			"total and band may be left empty: the service computes them and reports a total that differs.\n" +
			"Then upload the file as an import: the dry run lists every problem by sheet, row and column before anything is written.",
		NB: "Importmal for %s (%s)\n" +
			"Fyll ut én rad per evaluering på arket «wide», fra rad 2. Ikke endre rad 1: kolonnenavnene er de samme som i tjenestens brede eksport, så filen kan importeres som den er.\n" +
			"Hver celle viser hva den venter når du velger den; arket «codebook» beskriver hver kolonne med verdiene.\n" +
			"scale og scale_version: %s og %s på hver rad.\n" +
			"Enhet: site_id hvis tjenesten allerede har enheten, ellers site_path (koder ovenfra, f.eks. R01/4601/4601-1).\n" +
			"Datoer som ÅÅÅÅ-MM-DD. Elementskår %d–%d; la et element stå tomt når det ikke ble skåret.\n" +
			"Målte elementer: fyll ut skåren, eller alle de målte verdiene i egne kolonner (som %s; tjenesten regner da ut skåren), ikke begge.\n" +
			"total og band kan stå tomme: tjenesten regner dem ut og melder fra om en totalskår som avviker.\n" +
			"Last deretter opp filen som en import: prøvekjøringen viser alle feil med ark, rad og kolonne før noe blir lagret.",
	},
}

func tt(key, lang string) string { return templateText[key].In(lang) }

// templateColumn is what the template knows about one data column.
type templateColumn struct {
	name, label, values, unit, notes string
	validation                       func(dv *excelize.DataValidation) error
	date                             bool
}

// WriteTemplate writes the import template of scale version sc, its texts
// in lang ("nb" or "en"). Every cell is written through SafeCell.
func WriteTemplate(w io.Writer, sc *scale.Scale, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", TemplateDataSheet); err != nil {
		return err
	}
	for _, name := range []string{TemplateCodebookSheet, TemplateInstructionsSheet} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	cols := templateColumns(sc, lang)
	if err := writeTemplateData(f, cols, lang); err != nil {
		return err
	}
	if err := writeTemplateCodebook(f, cols, lang); err != nil {
		return err
	}
	if err := writeTemplateInstructions(f, sc, lang); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

func templateColumns(sc *scale.Scale, lang string) []templateColumn {
	d := StatsDataset(sc, LayoutWide, lang, "")
	byName := map[string]int{}
	for i, v := range d.Vars {
		byName[v.Name] = i
	}
	list := func(codes []string) func(*excelize.DataValidation) error {
		return func(dv *excelize.DataValidation) error {
			dv.SetError(excelize.DataValidationErrorStyleStop, tt("error.title", lang), tt("list.error", lang))
			return dv.SetDropList(codes)
		}
	}
	enum := func(name string) (string, func(*excelize.DataValidation) error) {
		var codes, parts []string
		for _, v := range d.Vars[byName[name]].Values {
			codes = append(codes, v.Code)
			parts = append(parts, v.Code+" = "+v.Label)
		}
		return strings.Join(parts, "; "), list(codes)
	}
	var out []templateColumn
	for _, name := range WideColumns(sc) {
		c := templateColumn{name: name, label: d.Vars[byName[name]].Label}
		switch name {
		case "review_id":
			c.notes = tt("new.review", lang)
		case "site_id":
			c.notes = tt("site.id", lang)
		case "scale":
			c.values, c.validation = sc.ID, list([]string{sc.ID})
		case "scale_version":
			c.values, c.validation = sc.Version, list([]string{sc.Version})
		case "review_type", "review_status", "band":
			c.values, c.validation = enum(name)
			if name == "band" {
				c.notes = tt("band.note", lang)
			}
		case "visit_start", "visit_end":
			c.values, c.date = "YYYY-MM-DD", true
			c.validation = func(dv *excelize.DataValidation) error {
				dv.SetError(excelize.DataValidationErrorStyleStop, tt("error.title", lang), tt("date.error", lang))
				return dv.SetRange(excelSerial(1990, 1, 1), excelSerial(2100, 12, 31), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
			}
		case "total":
			lo, hi := sc.TotalRange()
			c.values, c.notes = fmt.Sprintf("%g–%g", lo, hi), tt("total.note", lang)
			c.validation = numberRange(&lo, &hi, false, lang)
		default: // an item score
			var levels, parts []string
			for _, v := range d.Vars[byName[name]].Values {
				levels = append(levels, v.Code)
				parts = append(parts, v.Code+" = "+v.Label)
			}
			c.values, c.validation = strings.Join(parts, "; "), list(levels)
		}
		out = append(out, c)
	}
	out = append(out, templateColumn{name: TemplateSitePath, label: tt("site.path", lang), notes: tt("site.path.note", lang)})
	for _, in := range templateInputs(sc) {
		c := templateColumn{name: in.column, label: in.input.Label.In(lang), unit: unitName(in.input.Unit, lang),
			notes: fmt.Sprintf(tt("input.note", lang), in.item.ID+" "+in.item.Title.In(lang))}
		c.values = inputRange(in.input)
		c.validation = numberRange(in.input.Min, in.input.Max, in.input.MinExclusive, lang)
		out = append(out, c)
	}
	return out
}

// unitNames are the units of measured inputs in words; a unit not listed
// is shown as the scale file names it.
var unitNames = map[string]fidelity.Text{
	"clients": {EN: "clients", NB: "deltakere"}, "count": {EN: "count", NB: "antall"},
	"days": {EN: "days", NB: "dager"}, "fte": {EN: "full-time equivalents", NB: "årsverk"},
	"hours": {EN: "hours", NB: "timer"}, "per_week": {EN: "per week", NB: "per uke"},
	"percent": {EN: "percent", NB: "prosent"},
}

func unitName(unit, lang string) string {
	if t, ok := unitNames[unit]; ok {
		return t.In(lang)
	}
	return unit
}

// inputRange says a number input's allowed range in words of the form.
func inputRange(in scale.Input) string {
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	lower := "≥ "
	if in.MinExclusive {
		lower = "> "
	}
	switch {
	case in.Min != nil && in.Max != nil && !in.MinExclusive:
		return num(*in.Min) + "–" + num(*in.Max)
	case in.Min != nil && in.Max != nil:
		return lower + num(*in.Min) + ", ≤ " + num(*in.Max)
	case in.Min != nil:
		return lower + num(*in.Min)
	case in.Max != nil:
		return "≤ " + num(*in.Max)
	}
	return ""
}

// numberRange validates a decimal against the bounds it has; an exclusive
// minimum is checked as "greater than" when there is no maximum, and as
// "between" otherwise (the importer rejects the minimum itself).
func numberRange(min, max *float64, minExclusive bool, lang string) func(*excelize.DataValidation) error {
	return func(dv *excelize.DataValidation) error {
		dv.SetError(excelize.DataValidationErrorStyleStop, tt("error.title", lang), tt("number.error", lang))
		t := excelize.DataValidationTypeDecimal
		switch {
		case min != nil && max != nil:
			return dv.SetRange(*min, *max, t, excelize.DataValidationOperatorBetween)
		case min != nil && minExclusive:
			return dv.SetRange(*min, *min, t, excelize.DataValidationOperatorGreaterThan)
		case min != nil:
			return dv.SetRange(*min, *min, t, excelize.DataValidationOperatorGreaterThanOrEqual)
		case max != nil:
			return dv.SetRange(*max, *max, t, excelize.DataValidationOperatorLessThanOrEqual)
		}
		return dv.SetRange(-1e15, 1e15, t, excelize.DataValidationOperatorBetween)
	}
}

// excelSerial is the spreadsheet serial number of a date (1900 system).
func excelSerial(y int, m time.Month, d int) float64 {
	return float64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

func writeTemplateData(f *excelize.File, cols []templateColumn, lang string) error {
	sh := TemplateDataSheet
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = SafeCell(c.name)
	}
	if err := f.SetSheetRow(sh, "A1", &header); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dateFmt := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		rangeRef := fmt.Sprintf("%s2:%s%d", col, col, TemplateRows+1)
		if err := f.SetColWidth(sh, col, col, float64(min(40, max(12, len(c.name)+2)))); err != nil {
			return err
		}
		if c.date {
			// A column style, not 5,000 styled cells: new rows take it.
			if err := f.SetColStyle(sh, col, date); err != nil {
				return err
			}
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(rangeRef)
		prompt := c.label
		if c.values != "" {
			prompt += " — " + c.values
		}
		if c.notes != "" {
			prompt += " " + c.notes
		}
		dv.SetInput(clipUTF16(c.name, 32), clipUTF16(prompt, 255))
		if c.validation != nil {
			if err := c.validation(dv); err != nil {
				return fmt.Errorf("validation of %s: %w", c.name, err)
			}
		}
		if err := f.AddDataValidation(sh, dv); err != nil {
			return err
		}
	}
	// After the column styles, which would restyle the header cells too.
	return f.SetCellStyle(sh, "A1", last+"1", bold)
}

func writeTemplateCodebook(f *excelize.File, cols []templateColumn, lang string) error {
	sh := TemplateCodebookSheet
	heading := strings.Split(tt("heading", lang), "|")
	if err := setRow(f, sh, 1, heading); err != nil {
		return err
	}
	for i, c := range cols {
		if err := setRow(f, sh, i+2, []string{c.name, c.label, c.values, c.unit, c.notes}); err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{"A": 24, "B": 50, "C": 80, "D": 12, "E": 60} {
		if err := f.SetColWidth(sh, col, col, width); err != nil {
			return err
		}
	}
	return nil
}

// measuredLine is the line of the instructions about measured inputs.
const measuredLine = 6

func writeTemplateInstructions(f *excelize.File, sc *scale.Scale, lang string) error {
	example := ""
	if in := templateInputs(sc); len(in) > 0 {
		example = in[0].column
	}
	text := fmt.Sprintf(tt("instructions", lang), sc.Title.In(lang), sc.Ref(), sc.ID, sc.Version, sc.Levels.Min, sc.Levels.Max, example)
	row := 1
	for i, line := range strings.Split(text, "\n") {
		if example == "" && i == measuredLine {
			continue // the scale has no measured number inputs
		}
		if err := setRow(f, TemplateInstructionsSheet, row, []string{line}); err != nil {
			return err
		}
		row++
	}
	return f.SetColWidth(TemplateInstructionsSheet, "A", "A", 140)
}

// setRow writes text cells through SafeCell.
func setRow(f *excelize.File, sheet string, row int, rec []string) error {
	cell, _ := excelize.CoordinatesToCellName(1, row)
	vals := cells(rec)
	return f.SetSheetRow(sheet, cell, &vals)
}

// clipUTF16 cuts s to at most n UTF-16 code units, the unit of Excel's
// limits on validation titles (32) and messages (255); a longer one makes
// Excel repair the file.
func clipUTF16(s string, n int) string {
	if len(utf16.Encode([]rune(s))) <= n {
		return s
	}
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n-1 {
			return s[:i] + "…"
		}
		units += w
	}
	return s
}
