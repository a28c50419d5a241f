package scoring

import "testing"

func BenchmarkScoreCompleteReview(b *testing.B) {
	s := seScale(b)
	in := readReview(b, "complete-review.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Score(s, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreItem(b *testing.B) {
	s := seScale(b)
	in := readReview(b, "complete-review.json")
	it := itemOfScale(b, s, "Sv6")
	var sv6 = in[16]
	if sv6.ItemID != "Sv6" {
		b.Fatalf("input 16 is %s", sv6.ItemID)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := ScoreItem(s, it, sv6); errs != nil {
			b.Fatal(errs)
		}
	}
}

func BenchmarkCompare(b *testing.B) {
	s := seScale(b)
	in := readReview(b, "complete-review.json")
	ca := mustScore(b, s, in)
	other, _ := seInputsForTotal(b, s, 90)
	cb := mustScore(b, s, other)
	b.ReportAllocs()
	for b.Loop() {
		if len(Compare(ca, cb)) == 0 {
			b.Fatal("no disagreements")
		}
	}
}

func BenchmarkProposeConsensus(b *testing.B) {
	s := seScale(b)
	in := readReview(b, "complete-review.json")
	other, _ := seInputsForTotal(b, s, 90)
	raters := []RaterInputs{{Rater: "a", Inputs: in}, {Rater: "b", Inputs: other}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ProposeConsensus(s, raters); err != nil {
			b.Fatal(err)
		}
	}
}
