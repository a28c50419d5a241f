package export

import (
	"bytes"
	"testing"
)

func TestSafeCellNeutralisesFormulasAndKeepsNumbers(t *testing.T) {
	cases := map[string]string{
		`=HYPERLINK("x")`: `'=HYPERLINK("x")`, "+1+1": "'+1+1", "-1+2": "'-1+2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "-": "'-", "+": "'+", "-Inf": "'-Inf", "-0x1p3": "'-0x1p3",
		"-1.5": "-1.5", "+2": "+2", "-0.25e3": "-0.25e3", "-.5": "-.5", "3": "3", "": "",
		"Nav Bergenhus": "Nav Bergenhus", "a=b": "a=b", "'=x": "'=x",
	}
	for in, want := range cases {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
	var b bytes.Buffer
	w := NewCSVWriter(&b)
	if err := w.WriteAll([][]string{{"=1+1", "-1.5"}}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "'=1+1,-1.5\n" {
		t.Fatalf("CSV %q", b.String())
	}
}
