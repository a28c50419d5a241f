package scale

import (
	"errors"
	"io/fs"
	"slices"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// AddMap checks m against its two scales, which must already be in the
// catalog, and registers it. A second map between the same two versions
// is a conflict unless its bytes are identical.
func (c *Catalog) AddMap(m *ItemMap) error {
	if err := c.CheckMap(m); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, old := range c.maps {
		if old.Scale == m.Scale && old.Supersedes == m.Supersedes {
			if old.Checksum == m.Checksum {
				return nil
			}
			return fidelity.Errorf(fidelity.KindConflict, "item map %s → %s from %s differs from the one loaded from %s",
				m.Supersedes, m.Scale, m.Origin, old.Origin)
		}
	}
	c.maps = append(c.maps, m)
	// The notes are the reasons trends and re-scoring reports quote for
	// items left out; a Norwegian page shows them in Norwegian.
	fidelity.RegisterText(m.Note.EN, m.Note.NB)
	for _, it := range m.Items {
		fidelity.RegisterText(it.Note.EN, it.Note.NB)
	}
	c.generation.Add(1) // last: what is computed at the new generation has the notes
	return nil
}

// CheckMap checks m against its two scales in the catalog without adding
// it (fidelity scales validate).
func (c *Catalog) CheckMap(m *ItemMap) error {
	from, err := c.Get(m.Supersedes.ID, m.Supersedes.Version)
	if err != nil {
		return fidelity.Invalid("invalid item map "+m.Origin, fidelity.FieldError{
			Field: m.Origin + ": supersedes", Reason: "no scale " + m.Supersedes.String() + " is loaded"})
	}
	to, err := c.Get(m.Scale.ID, m.Scale.Version)
	if err != nil {
		return fidelity.Invalid("invalid item map "+m.Origin, fidelity.FieldError{
			Field: m.Origin + ": scale", Reason: "no scale " + m.Scale.String() + " is loaded"})
	}
	return checkMapScales(m, from, to)
}

// Maps returns every item map, ordered by target and then source.
func (c *Catalog) Maps() []*ItemMap {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := slices.Clone(c.maps)
	slices.SortFunc(out, func(a, b *ItemMap) int {
		if x := strings.Compare(a.Scale.String(), b.Scale.String()); x != 0 {
			return x
		}
		return strings.Compare(a.Supersedes.String(), b.Supersedes.String())
	})
	return out
}

// MapsTo returns the maps whose newer version is target.
func (c *Catalog) MapsTo(target ScaleRef) []*ItemMap {
	var out []*ItemMap
	for _, m := range c.Maps() {
		if m.Scale == target {
			out = append(out, m)
		}
	}
	return out
}

// MapBetween returns the map from version from to version to, or nil.
func (c *Catalog) MapBetween(from, to ScaleRef) *ItemMap {
	for _, m := range c.Maps() {
		if m.Supersedes == from && m.Scale == to {
			return m
		}
	}
	return nil
}

// loadMaps parses every *.yaml file directly under dir in fsys as an item
// map and adds it to cat. A missing directory means no maps.
func loadMaps(cat *Catalog, fsys fs.FS, dir string, display func(string) string) error {
	names, err := fs.Glob(fsys, dir+"/*.yaml")
	if err != nil {
		return fidelity.Wrap(fidelity.KindInvalid, err, "cannot read item maps under "+display(dir))
	}
	var fields []fidelity.FieldError
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err == nil && len(data) > MaxFileSize {
			err = invalidFile(display(name), "the file exceeds the size limit")
		}
		var m *ItemMap
		if err == nil {
			m, err = ParseMap(display(name), data)
		}
		if err == nil {
			err = cat.AddMap(m)
		}
		if err != nil {
			var fe *fidelity.Error
			if errors.As(err, &fe) && fe.Kind == fidelity.KindConflict {
				return err
			}
			fields = append(fields, fieldsOrMessage(err, display(name))...)
		}
	}
	if len(fields) > 0 {
		return &fidelity.Error{Kind: fidelity.KindInvalid, Message: "invalid item maps under " + display(dir), Fields: fields}
	}
	return nil
}
