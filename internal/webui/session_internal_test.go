package webui

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

func TestSessionSigning(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s := sessions{key: []byte("k1"), now: func() time.Time { return now }}
	v := s.fresh("key-123")
	enc := s.encode(v)
	got, ok := s.decode(enc)
	if !ok || got.KeyID != "key-123" || got.CSRF != v.CSRF || got.Expires.Unix() != v.Expires.Unix() {
		t.Fatalf("round trip: %+v %v", got, ok)
	}
	payload, mac, _ := strings.Cut(enc, ".")
	forged := sessions{key: []byte("k1")}.encode(session{KeyID: "admin-key", Expires: now.Add(time.Hour), CSRF: "x"})
	fPayload, _, _ := strings.Cut(forged, ".")
	cases := map[string]string{
		"payload swapped":   fPayload + "." + mac,
		"mac altered":       payload + "." + strings.Repeat("A", len(mac)),
		"no mac":            payload,
		"not base64":        "!!!." + mac,
		"empty":             "",
		"other key":         sessions{key: []byte("k2"), now: s.now}.encode(v),
		"truncated payload": payload[:len(payload)-2] + "." + mac,
	}
	for name, val := range cases {
		if _, ok := s.decode(val); ok {
			t.Errorf("%s: accepted", name)
		}
	}
	later := sessions{key: []byte("k1"), now: func() time.Time { return now.Add(sessionTTL + time.Second) }}
	if _, ok := later.decode(enc); ok {
		t.Error("expired session accepted")
	}
	if validToken(v, "") || validToken(v, v.CSRF+"x") || !validToken(v, v.CSRF) {
		t.Error("CSRF token comparison is wrong")
	}
}

func testScale(t *testing.T) *scale.Scale {
	t.Helper()
	cat := scale.NewCatalog()
	if err := scale.LoadEmbedded(cat); err != nil {
		t.Fatal(err)
	}
	sc, err := cat.Resolve("se-fidelity@2008")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestFormRoundTripAndErrorMapping(t *testing.T) {
	sc := testScale(t)
	form := url.Values{
		"score.O3":                              {"4"},
		"v.S1.active_clients":                   {"38"},
		"v.S1.specialist_fte":                   {"1,5"},
		"el.S3":                                 {"a", "c"},
		"elr.O2":                                {"1"},
		"sp.Sv7.0.label":                        {"AB"},
		"sp.Sv7.0.score":                        {"4"},
		"sp.Sv7.2.label":                        {"CD"},
		"sp.Sv7.2.score":                        {"5"},
		"sp.Sv6.1.v.employer_contacts_per_week": {"abc"},
		"ev.S2":                                 {"notes only"},
		"src.S1":                                {"MIS", "DOC"},
	}
	p := parseItems(sc, form, "nb")
	byID := map[string]fidelity.ItemInput{}
	for _, in := range p.Items {
		byID[in.ItemID] = in
	}
	if in := byID["S1"]; in.Values["active_clients"] != 38 || in.Values["specialist_fte"] != 1.5 || len(in.Sources) != 2 {
		t.Errorf("S1: %+v", in)
	}
	if in := byID["O2"]; in.Elements == nil || len(in.Elements) != 0 {
		t.Errorf("O2 assessed with none present must be an empty, non-nil list: %#v", in.Elements)
	}
	if in := byID["S3"]; len(in.Elements) != 2 {
		t.Errorf("S3: %+v", in)
	}
	if in := byID["Sv7"]; len(in.Specialists) != 2 || p.Rows["Sv7"][1] != 2 {
		t.Errorf("Sv7: %+v rows %v", in, p.Rows)
	}
	if _, ok := byID["S2"]; !ok {
		t.Error("an item with only evidence is kept (its note must not be lost)")
	}
	if p.Errors["sp.Sv6.1.v.employer_contacts_per_week"] == "" {
		t.Errorf("not-a-number not reported: %v", p.Errors)
	}
	idx := map[string]int{}
	for i, in := range p.Items {
		idx[in.ItemID] = i
	}
	err := fidelity.Invalid("bad",
		fidelity.FieldError{Field: "items[" + itoa(idx["S1"]) + "].values.specialist_fte", Reason: "must be greater than 0"},
		fidelity.FieldError{Field: "items[" + itoa(idx["Sv7"]) + "].specialists[1].score", Reason: "out of range"},
		fidelity.FieldError{Field: "items[" + itoa(idx["O3"]) + "].score", Reason: "must be between 1 and 5"},
		fidelity.FieldError{Field: "items", Reason: "3 items are not rated"},
	)
	errs := p.mapErrors(err, "")
	// The form is Norwegian, so are the service's reasons; a text without
	// a translation stays as it is.
	for name, want := range map[string]string{
		"v.S1.specialist_fte": "må være større enn 0",
		"sp.Sv7.2.score":      "out of range",
		"score.O3":            "må være mellom 1 og 5",
	} {
		if errs.Fields[name] != want {
			t.Errorf("%s: %q, want %q (all: %v)", name, errs.Fields[name], want, errs.Fields)
		}
	}
	if len(errs.General) != 1 {
		t.Errorf("general: %v", errs.General)
	}
	back := toForm(p.Items, "nb")
	if back.Get("v.S1.specialist_fte") != "1,5" || back.Get("elr.O2") != "1" || back.Get("sp.Sv7.1.score") != "5" {
		t.Errorf("toForm: %v", back)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
