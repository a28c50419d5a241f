package webui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// itemFieldset cuts one item's fieldset out of a rating page.
func itemFieldset(t *testing.T, body, id string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<fieldset class="item[^"]*" id="item-` + id + `".*?</legend>.*?<div class="field">`).FindString(body)
	if m == "" {
		t.Fatalf("no fieldset for item %s", id)
	}
	return m
}

// On the rating form S3's checklist is labelled as the phases it counts,
// the item says it is only partly verified, and the choice between 1 and
// 2 is offered only where the rule leaves it to the rater: with no phase
// carried out, not with one or more.
func TestRatingFormPhasesAndJudgeChoice(t *testing.T) {
	e := newEnv(t, envOpts{seed: true})
	c := e.client()
	rv := e.reviewIn(fidelity.StatusInProgress)
	path := "/ui/reviews/" + rv.ID + "/rate/" + rv.RaterIDs[1]
	pg := c.get(path).want(t, http.StatusOK)
	s3 := itemFieldset(t, pg.Body, "S3")
	for _, want := range []string{
		"<legend>Phases the specialists carry out themselves</legend>",
		`<span class="tag warn">Partly verified against the published form</span>`,
	} {
		if !strings.Contains(s3, want) {
			t.Errorf("S3 lacks %q", want)
		}
	}
	if strings.Contains(s3, "Elements present") || strings.Contains(s3, "verified:") || strings.Contains(s3, "from memory") {
		t.Errorf("S3 shows the generic element label or raw wording:\n%s", s3)
	}
	// The stored ratings carry one or more phases, so no choice is offered.
	if !regexp.MustCompile(`name="el\.S3" value="[a-f]" checked`).MatchString(s3) {
		t.Fatal("the seeded rating has no phase for S3; the case below needs one")
	}
	if !strings.Contains(s3, `<fieldset class="judge" data-judge-for="S3" hidden>`) {
		t.Errorf("the 1-or-2 choice is offered although phases are carried out:\n%s", s3)
	}

	token := c.csrf(path)
	live := func(form url.Values) map[string]any {
		t.Helper()
		form.Set("csrf", token)
		p := c.do(http.MethodPost, "/ui/reviews/"+rv.ID+"/score", form, map[string]string{"Accept": "application/json"}).want(t, http.StatusOK)
		var j struct {
			Items map[string]map[string]any `json:"items"`
		}
		if err := json.Unmarshal([]byte(p.Body), &j); err != nil {
			t.Fatalf("%v: %s", err, p.Body)
		}
		return j.Items["S3"]
	}
	if got := live(url.Values{"elr.S3": {"1"}}); got["judge"] != true {
		t.Errorf("no phase: judge %v, want the 1-or-2 choice offered", got["judge"])
	}
	if got := live(url.Values{"elr.S3": {"1"}, "el.S3": {"a", "b"}}); got["judge"] != false || got["score"] != "3" {
		t.Errorf("two phases: %v, want score 3 and no choice offered", got)
	}

	// Bands whose cut-offs are recalled say so where a total is shown: no
	// band of the scale is fully verified, so every band label is marked.
	fin := e.reviewIn(fidelity.StatusFinalised)
	for _, p := range []string{"/ui/reviews/" + fin.ID, "/ui/sites/" + fin.SiteID} {
		body := c.get(p).want(t, http.StatusOK).Body
		if !regexp.MustCompile(`fidelity \((one )?cut-off not yet verified\)|supported employment \(cut-off not yet verified\)`).MatchString(body) {
			t.Errorf("%s: the band shows no verification mark", p)
		}
		if m := regexp.MustCompile(`">(exemplary|good|fair|not_se)</td>`).FindString(body); m != "" {
			t.Errorf("%s shows a raw band id: %s", p, m)
		}
	}
	body := c.get("/ui/reviews/"+fin.ID+"?lang=nb").want(t, http.StatusOK).Body
	if !strings.Contains(body, "ennå ikke kontrollert)") {
		t.Errorf("the Norwegian review page shows no verification mark on the band")
	}

	// The scale page in Norwegian: partly verified items, the phases, what
	// zero denominators score, and no YAML keys or "from memory" wording.
	body = c.get("/ui/scales/se-fidelity@2008?lang=nb").want(t, http.StatusOK).Body
	for _, want := range []string{"Delvis kontrollert mot det publiserte skjemaet", "Faser jobbspesialistene utfører selv",
		"Når tallene ikke avgjør", "Ingen nåværende jobber er færre enn 10 nåværende jobber", "(grensen er ennå ikke kontrollert)"} {
		if !strings.Contains(body, want) {
			t.Errorf("scale page lacks %q", want)
		}
	}
	for _, bad := range []string{"verified:", "partly_verified", "hukommelse", "from memory", "[R]", "[Vp]"} {
		if strings.Contains(body, bad) {
			t.Errorf("scale page shows %q", bad)
		}
	}
}
