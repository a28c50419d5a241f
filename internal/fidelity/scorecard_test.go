package fidelity

import (
	"reflect"
	"testing"
)

// Clone shares no memory with the original, for every pointer and slice
// the Scorecard has now or gets later: the fixture must set every one of
// them (the walk fails on a nil one, so a new field fails this test until
// the fixture and Clone know it), and the walk refuses kinds Clone cannot
// copy (maps, interfaces, channels, functions).
func TestScorecardCloneSharesNothing(t *testing.T) {
	score, value, total := 4, 19.0, 99.0
	orig := Scorecard{
		ScaleID: "se-fidelity", ScaleVersion: "2008", ScaleEncoding: 2,
		Items: []ItemScore{{ItemID: "S1", Section: "staffing", Score: &score, Method: "rule", Value: &value,
			Rule: "r", Detail: "d", Verification: "recalled", Judge: []int{1, 2}, Problem: "p"}},
		Sections:  []Subtotal{{ID: "staffing", Sum: 4, Max: 5}},
		Groupings: []GroupingScore{{ID: "principles", Groups: []Subtotal{{ID: "p1"}}}},
		Total:     &total, Min: 25, Max: 125, Band: "fair", BandVerification: "recalled",
		Rated: 1, ItemCount: 25, Missing: []string{"S2"}, InvalidReason: "x", Imputed: true,
	}
	clone := orig.Clone()
	if !reflect.DeepEqual(orig, clone) {
		t.Fatalf("clone differs:\n%+v\n%+v", orig, clone)
	}
	shared(t, "Scorecard", reflect.ValueOf(orig), reflect.ValueOf(clone))

	// nil and empty slices stay what they were (JSON null and []).
	empty := Scorecard{Items: []ItemScore{}}.Clone()
	if empty.Items == nil || empty.Missing != nil || empty.Sections != nil || empty.Total != nil {
		t.Fatalf("nil/empty not kept: %+v", empty)
	}
}

func shared(t *testing.T, path string, a, b reflect.Value) {
	t.Helper()
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			t.Fatalf("%s: the fixture must set every pointer", path)
		}
		if a.Pointer() == b.Pointer() {
			t.Fatalf("%s: the clone shares the pointer", path)
		}
		shared(t, path, a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() == 0 {
			t.Fatalf("%s: the fixture must fill every slice", path)
		}
		if a.Pointer() == b.Pointer() {
			t.Fatalf("%s: the clone shares the slice's array", path)
		}
		for i := range a.Len() {
			shared(t, path+"[]", a.Index(i), b.Index(i))
		}
	case reflect.Struct:
		for i := range a.NumField() {
			shared(t, path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
		}
	case reflect.Map, reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Array:
		t.Fatalf("%s: Clone does not copy a %s; teach it", path, a.Kind())
	}
}
