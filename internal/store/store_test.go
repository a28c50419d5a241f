package store_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

func TestStore(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d.Name, func(t *testing.T) { runStoreSuite(t, d.New) })
	}
}

// runStoreSuite is the one behavioural suite every dialect must pass. Each
// case gets a fresh, migrated, empty store.
func runStoreSuite(t *testing.T, newStore func(t testing.TB) *store.Store) {
	cases := []struct {
		name string
		fn   func(t *testing.T, s *store.Store)
	}{
		{"Ping", testPing},
		{"Scales", testScales},
		{"SiteCRUD", testSiteCRUD},
		{"SiteConstraints", testSiteConstraints},
		{"SiteHistory", testSiteHistory},
		{"SubtreeFilters", testSubtreeFilters},
		{"SiteNameAndActive", testSiteNameAndActive},
		{"LikeEscaping", testLikeEscaping},
		{"MoveSubtree", testMoveSubtree},
		{"DeleteSite", testDeleteSite},
		{"Raters", testRaters},
		{"Pagination", testPagination},
		{"ReviewCRUD", testReviewCRUD},
		{"ReviewConstraints", testReviewConstraints},
		{"ReviewFilters", testReviewFilters},
		{"LatestFinalised", testLatestFinalised},
		{"LatestFinalisedOfTypes", testLatestFinalisedOfTypes},
		{"OpenReviews", testOpenReviews},
		{"Groupings", testGroupings},
		{"RatingSets", testRatingSets},
		{"ScoreCheck", testScoreCheck},
		{"Corrections", testCorrections},
		{"TxRollback", testTxRollback},
		{"TxNested", testTxNested},
		{"TxCancel", testTxCancel},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.fn(t, newStore(t)) })
	}
}

func testPing(t *testing.T, s *store.Store) {
	must(t, s.Ping(ctxT(t)))
}

func testScales(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	src := []byte("id: se-fidelity\nversion: \"2008\"\ntitle: {en: Supported Employment, nb: Arbeid med bistand – Øvre}\n")
	sc := service.StoredScale{ID: "se-fidelity", Version: "2008", Checksum: "sha256:abc", Source: src,
		Origin: "upload", CreatedAt: now()}
	must(t, s.PutScale(ctx, sc))
	must(t, s.PutScale(ctx, service.StoredScale{ID: "ips", Version: "1", Checksum: "x", Source: []byte("a"),
		Origin: "embedded", CreatedAt: now()}))

	got, err := s.GetScale(ctx, "se-fidelity", "2008")
	must(t, err)
	if !reflect.DeepEqual(got, sc) {
		t.Fatalf("GetScale = %+v, want %+v", got, sc)
	}
	wantKind(t, s.PutScale(ctx, sc), fidelity.KindConflict, "scale se-fidelity@2008 already exists")
	_, err = s.GetScale(ctx, "se-fidelity", "2099")
	wantKind(t, err, fidelity.KindNotFound, "scale se-fidelity@2099 not found")
	wantKind(t, s.PutScale(ctx, service.StoredScale{ID: "bin", Version: "1", Source: []byte{0xff, 0}}),
		fidelity.KindInvalid)

	all, err := s.ListScales(ctx)
	must(t, err)
	if len(all) != 2 || all[0].ID != "ips" || all[1].ID != "se-fidelity" || !bytes.Equal(all[1].Source, src) {
		t.Fatalf("ListScales = %+v", all)
	}

	// An encoding revision replaces the source and keeps the old one; a
	// revision against a checksum that is no longer stored changes nothing.
	next := service.StoredScale{ID: "se-fidelity", Version: "2008", Checksum: "sha256:def",
		Source: append(bytes.Clone(src), "encoding: 2\n"...), Origin: "embedded", CreatedAt: now()}
	wantKind(t, s.ReviseScale(ctx, next, "sha256:stale"), fidelity.KindConflict, "changed while its encoding was being revised")
	must(t, s.ReviseScale(ctx, next, "sha256:abc"))
	got, err = s.GetScale(ctx, "se-fidelity", "2008")
	must(t, err)
	if !reflect.DeepEqual(got, next) {
		t.Fatalf("after ReviseScale GetScale = %+v, want %+v", got, next)
	}
	kept, err := s.ListScaleEncodings(ctx, "se-fidelity", "2008")
	must(t, err)
	if len(kept) != 1 || !reflect.DeepEqual(kept[0], sc) {
		t.Fatalf("ListScaleEncodings = %+v, want the replaced %+v", kept, sc)
	}
	wantKind(t, s.ReviseScale(ctx, next, "sha256:abc"), fidelity.KindConflict)
}

func testSiteCRUD(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	from, to := day(2020, 1, 1), day(2030, 12, 31)
	root := site(t, s, nil, fidelity.SiteKindRegion, "Øst")
	child := fidelity.Site{ID: newID(t), ParentID: root.ID, Kind: fidelity.SiteKindOffice, Code: "0301",
		Name: "NAV Grünerløkka", ActiveFrom: &from, ActiveTo: &to, CreatedAt: now(), UpdatedAt: now()}
	child.Path = root.Path + child.ID + "/"
	child.Version = 7 // ignored on create
	must(t, s.CreateSite(ctx, child))

	got, err := s.GetSite(ctx, child.ID)
	must(t, err)
	child.Version = 1
	if !reflect.DeepEqual(got, child) {
		t.Fatalf("GetSite = %+v\nwant %+v", got, child)
	}

	got.Name = "NAV Gamle Oslo"
	got.ActiveTo = nil
	got.UpdatedAt = now()
	must(t, s.UpdateSite(ctx, got))
	again, err := s.GetSite(ctx, child.ID)
	must(t, err)
	if again.Version != 2 || again.Name != "NAV Gamle Oslo" || again.ActiveTo != nil || !again.UpdatedAt.Equal(got.UpdatedAt) {
		t.Fatalf("after update: %+v", again)
	}
	if !again.CreatedAt.Equal(child.CreatedAt) {
		t.Fatalf("update changed created_at: %v", again.CreatedAt)
	}

	// The same (now stale) version again: someone else won.
	err = s.UpdateSite(ctx, got)
	wantKind(t, err, fidelity.KindConflict,
		"site "+child.ID+" was changed by someone else (version 1 is stale)")
	if !errors.Is(err, fidelity.ErrStale) {
		t.Fatalf("stale update does not wrap fidelity.ErrStale: %v", err)
	}
	missing := got
	missing.ID = newID(t)
	wantKind(t, s.UpdateSite(ctx, missing), fidelity.KindNotFound, "site "+missing.ID+" not found")
	_, err = s.GetSite(ctx, missing.ID)
	wantKind(t, err, fidelity.KindNotFound, "site "+missing.ID+" not found")

	n, err := s.CountChildren(ctx, root.ID)
	must(t, err)
	if n != 1 {
		t.Fatalf("CountChildren = %d", n)
	}
	n, err = s.CountReviews(ctx, root.ID)
	must(t, err)
	if n != 0 {
		t.Fatalf("CountReviews = %d", n)
	}
}

func testSiteConstraints(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	root := site(t, s, nil, fidelity.SiteKindRegion, "Vest")
	dup := root
	wantKind(t, s.CreateSite(ctx, dup), fidelity.KindConflict, "already exists")

	orphanID := newID(t)
	orphan := fidelity.Site{ID: orphanID, ParentID: newID(t), Path: "/x/" + orphanID + "/", Kind: "team", Name: "Orphan"}
	wantKind(t, s.CreateSite(ctx, orphan), fidelity.KindConflict)

	badPathID := newID(t)
	badPath := fidelity.Site{ID: badPathID, Path: "/not-its-id/", Kind: "team", Name: "Bad path"}
	wantKind(t, s.CreateSite(ctx, badPath), fidelity.KindConflict)

	from, to := day(2025, 1, 1), day(2024, 1, 1)
	backwards := fidelity.Site{ID: badPathID, Path: "/" + badPathID + "/", Kind: "team", Name: "Backwards",
		ActiveFrom: &from, ActiveTo: &to}
	wantKind(t, s.CreateSite(ctx, backwards), fidelity.KindConflict)
}

func testSiteHistory(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	a := site(t, s, nil, fidelity.SiteKindRegion, "Nord")
	t0 := now()
	changes := []fidelity.SiteChange{
		{SiteID: a.ID, ValidFrom: t0.Add(time.Hour), Name: "Nord-Norge", Code: "NN", Path: a.Path, Change: "renamed"},
		{SiteID: a.ID, ValidFrom: t0, Name: "Nord", Code: "NOR", Path: a.Path, Change: "created"},
	}
	for _, c := range changes {
		must(t, s.AddSiteChange(ctx, c))
	}
	h, err := s.SiteHistory(ctx, a.ID)
	must(t, err)
	if !reflect.DeepEqual(h, []fidelity.SiteChange{changes[1], changes[0]}) {
		t.Fatalf("SiteHistory = %+v", h)
	}
	wantKind(t, s.AddSiteChange(ctx, fidelity.SiteChange{SiteID: newID(t), ValidFrom: t0, Name: "x", Path: "/x/", Change: "created"}),
		fidelity.KindConflict)
	h, err = s.SiteHistory(ctx, newID(t))
	must(t, err)
	if len(h) != 0 {
		t.Fatalf("history of unknown site: %+v", h)
	}
}

// tree is a three-level organisation used by the filter tests:
//
//	r1 ── o1 ── t1a, t1b
//	   └─ o2 ── t2
//	r2 ── o3 ── t3
type tree struct {
	r1, o1, t1a, t1b, o2, t2, r2, o3, t3 fidelity.Site
}

func buildTree(t *testing.T, s *store.Store) tree {
	var tr tree
	tr.r1 = site(t, s, nil, fidelity.SiteKindRegion, "Region Øst")
	tr.o1 = site(t, s, &tr.r1, fidelity.SiteKindOffice, "NAV Østensjø")
	tr.t1a = site(t, s, &tr.o1, fidelity.SiteKindTeam, "Team A")
	tr.t1b = site(t, s, &tr.o1, fidelity.SiteKindTeam, "Team B")
	tr.o2 = site(t, s, &tr.r1, fidelity.SiteKindOffice, "NAV Frogner")
	tr.t2 = site(t, s, &tr.o2, fidelity.SiteKindTeam, "Team C")
	tr.r2 = site(t, s, nil, fidelity.SiteKindRegion, "Region Vest")
	tr.o3 = site(t, s, &tr.r2, fidelity.SiteKindOffice, "NAV Bergenhus")
	tr.t3 = site(t, s, &tr.o3, fidelity.SiteKindTeam, "Team D")
	return tr
}

func listSites(t *testing.T, s *store.Store, f service.SiteFilter) []string {
	t.Helper()
	got, err := s.ListSites(ctxT(t), f)
	must(t, err)
	return siteIDs(got)
}

func testSubtreeFilters(t *testing.T, s *store.Store) {
	tr := buildTree(t, s)
	sameSet(t, listSites(t, s, service.SiteFilter{}), siteIDs([]fidelity.Site{
		tr.r1, tr.o1, tr.t1a, tr.t1b, tr.o2, tr.t2, tr.r2, tr.o3, tr.t3}))
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: tr.o1.ID}), siteIDs([]fidelity.Site{tr.o1, tr.t1a, tr.t1b}))
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: tr.r1.ID}),
		siteIDs([]fidelity.Site{tr.r1, tr.o1, tr.t1a, tr.t1b, tr.o2, tr.t2}))
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: tr.t3.ID}), []string{tr.t3.ID})
	sameSet(t, listSites(t, s, service.SiteFilter{Subtrees: []string{tr.o1.ID, tr.r2.ID}}),
		siteIDs([]fidelity.Site{tr.o1, tr.t1a, tr.t1b, tr.r2, tr.o3, tr.t3}))
	// Subtree AND scope: only the part of r1 inside the scope.
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: tr.r1.ID, Subtrees: []string{tr.o2.ID, tr.r2.ID}}),
		siteIDs([]fidelity.Site{tr.o2, tr.t2}))
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: tr.r1.ID, Kind: fidelity.SiteKindTeam}),
		siteIDs([]fidelity.Site{tr.t1a, tr.t1b, tr.t2}))
	// Unknown roots select nothing rather than everything.
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: newID(t)}), nil)
	sameSet(t, listSites(t, s, service.SiteFilter{Subtrees: []string{newID(t)}}), nil)
	sameSet(t, listSites(t, s, service.SiteFilter{Subtrees: []string{newID(t), tr.o3.ID}}),
		siteIDs([]fidelity.Site{tr.o3, tr.t3}))

	n, err := s.CountChildren(ctxT(t), tr.o1.ID)
	must(t, err)
	if n != 2 {
		t.Fatalf("CountChildren(o1) = %d", n)
	}

	// Reviews filter by the same subtrees through their site.
	ra := review(t, s, tr.t1a.ID)
	rb := review(t, s, tr.o1.ID)
	rc := review(t, s, tr.t2.ID)
	rd := review(t, s, tr.t3.ID)
	list := func(f service.ReviewFilter) []string {
		got, err := s.ListReviews(ctxT(t), f)
		must(t, err)
		return reviewIDs(got)
	}
	sameSet(t, list(service.ReviewFilter{Subtree: tr.o1.ID}), []string{ra.ID, rb.ID})
	sameSet(t, list(service.ReviewFilter{Subtree: tr.r1.ID}), []string{ra.ID, rb.ID, rc.ID})
	sameSet(t, list(service.ReviewFilter{Subtrees: []string{tr.o2.ID, tr.r2.ID}}), []string{rc.ID, rd.ID})
	sameSet(t, list(service.ReviewFilter{Subtree: tr.r1.ID, Subtrees: []string{tr.t1a.ID, tr.r2.ID}}), []string{ra.ID})
	sameSet(t, list(service.ReviewFilter{Subtree: newID(t)}), nil)
}

func testSiteNameAndActive(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	tr := buildTree(t, s)
	// Case-insensitive beyond ASCII: "øst" finds "Region Øst" and "NAV Østensjø".
	sameSet(t, listSites(t, s, service.SiteFilter{NameContains: "øst"}), []string{tr.r1.ID, tr.o1.ID})
	sameSet(t, listSites(t, s, service.SiteFilter{NameContains: "TEAM"}),
		[]string{tr.t1a.ID, tr.t1b.ID, tr.t2.ID, tr.t3.ID})
	// Code matches too (codes are the upper-cased first three letters).
	sameSet(t, listSites(t, s, service.SiteFilter{NameContains: "reg"}), []string{tr.r1.ID, tr.r2.ID})

	closed := tr.t2
	from, to := day(2024, 1, 1), day(2025, 1, 1)
	closed.ActiveFrom, closed.ActiveTo = &from, &to
	must(t, s.UpdateSite(ctx, closed))
	on := func(d time.Time) []string {
		return listSites(t, s, service.SiteFilter{Subtree: tr.o2.ID, ActiveOn: &d})
	}
	sameSet(t, on(day(2023, 12, 31)), []string{tr.o2.ID})
	sameSet(t, on(day(2024, 1, 1)), []string{tr.o2.ID, tr.t2.ID})
	sameSet(t, on(day(2024, 12, 31)), []string{tr.o2.ID, tr.t2.ID})
	sameSet(t, on(day(2025, 1, 1)), []string{tr.o2.ID}) // ActiveTo is exclusive, as in Site.Active
}

func testLikeEscaping(t *testing.T, s *store.Store) {
	// Ids and names containing LIKE wildcards must match literally.
	a := siteWithID(t, s, "r_1", nil, fidelity.SiteKindRegion, "100% Team")
	b := siteWithID(t, s, "rx1", nil, fidelity.SiteKindRegion, "1000 Team")
	siteWithID(t, s, "r_1x", &a, fidelity.SiteKindTeam, "Under a")
	siteWithID(t, s, "rx1y", &b, fidelity.SiteKindTeam, "Under b")
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: "r_1"}), []string{"r_1", "r_1x"})
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: "rx1"}), []string{"rx1", "rx1y"})
	sameSet(t, listSites(t, s, service.SiteFilter{NameContains: "100%"}), []string{"r_1"})
	sameSet(t, listSites(t, s, service.SiteFilter{NameContains: "_"}), nil)
}

func testMoveSubtree(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	tr := buildTree(t, s)
	// Move o2 (with t2) from r1 to r2.
	oldPath := tr.o2.Path
	moved := tr.o2
	moved.ParentID = tr.r2.ID
	moved.Path = tr.r2.Path + tr.o2.ID + "/"
	must(t, s.InTx(ctx, func(tx service.Store) error {
		if err := tx.UpdateSite(ctx, moved); err != nil {
			return err
		}
		return tx.RewritePaths(ctx, oldPath, moved.Path)
	}))
	t2, err := s.GetSite(ctx, tr.t2.ID)
	must(t, err)
	if t2.Path != moved.Path+tr.t2.ID+"/" || t2.Version != 1 {
		t.Fatalf("t2 after move: path %s version %d", t2.Path, t2.Version)
	}
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: tr.r1.ID}),
		siteIDs([]fidelity.Site{tr.r1, tr.o1, tr.t1a, tr.t1b}))
	sameSet(t, listSites(t, s, service.SiteFilter{Subtree: tr.r2.ID}),
		siteIDs([]fidelity.Site{tr.r2, tr.o3, tr.t3, tr.o2, tr.t2}))
	// Sites outside the moved subtree keep their paths.
	o1, err := s.GetSite(ctx, tr.o1.ID)
	must(t, err)
	if o1.Path != tr.o1.Path {
		t.Fatalf("o1 path changed to %s", o1.Path)
	}
	wantKind(t, s.RewritePaths(ctx, "", "/x/"), fidelity.KindInvalid)
}

func testDeleteSite(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	root := site(t, s, nil, fidelity.SiteKindRegion, "Midt")
	child := site(t, s, &root, fidelity.SiteKindTeam, "Team")
	reviewed := site(t, s, nil, fidelity.SiteKindRegion, "Reviewed")
	review(t, s, reviewed.ID)
	must(t, s.AddSiteChange(ctx, fidelity.SiteChange{SiteID: child.ID, ValidFrom: now(), Name: "Team",
		Path: child.Path, Change: "created"}))

	wantKind(t, s.DeleteSite(ctx, reviewed.ID), fidelity.KindConflict, "still has reviews, sub-sites or outcomes")
	wantKind(t, s.DeleteSite(ctx, root.ID), fidelity.KindConflict, "still has reviews, sub-sites or outcomes")
	n, err := s.CountReviews(ctx, reviewed.ID)
	must(t, err)
	if n != 1 {
		t.Fatalf("CountReviews = %d", n)
	}

	must(t, s.DeleteSite(ctx, child.ID)) // its history goes with it
	must(t, s.DeleteSite(ctx, root.ID))
	_, err = s.GetSite(ctx, root.ID)
	wantKind(t, err, fidelity.KindNotFound)
	wantKind(t, s.DeleteSite(ctx, root.ID), fidelity.KindNotFound, "site "+root.ID+" not found")
}

func testRaters(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	a := rater(t, s, "Åse Ødegård")
	b := rater(t, s, "Bjørn Berg")
	got, err := s.GetRater(ctx, a.ID)
	must(t, err)
	if !reflect.DeepEqual(got, a) {
		t.Fatalf("GetRater = %+v, want %+v", got, a)
	}
	b.Active = false
	b.Email = "bjorn@example.org"
	must(t, s.UpdateRater(ctx, b))
	wantKind(t, s.UpdateRater(ctx, b), fidelity.KindConflict, "version 1 is stale")
	gb, err := s.GetRater(ctx, b.ID)
	must(t, err)
	if gb.Active || gb.Email != "bjorn@example.org" || gb.Version != 2 {
		t.Fatalf("after update: %+v", gb)
	}
	_, err = s.GetRater(ctx, newID(t))
	wantKind(t, err, fidelity.KindNotFound, "rater ")
	wantKind(t, s.CreateRater(ctx, a), fidelity.KindConflict, "rater "+a.ID+" already exists")

	list := func(f service.RaterFilter) []string {
		rs, err := s.ListRaters(ctx, f)
		must(t, err)
		return ids(rs, func(r fidelity.Rater) string { return r.ID })
	}
	sameSet(t, list(service.RaterFilter{}), []string{a.ID, b.ID})
	sameSet(t, list(service.RaterFilter{ActiveOnly: true}), []string{a.ID})
	sameSet(t, list(service.RaterFilter{NameContains: "ØDE"}), []string{a.ID})
	sameSet(t, list(service.RaterFilter{NameContains: "berg"}), []string{b.ID})
}

func testPagination(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	root := site(t, s, nil, fidelity.SiteKindRegion, "Root")
	var want []string
	for range 23 {
		want = append(want, site(t, s, &root, fidelity.SiteKindTeam, "Team").ID)
	}
	want = append(want, root.ID)
	sort.Strings(want)

	var got []string
	after := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		page, err := s.ListSites(ctx, service.SiteFilter{Page: service.Page{After: after, Limit: 5}})
		must(t, err)
		if len(page) == 0 {
			break
		}
		if len(page) > 5 {
			t.Fatalf("page of %d > limit", len(page))
		}
		got = append(got, siteIDs(page)...)
		after = page[len(page)-1].ID
	}
	if !slices.Equal(got, want) {
		t.Fatalf("paged ids\n%v\nwant\n%v", got, want)
	}

	// Default and cap.
	all, err := s.ListSites(ctx, service.SiteFilter{})
	must(t, err)
	if len(all) != 24 {
		t.Fatalf("default page has %d", len(all))
	}

	// Reviews page the same way, with a filter in force.
	var wantR []string
	for i := range 12 {
		r := review(t, s, root.ID, func(r *fidelity.Review) {
			if i%3 == 0 {
				r.Type = fidelity.ReviewSelf
			}
		})
		if i%3 != 0 {
			wantR = append(wantR, r.ID)
		}
	}
	var gotR []string
	after = ""
	for {
		page, err := s.ListReviews(ctx, service.ReviewFilter{Type: []fidelity.ReviewType{fidelity.ReviewExternal},
			Page: service.Page{After: after, Limit: 3}})
		must(t, err)
		if len(page) == 0 {
			break
		}
		gotR = append(gotR, reviewIDs(page)...)
		after = page[len(page)-1].ID
	}
	if !slices.Equal(gotR, wantR) {
		t.Fatalf("paged reviews %v, want %v", gotR, wantR)
	}
}

func testReviewCRUD(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	st := site(t, s, nil, fidelity.SiteKindTeam, "Team")
	a, b, c := rater(t, s, "A"), rater(t, s, "B"), rater(t, s, "C")
	r := review(t, s, st.ID, func(r *fidelity.Review) { r.RaterIDs = []string{b.ID, a.ID} })
	got, err := s.GetReview(ctx, r.ID)
	must(t, err)
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("GetReview = %+v\nwant %+v", got, r)
	}

	total := 98.5
	fin := now()
	r.Status, r.Type = fidelity.StatusFinalised, fidelity.ReviewRemote
	r.ScaleVersion = "2008b"
	r.RaterIDs = []string{c.ID, a.ID}
	r.Total, r.Band, r.Valid, r.Complete, r.FinalisedAt = &total, "good", true, true, &fin
	r.VisitEnd = day(2025, 3, 5)
	r.UpdatedAt = now()
	must(t, s.UpdateReview(ctx, r))
	got, err = s.GetReview(ctx, r.ID)
	must(t, err)
	r.Version = 2
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("after update %+v\nwant %+v", got, r)
	}
	r.Version = 1
	wantKind(t, s.UpdateReview(ctx, r), fidelity.KindConflict, "review "+r.ID+" was changed by someone else (version 1 is stale)")
	r.ID = newID(t)
	wantKind(t, s.UpdateReview(ctx, r), fidelity.KindNotFound, "review "+r.ID+" not found")
	_, err = s.GetReview(ctx, r.ID)
	wantKind(t, err, fidelity.KindNotFound)
}

func testReviewConstraints(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	st := site(t, s, nil, fidelity.SiteKindTeam, "Team")
	a := rater(t, s, "A")
	base := fidelity.Review{SiteID: st.ID, ScaleID: "s", ScaleVersion: "1", Type: fidelity.ReviewSelf,
		Status: fidelity.StatusPlanned, VisitStart: day(2025, 1, 1), VisitEnd: day(2025, 1, 1)}
	mk := func(f func(r *fidelity.Review)) fidelity.Review {
		r := base
		r.ID = newID(t)
		f(&r)
		return r
	}
	wantKind(t, s.CreateReview(ctx, mk(func(r *fidelity.Review) { r.SiteID = newID(t) })), fidelity.KindConflict)
	wantKind(t, s.CreateReview(ctx, mk(func(r *fidelity.Review) { r.Status = "bogus" })), fidelity.KindConflict)
	wantKind(t, s.CreateReview(ctx, mk(func(r *fidelity.Review) { r.Type = "peer" })), fidelity.KindConflict)
	wantKind(t, s.CreateReview(ctx, mk(func(r *fidelity.Review) { r.VisitEnd = day(2024, 12, 31) })), fidelity.KindConflict)
	// An unknown rater fails the whole review: nothing half-created stays.
	bad := mk(func(r *fidelity.Review) { r.RaterIDs = []string{a.ID, newID(t)} })
	wantKind(t, s.CreateReview(ctx, bad), fidelity.KindConflict)
	_, err := s.GetReview(ctx, bad.ID)
	wantKind(t, err, fidelity.KindNotFound)
	dup := mk(func(r *fidelity.Review) { r.RaterIDs = []string{a.ID, a.ID} })
	wantKind(t, s.CreateReview(ctx, dup), fidelity.KindConflict)

	ok := mk(func(r *fidelity.Review) { r.RaterIDs = []string{a.ID} })
	must(t, s.CreateReview(ctx, ok))
	// A failed update keeps the old raters.
	ok.Version = 1
	ok.RaterIDs = []string{newID(t)}
	wantKind(t, s.UpdateReview(ctx, ok), fidelity.KindConflict)
	got, err := s.GetReview(ctx, ok.ID)
	must(t, err)
	if got.Version != 1 || !slices.Equal(got.RaterIDs, []string{a.ID}) {
		t.Fatalf("failed update left %+v", got)
	}
}

func testReviewFilters(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	x := site(t, s, nil, fidelity.SiteKindTeam, "X")
	y := site(t, s, nil, fidelity.SiteKindTeam, "Y")
	a, b := rater(t, s, "A"), rater(t, s, "B")
	r1 := review(t, s, x.ID, func(r *fidelity.Review) {
		r.RaterIDs = []string{a.ID}
		r.VisitStart, r.VisitEnd = day(2024, 5, 1), day(2024, 5, 2)
	})
	r2 := review(t, s, x.ID, finalised(day(2025, 2, 1), 100), func(r *fidelity.Review) {
		r.RaterIDs = []string{a.ID, b.ID}
		r.Type = fidelity.ReviewSelf
	})
	r3 := review(t, s, y.ID, func(r *fidelity.Review) {
		r.Status = fidelity.StatusConsensus
		r.ScaleID, r.ScaleVersion = "ips-25", "2019"
		r.VisitStart, r.VisitEnd = day(2025, 6, 1), day(2025, 6, 30)
	})
	list := func(f service.ReviewFilter) []string {
		got, err := s.ListReviews(ctx, f)
		must(t, err)
		return reviewIDs(got)
	}
	sameSet(t, list(service.ReviewFilter{}), []string{r1.ID, r2.ID, r3.ID})
	sameSet(t, list(service.ReviewFilter{SiteID: x.ID}), []string{r1.ID, r2.ID})
	sameSet(t, list(service.ReviewFilter{ScaleID: "ips-25"}), []string{r3.ID})
	sameSet(t, list(service.ReviewFilter{ScaleID: "se-fidelity", ScaleVersion: "2008"}), []string{r1.ID, r2.ID})
	sameSet(t, list(service.ReviewFilter{ScaleVersion: "2019"}), []string{r3.ID})
	sameSet(t, list(service.ReviewFilter{Status: []fidelity.ReviewStatus{fidelity.StatusFinalised, fidelity.StatusConsensus}}),
		[]string{r2.ID, r3.ID})
	sameSet(t, list(service.ReviewFilter{Type: []fidelity.ReviewType{fidelity.ReviewSelf}}), []string{r2.ID})
	sameSet(t, list(service.ReviewFilter{RaterID: a.ID}), []string{r1.ID, r2.ID})
	sameSet(t, list(service.ReviewFilter{RaterID: b.ID}), []string{r2.ID})
	from, to := day(2025, 2, 1), day(2025, 6, 30) // inclusive on visit end
	sameSet(t, list(service.ReviewFilter{From: &from}), []string{r2.ID, r3.ID})
	sameSet(t, list(service.ReviewFilter{To: &from}), []string{r1.ID, r2.ID})
	sameSet(t, list(service.ReviewFilter{From: &from, To: &to}), []string{r2.ID, r3.ID})
	to = day(2025, 6, 29)
	sameSet(t, list(service.ReviewFilter{From: &from, To: &to}), []string{r2.ID})

	got, err := s.ListReviews(ctx, service.ReviewFilter{RaterID: b.ID})
	must(t, err)
	if len(got) != 1 || !slices.Equal(got[0].RaterIDs, []string{a.ID, b.ID}) || *got[0].Total != 100 {
		t.Fatalf("listed review %+v", got)
	}
}

func testLatestFinalised(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	a := site(t, s, nil, fidelity.SiteKindTeam, "A")
	b := site(t, s, nil, fidelity.SiteKindTeam, "B")
	c := site(t, s, nil, fidelity.SiteKindTeam, "C")
	ra := rater(t, s, "R")
	review(t, s, a.ID, finalised(day(2024, 1, 10), 80))
	latestA := review(t, s, a.ID, finalised(day(2025, 1, 10), 90), func(r *fidelity.Review) { r.RaterIDs = []string{ra.ID} })
	review(t, s, a.ID, finalised(day(2023, 1, 10), 70))
	review(t, s, a.ID, func(r *fidelity.Review) { r.VisitStart, r.VisitEnd = day(2026, 1, 1), day(2026, 1, 2) })
	review(t, s, b.ID) // planned only
	latestC := review(t, s, c.ID, finalised(day(2022, 5, 5), 60))

	fidelityTypes := fidelity.FidelityReviewTypes()
	got, err := s.LatestFinalised(ctx, []string{a.ID, b.ID, c.ID, newID(t)}, fidelityTypes)
	must(t, err)
	if len(got) != 2 || got[a.ID].ID != latestA.ID || got[c.ID].ID != latestC.ID {
		t.Fatalf("LatestFinalised = %+v", got)
	}
	if !reflect.DeepEqual(got[a.ID], latestA) {
		t.Fatalf("latest of A = %+v\nwant %+v", got[a.ID], latestA)
	}
	got, err = s.LatestFinalised(ctx, nil, fidelityTypes)
	must(t, err)
	if len(got) != 0 {
		t.Fatalf("LatestFinalised(nil) = %+v", got)
	}
}

func scorecard(scores map[string]int, items ...string) fidelity.Scorecard {
	c := fidelity.Scorecard{ScaleID: "se-fidelity", ScaleVersion: "2008", ItemCount: len(items), Min: 25, Max: 125}
	sum := 0.0
	for _, it := range items {
		is := fidelity.ItemScore{ItemID: it, Section: "staffing", Method: "missing"}
		if v, ok := scores[it]; ok {
			is.Score, is.Method = fidelity.IntPtr(v), "direct"
			sum += float64(v)
			c.Rated++
		} else {
			c.Missing = append(c.Missing, it)
		}
		c.Items = append(c.Items, is)
	}
	c.Complete = c.Rated == len(items)
	c.Valid = c.Complete
	if c.Valid {
		c.Total = &sum
		c.Band = "good"
	}
	c.Sections = []fidelity.Subtotal{{ID: "staffing", Sum: int(sum), Max: 5 * len(items), Rated: c.Rated, Items: len(items)}}
	return c
}

func testRatingSets(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	st := site(t, s, nil, fidelity.SiteKindTeam, "Team")
	a := rater(t, s, "A")
	rv := review(t, s, st.ID, func(r *fidelity.Review) { r.RaterIDs = []string{a.ID} })

	_, err := s.GetRatingSet(ctx, rv.ID, a.ID)
	wantKind(t, err, fidelity.KindNotFound, "rating set of "+a.ID+" for review "+rv.ID+" not found")

	inputs := []fidelity.ItemInput{
		{ItemID: "Sv2", Values: map[string]float64{"active_clients": 38, "specialist_fte": 2}, Evidence: "caseload list",
			Sources: []string{"records", "interview"}},
		{ItemID: "Sv1", Score: fidelity.IntPtr(4)},
		{ItemID: "Sv9", Elements: []string{}}, // checked, none present: not the same as unanswered
		{ItemID: "Sv7", Specialists: []fidelity.SpecialistInput{{Label: "A", Score: fidelity.IntPtr(3)}, {Label: "B", Values: map[string]float64{"x": 1}}}},
	}
	rs := fidelity.RatingSet{ReviewID: rv.ID, RaterKey: a.ID, Inputs: inputs,
		Scorecard: scorecard(map[string]int{"Sv1": 4, "Sv2": 5, "Sv9": 1, "Sv7": 3}, "Sv1", "Sv2", "Sv3", "Sv7", "Sv9"),
		UpdatedAt: now()}
	must(t, s.PutRatingSet(ctx, rs))
	got, err := s.GetRatingSet(ctx, rv.ID, a.ID)
	must(t, err)
	rs.Version = 1
	if !reflect.DeepEqual(got, rs) {
		t.Fatalf("GetRatingSet =\n%+v\nwant\n%+v", got, rs)
	}
	if got.Inputs[2].Elements == nil || got.Inputs[2].IsEmpty() {
		t.Fatal("empty checklist came back as unanswered")
	}
	// One item row per scorecard item; scores are the computed ones.
	n, err := store.QueryInt(ctx, s, "SELECT COUNT(*) FROM ratings WHERE review_id = ?", rv.ID)
	must(t, err)
	if n != 5 {
		t.Fatalf("%d rating rows, want 5", n)
	}
	sum, err := store.QueryInt(ctx, s, "SELECT SUM(score) FROM ratings WHERE review_id = ? AND rater_key = ?", rv.ID, a.ID)
	must(t, err)
	if sum != 13 {
		t.Fatalf("sum of item scores %d, want 13", sum)
	}

	// Insert again: conflict. The caller read "no set yet" and someone
	// else created it meanwhile, so its read is stale and a retry (which
	// re-reads and updates) is the right answer: ErrStale.
	rs0 := rs
	rs0.Version = 0
	err = s.PutRatingSet(ctx, rs0)
	wantKind(t, err, fidelity.KindConflict, "already exists")
	if !errors.Is(err, fidelity.ErrStale) {
		t.Fatal("a concurrent first save must be retryable (ErrStale)")
	}

	// Update replaces the item rows.
	rs.Inputs = []fidelity.ItemInput{{ItemID: "Sv3", Score: fidelity.IntPtr(2)}}
	rs.Scorecard = scorecard(map[string]int{"Sv3": 2}, "Sv3")
	subAt := now()
	rs.Submitted, rs.SubmittedAt, rs.UpdatedAt = true, &subAt, now()
	must(t, s.PutRatingSet(ctx, rs))
	got, err = s.GetRatingSet(ctx, rv.ID, a.ID)
	must(t, err)
	rs.Version = 2
	if !reflect.DeepEqual(got, rs) {
		t.Fatalf("after update\n%+v\nwant\n%+v", got, rs)
	}
	n, err = store.QueryInt(ctx, s, "SELECT COUNT(*) FROM ratings WHERE review_id = ?", rv.ID)
	must(t, err)
	if n != 1 {
		t.Fatalf("%d rating rows after update, want 1", n)
	}

	// Stale and missing.
	rs.Version = 1
	wantKind(t, s.PutRatingSet(ctx, rs), fidelity.KindConflict, "version 1 is stale")
	got, err = s.GetRatingSet(ctx, rv.ID, a.ID)
	must(t, err)
	if got.Version != 2 || len(got.Inputs) != 1 {
		t.Fatalf("stale put changed the set: %+v", got)
	}
	ghost := rs
	ghost.RaterKey, ghost.Version = fidelity.ConsensusKey, 3
	wantKind(t, s.PutRatingSet(ctx, ghost), fidelity.KindNotFound)
	orphan := rs
	orphan.ReviewID, orphan.Version = newID(t), 0
	wantKind(t, s.PutRatingSet(ctx, orphan), fidelity.KindConflict)
	dupItems := rs
	dupItems.RaterKey, dupItems.Version = "dup", 0
	dupItems.Inputs = []fidelity.ItemInput{{ItemID: "Sv1"}, {ItemID: "Sv1"}}
	wantKind(t, s.PutRatingSet(ctx, dupItems), fidelity.KindConflict)
	_, err = s.GetRatingSet(ctx, rv.ID, "dup")
	wantKind(t, err, fidelity.KindNotFound) // the set row went with the failed items

	// Consensus beside the rater; listed by key.
	cons := fidelity.RatingSet{ReviewID: rv.ID, RaterKey: fidelity.ConsensusKey,
		Scorecard: scorecard(map[string]int{"Sv1": 5}, "Sv1", "Sv2"), UpdatedAt: now()}
	must(t, s.PutRatingSet(ctx, cons))
	all, err := s.ListRatingSets(ctx, rv.ID)
	must(t, err)
	keys := ids(all, func(r fidelity.RatingSet) string { return r.RaterKey })
	wantKeys := []string{a.ID, fidelity.ConsensusKey}
	sort.Strings(wantKeys)
	if !slices.Equal(keys, wantKeys) {
		t.Fatalf("ListRatingSets keys %v", keys)
	}
	for _, x := range all {
		if x.RaterKey == fidelity.ConsensusKey && (len(x.Inputs) != 0 || len(x.Scorecard.Items) != 2) {
			t.Fatalf("consensus set %+v", x)
		}
	}
	none, err := s.ListRatingSets(ctx, newID(t))
	must(t, err)
	if len(none) != 0 {
		t.Fatalf("sets of unknown review: %+v", none)
	}
}

func testScoreCheck(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	st := site(t, s, nil, fidelity.SiteKindTeam, "Team")
	rv := review(t, s, st.ID)
	must(t, s.PutRatingSet(ctx, fidelity.RatingSet{ReviewID: rv.ID, RaterKey: "k", UpdatedAt: now()}))
	insert := "INSERT INTO ratings (review_id, rater_key, item_id, seq, score) VALUES (?, ?, ?, ?, ?)"
	must(t, store.ExecRaw(ctx, s, insert, rv.ID, "k", "Sv1", 0, 5))
	wantKind(t, store.ExecRaw(ctx, s, insert, rv.ID, "k", "Sv2", 1, 6), fidelity.KindConflict)
	wantKind(t, store.ExecRaw(ctx, s, insert, rv.ID, "k", "Sv3", 2, 0), fidelity.KindConflict)
	wantKind(t, store.ExecRaw(ctx, s, insert, rv.ID, "k", "Sv1", 3, 4), fidelity.KindConflict) // unique item
	wantKind(t, store.ExecRaw(ctx, s, "UPDATE reviews SET version = 0 WHERE id = ?", rv.ID), fidelity.KindConflict)
	wantKind(t, store.ExecRaw(ctx, s, "UPDATE reviews SET status = 'done' WHERE id = ?", rv.ID), fidelity.KindConflict)
}

func testCorrections(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	st := site(t, s, nil, fidelity.SiteKindTeam, "Team")
	rv := review(t, s, st.ID, finalised(day(2025, 1, 1), 90))
	t0 := now()
	c2 := fidelity.Correction{ID: newID(t), ReviewID: rv.ID, ItemID: "Sv1",
		Before: fidelity.ItemInput{ItemID: "Sv1", Score: fidelity.IntPtr(4)},
		After:  fidelity.ItemInput{ItemID: "Sv1", Score: fidelity.IntPtr(5), Evidence: "typo"},
		Reason: "typing error", By: "admin@example.org", CreatedAt: t0.Add(time.Minute)}
	c1 := fidelity.Correction{ID: newID(t), ReviewID: rv.ID, ItemID: "Sv9",
		Before: fidelity.ItemInput{ItemID: "Sv9", Elements: []string{"a"}},
		After:  fidelity.ItemInput{ItemID: "Sv9", Elements: []string{}},
		Reason: "element was not present", By: "admin@example.org", CreatedAt: t0}
	must(t, s.AddCorrection(ctx, c2))
	must(t, s.AddCorrection(ctx, c1))
	got, err := s.ListCorrections(ctx, rv.ID)
	must(t, err)
	if !reflect.DeepEqual(got, []fidelity.Correction{c1, c2}) {
		t.Fatalf("ListCorrections =\n%+v\nwant\n%+v", got, []fidelity.Correction{c1, c2})
	}
	wantKind(t, s.AddCorrection(ctx, c1), fidelity.KindConflict)
	orphan := c1
	orphan.ID, orphan.ReviewID = newID(t), newID(t)
	wantKind(t, s.AddCorrection(ctx, orphan), fidelity.KindConflict)
}

var errBoom = errors.New("boom")

func testTxRollback(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	st := fidelity.Site{ID: newID(t), Kind: "team", Name: "Tx"}
	st.Path = "/" + st.ID + "/"
	r := fidelity.Rater{ID: newID(t), Name: "Tx", Active: true}
	err := s.InTx(ctx, func(tx service.Store) error {
		if err := tx.CreateSite(ctx, st); err != nil {
			return err
		}
		if err := tx.CreateRater(ctx, r); err != nil {
			return err
		}
		// Reads in the transaction see its own writes.
		if _, err := tx.GetSite(ctx, st.ID); err != nil {
			return err
		}
		return errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("InTx returned %v, want the function's error", err)
	}
	_, err = s.GetSite(ctx, st.ID)
	wantKind(t, err, fidelity.KindNotFound)
	_, err = s.GetRater(ctx, r.ID)
	wantKind(t, err, fidelity.KindNotFound)

	// A store error inside keeps its kind, and the rest rolls back too.
	err = s.InTx(ctx, func(tx service.Store) error {
		if err := tx.CreateSite(ctx, st); err != nil {
			return err
		}
		return tx.CreateSite(ctx, st)
	})
	wantKind(t, err, fidelity.KindConflict, "already exists")
	_, err = s.GetSite(ctx, st.ID)
	wantKind(t, err, fidelity.KindNotFound)

	must(t, s.InTx(ctx, func(tx service.Store) error { return tx.CreateSite(ctx, st) }))
	_, err = s.GetSite(ctx, st.ID)
	must(t, err)
}

func testTxNested(t *testing.T, s *store.Store) {
	ctx := ctxT(t)
	a := fidelity.Rater{ID: newID(t), Name: "Outer", Active: true}
	b := fidelity.Rater{ID: newID(t), Name: "Inner", Active: true}
	err := s.InTx(ctx, func(tx service.Store) error {
		if err := tx.CreateRater(ctx, a); err != nil {
			return err
		}
		if err := tx.InTx(ctx, func(inner service.Store) error { return inner.CreateRater(ctx, b) }); err != nil {
			return err
		}
		// The inner "commit" is the outer transaction's: still visible here…
		if _, err := tx.GetRater(ctx, b.ID); err != nil {
			return err
		}
		return errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("InTx = %v", err)
	}
	// …and rolled back with it.
	for _, id := range []string{a.ID, b.ID} {
		_, err := s.GetRater(ctx, id)
		wantKind(t, err, fidelity.KindNotFound)
	}
}

func testTxCancel(t *testing.T, s *store.Store) {
	ctx, cancel := context.WithCancel(ctxT(t))
	r := fidelity.Rater{ID: newID(t), Name: "Cancelled", Active: true}
	err := s.InTx(ctx, func(tx service.Store) error {
		if err := tx.CreateRater(ctx, r); err != nil {
			return err
		}
		cancel()
		return nil
	})
	if err == nil {
		t.Fatal("InTx committed after its context was cancelled")
	}
	_, err = s.GetRater(ctxT(t), r.ID)
	wantKind(t, err, fidelity.KindNotFound)
}

// TestRatingRowsFollowEveryUpdate updates one rating set through reorders,
// changed and dropped answers, an unchanged save and an empty one: after
// each, its inputs come back in the order saved and its item rows are
// exactly one per input or scored item (PostgreSQL upserts them and deletes
// the rest in one statement; SQLite replaces them).
func TestRatingRowsFollowEveryUpdate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		a := rater(t, s, "A")
		rv := review(t, s, site(t, s, nil, fidelity.SiteKindTeam, "Team").ID, func(r *fidelity.Review) { r.RaterIDs = []string{a.ID} })
		score := func(id string, v int) fidelity.ItemInput {
			return fidelity.ItemInput{ItemID: id, Score: fidelity.IntPtr(v)}
		}
		steps := []struct {
			inputs []fidelity.ItemInput
			scored []string // scorecard items, with or without an input
			rows   int64
			sum    int64
		}{
			{[]fidelity.ItemInput{score("Sv1", 4), score("Sv2", 3), score("Sv3", 2)}, []string{"Sv1", "Sv2", "Sv3", "Sv7"}, 4, 9},
			{[]fidelity.ItemInput{score("Sv3", 5), score("Sv1", 4)}, []string{"Sv1", "Sv3", "Sv9"}, 3, 9},
			{[]fidelity.ItemInput{score("Sv3", 5), score("Sv1", 4)}, []string{"Sv1", "Sv3", "Sv9"}, 3, 9},
			{[]fidelity.ItemInput{}, []string{"Sv1"}, 1, 0},
			{[]fidelity.ItemInput{}, nil, 0, 0},
			{[]fidelity.ItemInput{score("Sv2", 1)}, []string{"Sv2"}, 1, 1},
		}
		for i, step := range steps {
			scores := map[string]int{}
			for _, in := range step.inputs {
				scores[in.ItemID] = *in.Score
			}
			rs := fidelity.RatingSet{ReviewID: rv.ID, RaterKey: a.ID, Inputs: step.inputs,
				Scorecard: scorecard(scores, step.scored...), UpdatedAt: now(), Version: i}
			must(t, s.PutRatingSet(ctx, rs))
			got, err := s.GetRatingSet(ctx, rv.ID, a.ID)
			must(t, err)
			if !reflect.DeepEqual(got.Inputs, step.inputs) {
				t.Fatalf("step %d: inputs %+v, want %+v", i, got.Inputs, step.inputs)
			}
			n, err := store.QueryInt(ctx, s, "SELECT COUNT(*) FROM ratings WHERE review_id = ? AND rater_key = ?", rv.ID, a.ID)
			must(t, err)
			sum, err := store.QueryInt(ctx, s, "SELECT COALESCE(SUM(score), 0) FROM ratings WHERE review_id = ? AND rater_key = ?", rv.ID, a.ID)
			must(t, err)
			// seq numbers the rows 0…n-1: their sum is n(n-1)/2.
			seqs, err := store.QueryInt(ctx, s, "SELECT COALESCE(SUM(seq), 0) FROM ratings WHERE review_id = ? AND rater_key = ?", rv.ID, a.ID)
			must(t, err)
			if n != step.rows || sum != step.sum || seqs != n*(n-1)/2 {
				t.Fatalf("step %d: %d item rows scoring %d with seq sum %d, want %d rows scoring %d", i, n, sum, seqs, step.rows, step.sum)
			}
		}
	})
}
