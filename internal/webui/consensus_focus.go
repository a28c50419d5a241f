package webui

import "strings"

// The consensus page's "disagreements only" view. With every item
// expanded the page is tens of thousands of pixels tall, while the work of
// a consensus meeting is the few items the raters scored differently. So,
// by default when there is such an item, the page expands only the items
// that need the meeting — raters disagree, or the consensus has no score —
// and shows the agreed items of each section as a compact table, their
// editors folded into a closed <details> below it. The folded editors stay
// inside the form, so saving still sends every item; a folded item with an
// error opens its section's <details>. ?show=all expands everything as
// before; the toggle is two plain links, so it works without JavaScript.

const (
	showFocus = "disagreements"
	showAll   = "all"
)

// agreedRow is one agreed item in a section's summary table.
type agreedRow struct {
	ID, Number, Title, Score string
	Raters                   string // the raters' scores, e.g. "4 · 4"
}

// sectionFold is what a section shows of its agreed items.
type sectionFold struct {
	Rows []agreedRow
	Open bool // a folded item has an error: show its editor
}

// focusItem tells whether an item needs the consensus meeting.
func focusItem(it itemView) bool {
	return it.Score == "" || (it.Compare != nil && !it.Compare.Agreed)
}

// chooseShow picks the view: the one asked for, else the focused view when
// any item needs attention.
func chooseShow(asked string, focus int) string {
	switch asked {
	case showAll, showFocus:
		return asked
	}
	if focus > 0 {
		return showFocus
	}
	return showAll
}

// foldAgreed marks the agreed items of every section as collapsed and
// gathers their summary rows; it counts the items that need attention.
func foldAgreed(cv *consensusView, sections []sectionView, asked string) {
	cv.Total = 0
	for _, s := range sections {
		for _, it := range s.Items {
			cv.Total++
			if focusItem(it) {
				cv.Focus++
			}
		}
	}
	cv.Show = chooseShow(asked, cv.Focus)
	if cv.Show != showFocus {
		return
	}
	cv.Folds = map[string]*sectionFold{}
	for si := range sections {
		fold := &sectionFold{}
		for ii := range sections[si].Items {
			it := &sections[si].Items[ii]
			if focusItem(*it) || it.Compare == nil {
				continue
			}
			it.Compare.Folded = true
			var scores []string
			for _, r := range it.Compare.Raters {
				s := r.Score
				if s == "" {
					s = "–"
				}
				scores = append(scores, s)
			}
			fold.Rows = append(fold.Rows, agreedRow{ID: it.ID, Number: it.Number, Title: it.Title, Score: it.Score,
				Raters: strings.Join(scores, " · ")})
			if it.ScoreErr != "" || it.ElementsErr != "" || len(it.Errors) > 0 || it.Evidence.Err != "" {
				fold.Open = true
			}
		}
		if len(fold.Rows) > 0 {
			cv.Folds[sections[si].ID] = fold
		}
	}
}
