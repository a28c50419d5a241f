package scale

import (
	"errors"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/scales"
)

const realMapFile = "maps/ips-15_to_se-fidelity.yaml"

func realMap(t *testing.T) string {
	t.Helper()
	data, err := scales.FS.ReadFile(realMapFile)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// embeddedScalesOnly is a catalog with the shipped scales and no maps, for
// adding a map under test.
func embeddedScalesOnly(t *testing.T) *Catalog {
	t.Helper()
	list, err := LoadFS(scales.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	cat := NewCatalog()
	if err := addAll(cat, list); err != nil {
		t.Fatal(err)
	}
	return cat
}

// The shipped map joins the 15-item IPS scale to the SE Fidelity Scale:
// caseload is re-scored from its inputs, zero exclusion carries as it is,
// every item of both forms is accounted for once.
func TestShippedMapIPS15ToSEFidelity(t *testing.T) {
	cat := NewCatalog()
	if err := LoadEmbedded(cat); err != nil {
		t.Fatal(golden(err))
	}
	m := cat.MapBetween(ScaleRef{"ips-15", "1996"}, ScaleRef{"se-fidelity", "2008"})
	if m == nil {
		t.Fatal("no map from ips-15@1996 to se-fidelity@2008")
	}
	if got := cat.MapsTo(ScaleRef{"se-fidelity", "2008"}); len(got) != 1 {
		t.Fatalf("maps to se-fidelity@2008: %d, want 1", len(got))
	}
	from, to := map[string]ItemMapping{}, map[string]ItemMapping{}
	for _, it := range m.Items {
		if it.Note.EN == "" || it.Note.NB == "" {
			t.Errorf("mapping %v → %v has no note in both languages", it.From, it.To)
		}
		for _, id := range it.From {
			from[id] = it
		}
		for _, id := range it.To {
			to[id] = it
		}
	}
	if len(from) != 15 || len(to) != 25 {
		t.Fatalf("covered %d old and %d new items, want 15 and 25", len(from), len(to))
	}
	if s1 := from["S1"]; s1.Scores != CarryRescore || s1.Inputs["active_clients"] != "active_clients" {
		t.Errorf("S1 = %+v, want rescore with its inputs", s1)
	}
	if o3 := from["O3"]; o3.Scores != CarryEqual || o3.To[0] != "O6" {
		t.Errorf("O3 = %+v, want equal to O6", o3)
	}
	var comparable []string
	for _, it := range m.Items {
		if it.Comparable() {
			comparable = append(comparable, it.From[0]+"→"+it.To[0])
		}
	}
	if strings.Join(comparable, ",") != "S1→S1,O3→O6" {
		t.Errorf("comparable items %v", comparable)
	}
}

// Each broken map is refused with the file, line, column and field of
// the fault and the reason.
func TestInvalidMaps(t *testing.T) {
	base := realMap(t)
	cases := []struct {
		name, old, new, want string
	}{
		{"unknown old item", "from: [Sv9]", "from: [Sv99]",
			"bad.yaml:237:12: items[15].from[0]: ips-15@1996 has no item Sv99"},
		{"old item left out", "from: [Sv9]", "from: [Sv99]",
			"item Sv9 of ips-15@1996 is not mapped: list it in a from, or as dropped"},
		{"new item mapped twice", "to: [Sv1, Sv2, Sv6, Sv7]", "to: [Sv1, Sv2, Sv6, Sv7, O3]",
			"item O3 of se-fidelity@2008 is mapped twice (first at items[6].to[0])"},
		{"equal on a measured item", "from: [S1]\n    to: [S1]\n    scores: rescore\n    inputs: {active_clients: active_clients, specialist_fte: specialist_fte}",
			"from: [S1]\n    to: [S1]\n    scores: equal",
			"equal carries a rater's direct score, so both items must be ordinal"},
		{"rescore on ordinal items", "from: [O3]\n    to: [O6]\n    scores: equal", "from: [O3]\n    to: [O6]\n    scores: rescore",
			"rescore scores the stored inputs again, so both items must be measured"},
		{"missing input rename", "inputs: {active_clients: active_clients, specialist_fte: specialist_fte}", "inputs: {active_clients: active_clients}",
			"the rule of S1 needs input specialist_fte"},
		{"unknown input", "inputs: {active_clients: active_clients, specialist_fte: specialist_fte}", "inputs: {active_clients: active_clients, fte: specialist_fte}",
			"items[0].inputs.fte: S1 has no input fte"},
		{"split with one target", "to: [O1, O2]", "to: [O1]",
			"items[3].relation: relation split needs one item in from and at least two in to"},
		{"same with another id", "from: [S3]\n    to: [S3]", "from: [S3]\n    to: [S2]",
			"relation same keeps the id (S3); use renamed for S3 → S2"},
		{"scores on a split", "from: [O1]\n    to: [O1, O2]", "from: [O1]\n    to: [O1, O2]\n    scores: equal",
			"scores applies only to same and renamed"},
		{"unknown relation", "relation: dropped", "relation: gone", `"gone" is not one of`},
		{"note in one language", "  nb: >-\n    Kvalitetsskalaen", "  nn: >-\n    Kvalitetsskalaen", `unknown field "nn"`},
		{"unknown scale", "scale: se-fidelity@2008", "scale: se-fidelity@2099", "no scale se-fidelity@2099 is loaded"},
		{"bad reference", "scale: se-fidelity@2008", "scale: se-fidelity", "scale"},
		{"unknown key in a reference", `{scale: ips-15, version: "1996"}`, `{scale: ips-15, version: "1996", edition: 2}`, "edition"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("fixture text %q not in the shipped map", tc.old)
			}
			data := strings.Replace(base, tc.old, tc.new, 1)
			cat := embeddedScalesOnly(t)
			m, err := ParseMap("bad.yaml", []byte(data))
			if err == nil {
				err = cat.AddMap(m)
			}
			if err == nil {
				t.Fatal("accepted")
			}
			var fe *fidelity.Error
			if !errors.As(err, &fe) || fe.Kind != fidelity.KindInvalid {
				t.Fatalf("error %T %v, want KindInvalid", err, err)
			}
			if got := golden(err); !strings.Contains(got, tc.want) {
				t.Fatalf("error\n%s\ndoes not contain %q", got, tc.want)
			}
			if cat.Maps() != nil {
				t.Fatal("a refused map was registered")
			}
		})
	}
}

// The short spelling of a reference and the mapping spelling mean the same.
func TestMapReferenceSpellings(t *testing.T) {
	base := realMap(t)
	short := strings.Replace(base, `supersedes: {scale: ips-15, version: "1996"}`, "supersedes: ips-15@1996", 1)
	long := strings.Replace(base, "scale: se-fidelity@2008", `scale: {scale: se-fidelity, version: "2008"}`, 1)
	for _, data := range []string{short, long} {
		m, err := ParseMap("m.yaml", []byte(data))
		if err != nil {
			t.Fatal(golden(err))
		}
		if m.Supersedes != (ScaleRef{"ips-15", "1996"}) || m.Scale != (ScaleRef{"se-fidelity", "2008"}) {
			t.Fatalf("refs %v %v", m.Supersedes, m.Scale)
		}
	}
}

// A second, different map between the same versions is a conflict; the
// same bytes again are accepted.
func TestMapConflict(t *testing.T) {
	cat := NewCatalog()
	if err := LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	same, err := ParseMap(realMapFile, []byte(realMap(t)))
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.AddMap(same); err != nil {
		t.Fatalf("same map again: %v", err)
	}
	other, err := ParseMap("other.yaml", []byte(realMap(t)+"\n# another text\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.AddMap(other); fidelity.KindOf(err) != fidelity.KindConflict {
		t.Fatalf("different map: %v, want a conflict", err)
	}
}

// FuzzParseMap feeds arbitrary bytes to the item-map loader and, when a
// map parses, checks it against the shipped scales: neither may panic,
// and every failure is a KindInvalid *fidelity.Error with fields.
func FuzzParseMap(f *testing.F) {
	f.Add([]byte("scale: se-fidelity@2008\nsupersedes: ips-15@1996\nnote: {en: a, nb: b}\nitems: [{relation: new, to: [S1], note: {en: a, nb: b}}]\n"))
	f.Add([]byte("scale: {scale: a, version: \"1\"}\nsupersedes: b@1\n"))
	f.Add([]byte("items: [{relation: same, from: [S1], to: [S1], scores: rescore, inputs: {a: b}}]"))
	cat := NewCatalog()
	list, err := LoadFS(scales.FS, ".")
	if err != nil {
		f.Fatal(err)
	}
	if err := addAll(cat, list); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		m, err := ParseMap("fuzz.yaml", data)
		if err == nil {
			if m == nil || m.Checksum == "" {
				t.Fatal("success without a map")
			}
			err = cat.AddMap(m)
			if err == nil {
				return
			}
		}
		var fe *fidelity.Error
		if !errors.As(err, &fe) || (fe.Kind != fidelity.KindInvalid && fe.Kind != fidelity.KindConflict) {
			t.Fatalf("error %T %v is not a KindInvalid *fidelity.Error", err, err)
		}
		if fe.Kind == fidelity.KindInvalid && len(fe.Fields) == 0 {
			t.Fatalf("error without fields: %v", err)
		}
	})
}
