package scale

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ipsfidelity/fidelity/scales"
)

// ItemMap says how the items of one scale version (Supersedes) carry over
// to the version that follows it (Scale), e.g. the 15-item IPS scale to
// the 25-item SE Fidelity Scale. It lives in its own file under
// scales/maps/ rather than in the newer scale's file: a published scale
// file must not change (its checksum is pinned in every database), and a
// map is a statement about two published versions, not part of either form.
type ItemMap struct {
	Scale      ScaleRef      `yaml:"scale"`      // the newer version
	Supersedes ScaleRef      `yaml:"supersedes"` // the older version
	Note       Text          `yaml:"note"`
	Items      []ItemMapping `yaml:"items"`

	// Filled by the loader.
	Checksum string `yaml:"-"`
	Origin   string `yaml:"-"`
	Raw      []byte `yaml:"-"`
}

// ScaleRef names one scale version. In a file it is either "id@version"
// or {scale: id, version: "…"}.
type ScaleRef struct {
	ID      string
	Version string
}

// String returns "id@version".
func (r ScaleRef) String() string { return r.ID + "@" + r.Version }

// UnmarshalYAML accepts both spellings. It uses the decoder's own callback
// (not yaml.Node.Decode) so that strict decoding still rejects unknown
// keys in the mapping form.
func (r *ScaleRef) UnmarshalYAML(unmarshal func(any) error) error {
	var text string
	if err := unmarshal(&text); err == nil {
		id, version, _ := strings.Cut(text, "@")
		*r = ScaleRef{ID: id, Version: version}
		return nil
	}
	var m struct {
		Scale   string `yaml:"scale"`
		Version string `yaml:"version"`
	}
	if err := unmarshal(&m); err != nil {
		return err
	}
	*r = ScaleRef{ID: m.Scale, Version: m.Version}
	return nil
}

// Relation is how old items relate to new ones.
type Relation string

const (
	RelSame    Relation = "same"    // the same item under the same id
	RelRenamed Relation = "renamed" // the same item under another id or name
	RelSplit   Relation = "split"   // one old item became several new ones
	RelMerged  Relation = "merged"  // several old items became one
	RelNew     Relation = "new"     // a new item with no predecessor
	RelDropped Relation = "dropped" // an old item with no successor
)

// Carry says whether and how a one-to-one item's score carries over.
type Carry string

const (
	// CarryEqual: the anchors grade the same steps; the stored score means
	// the same under both versions and is carried and compared as it is.
	CarryEqual Carry = "equal"
	// CarryRescore: both items are measured; the stored raw inputs (renamed
	// by Inputs) are scored again under the newer rule. Stored scores are
	// compared only after re-scoring.
	CarryRescore Carry = "rescore"
	// CarryNotComparable: the same subject, but the anchors cut it
	// differently; scores are neither carried nor compared.
	CarryNotComparable Carry = "not_comparable"
)

// ItemMapping is one line of the map.
type ItemMapping struct {
	Relation Relation `yaml:"relation"`
	From     []string `yaml:"from,omitempty"`
	To       []string `yaml:"to,omitempty"`
	// Scores is required for same and renamed, and absent otherwise: a
	// split, merged, new or dropped item is never comparable one to one.
	Scores Carry `yaml:"scores,omitempty"`
	// Inputs renames measured inputs (old id → new id); only with rescore.
	Inputs map[string]string `yaml:"inputs,omitempty"`
	// Note gives the reason for the decision, shown wherever an item is
	// left out of a comparison.
	Note Text `yaml:"note"`
}

// Comparable reports whether the mapping pairs one old with one new item
// whose scores can be compared (directly or after re-scoring).
func (m ItemMapping) Comparable() bool {
	return (m.Relation == RelSame || m.Relation == RelRenamed) && (m.Scores == CarryEqual || m.Scores == CarryRescore)
}

const mapSchemaURL = "https://github.com/ipsfidelity/fidelity/scales/schema/map.schema.json"

var compiledMapSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return compileSchema(mapSchemaURL, scales.MapSchema)
})

// ParseMap loads one item map from data, through the same stages as a
// scale file (YAML limits, strict decoding, JSON Schema, then the checks
// that need no scale). The checks against the two scales run when the map
// joins a catalog (Catalog.AddMap), where both are known.
func ParseMap(name string, data []byte) (*ItemMap, error) {
	if len(data) > MaxFileSize {
		return nil, invalidFile(name, fmt.Sprintf("the file is %d bytes; the limit is %d", len(data), MaxFileSize))
	}
	ps := &problems{file: name, what: "item map"}
	root, refs := parseDocument(data, ps)
	if !ps.empty() {
		return nil, ps.err()
	}
	var m ItemMap
	if !decodeStrictInto(data, refs, ps, &m) {
		return nil, ps.err()
	}
	validateAgainst(compiledMapSchema, root, ps)
	if !ps.empty() {
		return nil, ps.err()
	}
	checkMapShape(&m, ps)
	if !ps.empty() {
		return nil, ps.err()
	}
	sum := sha256.Sum256(data)
	m.Checksum = hex.EncodeToString(sum[:])
	m.Origin = name
	m.Raw = slices.Clone(data)
	return &m, nil
}

// checkMapShape checks what the file alone can tell: the arity of each
// relation, and that scores and input renames appear only where they mean
// something.
func checkMapShape(m *ItemMap, ps *problems) {
	if m.Scale == m.Supersedes {
		ps.at(path{"supersedes"}, "a version cannot supersede itself (%s)", m.Scale)
	}
	for i, it := range m.Items {
		p := path{"items", i}
		nf, nt := len(it.From), len(it.To)
		var want string
		switch it.Relation {
		case RelSame, RelRenamed:
			if nf != 1 || nt != 1 {
				want = "exactly one item in from and one in to"
			}
		case RelSplit:
			if nf != 1 || nt < 2 {
				want = "one item in from and at least two in to"
			}
		case RelMerged:
			if nf < 2 || nt != 1 {
				want = "at least two items in from and one in to"
			}
		case RelNew:
			if nf != 0 || nt < 1 {
				want = "no from and at least one item in to"
			}
		case RelDropped:
			if nf < 1 || nt != 0 {
				want = "at least one item in from and no to"
			}
		}
		if want != "" {
			ps.at(p.with("relation"), "relation %s needs %s", it.Relation, want)
		}
		oneToOne := it.Relation == RelSame || it.Relation == RelRenamed
		switch {
		case oneToOne && it.Scores == "":
			ps.at(p, "relation %s needs scores: equal, rescore or not_comparable", it.Relation)
		case !oneToOne && it.Scores != "":
			ps.at(p.with("scores"), "scores applies only to same and renamed; a %s item is never compared one to one", it.Relation)
		}
		if len(it.Inputs) > 0 && it.Scores != CarryRescore {
			ps.at(p.with("inputs"), "input renames apply only with scores: rescore")
		}
		if it.Relation == RelSame && nf == 1 && nt == 1 && it.From[0] != it.To[0] {
			ps.at(p.with("to", 0), "relation same keeps the id (%s); use renamed for %s → %s", it.From[0], it.From[0], it.To[0])
		}
		for _, side := range []struct {
			key string
			ids []string
		}{{"from", it.From}, {"to", it.To}} {
			for j, id := range side.ids {
				if k := slices.Index(side.ids, id); k < j {
					ps.at(p.with(side.key, j), "item %s is listed twice", id)
				}
			}
		}
	}
}

// checkMapScales checks the map against its two scales: every mapped item
// exists on its side, every item of each scale is covered exactly once,
// equal scores join ordinal items on the same levels, and rescore joins
// measured items whose inputs the renames connect.
func checkMapScales(m *ItemMap, from, to *Scale) error {
	ps := &problems{file: m.Origin, what: "item map"}
	ps.root, _ = parseDocument(m.Raw, &problems{file: m.Origin})
	fromItems, toItems := itemIndex(from), itemIndex(to)
	seenFrom, seenTo := map[string]path{}, map[string]path{}
	for i, it := range m.Items {
		p := path{"items", i}
		for j, id := range it.From {
			coverOnce(ps, p.with("from", j), id, from, fromItems, seenFrom)
		}
		for j, id := range it.To {
			coverOnce(ps, p.with("to", j), id, to, toItems, seenTo)
		}
		if len(it.From) != 1 || len(it.To) != 1 {
			continue
		}
		a, okA := fromItems[it.From[0]]
		b, okB := toItems[it.To[0]]
		if !okA || !okB {
			continue
		}
		switch it.Scores {
		case CarryEqual:
			if a.Type != TypeOrdinal || b.Type != TypeOrdinal {
				ps.at(p.with("scores"), "equal carries a rater's direct score, so both items must be ordinal (%s is %s, %s is %s); measured items use rescore",
					a.ID, a.Type, b.ID, b.Type)
			}
			if from.Levels != to.Levels {
				ps.at(p.with("scores"), "equal needs the same score levels on both scales")
			}
		case CarryRescore:
			checkRescore(ps, p, it, a, b)
		}
	}
	for _, it := range from.Items {
		if _, ok := seenFrom[it.ID]; !ok {
			ps.at(path{"items"}, "item %s of %s is not mapped: list it in a from, or as dropped", it.ID, from.Ref())
		}
	}
	for _, it := range to.Items {
		if _, ok := seenTo[it.ID]; !ok {
			ps.at(path{"items"}, "item %s of %s is not mapped: list it in a to, or as new", it.ID, to.Ref())
		}
	}
	return ps.err()
}

func itemIndex(s *Scale) map[string]*Item {
	out := make(map[string]*Item, len(s.Items))
	for i := range s.Items {
		out[s.Items[i].ID] = &s.Items[i]
	}
	return out
}

func coverOnce(ps *problems, p path, id string, s *Scale, items map[string]*Item, seen map[string]path) {
	if _, ok := items[id]; !ok {
		ps.at(p, "%s has no item %s", s.Ref(), id)
		return
	}
	if first, dup := seen[id]; dup {
		ps.at(p, "item %s of %s is mapped twice (first at %s)", id, s.Ref(), first)
		return
	}
	seen[id] = p
}

// checkRescore checks that the old item's raw inputs, renamed, are what
// the new rule needs: every rename joins two number or two choice inputs,
// and every input the new rule requires is supplied.
func checkRescore(ps *problems, p path, it ItemMapping, a, b *Item) {
	if a.Type != TypeMeasured || b.Type != TypeMeasured || a.Rule == nil || b.Rule == nil {
		ps.at(p.with("scores"), "rescore scores the stored inputs again, so both items must be measured (%s is %s, %s is %s)",
			a.ID, a.Type, b.ID, b.Type)
		return
	}
	oldIn, newIn := inputIndex(a.Rule), inputIndex(b.Rule)
	supplied := map[string]bool{}
	keys := make([]string, 0, len(it.Inputs))
	for k := range it.Inputs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := it.Inputs[k]
		oi, ok := oldIn[k]
		if !ok {
			ps.at(p.with("inputs", k), "%s has no input %s", a.ID, k)
			continue
		}
		ni, ok := newIn[v]
		if !ok {
			ps.at(p.with("inputs", k), "%s has no input %s", b.ID, v)
			continue
		}
		if oi.Kind != ni.Kind {
			ps.at(p.with("inputs", k), "input %s is a %s and %s a %s", k, oi.Kind, v, ni.Kind)
		}
		if supplied[v] {
			ps.at(p.with("inputs", k), "input %s of %s is supplied twice", v, b.ID)
		}
		supplied[v] = true
	}
	for _, in := range b.Rule.Inputs {
		if !in.Optional && !supplied[in.ID] {
			ps.at(p.with("inputs"), "the rule of %s needs input %s; rename an input of %s to it", b.ID, in.ID, a.ID)
		}
	}
}

func inputIndex(r *Rule) map[string]*Input {
	out := make(map[string]*Input, len(r.Inputs))
	for i := range r.Inputs {
		out[r.Inputs[i].ID] = &r.Inputs[i]
	}
	return out
}

// isMapDir reports whether p (a directory met while walking from root) is
// the maps directory, which holds item maps, not scales.
func isMapDir(p, root string) bool {
	rel := strings.TrimPrefix(p, strings.TrimSuffix(root, "/")+"/")
	if root == "." {
		rel = p
	}
	return rel == scales.MapDir
}
