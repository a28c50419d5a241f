package export

import (
	"fmt"
	"strings"

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
	v := []Variable{
		{"review_id", "Review id (UUID)", "Gjennomgangs-id (UUID)", "string", "", "long, wide", "", nil},
		{"site_id", "Site id (UUID)", "Enhets-id (UUID)", "string", "", "long, wide", "", nil},
		{"site_code", "Site code", "Enhetskode", "string", "", "long", "", nil},
		{"site_name", "Site name", "Enhetsnavn", "string", "", "long", "", nil},
		{"scale", "Scale id", "Skala-id", "string", sc.ID, "long, wide", "", nil},
		{"scale_version", "Scale version", "Skalaversjon", "string", sc.Version, "long, wide", "", nil},
		{"review_type", "Review type", "Type gjennomgang", "string", "external, self, remote", "long, wide", "", nil},
		{"review_status", "Review status", "Status", "string", "planned, in_progress, consensus, finalised", "long, wide", "", nil},
		{"visit_start", "First day of the visit", "Første besøksdag", "date", "YYYY-MM-DD", "long, wide", "", nil},
		{"visit_end", "Last day of the visit", "Siste besøksdag", "date", "YYYY-MM-DD", "long, wide", "", nil},
		{"rater", "Rater id, or consensus", "Vurderer-id, eller consensus", "string", "UUID or 'consensus'", "long", "", nil},
		{"rater_name", "Rater name (empty for consensus)", "Vurderers navn (tomt for konsensus)", "string", "", "long", "", nil},
		{"item", "Item id", "Element-id", "string", itemIDs(sc), "long", sc.Version, nil},
		{"section", "Section of the item", "Seksjon", "string", sectionIDs(sc), "long", sc.Version, nil},
		{"score", "Item score", "Skår", "integer", levels, "long", sc.Version, nil},
		{"total", "Consensus total (" + string(sc.Aggregation) + " of items)", "Konsensus totalskår", "number",
			fmt.Sprintf("%g–%g; empty = no valid total", lo, hi), "wide", sc.Version, nil},
		{"band", "Fidelity band of the consensus total", "Nivå for totalskår", "string", strings.Join(bands, "; "), "wide", sc.Version, nil},
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
