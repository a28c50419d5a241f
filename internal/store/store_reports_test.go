package store_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

// TestReportStore runs the service.ReportStore suite on both dialects.
func TestReportStore(t *testing.T) {
	for _, c := range []struct {
		name string
		fn   func(t *testing.T, s *store.Store)
	}{
		{"ReviewScores", testReviewScores},
		{"ReviewScoresBatches", testReviewScoresBatches},
		{"LatestScores", testLatestScores},
		{"StreamRatings", testStreamRatings},
		{"Outcomes", testOutcomes},
		{"Actions", testActions},
	} {
		t.Run(c.name, func(t *testing.T) { storetest.Each(t, c.fn) })
	}
}

// putSet saves a rating set whose scorecard scores the given items (in
// that order; items absent from scores are stored unscored) after the
// inputs, which come first in item order as the store lays them out.
func putSet(t *testing.T, s *store.Store, reviewID, key string, scores map[string]int, inputs []string, items ...string) {
	t.Helper()
	in := make([]fidelity.ItemInput, len(inputs))
	for i, id := range inputs {
		in[i] = fidelity.ItemInput{ItemID: id, Evidence: "noted"}
		if v, ok := scores[id]; ok {
			in[i].Score = fidelity.IntPtr(v)
		}
	}
	must(t, s.PutRatingSet(ctxT(t), fidelity.RatingSet{ReviewID: reviewID, RaterKey: key, Inputs: in,
		Scorecard: scorecard(scores, items...), UpdatedAt: now()}))
}

func collectScores(t *testing.T, s *store.Store, f service.ReviewFilter, withRaters bool) []fidelity.ReviewScores {
	t.Helper()
	var out []fidelity.ReviewScores
	must(t, s.ListReviewScores(ctxT(t), f, withRaters, func(rs fidelity.ReviewScores) error {
		out = append(out, rs)
		return nil
	}))
	return out
}

func scoreIDs(rs []fidelity.ReviewScores) []string {
	return ids(rs, func(r fidelity.ReviewScores) string { return r.ReviewID })
}

func sortedIDs(in ...string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
}

func testReviewScores(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	tr := buildTree(t, s)
	a, b, c := rater(t, s, "Anna"), rater(t, s, "Bo"), rater(t, s, "Cato")
	r1 := review(t, s, tr.t1a.ID, finalised(day(2025, 1, 10), 7), func(r *fidelity.Review) {
		r.RaterIDs = []string{a.ID, b.ID}
	})
	r2 := review(t, s, tr.t2.ID, func(r *fidelity.Review) {
		r.Type = fidelity.ReviewSelf
		r.VisitStart, r.VisitEnd = day(2024, 5, 1), day(2024, 5, 2)
	})
	r3 := review(t, s, tr.t3.ID, func(r *fidelity.Review) {
		r.Status = fidelity.StatusConsensus
		r.VisitStart, r.VisitEnd = day(2025, 6, 1), day(2025, 6, 30)
	})
	putSet(t, s, r1.ID, fidelity.ConsensusKey, map[string]int{"I1": 4, "I2": 3}, nil, "I1", "I2", "I3")
	putSet(t, s, r1.ID, a.ID, map[string]int{"I1": 4, "I2": 2}, []string{"I2"}, "I1", "I2", "I3")
	putSet(t, s, r1.ID, b.ID, map[string]int{"I1": 5}, nil, "I1", "I2")
	// c rated but is not (any more) on the review: not theirs to report.
	putSet(t, s, r1.ID, c.ID, map[string]int{"I1": 1}, nil, "I1")
	putSet(t, s, r3.ID, fidelity.ConsensusKey, map[string]int{"I1": 2}, nil, "I1", "I2")

	all := collectScores(t, s, service.ReviewFilter{}, false)
	if !slices.Equal(scoreIDs(all), sortedIDs(r1.ID, r2.ID, r3.ID)) {
		t.Fatalf("ids %v, want id order of %v", scoreIDs(all), []string{r1.ID, r2.ID, r3.ID})
	}
	byID := map[string]fidelity.ReviewScores{}
	for _, rs := range all {
		byID[rs.ReviewID] = rs
	}
	total := 7.0
	want1 := fidelity.ReviewScores{ReviewID: r1.ID, SiteID: tr.t1a.ID, ScaleID: "se-fidelity", ScaleVersion: "2008",
		Type: fidelity.ReviewExternal, Status: fidelity.StatusFinalised,
		VisitStart: day(2025, 1, 9), VisitEnd: day(2025, 1, 10), Total: &total, Band: "good",
		Consensus: map[string]int{"I1": 4, "I2": 3}}
	if !reflect.DeepEqual(byID[r1.ID], want1) {
		t.Fatalf("r1 = %+v\nwant %+v", byID[r1.ID], want1)
	}
	if got := byID[r2.ID]; got.Total != nil || len(got.Consensus) != 0 || got.Consensus == nil || got.Raters != nil ||
		got.Type != fidelity.ReviewSelf || !got.VisitEnd.Equal(day(2024, 5, 2)) {
		t.Fatalf("r2 = %+v", got)
	}
	if got := byID[r3.ID].Consensus; !reflect.DeepEqual(got, map[string]int{"I1": 2}) {
		t.Fatalf("r3 consensus = %v", got)
	}

	with := collectScores(t, s, service.ReviewFilter{}, true)
	for _, rs := range with {
		switch rs.ReviewID {
		case r1.ID:
			want := map[string]map[string]int{a.ID: {"I1": 4, "I2": 2}, b.ID: {"I1": 5}}
			if !reflect.DeepEqual(rs.Raters, want) || !reflect.DeepEqual(rs.Consensus, want1.Consensus) {
				t.Fatalf("r1 with raters = %v / %v", rs.Raters, rs.Consensus)
			}
		default:
			if rs.Raters == nil || len(rs.Raters) != 0 {
				t.Fatalf("%s raters = %#v", rs.ReviewID, rs.Raters)
			}
		}
	}

	list := func(f service.ReviewFilter) []string { return scoreIDs(collectScores(t, s, f, true)) }
	from, to := day(2025, 1, 10), day(2025, 6, 29)
	for _, c := range []struct {
		name string
		f    service.ReviewFilter
		want []string
	}{
		{"subtree", service.ReviewFilter{Subtree: tr.r1.ID}, []string{r1.ID, r2.ID}},
		{"scope", service.ReviewFilter{Subtrees: []string{tr.o2.ID, tr.r2.ID}}, []string{r2.ID, r3.ID}},
		{"unknown subtree", service.ReviewFilter{Subtree: newID(t)}, nil},
		{"site", service.ReviewFilter{SiteID: tr.t3.ID}, []string{r3.ID}},
		{"status", service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised, fidelity.StatusPlanned}},
			[]string{r1.ID, r2.ID}},
		{"type", service.ReviewFilter{Type: []fidelity.ReviewType{fidelity.ReviewSelf}}, []string{r2.ID}},
		{"dates", service.ReviewFilter{From: &from, To: &to}, []string{r1.ID}},
		{"from", service.ReviewFilter{From: &from}, []string{r1.ID, r3.ID}},
		{"rater", service.ReviewFilter{RaterID: b.ID}, []string{r1.ID}},
		{"scale", service.ReviewFilter{ScaleID: "se-fidelity", ScaleVersion: "2019"}, nil},
		// Page is ignored: everything is streamed.
		{"page", service.ReviewFilter{Page: service.Page{After: r3.ID, Limit: 1}}, []string{r1.ID, r2.ID, r3.ID}},
	} {
		if got := list(c.f); !slices.Equal(got, sortedIDs(c.want...)) {
			t.Errorf("%s: got %v, want %v", c.name, got, sortedIDs(c.want...))
		}
	}

	// An error from fn stops the iteration and comes back unchanged.
	stop := errors.New("enough")
	calls := 0
	err := s.ListReviewScores(ctx, service.ReviewFilter{}, false, func(fidelity.ReviewScores) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Fatalf("err %v after %d calls", err, calls)
	}
}

// testReviewScoresBatches crosses batch boundaries: every size from one
// review per batch to more than there are, including exact multiples.
func testReviewScoresBatches(t *testing.T, s *store.Store) {
	st := site(t, s, nil, fidelity.SiteKindTeam, "Team")
	var want []string
	for i := range 6 {
		r := review(t, s, st.ID)
		putSet(t, s, r.ID, fidelity.ConsensusKey, map[string]int{"I1": i%5 + 1}, nil, "I1")
		want = append(want, r.ID)
	}
	slices.Sort(want)
	for _, n := range []int{1, 2, 3, 4, 6, 7} {
		store.SetScoreBatch(t, n)
		got := collectScores(t, s, service.ReviewFilter{}, false)
		if !slices.Equal(scoreIDs(got), want) {
			t.Fatalf("batch %d: %v, want %v", n, scoreIDs(got), want)
		}
		for _, rs := range got {
			if len(rs.Consensus) != 1 {
				t.Fatalf("batch %d: %s has %v", n, rs.ReviewID, rs.Consensus)
			}
		}
		// Stopping inside a later batch reads no further.
		calls := 0
		err := s.ListReviewScores(ctxT(t), service.ReviewFilter{}, true, func(fidelity.ReviewScores) error {
			if calls++; calls == 5 {
				return context.Canceled
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || calls != 5 {
			t.Fatalf("batch %d: err %v after %d calls", n, err, calls)
		}
	}
}

func testLatestScores(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	tr := buildTree(t, s)
	// t1a: two finalised reviews tie on the latest visit end; the greater
	// id wins. An older one, and a later one not finalised.
	oldA := review(t, s, tr.t1a.ID, finalised(day(2024, 1, 10), 80))
	tieA := review(t, s, tr.t1a.ID, finalised(day(2025, 1, 10), 90))
	tieB := review(t, s, tr.t1a.ID, finalised(day(2025, 1, 10), 91))
	latestA := max(tieA.ID, tieB.ID)
	review(t, s, tr.t1a.ID, func(r *fidelity.Review) {
		r.Status = fidelity.StatusConsensus
		r.VisitStart, r.VisitEnd = day(2026, 1, 1), day(2026, 1, 2)
	})
	putSet(t, s, latestA, fidelity.ConsensusKey, map[string]int{"I1": 5, "I2": 4}, nil, "I1", "I2", "I3")
	// t2: only a self review; t3: an older one and one under another scale.
	selfT2 := review(t, s, tr.t2.ID, finalised(day(2024, 6, 1), 70), func(r *fidelity.Review) { r.Type = fidelity.ReviewSelf })
	oldT3 := review(t, s, tr.t3.ID, finalised(day(2023, 3, 3), 60))
	ipsT3 := review(t, s, tr.t3.ID, finalised(day(2025, 3, 3), 65), func(r *fidelity.Review) {
		r.ScaleID, r.ScaleVersion = "ips-25", "2019"
	})
	review(t, s, tr.t1b.ID) // planned only: no latest

	latest := func(f service.LatestFilter) map[string]string {
		t.Helper()
		got, err := s.LatestScores(ctx, f)
		must(t, err)
		out := map[string]string{}
		for i, rs := range got {
			if i > 0 && got[i-1].SiteID >= rs.SiteID {
				t.Fatalf("not one per site in site order: %v", scoreIDs(got))
			}
			out[rs.SiteID] = rs.ReviewID
		}
		return out
	}
	eq := func(name string, got, want map[string]string) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	eq("all", latest(service.LatestFilter{}),
		map[string]string{tr.t1a.ID: latestA, tr.t2.ID: selfT2.ID, tr.t3.ID: ipsT3.ID})
	eq("scale", latest(service.LatestFilter{ScaleID: "se-fidelity"}),
		map[string]string{tr.t1a.ID: latestA, tr.t2.ID: selfT2.ID, tr.t3.ID: oldT3.ID})
	eq("scale version", latest(service.LatestFilter{ScaleID: "ips-25", ScaleVersion: "2019"}),
		map[string]string{tr.t3.ID: ipsT3.ID})
	eq("type", latest(service.LatestFilter{Type: []fidelity.ReviewType{fidelity.ReviewExternal}}),
		map[string]string{tr.t1a.ID: latestA, tr.t3.ID: ipsT3.ID})
	to := day(2024, 12, 31)
	eq("window to", latest(service.LatestFilter{To: &to}),
		map[string]string{tr.t1a.ID: oldA.ID, tr.t2.ID: selfT2.ID, tr.t3.ID: oldT3.ID})
	from := day(2024, 7, 1)
	eq("window from", latest(service.LatestFilter{From: &from, To: &to}), map[string]string{})
	from = day(2025, 1, 10)
	eq("window edge", latest(service.LatestFilter{From: &from, ScaleID: "se-fidelity"}),
		map[string]string{tr.t1a.ID: latestA})
	eq("subtree", latest(service.LatestFilter{Subtree: tr.o1.ID}), map[string]string{tr.t1a.ID: latestA})
	eq("scope", latest(service.LatestFilter{Subtrees: []string{tr.o2.ID, tr.r2.ID}}),
		map[string]string{tr.t2.ID: selfT2.ID, tr.t3.ID: ipsT3.ID})
	eq("unknown subtree", latest(service.LatestFilter{Subtree: newID(t)}), map[string]string{})
	eq("site ids", latest(service.LatestFilter{SiteIDs: []string{tr.t3.ID, tr.t3.ID, tr.t1b.ID, newID(t)}}),
		map[string]string{tr.t3.ID: ipsT3.ID})
	eq("empty site ids", latest(service.LatestFilter{SiteIDs: []string{""}}), map[string]string{})

	// The older t1a review is the latest up to the end of 2024.
	got, err := s.LatestScores(ctx, service.LatestFilter{SiteIDs: []string{tr.t1a.ID}, To: &to})
	must(t, err)
	if len(got) != 1 || !got[0].VisitEnd.Equal(day(2024, 1, 10)) || *got[0].Total != 80 {
		t.Fatalf("t1a up to 2024 = %+v", got)
	}
	got, err = s.LatestScores(ctx, service.LatestFilter{SiteIDs: []string{tr.t1a.ID}})
	must(t, err)
	if len(got) != 1 || !reflect.DeepEqual(got[0].Consensus, map[string]int{"I1": 5, "I2": 4}) ||
		got[0].Raters != nil || got[0].Status != fidelity.StatusFinalised {
		t.Fatalf("t1a latest = %+v", got)
	}
}

func testStreamRatings(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	tr := buildTree(t, s)
	a := rater(t, s, "Anna")
	r1 := review(t, s, tr.t1a.ID, finalised(day(2025, 1, 10), 7), func(r *fidelity.Review) { r.RaterIDs = []string{a.ID} })
	r2 := review(t, s, tr.t3.ID, func(r *fidelity.Review) { r.Type = fidelity.ReviewRemote })
	review(t, s, tr.t2.ID) // no ratings: no rows
	// Inputs first (I3, I1), then the remaining scorecard item: seq order
	// is I3, I1, I2, not item id order.
	putSet(t, s, r1.ID, a.ID, map[string]int{"I1": 4, "I3": 2}, []string{"I3", "I1"}, "I1", "I2", "I3")
	putSet(t, s, r1.ID, fidelity.ConsensusKey, map[string]int{"I1": 4, "I2": 3, "I3": 2}, nil, "I1", "I2", "I3")
	putSet(t, s, r2.ID, fidelity.ConsensusKey, map[string]int{"I1": 1}, nil, "I1")

	stream := func(f service.ReviewFilter) []service.ExportRating {
		t.Helper()
		var out []service.ExportRating
		must(t, s.StreamRatings(ctx, f, func(e service.ExportRating) error {
			out = append(out, e)
			return nil
		}))
		return out
	}
	type key struct {
		review, rater, item string
		seq                 int
		score               string
	}
	keys := func(rows []service.ExportRating) []key {
		out := make([]key, len(rows))
		for i, e := range rows {
			sc := "-"
			if e.Score != nil {
				sc = fmt.Sprint(*e.Score)
			}
			out[i] = key{e.ReviewID, e.RaterKey, e.ItemID, e.Seq, sc}
		}
		return out
	}
	r1Rows := func() []key {
		cons := []key{{r1.ID, "consensus", "I1", 0, "4"}, {r1.ID, "consensus", "I2", 1, "3"}, {r1.ID, "consensus", "I3", 2, "2"}}
		rat := []key{{r1.ID, a.ID, "I3", 0, "2"}, {r1.ID, a.ID, "I1", 1, "4"}, {r1.ID, a.ID, "I2", 2, "-"}}
		if a.ID < fidelity.ConsensusKey {
			return append(rat, cons...)
		}
		return append(cons, rat...)
	}
	r2Rows := []key{{r2.ID, "consensus", "I1", 0, "1"}}
	want := append(r1Rows(), r2Rows...)
	if r2.ID < r1.ID {
		want = append(r2Rows, r1Rows()...)
	}
	all := stream(service.ReviewFilter{})
	if got := keys(all); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows\n%v\nwant\n%v", got, want)
	}
	for _, e := range all {
		switch {
		case e.ReviewID == r1.ID && e.RaterKey == a.ID:
			if e.RaterName != "Anna" {
				t.Fatalf("rater row %+v", e)
			}
		case e.RaterName != "":
			t.Fatalf("consensus row has a rater name: %+v", e)
		}
		if e.ReviewID == r1.ID {
			want := service.ExportRating{ReviewID: r1.ID, SiteID: tr.t1a.ID, SiteCode: tr.t1a.Code,
				SiteName: tr.t1a.Name, SitePath: tr.t1a.Path, ScaleID: "se-fidelity", ScaleVersion: "2008",
				ReviewType: fidelity.ReviewExternal, ReviewStatus: fidelity.StatusFinalised,
				VisitStart: day(2025, 1, 9), VisitEnd: day(2025, 1, 10),
				RaterKey: e.RaterKey, RaterName: e.RaterName, ItemID: e.ItemID, Seq: e.Seq, Score: e.Score}
			if !reflect.DeepEqual(e, want) {
				t.Fatalf("row %+v\nwant %+v", e, want)
			}
		} else if e.ReviewType != fidelity.ReviewRemote || e.ReviewStatus != fidelity.StatusPlanned || e.SiteID != tr.t3.ID {
			t.Fatalf("r2 row %+v", e)
		}
	}

	if got := keys(stream(service.ReviewFilter{Subtree: tr.r2.ID})); !reflect.DeepEqual(got, r2Rows) {
		t.Fatalf("subtree r2: %v", got)
	}
	if got := stream(service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised}, RaterID: a.ID}); len(got) != 6 {
		t.Fatalf("finalised rows of rater a's reviews: %d", len(got))
	}
	if got := stream(service.ReviewFilter{Subtree: newID(t)}); len(got) != 0 {
		t.Fatalf("unknown subtree: %d rows", len(got))
	}

	// fn's error stops the stream and comes back as it is; the store stays
	// usable afterwards.
	stop := errors.New("client gone")
	calls := 0
	err := s.StreamRatings(ctx, service.ReviewFilter{}, func(service.ExportRating) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Fatalf("err %v after %d calls", err, calls)
	}
	if got := stream(service.ReviewFilter{}); len(got) != len(all) {
		t.Fatalf("after a stopped stream: %d rows", len(got))
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	err = s.StreamRatings(cctx, service.ReviewFilter{}, func(service.ExportRating) error { return nil })
	wantKind(t, err, fidelity.KindUnavailable)

	// Inside a transaction too.
	must(t, s.InTx(ctx, func(tx service.Store) error {
		n := 0
		err := tx.(*store.Store).StreamRatings(ctx, service.ReviewFilter{}, func(service.ExportRating) error {
			n++
			return nil
		})
		if err == nil && n != len(all) {
			err = fmt.Errorf("%d rows in a transaction", n)
		}
		return err
	}))
}

func testOutcomes(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	tr := buildTree(t, s)
	mk := func(siteID, measure string, start, end time.Time) fidelity.Outcome {
		o := fidelity.Outcome{ID: newID(t), SiteID: siteID, Measure: measure, PeriodStart: start, PeriodEnd: end,
			Value: 0.42, N: 17, Note: "från NAV", CreatedAt: now()}
		must(t, s.CreateOutcome(ctx, o))
		return o
	}
	p := day
	h1 := mk(tr.t1a.ID, "employment", p(2024, 1, 1), p(2024, 6, 30))
	h2 := mk(tr.t1a.ID, "employment", p(2024, 7, 1), p(2024, 12, 31))
	hours := mk(tr.t3.ID, "hours", p(2024, 1, 1), p(2024, 12, 31))
	oneDay := mk(tr.t2.ID, "employment", p(2025, 3, 1), p(2025, 3, 1))

	list := func(f service.OutcomeFilter) []string {
		t.Helper()
		got, err := s.ListOutcomes(ctx, f)
		must(t, err)
		return ids(got, func(o fidelity.Outcome) string { return o.ID })
	}
	d := func(y int, m time.Month, dd int) *time.Time { v := day(y, m, dd); return &v }
	for _, c := range []struct {
		name string
		f    service.OutcomeFilter
		want []string
	}{
		{"all", service.OutcomeFilter{}, []string{h1.ID, h2.ID, hours.ID, oneDay.ID}},
		{"straddles", service.OutcomeFilter{From: d(2024, 6, 30), To: d(2024, 7, 1)}, []string{h1.ID, h2.ID, hours.ID}},
		{"from edge", service.OutcomeFilter{From: d(2024, 7, 1)}, []string{h2.ID, hours.ID, oneDay.ID}},
		{"to edge", service.OutcomeFilter{To: d(2024, 6, 30)}, []string{h1.ID, hours.ID}},
		{"one day", service.OutcomeFilter{From: d(2025, 3, 1), To: d(2025, 3, 1)}, []string{oneDay.ID}},
		{"gap", service.OutcomeFilter{From: d(2025, 1, 1), To: d(2025, 2, 28)}, nil},
		{"measure", service.OutcomeFilter{Measure: "hours"}, []string{hours.ID}},
		{"sites", service.OutcomeFilter{SiteIDs: []string{tr.t3.ID, tr.t2.ID, tr.t2.ID}}, []string{hours.ID, oneDay.ID}},
		{"subtree", service.OutcomeFilter{Subtree: tr.r1.ID, Measure: "employment", To: d(2024, 12, 31)},
			[]string{h1.ID, h2.ID}},
		{"scope", service.OutcomeFilter{Subtrees: []string{tr.o2.ID, tr.r2.ID}}, []string{hours.ID, oneDay.ID}},
		{"unknown subtree", service.OutcomeFilter{Subtree: newID(t)}, nil},
		{"empty site id", service.OutcomeFilter{SiteIDs: []string{""}}, nil},
	} {
		t.Run(c.name, func(t *testing.T) { sameSet(t, list(c.f), c.want) })
	}
	// By site (ids are in creation order: t1a, t2, t3), then each site's
	// series in period order.
	if got := list(service.OutcomeFilter{}); !slices.Equal(got, []string{h1.ID, h2.ID, oneDay.ID, hours.ID}) {
		t.Fatalf("order %v", got)
	}
	got, err := s.ListOutcomes(ctx, service.OutcomeFilter{Measure: "hours"})
	must(t, err)
	if len(got) != 1 || !reflect.DeepEqual(got[0], hours) {
		t.Fatalf("round trip %+v\nwant %+v", got, hours)
	}

	bad := hours
	bad.ID, bad.SiteID = newID(t), newID(t)
	wantKind(t, s.CreateOutcome(ctx, bad), fidelity.KindConflict, "refers to site "+bad.SiteID+", which does not exist")
	bad.SiteID = tr.t3.ID
	bad.PeriodStart = bad.PeriodEnd.AddDate(0, 0, 1)
	wantKind(t, s.CreateOutcome(ctx, bad), fidelity.KindConflict)
	bad = hours
	bad.ID, bad.N = newID(t), -1
	wantKind(t, s.CreateOutcome(ctx, bad), fidelity.KindConflict)
	bad.N, bad.Value = 0, math.NaN()
	wantKind(t, s.CreateOutcome(ctx, bad), fidelity.KindInvalid)
	wantKind(t, s.CreateOutcome(ctx, hours), fidelity.KindConflict, "already exists")

	// Outcomes keep their site.
	wantKind(t, s.DeleteSite(ctx, tr.t3.ID), fidelity.KindConflict, "outcomes")
	must(t, s.DeleteOutcome(ctx, hours.ID))
	wantKind(t, s.DeleteOutcome(ctx, hours.ID), fidelity.KindNotFound, "outcome "+hours.ID+" not found")
	must(t, s.DeleteSite(ctx, tr.t3.ID))
}

func testActions(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	tr := buildTree(t, s)
	rv := review(t, s, tr.t1a.ID, finalised(day(2025, 1, 10), 80))
	rv3 := review(t, s, tr.t3.ID, finalised(day(2025, 2, 10), 70))
	due := day(2025, 6, 1)
	a := fidelity.ActionItem{ID: newID(t), ReviewID: rv.ID, SiteID: tr.t1a.ID, ItemIDs: []string{"Sv1", "Sv4"},
		Title: "Hire a second IPS specialist", Owner: "Kari Nordmann", Due: &due, Status: fidelity.ActionOpen,
		Note: "budsjett 2025", CreatedAt: now(), UpdatedAt: now()}
	must(t, s.CreateAction(ctx, a))
	a.Version = 1
	got, err := s.GetAction(ctx, a.ID)
	must(t, err)
	if !reflect.DeepEqual(got, a) {
		t.Fatalf("GetAction = %+v\nwant %+v", got, a)
	}
	b := fidelity.ActionItem{ID: newID(t), ReviewID: rv3.ID, SiteID: tr.t3.ID, Title: "Weekly field mentoring",
		Status: fidelity.ActionInProgress, CreatedAt: now(), UpdatedAt: now()}
	must(t, s.CreateAction(ctx, b))
	got, err = s.GetAction(ctx, b.ID)
	must(t, err)
	if got.ItemIDs == nil || len(got.ItemIDs) != 0 || got.Due != nil || got.Version != 1 {
		t.Fatalf("minimal action = %+v", got)
	}
	b = got

	// Update: every field but the keys and CreatedAt; version checked.
	upd := a
	upd.ItemIDs, upd.Title, upd.Owner, upd.Due = nil, "Hire two", "", nil
	upd.Status, upd.Note, upd.UpdatedAt = fidelity.ActionDone, "", now()
	upd.ReviewID, upd.SiteID, upd.CreatedAt = rv3.ID, tr.t3.ID, now().AddDate(-1, 0, 0)
	must(t, s.UpdateAction(ctx, upd))
	got, err = s.GetAction(ctx, a.ID)
	must(t, err)
	want := upd
	want.ItemIDs, want.Version = []string{}, 2
	want.ReviewID, want.SiteID, want.CreatedAt = a.ReviewID, a.SiteID, a.CreatedAt
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after update %+v\nwant %+v", got, want)
	}
	err = s.UpdateAction(ctx, upd) // still version 1
	wantKind(t, err, fidelity.KindConflict, "action item "+a.ID+" was changed by someone else (version 1 is stale)")
	if !errors.Is(err, fidelity.ErrStale) {
		t.Fatalf("stale update does not wrap ErrStale: %v", err)
	}
	missing := upd
	missing.ID = newID(t)
	wantKind(t, s.UpdateAction(ctx, missing), fidelity.KindNotFound, "action item "+missing.ID+" not found")
	_, err = s.GetAction(ctx, missing.ID)
	wantKind(t, err, fidelity.KindNotFound)
	bogus := want
	bogus.Status = "someday"
	wantKind(t, s.UpdateAction(ctx, bogus), fidelity.KindConflict)

	// Integrity: the review must exist and be the site's.
	c := b
	c.ID, c.ReviewID = newID(t), newID(t)
	wantKind(t, s.CreateAction(ctx, c), fidelity.KindConflict, "which does not exist")
	c.ReviewID = rv.ID // a review of t1a, not of t3
	wantKind(t, s.CreateAction(ctx, c), fidelity.KindConflict, "which does not exist")
	c.ReviewID, c.Status = rv3.ID, "later"
	wantKind(t, s.CreateAction(ctx, c), fidelity.KindConflict)
	wantKind(t, s.CreateAction(ctx, a), fidelity.KindConflict, "already exists")

	list := func(f service.ActionFilter) []string {
		t.Helper()
		got, err := s.ListActions(ctx, f)
		must(t, err)
		return ids(got, func(a fidelity.ActionItem) string { return a.ID })
	}
	for _, c := range []struct {
		name string
		f    service.ActionFilter
		want []string
	}{
		{"all", service.ActionFilter{}, []string{a.ID, b.ID}},
		{"subtree", service.ActionFilter{Subtree: tr.r1.ID}, []string{a.ID}},
		{"scope", service.ActionFilter{Subtrees: []string{tr.o2.ID, tr.r2.ID}}, []string{b.ID}},
		{"unknown subtree", service.ActionFilter{Subtree: newID(t)}, nil},
		{"site", service.ActionFilter{SiteID: tr.t3.ID}, []string{b.ID}},
		{"review", service.ActionFilter{ReviewID: rv.ID}, []string{a.ID}},
		{"status", service.ActionFilter{Status: []fidelity.ActionStatus{fidelity.ActionOpen, fidelity.ActionInProgress}},
			[]string{b.ID}},
		{"status done", service.ActionFilter{Status: []fidelity.ActionStatus{fidelity.ActionDone}, SiteID: tr.t1a.ID},
			[]string{a.ID}},
	} {
		if got := list(c.f); !slices.Equal(got, sortedIDs(c.want...)) {
			t.Errorf("%s: got %v, want %v", c.name, got, sortedIDs(c.want...))
		}
	}

	// Moving a review to another site takes its action plan along.
	rv.SiteID = tr.t2.ID
	must(t, s.UpdateReview(ctx, rv))
	got, err = s.GetAction(ctx, a.ID)
	must(t, err)
	if got.SiteID != tr.t2.ID {
		t.Fatalf("action stayed at site %s after its review moved", got.SiteID)
	}
	sameSet(t, list(service.ActionFilter{Subtree: tr.o2.ID}), []string{a.ID})
}
