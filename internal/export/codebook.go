package export

import (
	"fmt"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/importer"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// Variable describes one column of the exports.
type Variable struct {
	Name         string `json:"variable"`
	LabelEN      string `json:"label_en"`
	LabelNB      string `json:"label_nb"`
	Type         string `json:"type"`
	Values       string `json:"values"`
	Exports      string `json:"exports"`
	ScaleVersion string `json:"scale_version,omitempty"`
	Verified     *bool  `json:"verified,omitempty"`
}

// CodebookColumns is the header of the codebook CSV.
var CodebookColumns = []string{"variable", "label_en", "label_nb", "type", "values", "exports", "scale_version", "verified"}

// Codebook describes every variable of the long and wide exports for one
// scale version: identity columns first, then each item with its levels.
func Codebook(sc *scale.Scale) []Variable {
	levels := fmt.Sprintf("%d–%d (integer; empty = not scored)", sc.Levels.Min, sc.Levels.Max)
	var bands []string
	for _, b := range sc.Bands {
		bands = append(bands, b.ID+" = "+b.Label.EN)
	}
	lo, hi := sc.TotalRange()
	// The labels are the importer's, which reads them back as headers.
	id := func(name, typ, values, exports, version string) Variable {
		l := importer.ColumnLabels[name]
		return Variable{Name: name, LabelEN: l.EN, LabelNB: l.NB, Type: typ, Values: values, Exports: exports, ScaleVersion: version}
	}
	total := id("total", "number", fmt.Sprintf("%g–%g; empty = no valid total", lo, hi), "wide", sc.Version)
	total.LabelEN += " (" + string(sc.Aggregation) + " of items)"
	v := []Variable{
		id("review_id", "string", "", "long, wide", ""),
		id("site_id", "string", "", "long, wide", ""),
		id("site_code", "string", "", "long", ""),
		id("site_name", "string", "", "long", ""),
		id("scale", "string", sc.ID, "long, wide", ""),
		id("scale_version", "string", sc.Version, "long, wide", ""),
		id("review_type", "string", "external, self, remote", "long, wide", ""),
		id("review_status", "string", "planned, in_progress, consensus, finalised", "long, wide", ""),
		id("visit_start", "date", "YYYY-MM-DD", "long, wide", ""),
		id("visit_end", "date", "YYYY-MM-DD", "long, wide", ""),
		id("rater", "string", "UUID or 'consensus'", "long", ""),
		id("rater_name", "string", "", "long", ""),
		id("item", "string", itemIDs(sc), "long", sc.Version),
		id("section", "string", sectionIDs(sc), "long", sc.Version),
		id("score", "integer", levels, "long", sc.Version),
		total,
		id("band", "string", strings.Join(bands, "; "), "wide", sc.Version),
	}
	for _, it := range sc.Items {
		verified := it.Verified
		v = append(v, Variable{
			Name: it.ID, LabelEN: it.Title.EN, LabelNB: it.Title.NB, Type: "integer",
			Values: levels, Exports: "wide", ScaleVersion: sc.Version, Verified: &verified,
		})
	}
	return v
}

// record renders a variable as a CSV record in CodebookColumns order.
func (v Variable) record() []string {
	verified := ""
	if v.Verified != nil {
		verified = fmt.Sprint(*v.Verified)
	}
	return []string{v.Name, v.LabelEN, v.LabelNB, v.Type, v.Values, v.Exports, v.ScaleVersion, verified}
}

func itemIDs(sc *scale.Scale) string {
	ids := make([]string, len(sc.Items))
	for i, it := range sc.Items {
		ids[i] = it.ID
	}
	return strings.Join(ids, ", ")
}

func sectionIDs(sc *scale.Scale) string {
	ids := make([]string, len(sc.Sections))
	for i, s := range sc.Sections {
		ids[i] = s.ID
	}
	return strings.Join(ids, ", ")
}
