package report

import (
	"slices"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// SiteRef is the part of a site the reports show: identity, name and place
// in the organisation tree. Path is the materialised path of ids from the
// root, "/root-id/…/id/", so a subtree is a prefix match.
type SiteRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Kind     string `json:"kind,omitempty"`
	Code     string `json:"code,omitempty"`
	ParentID string `json:"parent_id,omitempty"`
	Path     string `json:"path"`
}

// NewSiteRef returns the reference of s. A site without a stored path is
// treated as a root ("/id/").
func NewSiteRef(s fidelity.Site) SiteRef {
	p := s.Path
	if p == "" && s.ID != "" {
		p = "/" + s.ID + "/"
	}
	return SiteRef{ID: s.ID, Name: s.Name, Kind: s.Kind, Code: s.Code, ParentID: s.ParentID, Path: p}
}

// SiteRefs converts a list of sites, keeping their order.
func SiteRefs(sites []fidelity.Site) []SiteRef {
	out := make([]SiteRef, len(sites))
	for i, s := range sites {
		out[i] = NewSiteRef(s)
	}
	return out
}

// Within reports whether s is root itself or lies below it in the tree.
func (s SiteRef) Within(root SiteRef) bool {
	if s.ID == root.ID {
		return true
	}
	return root.Path != "" && strings.HasPrefix(s.Path, root.Path)
}

// siteSet is a de-duplicated list of sites sorted by name, then id, with a
// lookup from id to position.
type siteSet struct {
	list []SiteRef
	pos  map[string]int
}

// newSiteSet keeps the first entry of each id and sorts by name, then id.
func newSiteSet(sites []SiteRef) siteSet {
	seen := make(map[string]bool, len(sites))
	list := make([]SiteRef, 0, len(sites))
	for _, s := range sites {
		if s.ID == "" || seen[s.ID] {
			continue
		}
		seen[s.ID] = true
		list = append(list, s)
	}
	// Sort positions rather than the (large) structs, then copy once.
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := strings.Compare(list[a].Name, list[b].Name); c != 0 {
			return c
		}
		return strings.Compare(list[a].ID, list[b].ID)
	})
	sorted := make([]SiteRef, len(list))
	for i, k := range idx {
		sorted[i] = list[k]
	}
	list = sorted
	pos := make(map[string]int, len(list))
	for i, s := range list {
		pos[s.ID] = i
	}
	return siteSet{list: list, pos: pos}
}

func siteLess(a, b SiteRef) bool {
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.ID < b.ID
}

// index returns the position of the site with the given id.
func (s siteSet) index(id string) (int, bool) {
	i, ok := s.pos[id]
	return i, ok
}
