package store_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/store"
)

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func newID(t testing.TB) string {
	id, err := uuid.NewV7()
	if err != nil {
		t.Fatal(err)
	}
	return id.String()
}

// now is truncated to what the store keeps (microseconds, UTC), so values
// compare equal after a round trip.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantKind(t testing.TB, err error, kind fidelity.Kind, contains ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want a %s error, got nil", kind)
	}
	var fe *fidelity.Error
	if !errors.As(err, &fe) {
		t.Fatalf("want *fidelity.Error of kind %s, got %T: %v", kind, err, err)
	}
	if fe.Kind != kind {
		t.Fatalf("want kind %s, got %s: %v", kind, fe.Kind, err)
	}
	for _, c := range contains {
		if !strings.Contains(fe.Message, c) {
			t.Fatalf("message %q does not contain %q", fe.Message, c)
		}
	}
}

// siteCodes numbers the codes of sites made by siteWithID.
var siteCodes atomic.Int64

func site(t testing.TB, s *store.Store, parent *fidelity.Site, kind, name string) fidelity.Site {
	t.Helper()
	return siteWithID(t, s, newID(t), parent, kind, name)
}

func siteWithID(t testing.TB, s *store.Store, id string, parent *fidelity.Site, kind, name string) fidelity.Site {
	t.Helper()
	// Codes are unique among active siblings (migration 00004), and tests
	// give siblings names with the same first letters: number the codes.
	code := strings.ToUpper(name[:min(3, len(name))]) + "-" + strconv.FormatInt(siteCodes.Add(1), 10)
	st := fidelity.Site{ID: id, Kind: kind, Name: name, Code: code,
		Path: "/" + id + "/", CreatedAt: now(), UpdatedAt: now()}
	if parent != nil {
		st.ParentID = parent.ID
		st.Path = parent.Path + id + "/"
	}
	must(t, s.CreateSite(ctxT(t), st))
	st.Version = 1
	return st
}

func rater(t testing.TB, s *store.Store, name string) fidelity.Rater {
	t.Helper()
	r := fidelity.Rater{ID: newID(t), Name: name, Organisation: "NAV", Email: strings.ToLower(name) + "@example.org",
		Active: true, CreatedAt: now(), UpdatedAt: now()}
	must(t, s.CreateRater(ctxT(t), r))
	r.Version = 1
	return r
}

type reviewOpt func(*fidelity.Review)

func review(t testing.TB, s *store.Store, siteID string, opts ...reviewOpt) fidelity.Review {
	t.Helper()
	r := fidelity.Review{ID: newID(t), SiteID: siteID, ScaleID: "se-fidelity", ScaleVersion: "2008",
		Type: fidelity.ReviewExternal, Status: fidelity.StatusPlanned,
		VisitStart: day(2025, 3, 1), VisitEnd: day(2025, 3, 2), RaterIDs: []string{},
		CreatedAt: now(), UpdatedAt: now()}
	for _, o := range opts {
		o(&r)
	}
	must(t, s.CreateReview(ctxT(t), r))
	r.Version = 1
	return r
}

func finalised(end time.Time, total float64) reviewOpt {
	return func(r *fidelity.Review) {
		r.Status = fidelity.StatusFinalised
		r.VisitStart, r.VisitEnd = end.AddDate(0, 0, -1), end
		r.Total, r.Band, r.Valid, r.Complete = &total, "good", true, true
		at := now()
		r.FinalisedAt = &at
	}
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

func siteIDs(sites []fidelity.Site) []string {
	return ids(sites, func(s fidelity.Site) string { return s.ID })
}

func reviewIDs(rs []fidelity.Review) []string {
	return ids(rs, func(r fidelity.Review) string { return r.ID })
}

// sameSet reports whether a and b hold the same ids, ignoring order.
func sameSet(t testing.TB, got, want []string) {
	t.Helper()
	g := map[string]int{}
	for _, x := range got {
		g[x]++
	}
	w := map[string]int{}
	for _, x := range want {
		w[x]++
	}
	if fmt.Sprint(g) != fmt.Sprint(w) {
		t.Fatalf("got ids %v, want %v", got, want)
	}
}
