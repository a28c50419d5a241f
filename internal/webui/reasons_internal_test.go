package webui

import (
	"testing"

	"github.com/ipsfidelity/fidelity/internal/report/stats"
)

// A Norwegian page never shows a statistic's reason in English: the shared
// reasons have a Norwegian wording, and an unknown one is summarised.
func TestReasonsInNorwegian(t *testing.T) {
	for _, r := range []string{stats.ReasonNoData, stats.ReasonFewUnits, stats.ReasonOneRater, stats.ReasonNoVariance,
		stats.ReasonNotFinite, stats.ReasonFewUnits + " rated by at least 2 raters", "no complete pairs", "fewer than 2 pairs"} {
		if got := loc("nb").reason(r); got == r || reasonsNB[r] == "" {
			t.Errorf("%q has no Norwegian wording (%q)", r, got)
		}
		if got := loc("en").reason(r); got != r {
			t.Errorf("English changed %q to %q", r, got)
		}
	}
	if got := loc("nb").reason("rating 7 is not one of the scale levels 1–5"); got != "en skår ligger utenfor skalaen" {
		t.Errorf("outside the levels: %q", got)
	}
	if got := (loc("nb")).Stat(stats.Result{Reason: stats.ReasonOneRater}); got != "– (bare én evaluator)" {
		t.Errorf("Stat in Norwegian: %q", got)
	}
}
