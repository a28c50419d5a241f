package ratingsfile

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFormatsAgree(t *testing.T) {
	y, err := Parse("review.yaml", mustRead(t, "testdata/review.yaml"), YAML)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("review.csv", mustRead(t, "testdata/review.csv"), CSV)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(y)
	j, err := Parse("review.json", js, JSON)
	if err != nil {
		t.Fatal(err)
	}
	if y.Scale != "se-fidelity@2008" || len(y.Items) != 4 {
		t.Fatalf("yaml parsed to %+v", y)
	}
	c.Scale = y.Scale
	if !reflect.DeepEqual(y, c) {
		t.Errorf("yaml and csv differ:\n%+v\n%+v", y, c)
	}
	if !reflect.DeepEqual(y, j) {
		t.Errorf("yaml and json differ:\n%+v\n%+v", y, j)
	}
	if got := y.Items[3].Specialists[1].Values["employer_contacts_per_week"]; got != 4.5 {
		t.Errorf("specialist value = %v, want 4.5", got)
	}
}

func TestFormatOf(t *testing.T) {
	cases := map[string]Format{"a.json": JSON, "a.CSV": CSV, "a.yml": YAML, "a.yaml": YAML}
	for name, want := range cases {
		if got := FormatOf(name, nil); got != want {
			t.Errorf("FormatOf(%s) = %s, want %s", name, got, want)
		}
	}
	if FormatOf("stdin", []byte(" {\"items\":[]}")) != JSON || FormatOf("x", []byte("item,field,value\n")) != CSV {
		t.Error("sniffing failed")
	}
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name, data string
		f          Format
		want       string
	}{
		{"unknown json field", `{"items":[{"item":"S1","scroe":3}]}`, JSON, "scroe"},
		{"json wrong type", `{"items":[{"item":"S1","score":"high"}]}`, JSON, "1:"},
		{"json trailing", `{"items":[]} {}`, JSON, "after the JSON"},
		{"json empty", ``, JSON, "empty"},
		{"yaml alias", "a: &x [1]\nitems: *x\n", YAML, "aliases"},
		{"yaml nan", "items:\n  - item: S1\n    values: {active_clients: .nan}\n", YAML, "finite"},
		{"yaml inf", "items:\n  - item: S1\n    values: {active_clients: .inf}\n", YAML, "finite"},
		{"yaml duplicate key", "items: []\nitems: []\n", YAML, "items"},
		{"yaml unknown field", "items:\n  - item: S1\n    colour: red\n", YAML, "colour"},
		{"yaml malformed", "items: [\n", YAML, "malformed"},
		{"yaml deep", strings.Repeat("[", 40) + strings.Repeat("]", 40), YAML, "deeply"},
		{"csv header", "a,b,c\n", CSV, "header"},
		{"csv columns", "item,field,value\nS1,score\n", CSV, "2:"},
		{"csv unknown field", "item,field,value\nS1,colour,red\n", CSV, "unknown field"},
		{"csv score text", "item,field,value\nS1,score,high\n", CSV, "whole number"},
		{"csv nan", "item,field,value\nS1,values.x,NaN\n", CSV, "finite"},
		{"csv specialist 0", "item,field,value\nSv7,specialists.0.score,3\n", CSV, "specialist number"},
		{"csv specialist huge", "item,field,value\nSv7,specialists.99999999.score,3\n", CSV, "specialist number"},
		{"csv duplicate value", "item,field,value\nS1,values.x,1\nS1,values.x,2\n", CSV, "twice"},
		{"too large", strings.Repeat(" ", MaxSize+1), YAML, "limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("f", []byte(c.data), c.f)
			if err == nil {
				t.Fatal("no error")
			}
			if fidelity.KindOf(err) != fidelity.KindInvalid {
				t.Errorf("kind = %s, want invalid", fidelity.KindOf(err))
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add(mustReadF(f, "testdata/review.yaml"), uint8(0))
	f.Add(mustReadF(f, "testdata/review.csv"), uint8(2))
	f.Add([]byte(`{"items":[{"item":"S1","values":{"a":1e308}}]}`), uint8(1))
	f.Add([]byte("a: &a [*a]"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		formats := []Format{YAML, JSON, CSV}
		_, err := Parse("fuzz", data, formats[int(which)%3])
		if err != nil && fidelity.KindOf(err) != fidelity.KindInvalid {
			t.Fatalf("error of kind %s: %v", fidelity.KindOf(err), err)
		}
	})
}

func mustReadF(f *testing.F, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

func TestBareItemList(t *testing.T) {
	j, err := Parse("a.json", []byte(`[{"item":"O6","score":4}]`), JSON)
	if err != nil || len(j.Items) != 1 || *j.Items[0].Score != 4 {
		t.Fatalf("json list: %+v %v", j, err)
	}
	y, err := Parse("a.yaml", []byte("- item: O6\n  score: 4\n"), YAML)
	if err != nil || len(y.Items) != 1 || *y.Items[0].Score != 4 {
		t.Fatalf("yaml list: %+v %v", y, err)
	}
}
