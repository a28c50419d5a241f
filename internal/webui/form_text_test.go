package webui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// A form field with a NUL byte or invalid UTF-8 is refused with 400 and
// stores nothing: PostgreSQL answered 500, and nothing may be stored with
// invalid bytes turned into U+FFFD.
func TestFormTextMustBeStorable(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	fin := e.reviewIn(fidelity.StatusFinalised)
	page := "/ui/reviews/" + fin.ID
	token := c.csrf(page)
	for _, title := range []string{"Ukentlig\x00gjennomgang", "Ukentlig \xff gjennomgang"} {
		pg := c.post(page+"/actions", url.Values{"csrf": {token}, "title": {title}, "item_ids": {"S1"}}).want(t, http.StatusBadRequest)
		if !strings.Contains(pg.Body, "title") && !strings.Contains(pg.Body, "UTF-8") && !strings.Contains(pg.Body, "NUL") {
			t.Errorf("the answer does not say what is wrong: %.400s", pg.Body)
		}
	}
	if n := len(e.actions(fin.ID)); n != 0 {
		t.Fatalf("%d action items were stored from invalid text", n)
	}
	c.post(page+"/actions", url.Values{"csrf": {token}, "title": {"Ukentlig gjennomgang"}, "item_ids": {"S1"}}).want(t, http.StatusSeeOther)

	// Evidence notes are free text the service does not check itself:
	// before the form check, a NUL was stored (and failed on PostgreSQL).
	open := e.reviewIn(fidelity.StatusPlanned)
	rate := "/ui/reviews/" + open.ID + "/rate/" + open.RaterIDs[0]
	token = c.csrf(rate)
	for _, ev := range []string{"Sett i\x00journal", "Sett i \xff journal"} {
		c.post(rate, url.Values{"csrf": {token}, "action": {"save"}, "score.O6": {"4"}, "ev.O6": {ev}}).want(t, http.StatusBadRequest)
	}
	set, err := e.svc.GetRatings(e.sys, open.ID, open.RaterIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	if set.Version != 0 {
		t.Fatalf("a rating set was saved from invalid text: %+v", set.Inputs)
	}
}
