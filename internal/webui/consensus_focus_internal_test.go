package webui

import "testing"

// The view opens on the items to discuss when there are any, and a folded
// agreed item with an error opens its section's fold.
func TestFoldAgreed(t *testing.T) {
	agreed := func(id, score string) itemView {
		return itemView{ID: id, Score: score, Compare: &itemCompare{Agreed: true, Raters: []raterValue{{Score: score}, {Score: score}}}}
	}
	sections := func() []sectionView {
		return []sectionView{
			{ID: "staffing", Items: []itemView{agreed("S1", "5"), {ID: "S2", Score: "3", Compare: &itemCompare{Agreed: false}}, agreed("S3", "")}},
			{ID: "services", Items: []itemView{agreed("Sv1", "4"), agreed("Sv2", "4")}},
		}
	}

	s := sections()
	cv := &consensusView{}
	foldAgreed(cv, s, "")
	if cv.Show != showFocus || cv.Focus != 2 || cv.Total != 5 {
		t.Fatalf("show %q, focus %d of %d; want the disagreements view with S2 and S3 (no consensus score) of 5", cv.Show, cv.Focus, cv.Total)
	}
	if !s[0].Items[0].Compare.Folded || s[0].Items[1].Compare.Folded || s[0].Items[2].Compare.Folded {
		t.Error("only the agreed, scored S1 folds in staffing")
	}
	if f := cv.Folds["services"]; f == nil || len(f.Rows) != 2 || f.Rows[0].Raters != "4 · 4" || f.Open {
		t.Errorf("services fold %+v", f)
	}

	s = sections()
	s[1].Items[1].ScoreErr = "Choose a score."
	cv = &consensusView{}
	foldAgreed(cv, s, "")
	if !cv.Folds["services"].Open {
		t.Error("a folded item with an error does not open its fold")
	}

	s = sections()
	cv = &consensusView{}
	foldAgreed(cv, s, showAll)
	if cv.Show != showAll || cv.Folds != nil || s[1].Items[0].Compare.Folded {
		t.Error("?show=all folds items")
	}

	// Nothing to discuss: the whole form, whatever the default.
	s = []sectionView{{ID: "services", Items: []itemView{agreed("Sv1", "4")}}}
	cv = &consensusView{}
	foldAgreed(cv, s, "nonsense")
	if cv.Show != showAll {
		t.Errorf("with nothing to discuss the view is %q", cv.Show)
	}
}
