package report

import (
	"sort"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// DefaultLowScore is the default threshold of "low" items in the actions
// report: an item scoring at most this in a site's latest review should
// have an action.
const DefaultLowScore = 2

// ActionsOptions tune the actions report.
type ActionsOptions struct {
	// LowScore is the highest score that counts as low (default 2, the
	// bottom two anchors; 3 widens the net to every item below "4").
	LowScore int `json:"low_score"`
}

// ActionsReport follows up the action plans of a set of sites.
type ActionsReport struct {
	Scale    string    `json:"scale"`
	Today    time.Time `json:"today"`
	LowScore int       `json:"low_score"`
	// Types are the review types the report used (by default external and
	// remote: a self-assessment is not a fidelity review).
	Types []fidelity.ReviewType `json:"types"`
	// Open lists open and in-progress actions of the sites, by site name,
	// then due date (undated last), then id.
	Open []OpenAction `json:"open"`
	// Sites counts actions per site, sorted by path (tree order), for the
	// site itself and its subtree (itself and every listed descendant).
	Sites []SiteActions `json:"sites"`
	// Uncovered lists low items of each site's latest finalised review
	// that no open, in-progress or done action of that review addresses,
	// by site name then scale order.
	Uncovered []UncoveredItem `json:"uncovered"`
	// OverdueReportSteps lists the overdue written-report deadlines of the
	// sites' reviews, earliest due first (filled by the service).
	OverdueReportSteps []OverdueReportStep `json:"overdue_report_steps"`
}

// OpenAction is one open or in-progress action item.
type OpenAction struct {
	ActionID string                `json:"action_id"`
	SiteID   string                `json:"site_id"`
	SiteName string                `json:"site_name"`
	ReviewID string                `json:"review_id"`
	Title    string                `json:"title"`
	Owner    string                `json:"owner"`
	Status   fidelity.ActionStatus `json:"status"`
	ItemIDs  []string              `json:"items"`
	Due      *time.Time            `json:"due"`
	// Overdue is true when the due date is before today; DaysOverdue then
	// counts the days since it.
	Overdue     bool `json:"overdue"`
	DaysOverdue int  `json:"days_overdue"`
}

// ActionCounts counts actions by status, with overdue open ones.
type ActionCounts struct {
	Open       int `json:"open"`
	InProgress int `json:"in_progress"`
	Overdue    int `json:"overdue"`
	Done       int `json:"done"`
	Dropped    int `json:"dropped"`
}

func (c *ActionCounts) add(o ActionCounts) {
	c.Open += o.Open
	c.InProgress += o.InProgress
	c.Overdue += o.Overdue
	c.Done += o.Done
	c.Dropped += o.Dropped
}

// SiteActions holds the counts of one site.
type SiteActions struct {
	Site    SiteRef      `json:"site"`
	Own     ActionCounts `json:"own"`
	Subtree ActionCounts `json:"subtree"`
}

// UncoveredItem is a low item without an action.
type UncoveredItem struct {
	SiteID   string    `json:"site_id"`
	SiteName string    `json:"site_name"`
	ReviewID string    `json:"review_id"`
	VisitEnd time.Time `json:"visit_end"`
	ItemID   string    `json:"item"`
	Score    int       `json:"score"`
}

// Actions builds the actions report for sites (a site and its subtree, or
// any list) from their actions and reviews. Actions and reviews of sites
// not in the list are ignored. An action is overdue when it is open or in
// progress and its due date is before today (days compared).
func Actions(sc *scale.Scale, sites []SiteRef, reviews []fidelity.ReviewScores, actions []fidelity.ActionItem, today time.Time, opts ActionsOptions) ActionsReport {
	if opts.LowScore <= 0 {
		opts.LowScore = DefaultLowScore
	}
	rep := ActionsReport{Today: today, LowScore: opts.LowScore, Open: []OpenAction{}, Sites: []SiteActions{},
		Uncovered: []UncoveredItem{}}
	set := newSiteSet(sites)
	own := make([]ActionCounts, len(set.list))
	// covered[review id][item id]: an open, in-progress or done action of
	// the review names the item.
	covered := map[string]map[string]bool{}
	for _, a := range actions {
		k, ok := set.index(a.SiteID)
		if !ok {
			continue
		}
		s := set.list[k]
		switch a.Status {
		case fidelity.ActionOpen, fidelity.ActionInProgress:
			oa := OpenAction{ActionID: a.ID, SiteID: s.ID, SiteName: s.Name, ReviewID: a.ReviewID,
				Title: a.Title, Owner: a.Owner, Status: a.Status, ItemIDs: append([]string{}, a.ItemIDs...), Due: a.Due}
			if a.Due != nil && day(*a.Due).Before(day(today)) {
				oa.Overdue, oa.DaysOverdue = true, daysBetween(*a.Due, today)
				own[k].Overdue++
			}
			rep.Open = append(rep.Open, oa)
			if a.Status == fidelity.ActionOpen {
				own[k].Open++
			} else {
				own[k].InProgress++
			}
		case fidelity.ActionDone:
			own[k].Done++
		case fidelity.ActionDropped:
			own[k].Dropped++
		}
		if a.Status == fidelity.ActionOpen || a.Status == fidelity.ActionInProgress || a.Status == fidelity.ActionDone {
			m := covered[a.ReviewID]
			if m == nil {
				m = map[string]bool{}
				covered[a.ReviewID] = m
			}
			for _, id := range a.ItemIDs {
				m[id] = true
			}
		}
	}
	sort.SliceStable(rep.Open, func(i, j int) bool {
		a, b := rep.Open[i], rep.Open[j]
		if a.SiteName != b.SiteName || a.SiteID != b.SiteID {
			return siteLess(SiteRef{ID: a.SiteID, Name: a.SiteName}, SiteRef{ID: b.SiteID, Name: b.SiteName})
		}
		if (a.Due == nil) != (b.Due == nil) {
			return a.Due != nil
		}
		if a.Due != nil && !day(*a.Due).Equal(day(*b.Due)) {
			return day(*a.Due).Before(day(*b.Due))
		}
		return a.ActionID < b.ActionID
	})

	byPath := make([]int, len(set.list))
	for i := range byPath {
		byPath[i] = i
	}
	sort.SliceStable(byPath, func(i, j int) bool {
		a, b := set.list[byPath[i]], set.list[byPath[j]]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.ID < b.ID
	})
	subtree := make([]ActionCounts, len(set.list))
	for j, o := range set.list {
		for _, k := range ancestorsOrSelf(set, o) {
			subtree[k].add(own[j])
		}
	}
	for _, k := range byPath {
		rep.Sites = append(rep.Sites, SiteActions{Site: set.list[k], Own: own[k], Subtree: subtree[k]})
	}

	if sc == nil {
		return rep
	}
	rep.Scale = sc.Ref()
	picks := latestPerSite(sc, set, reviews, PeriodSpec{}, false)
	for k, p := range picks {
		if p.r == nil {
			continue
		}
		s := set.list[k]
		for _, it := range sc.Items {
			v, ok := p.r.Consensus[it.ID]
			if !ok || v > opts.LowScore || covered[p.r.ReviewID][it.ID] {
				continue
			}
			rep.Uncovered = append(rep.Uncovered, UncoveredItem{SiteID: s.ID, SiteName: s.Name,
				ReviewID: p.r.ReviewID, VisitEnd: p.r.VisitEnd, ItemID: it.ID, Score: v})
		}
	}
	return rep
}

// Table renders the open actions.
func (a ActionsReport) Table() ([]string, [][]string) {
	header := []string{"site_id", "site_name", "action_id", "review_id", "title", "owner", "status", "items",
		"due", "overdue", "days_overdue"}
	rows := make([][]string, 0, len(a.Open))
	for _, o := range a.Open {
		rows = append(rows, []string{o.SiteID, o.SiteName, o.ActionID, o.ReviewID, o.Title, o.Owner,
			string(o.Status), strings.Join(o.ItemIDs, " "), fmtDatePtr(o.Due), fmtBool(o.Overdue),
			fmtInt(o.DaysOverdue)})
	}
	return header, rows
}

// SitesTable renders the counts per site, own and subtree.
func (a ActionsReport) SitesTable() ([]string, [][]string) {
	header := []string{"site_id", "site_name", "path", "open", "in_progress", "overdue", "done", "dropped",
		"subtree_open", "subtree_in_progress", "subtree_overdue", "subtree_done", "subtree_dropped"}
	rows := make([][]string, 0, len(a.Sites))
	for _, s := range a.Sites {
		o, t := s.Own, s.Subtree
		rows = append(rows, []string{s.Site.ID, s.Site.Name, s.Site.Path, fmtInt(o.Open), fmtInt(o.InProgress),
			fmtInt(o.Overdue), fmtInt(o.Done), fmtInt(o.Dropped), fmtInt(t.Open), fmtInt(t.InProgress),
			fmtInt(t.Overdue), fmtInt(t.Done), fmtInt(t.Dropped)})
	}
	return header, rows
}

// UncoveredTable renders the low items without an action.
func (a ActionsReport) UncoveredTable() ([]string, [][]string) {
	header := []string{"site_id", "site_name", "review_id", "visit_end", "item", "score"}
	rows := make([][]string, 0, len(a.Uncovered))
	for _, u := range a.Uncovered {
		rows = append(rows, []string{u.SiteID, u.SiteName, u.ReviewID, fmtDate(u.VisitEnd), u.ItemID, fmtInt(u.Score)})
	}
	return header, rows
}

// ancestorsOrSelf returns the positions in set of s and of every listed
// site on s's path.
func ancestorsOrSelf(set siteSet, s SiteRef) []int {
	self, _ := set.index(s.ID)
	out := []int{self}
	for _, id := range strings.Split(strings.Trim(s.Path, "/"), "/") {
		if k, ok := set.index(id); ok && id != s.ID {
			out = append(out, k)
		}
	}
	return out
}
