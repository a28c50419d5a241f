package store_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
	"github.com/ipsfidelity/fidelity/internal/store"
	"github.com/ipsfidelity/fidelity/internal/store/storetest"
)

func TestAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		r1 := site(t, s, nil, fidelity.SiteKindRegion, "North")
		o1 := site(t, s, &r1, fidelity.SiteKindOffice, "Tromsø")
		o2 := site(t, s, &r1, fidelity.SiteKindOffice, "Bodø")
		r2 := site(t, s, nil, fidelity.SiteKindRegion, "South")
		// "_" is a LIKE wildcard: /a_b/ must not match /aXb/.
		us := siteWithID(t, s, "a_b", nil, fidelity.SiteKindRegion, "Under")
		xs := siteWithID(t, s, "aXb", nil, fidelity.SiteKindRegion, "Cross")

		t0 := now().Add(-time.Hour)
		var all []fidelity.AuditEvent // in append order
		add := func(keyID, resType, resID, path, before, after string) fidelity.AuditEvent {
			t.Helper()
			e := fidelity.AuditEvent{ID: newID(t), At: t0.Add(time.Duration(len(all)) * time.Minute),
				Actor: "actor of " + keyID, KeyID: keyID, RequestID: "req-" + resID, Action: resType + ".save",
				ResourceType: resType, ResourceID: resID, SitePath: path, Before: before, After: after}
			must(t, s.AppendAudit(ctx, e))
			all = append(all, e)
			return e
		}
		eScale := add("", "scale", "se-fidelity@2008", "", "", `{"id":"se-fidelity"}`)
		eR1 := add("k1", "site", r1.ID, r1.Path, "", `{"name":"North"}`)
		eO1 := add("k1", "site", o1.ID, o1.Path, `{"name":"Tromso"}`, `{"name":"Tromsø"}`)
		eO2 := add("k2", "review", "rv1", o2.Path, "", `{"status":"planned"}`)
		eO2b := add("k2", "review", "rv1", o2.Path, `{"status":"planned"}`, `{"status":"in_progress"}`)
		eR2 := add("k1", "site", r2.ID, r2.Path, `{"name":"South"}`, "")
		eUS := add("k3", "site", us.ID, us.Path, "", `{}`)
		eXS := add("k3", "site", xs.ID, xs.Path, "", `{}`)
		eKey := add("k1", "api_key", "k2", "", "", `{"name":"k2"}`)

		list := func(f service.AuditFilter) []fidelity.AuditEvent {
			t.Helper()
			got, err := s.ListAudit(ctx, f)
			must(t, err)
			return got
		}
		newestFirst := func(es ...fidelity.AuditEvent) []string {
			out := auditIDs(es)
			slices.Sort(out)
			slices.Reverse(out)
			return out
		}

		got := list(service.AuditFilter{})
		if want := newestFirst(all...); !reflect.DeepEqual(auditIDs(got), want) {
			t.Fatalf("all events = %v, want %v", auditIDs(got), want)
		}
		// Round trip, including an absent before (NULL) and after document.
		byID := map[string]fidelity.AuditEvent{}
		for _, e := range got {
			byID[e.ID] = e
		}
		for _, e := range all {
			if !reflect.DeepEqual(byID[e.ID], e) {
				t.Fatalf("stored event %+v\nwant         %+v", byID[e.ID], e)
			}
		}

		// Pages of two, newest first, meet without gaps or overlaps.
		var paged []string
		f := service.AuditFilter{Page: service.Page{Limit: 2}}
		for {
			page := list(f)
			if len(page) > 2 {
				t.Fatalf("page of %d", len(page))
			}
			if len(page) == 0 {
				break
			}
			paged = append(paged, auditIDs(page)...)
			f.After = page[len(page)-1].ID
		}
		if want := newestFirst(all...); !reflect.DeepEqual(paged, want) {
			t.Fatalf("paged = %v, want %v", paged, want)
		}

		from, to := eO1.At, eR2.At
		for _, c := range []struct {
			name string
			f    service.AuditFilter
			want []fidelity.AuditEvent
		}{
			{"resource type", service.AuditFilter{ResourceType: "review"}, []fidelity.AuditEvent{eO2, eO2b}},
			{"resource", service.AuditFilter{ResourceType: "site", ResourceID: o1.ID}, []fidelity.AuditEvent{eO1}},
			{"resource id", service.AuditFilter{ResourceID: "rv1"}, []fidelity.AuditEvent{eO2, eO2b}},
			{"key", service.AuditFilter{KeyID: "k2"}, []fidelity.AuditEvent{eO2, eO2b}},
			{"system key", service.AuditFilter{KeyID: "k3", ResourceType: "site"}, []fidelity.AuditEvent{eUS, eXS}},
			{"from", service.AuditFilter{From: &eXS.At}, []fidelity.AuditEvent{eXS, eKey}},
			{"to", service.AuditFilter{To: &eR1.At}, []fidelity.AuditEvent{eScale, eR1}},
			{"from to", service.AuditFilter{From: &from, To: &to}, []fidelity.AuditEvent{eO1, eO2, eO2b, eR2}},
			{"key and time", service.AuditFilter{KeyID: "k1", From: &from, To: &to}, []fidelity.AuditEvent{eO1, eR2}},
			{"after", service.AuditFilter{KeyID: "k1", Page: service.Page{After: eR2.ID}}, []fidelity.AuditEvent{eR1, eO1}},

			// Scope: prefix of the named sites' paths; global events
			// (no site path) only for unscoped callers.
			{"subtree region", service.AuditFilter{Subtree: r1.ID}, []fidelity.AuditEvent{eR1, eO1, eO2, eO2b}},
			{"subtree office", service.AuditFilter{Subtree: o2.ID}, []fidelity.AuditEvent{eO2, eO2b}},
			{"subtree unknown", service.AuditFilter{Subtree: "missing"}, nil},
			{"scope one", service.AuditFilter{Subtrees: []string{o1.ID}}, []fidelity.AuditEvent{eO1}},
			{"scope union", service.AuditFilter{Subtrees: []string{o1.ID, r2.ID, "missing"}}, []fidelity.AuditEvent{eO1, eR2}},
			{"scope overlapping", service.AuditFilter{Subtrees: []string{r1.ID, o1.ID}}, []fidelity.AuditEvent{eR1, eO1, eO2, eO2b}},
			{"scope unknown", service.AuditFilter{Subtrees: []string{"missing"}}, nil},
			{"scope and subtree", service.AuditFilter{Subtree: r1.ID, Subtrees: []string{o2.ID, r2.ID}}, []fidelity.AuditEvent{eO2, eO2b}},
			{"scope disjoint subtree", service.AuditFilter{Subtree: r2.ID, Subtrees: []string{o1.ID}}, nil},
			{"scope and type", service.AuditFilter{Subtrees: []string{r1.ID}, ResourceType: "site"}, []fidelity.AuditEvent{eR1, eO1}},
			{"like wildcard", service.AuditFilter{Subtrees: []string{us.ID}}, []fidelity.AuditEvent{eUS}},
			{"global resources", service.AuditFilter{ResourceType: "api_key"}, []fidelity.AuditEvent{eKey}},
			{"global resources scoped", service.AuditFilter{ResourceType: "api_key", Subtrees: []string{r1.ID, r2.ID}}, nil},
		} {
			t.Run(c.name, func(t *testing.T) {
				got := list(c.f)
				if want := newestFirst(c.want...); !reflect.DeepEqual(auditIDs(got), want) {
					t.Fatalf("got %v, want %v", auditIDs(got), want)
				}
			})
		}

		// An event without an id gets one that sorts after the others.
		must(t, s.AppendAudit(ctx, fidelity.AuditEvent{At: now(), Action: "scale.upload", ResourceType: "scale"}))
		got = list(service.AuditFilter{Page: service.Page{Limit: 1}})
		if len(got) != 1 || got[0].Action != "scale.upload" || got[0].ID <= eKey.ID {
			t.Fatalf("newest event = %+v", got)
		}
		// Ids are unique: the log cannot be overwritten by re-appending.
		dup := eR1
		dup.After = `{"name":"Forged"}`
		wantKind(t, s.AppendAudit(ctx, dup), fidelity.KindConflict, "already exists")
	})
}

// TestAuditPageLimit checks the default and maximum page sizes.
func TestAuditPageLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := ctxT(t)
		must(t, s.InTx(ctx, func(tx service.Store) error {
			for range 510 {
				err := tx.(service.AccessStore).AppendAudit(ctx, fidelity.AuditEvent{ID: newID(t), At: now(),
					Action: "site.create", ResourceType: "site"})
				if err != nil {
					return err
				}
			}
			return nil
		}))
		for _, c := range []struct{ limit, want int }{{0, 50}, {-1, 50}, {7, 7}, {1000, 500}} {
			got, err := s.ListAudit(ctx, service.AuditFilter{Page: service.Page{Limit: c.limit}})
			must(t, err)
			if len(got) != c.want {
				t.Fatalf("limit %d: %d events, want %d", c.limit, len(got), c.want)
			}
		}
	})
}

func auditIDs(es []fidelity.AuditEvent) []string {
	out := make([]string, 0, len(es))
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
