package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestScalesShowPrintsInputsElementsAndRule holds the README's promise:
// `fidelity scales show` lists each item's inputs, elements and rule, so a
// ratings file can be written from it alone.
func TestScalesShowPrintsInputsElementsAndRule(t *testing.T) {
	code, out, _ := runCLI(t, nil, "scales", "show", "se-fidelity@2008")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"active_clients ", "number (clients, whole number, ≥ 0)", "Rule: x = active_clients ÷ specialist_fte",
		"20 < x ≤ 25        → 4  (printed: 21–25)",
		"Phases the specialists carry out themselves (list the ids present under elements):",
		"rater chooses 1 or 2 (give score)",
		"employer_contacts_per_week", "tracking                     choice: none | monthly | weekly",
		"also: Fewer than 3 job seekers and at least 2 contacts a week per job seeker → 5",
		"cap: No tracking reviewed by the supervisor → at most 2 (at most 2)",
		"current_jobs = 0 → 1: No current jobs is fewer than 10 current jobs",
		"S3    Vocational generalists (checklist)  [partly verified against the published form]",
		"exemplary  115–125      Exemplary fidelity  [not verified against the published form]",
		"GROUPING follow-up",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("scales show lacks %q", want)
		}
	}
}

// exampleRatings lists every example ratings file of the repository: the
// test files of the ratings readers and of the scoring golden test, and
// each ratings document in a YAML block of the README and docs.
func exampleRatings(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, pattern := range []string{
		"../../internal/ratingsfile/testdata/*",
		"../../internal/scoring/testdata/*.json",
	} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			if strings.HasSuffix(f, ".golden.json") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[f] = data
		}
	}
	block := regexp.MustCompile("(?s)```yaml\n(scale: .*?)```")
	docs, _ := filepath.Glob("../../docs/*.md")
	for _, doc := range append(docs, "../../README.md", "../../scales/README.md") {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range block.FindAllSubmatch(data, -1) {
			out[filepath.Base(doc)+"#"+string(rune('1'+i))+".yaml"] = m[1]
		}
	}
	return out
}

// TestEveryExampleRatingsFileScores scores each example with the scale it
// names: a documented input name the scale does not use
// (contacts_per_week for employer_contacts_per_week) fails here.
func TestEveryExampleRatingsFileScores(t *testing.T) {
	examples := exampleRatings(t)
	if len(examples) < 4 {
		t.Fatalf("found only %d example ratings files", len(examples))
	}
	dir := t.TempDir()
	for name, data := range examples {
		t.Run(filepath.Base(name), func(t *testing.T) {
			path := filepath.Join(dir, filepath.Base(name))
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI(t, nil, "score", "--scale", "se-fidelity@2008", path)
			if code != 0 {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
		})
	}
}

// `fidelity scales show --fhir` prints the same Questionnaire the API
// serves (validated against the FHIR schema in internal/fhir).
func TestScalesShowFHIRPrintsTheQuestionnaire(t *testing.T) {
	code, out, _ := runCLI(t, nil, "scales", "show", "--fhir", "--lang", "nb", "se-fidelity@2008")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{`"resourceType": "Questionnaire"`, `"url": "https://ipsfidelity.org/fhir/Questionnaire/se-fidelity"`,
		`"language": "nb"`, `"linkId": "S1.values.active_clients"`} {
		if !strings.Contains(out, want) {
			t.Errorf("scales show --fhir lacks %s", want)
		}
	}
}
