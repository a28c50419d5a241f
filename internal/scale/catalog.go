package scale

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/scales"
)

// Catalog holds validated scales by id@version. It is safe for concurrent
// use; the scales it hands out are shared and must not be modified.
type Catalog struct {
	mu     sync.RWMutex
	scales map[string]map[string]*Scale // id → version → scale
	maps   []*ItemMap                   // item maps between versions, checked against both
	// generation counts the scales and maps added, so that what was
	// computed from the catalog can tell it has grown (kept answers show
	// band labels and due dates that depend on the scales loaded).
	generation atomic.Int64
}

// Generation moves whenever a scale or an item map is added.
func (c *Catalog) Generation() int64 { return c.generation.Load() }

// NewCatalog returns an empty catalog.
func NewCatalog() *Catalog {
	return &Catalog{scales: map[string]map[string]*Scale{}}
}

// Add registers s. Adding the same id@version again is a no-op when the
// bytes are identical and a KindConflict error when they differ: a
// published version is immutable, so two texts under one name mean someone
// edited a published file instead of creating a new version.
func (c *Catalog) Add(s *Scale) error {
	if s == nil || s.ID == "" || s.Version == "" {
		return fidelity.Errorf(fidelity.KindInvalid, "scale without id or version")
	}
	registerQuotedTexts(s)
	c.mu.Lock()
	defer c.mu.Unlock()
	versions := c.scales[s.ID]
	if versions == nil {
		versions = map[string]*Scale{}
		c.scales[s.ID] = versions
	}
	if old, ok := versions[s.Version]; ok {
		if old.Checksum == s.Checksum {
			return nil
		}
		return fidelity.Errorf(fidelity.KindConflict,
			"scale %s from %s differs from the one already loaded from %s (checksum %.12s… vs %.12s…); a published version must not change, add a new version instead",
			s.Ref(), s.Origin, old.Origin, s.Checksum, old.Checksum)
	}
	versions[s.Version] = s
	c.generation.Add(1)
	return nil
}

// Get returns the scale id@version.
func (c *Catalog) Get(id, version string) (*Scale, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if s, ok := c.scales[id][version]; ok {
		return s, nil
	}
	return nil, fidelity.Errorf(fidelity.KindNotFound, "no scale %s@%s", id, version)
}

// Resolve accepts "id@version" or "id"; a bare id means its latest
// version (see CompareVersions).
func (c *Catalog) Resolve(ref string) (*Scale, error) {
	if id, version, ok := strings.Cut(ref, "@"); ok {
		return c.Get(id, version)
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	var latest *Scale
	for _, s := range c.scales[ref] {
		if latest == nil || CompareVersions(s.Version, latest.Version) > 0 {
			latest = s
		}
	}
	if latest == nil {
		return nil, fidelity.Errorf(fidelity.KindNotFound, "no scale %s", ref)
	}
	return latest, nil
}

// List returns every scale, ordered by id and then by version.
func (c *Catalog) List() []*Scale {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []*Scale
	for _, versions := range c.scales {
		for _, s := range versions {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *Scale) int {
		return cmp.Or(strings.Compare(a.ID, b.ID), CompareVersions(a.Version, b.Version))
	})
	return out
}

// Versions returns the versions of id, oldest first; nil for an unknown id.
func (c *Catalog) Versions(id string) []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []string
	for v := range c.scales[id] {
		out = append(out, v)
	}
	slices.SortFunc(out, CompareVersions)
	return out
}

// CompareVersions orders versions numerically when both are dotted numbers
// ("2008", "1.10" > "1.9") and lexically otherwise.
func CompareVersions(a, b string) int {
	pa, okA := dotted(a)
	pb, okB := dotted(b)
	if okA && okB {
		if c := slices.Compare(pa, pb); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b)
}

func dotted(v string) ([]uint64, bool) {
	parts := strings.Split(v, ".")
	out := make([]uint64, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}

// LoadEmbedded adds the scales shipped in package scales to cat.
//
// The shipped files are compiled into the binary and every check of Parse
// is run on them by the tests (TestEmbeddedScalesLoadAsParsed), so at start
// they are decoded once, strictly, and checked for meaning, without the
// node tree and schema pass that guard files from outside: that pass was
// two thirds of the start-up allocations of the scales.
func LoadEmbedded(cat *Catalog) error {
	list, err := loadEmbedded()
	if err != nil {
		return err
	}
	if err := addAll(cat, list); err != nil {
		return err
	}
	return loadMaps(cat, scales.FS, scales.MapDir, func(name string) string { return name })
}

func loadEmbedded() ([]*Scale, error) {
	names, err := scales.ScaleFiles()
	if err != nil {
		return nil, fidelity.Wrap(fidelity.KindInvalid, err, "cannot list the shipped scales")
	}
	out := make([]*Scale, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(scales.FS, name)
		if err != nil {
			return nil, fidelity.Wrap(fidelity.KindInvalid, err, "cannot read shipped scale "+name)
		}
		s, err := parseShipped(name, data)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// parseShipped is Parse for a file shipped in the binary: one strict
// decode and the semantic checks.
func parseShipped(name string, data []byte) (*Scale, error) {
	ps := &problems{file: name}
	s := decodeStrict(data, nil, ps)
	if !ps.empty() {
		return nil, ps.err()
	}
	validateSemantics(s, ps, true)
	if want := s.ID + "/" + s.Version + ".yaml"; name != want {
		ps.atNode(nil, "", "a scale with id %q and version %q belongs in %s", s.ID, s.Version, want)
	}
	if !ps.empty() {
		return nil, ps.err()
	}
	sum := sha256.Sum256(data)
	s.Checksum = hex.EncodeToString(sum[:])
	s.Origin = name
	s.Raw = data
	return s, nil
}

// LoadDir adds the scales found under dir (laid out as <id>/<version>.yaml)
// to cat, for scales installed at run time beside the embedded ones.
func LoadDir(cat *Catalog, dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return fidelity.Wrap(fidelity.KindInvalid, err, "cannot read scale directory "+dir)
	}
	if !info.IsDir() {
		return fidelity.Errorf(fidelity.KindInvalid, "scale directory %s is not a directory", dir)
	}
	show := func(name string) string { return filepath.Join(dir, name) }
	list, err := loadTree(os.DirFS(dir), ".", show)
	if err != nil {
		return err
	}
	if err := addAll(cat, list); err != nil {
		return err
	}
	return loadMaps(cat, os.DirFS(dir), scales.MapDir, show)
}

func addAll(cat *Catalog, list []*Scale) error {
	for _, s := range list {
		if err := cat.Add(s); err != nil {
			return err
		}
	}
	return nil
}

// registerQuotedTexts hands the scale's texts that validation messages
// quote (why a degenerate input is refused) to the message translator, so
// that a Norwegian page shows them in Norwegian.
func registerQuotedTexts(s *Scale) {
	for i := range s.Items {
		if r := s.Items[i].Rule; r != nil {
			for _, d := range r.Degenerate {
				fidelity.RegisterText(d.Reason.EN, d.Reason.NB)
			}
		}
	}
}
