package report

import (
	"sort"
	"strings"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/scale"
)

// DueRule sets the review cycle: the next review is due MonthsBelowGood
// months after a review whose total is below good fidelity and MonthsGood
// months after one at or above it. Good fidelity starts at the lowest lower
// bound among GoodBands (band ids of the reference scale).
type DueRule struct {
	MonthsBelowGood int      `json:"months_below_good"`
	MonthsGood      int      `json:"months_good"`
	GoodBands       []string `json:"good_bands"`
}

// DefaultDueRule is the IPS rule: every six months until good fidelity
// (≥ 100 on the SE Fidelity Scale), then yearly.
func DefaultDueRule() DueRule {
	return DueRule{MonthsBelowGood: 6, MonthsGood: 12, GoodBands: []string{"good", "exemplary"}}
}

// withDefaults fills zero fields from DefaultDueRule.
func (d DueRule) withDefaults() DueRule {
	def := DefaultDueRule()
	if d.MonthsBelowGood <= 0 {
		d.MonthsBelowGood = def.MonthsBelowGood
	}
	if d.MonthsGood <= 0 {
		d.MonthsGood = def.MonthsGood
	}
	if len(d.GoodBands) == 0 {
		d.GoodBands = def.GoodBands
	}
	return d
}

// TrendOptions are the optional inputs of Trend.
type TrendOptions struct {
	// Versions holds the other versions of the scale by version string, so
	// reviews scored under an older version can be shown and compared. A
	// review under a version found neither here nor in the reference scale
	// is skipped with a reason.
	Versions map[string]*scale.Scale
	// Subtree lists the sites below the report's site (descendants; entries
	// outside the site's path are ignored). Their reviews are listed with
	// their site; nil means the site alone.
	Subtree []SiteRef
	// Maps are item maps between scale versions. A review under an older
	// scale (another id, e.g. ips-15) joins the trend when Predecessors
	// holds its scale and a map leads from it to the report's scale or one
	// of Versions; consecutive reviews across such a change compare only
	// the items the map declares comparable.
	Maps         []*scale.ItemMap
	Predecessors []*scale.Scale
	// Rescored holds re-scored scorecards of older reviews under the
	// report's scale (review id → item id → score), used for the items a
	// map compares by re-scoring stored inputs.
	Rescored map[string]map[string]int
}

// TrendReport is the history of one site, or of every site of a subtree.
type TrendReport struct {
	Scale string  `json:"scale"`
	Site  SiteRef `json:"site"`
	// Subtree is true when the report covers sites below Site too; every
	// point then names its site, and changes and due dates are per site.
	Subtree bool      `json:"subtree"`
	Today   time.Time `json:"today"`
	Rule    DueRule   `json:"due_rule"`
	// Types are the review types the report used (by default external and
	// remote: a self-assessment is not a fidelity review).
	Types []fidelity.ReviewType `json:"types"`
	// GoodThreshold is the total from which a review counts as good
	// fidelity (nil when the scale has none of the rule's good bands).
	GoodThreshold *float64 `json:"good_threshold"`
	GoodReason    string   `json:"good_reason,omitempty"`
	// Columns names the section and grouping subtotals of the reference
	// scale, in scale order ("section:<id>", "<grouping>:<group>"): the
	// subtotal columns of Table.
	Columns []string        `json:"columns"`
	Points  []TrendPoint    `json:"points"`
	Sites   []SiteProgress  `json:"sites"`
	Skipped []SkippedReview `json:"skipped"`
	// ScaleChanges marks each site's first review under a scale version
	// that supersedes the one before it.
	ScaleChanges []ScaleChange `json:"scale_changes"`
	// Maps are the item maps used across those changes.
	Maps []MapView `json:"maps"`
}

// TrendPoint is one finalised review in the trend.
type TrendPoint struct {
	SiteID       string              `json:"site_id"`
	SiteName     string              `json:"site_name"`
	ReviewID     string              `json:"review_id"`
	Scale        string              `json:"scale"` // the scale id; another id than the report's when an item map joins it
	ScaleVersion string              `json:"scale_version"`
	Type         fidelity.ReviewType `json:"type"`
	VisitStart   time.Time           `json:"visit_start"`
	VisitEnd     time.Time           `json:"visit_end"`
	// Score holds total, band and subtotals derived from the consensus item
	// scores under the review's own scale version.
	Score ItemsScore `json:"score"`
	// Good says whether the total reaches good fidelity.
	Good bool `json:"good"`
	// Items are the consensus scores in the order of the review's scale.
	Items []ItemPoint `json:"items"`
	// Change compares with the site's previous review; nil for the first.
	Change *ReviewChange `json:"change"`
}

// ItemPoint is one item's consensus score (nil when not scored).
type ItemPoint struct {
	ItemID string `json:"item"`
	Score  *int   `json:"score"`
}

// ReviewChange compares a review with the same site's previous review.
type ReviewChange struct {
	PreviousReviewID string    `json:"previous_review_id"`
	PreviousVisitEnd time.Time `json:"previous_visit_end"`
	Days             int       `json:"days"`
	// TotalDelta is current − previous total; nil when either total is
	// missing or the reviews are under different scale versions.
	TotalDelta       *float64 `json:"total_delta"`
	TotalDeltaReason string   `json:"total_delta_reason,omitempty"`
	// BandChange is "up", "down" or "same" (bands ranked by their lower
	// bound in the reference scale); "" when a band is missing.
	BandChange string `json:"band_change"`
	// ItemDelta is the sum of the item deltas over the compared items.
	ItemDelta int          `json:"item_delta"`
	Improved  int          `json:"improved"`
	Unchanged int          `json:"unchanged"`
	Regressed int          `json:"regressed"`
	Items     []ItemChange `json:"items"`
	// Excluded lists item ids present in only one of the two scale
	// versions; they are not compared.
	Excluded []string `json:"excluded"`
	// Unscored lists items in both versions but unscored in either review.
	Unscored []string `json:"unscored"`
	// Map names the item map used when the two reviews are under
	// different scales ("ips-15@1996 → se-fidelity@2008"); LeftOut then
	// lists every item the map does not compare, with the reason.
	Map     string        `json:"map,omitempty"`
	LeftOut []LeftOutItem `json:"left_out,omitempty"`
}

// ItemChange is one item's change between two reviews.
type ItemChange struct {
	ItemID    string `json:"item"`
	Previous  int    `json:"previous"`
	Current   int    `json:"current"`
	Delta     int    `json:"delta"`
	Direction string `json:"direction"` // "improved", "unchanged", "regressed"
	// PreviousItem is the item id in the previous review's scale when it
	// differs by an item map (O3 of ips-15 is O6 of se-fidelity).
	PreviousItem string `json:"previous_item,omitempty"`
	// Rescored is true when Previous comes from the previous review's
	// inputs re-scored under the current scale.
	Rescored bool `json:"rescored,omitempty"`
}

// itemChange compares one item's previous and current score.
func itemChange(id string, prev, cur int) ItemChange {
	ch := ItemChange{ItemID: id, Previous: prev, Current: cur, Delta: cur - prev}
	switch {
	case ch.Delta > 0:
		ch.Direction = Improved
	case ch.Delta < 0:
		ch.Direction = Regressed
	default:
		ch.Direction = Unchanged
	}
	return ch
}

// add counts ch into the change.
func (c *ReviewChange) add(ch ItemChange) {
	switch ch.Direction {
	case Improved:
		c.Improved++
	case Regressed:
		c.Regressed++
	default:
		c.Unchanged++
	}
	c.ItemDelta += ch.Delta
	c.Items = append(c.Items, ch)
}

// Directions of an item change.
const (
	Improved  = "improved"
	Unchanged = "unchanged"
	Regressed = "regressed"
)

// SiteProgress sums up one site's trend: time to good fidelity and when the
// next review is due.
type SiteProgress struct {
	SiteID         string    `json:"site_id"`
	SiteName       string    `json:"site_name"`
	Reviews        int       `json:"reviews"`
	FirstReviewID  string    `json:"first_review_id"`
	FirstVisitEnd  time.Time `json:"first_visit_end"`
	LatestReviewID string    `json:"latest_review_id"`
	LatestVisitEnd time.Time `json:"latest_visit_end"`
	LatestTotal    *float64  `json:"latest_total"`
	LatestBand     string    `json:"latest_band"`
	// GoodStatus is "reached", "not_yet" or "undefined" (the scale has no
	// good band; GoodReason says so).
	GoodStatus   string     `json:"good_status"`
	GoodReason   string     `json:"good_reason,omitempty"`
	GoodReviewID string     `json:"good_review_id,omitempty"`
	GoodVisitEnd *time.Time `json:"good_visit_end"`
	// DaysToGood and MonthsToGood count from the first review's VisitEnd to
	// the first good review's (0 when the first review was good).
	DaysToGood   *int `json:"days_to_good"`
	MonthsToGood *int `json:"months_to_good"`
	// NextDue is the latest review's VisitEnd plus the rule's months.
	NextDue      time.Time `json:"next_due"`
	DueMonths    int       `json:"due_months"`
	DaysUntilDue int       `json:"days_until_due"` // negative when overdue
	Overdue      bool      `json:"overdue"`
	// ReviewPlanned is set by the caller when the site has a review planned
	// or under way: the site is then not overdue, however late.
	ReviewPlanned bool `json:"review_planned"`
}

// Good-fidelity statuses.
const (
	GoodReached   = "reached"
	GoodNotYet    = "not_yet"
	GoodUndefined = "undefined"
)

// SkippedReview is a review left out of a report, and why.
type SkippedReview struct {
	ReviewID string `json:"review_id"`
	SiteID   string `json:"site_id"`
	Reason   string `json:"reason"`
}

// Trend builds the trend report of site (and of opts.Subtree) from the
// finalised reviews among reviews. Reviews of other sites and reviews not
// yet finalised are ignored; reviews under another scale id, or under a
// version that is neither sc's nor in opts.Versions, are listed as skipped.
// Points are in VisitEnd order (then VisitStart, site name, review id).
func Trend(sc *scale.Scale, site SiteRef, reviews []fidelity.ReviewScores, today time.Time, cycle DueRule, opts TrendOptions) TrendReport {
	cycle = cycle.withDefaults()
	rep := TrendReport{Site: site, Today: today, Rule: cycle,
		Points: []TrendPoint{}, Sites: []SiteProgress{}, Skipped: []SkippedReview{},
		ScaleChanges: []ScaleChange{}, Maps: []MapView{}}
	if sc == nil {
		rep.GoodReason = "no scale"
		return rep
	}
	rep.Scale = sc.Ref()
	rep.Columns = subtotalColumns(sc)
	members := map[string]SiteRef{site.ID: site}
	for _, s := range opts.Subtree {
		if s.ID != site.ID && s.Within(site) {
			members[s.ID] = s
			rep.Subtree = true
		}
	}
	good, threshold, reason := goodTest(sc, cycle)
	rep.GoodThreshold, rep.GoodReason = threshold, reason

	scales := map[string]*scale.Scale{}
	for v, s := range opts.Versions {
		if s != nil && s.ID == sc.ID {
			scales[v] = s
		}
	}
	scales[sc.Version] = sc
	// Older scales under another id join when a map leads from them to a
	// version of this scale.
	older := map[string]*scale.Scale{}
	for _, p := range opts.Predecessors {
		for _, target := range scales {
			if p != nil && mapFor(opts.Maps, p, target) != nil {
				older[p.Ref()] = p
			}
		}
	}

	type kept struct {
		r  *fidelity.ReviewScores
		sc *scale.Scale
	}
	var list []kept
	for i := range reviews {
		r := &reviews[i]
		if _, ok := members[r.SiteID]; !ok || r.Status != fidelity.StatusFinalised {
			continue
		}
		if p, ok := older[r.ScaleID+"@"+r.ScaleVersion]; ok {
			list = append(list, kept{r, p})
			continue
		}
		if r.ScaleID != sc.ID {
			rep.Skipped = append(rep.Skipped, SkippedReview{r.ReviewID, r.SiteID,
				"the review is under scale " + r.ScaleID + ", not " + sc.ID})
			continue
		}
		v := r.ScaleVersion
		if v == "" {
			v = sc.Version
		}
		s, ok := scales[v]
		if !ok {
			rep.Skipped = append(rep.Skipped, SkippedReview{r.ReviewID, r.SiteID,
				"scale version " + v + " of " + sc.ID + " was not supplied"})
			continue
		}
		list = append(list, kept{r, s})
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].r, list[j].r
		if !day(a.VisitEnd).Equal(day(b.VisitEnd)) {
			return day(a.VisitEnd).Before(day(b.VisitEnd))
		}
		if !day(a.VisitStart).Equal(day(b.VisitStart)) {
			return day(a.VisitStart).Before(day(b.VisitStart))
		}
		sa, sb := members[a.SiteID], members[b.SiteID]
		if sa.Name != sb.Name || sa.ID != sb.ID {
			return siteLess(sa, sb)
		}
		return a.ReviewID < b.ReviewID
	})
	sort.SliceStable(rep.Skipped, func(i, j int) bool { return rep.Skipped[i].ReviewID < rep.Skipped[j].ReviewID })

	ranks := bandRank(sc)
	lastOf := map[string]int{} // site id → index of its latest point so far
	lastScale := map[string]*scale.Scale{}
	usedMaps := map[*scale.ItemMap]bool{}
	for _, k := range list {
		r := k.r
		p := TrendPoint{
			SiteID: r.SiteID, SiteName: members[r.SiteID].Name, ReviewID: r.ReviewID,
			Scale: k.sc.ID, ScaleVersion: k.sc.Version, Type: r.Type, VisitStart: r.VisitStart, VisitEnd: r.VisitEnd,
			Score: ScoreItems(k.sc, r.Consensus),
		}
		if len(r.Consensus) == 0 && r.Total != nil && finite(*r.Total) {
			// No item scores were loaded: show the stored total and band.
			p.Score.Total, p.Score.Band, p.Score.Reason = ptr(*r.Total), r.Band, ""
		}
		pointGood := good
		if k.sc.ID != sc.ID {
			// An older scale's total is judged by its own bands.
			pointGood, _, _ = goodTest(k.sc, cycle)
		}
		p.Good = p.Score.Total != nil && pointGood != nil && pointGood(*p.Score.Total)
		p.Items = make([]ItemPoint, len(k.sc.Items))
		for i, it := range k.sc.Items {
			p.Items[i].ItemID = it.ID
			if v, ok := r.Consensus[it.ID]; ok {
				p.Items[i].Score = intPtr(v)
			}
		}
		if j, ok := lastOf[r.SiteID]; ok {
			prev := &rep.Points[j]
			p.Change = compareReviews(lastScale[r.SiteID], k.sc, prev, &p, ranks)
			if m := mapFor(opts.Maps, lastScale[r.SiteID], k.sc); m != nil {
				compareMapped(p.Change, m, prev, &p, opts.Rescored[prev.ReviewID])
				p.Change.Map = m.Supersedes.String() + " → " + m.Scale.String()
				usedMaps[m] = true
				rep.ScaleChanges = append(rep.ScaleChanges, ScaleChange{SiteID: r.SiteID, ReviewID: r.ReviewID,
					At: r.VisitEnd.Format(time.DateOnly), From: m.Supersedes.String(), To: m.Scale.String(),
					FromShort: shortName(lastScale[r.SiteID]), ToShort: shortName(k.sc)})
			}
		}
		lastOf[r.SiteID] = len(rep.Points)
		lastScale[r.SiteID] = k.sc
		rep.Points = append(rep.Points, p)
	}
	for _, m := range opts.Maps {
		if usedMaps[m] {
			rep.Maps = append(rep.Maps, NewMapView(m))
		}
	}
	rep.Sites = progress(rep.Points, members, good, reason, cycle, today)
	return rep
}

// goodTest returns the predicate "total reaches good fidelity" under sc and
// the rule, with the threshold it uses, or a reason when the scale has
// none of the good bands.
func goodTest(sc *scale.Scale, rule DueRule) (func(float64) bool, *float64, string) {
	var lowest *scale.Band
	for i := range sc.Bands {
		b := &sc.Bands[i]
		for _, id := range rule.GoodBands {
			if b.ID == id && (lowest == nil || b.Lower() < lowest.Lower()) {
				lowest = b
			}
		}
	}
	if lowest == nil {
		return nil, nil, "the scale " + sc.Ref() + " has none of the good bands " + strings.Join(rule.GoodBands, ", ")
	}
	lower := scale.Bounds{GE: lowest.GE, GT: lowest.GT}
	return lower.Contains, ptr(lowest.Lower()), ""
}

// compareReviews compares the point cur with the same site's previous point
// prev, item by item over the ids both scale versions have.
func compareReviews(prevSc, curSc *scale.Scale, prev, cur *TrendPoint, ranks map[string]int) *ReviewChange {
	c := &ReviewChange{
		PreviousReviewID: prev.ReviewID, PreviousVisitEnd: prev.VisitEnd,
		Days:  daysBetween(prev.VisitEnd, cur.VisitEnd),
		Items: make([]ItemChange, 0, len(cur.Items)), Excluded: []string{}, Unscored: []string{},
	}
	prevItems, curItems := prev.Items, cur.Items
	if prevSc.ID != curSc.ID {
		// Different scales share item ids by accident (S1 of ips-15 and of
		// se-fidelity); only an item map says what compares.
		prevItems, curItems = nil, nil
	}
	prevScores := make(map[string]*int, len(prevItems))
	for _, it := range prevItems {
		prevScores[it.ItemID] = it.Score
	}
	inCur := make(map[string]bool, len(curItems))
	for _, it := range curItems {
		inCur[it.ItemID] = true
		ps, ok := prevScores[it.ItemID]
		switch {
		case !ok:
			c.Excluded = append(c.Excluded, it.ItemID)
		case ps == nil || it.Score == nil:
			c.Unscored = append(c.Unscored, it.ItemID)
		default:
			c.add(itemChange(it.ItemID, *ps, *it.Score))
		}
	}
	for _, it := range prevItems {
		if !inCur[it.ItemID] {
			c.Excluded = append(c.Excluded, it.ItemID)
		}
	}
	switch {
	case prev.Score.Total == nil || cur.Score.Total == nil:
		c.TotalDeltaReason = "one of the two reviews has no total"
	case prevSc.ID != curSc.ID:
		c.TotalDeltaReason = "the reviews are under different scales (" + prevSc.Ref() + ", " +
			curSc.Ref() + "); compare the items"
	case prevSc.Version != curSc.Version:
		c.TotalDeltaReason = "the reviews are under different scale versions (" + prevSc.Version + ", " +
			curSc.Version + "); compare the items"
	default:
		c.TotalDelta = ptr(*cur.Score.Total - *prev.Score.Total)
	}
	ra, okA := ranks[prev.Score.Band]
	rb, okB := ranks[cur.Score.Band]
	if okA && okB && prevSc.ID == curSc.ID { // band ids of two scales do not rank against each other
		switch {
		case rb > ra:
			c.BandChange = "up"
		case rb < ra:
			c.BandChange = "down"
		default:
			c.BandChange = "same"
		}
	}
	return c
}

// progress builds the per-site summaries, sorted by site name.
func progress(points []TrendPoint, members map[string]SiteRef, good func(float64) bool, reason string, rule DueRule, today time.Time) []SiteProgress {
	idx := map[string]int{}
	out := []SiteProgress{}
	for i := range points {
		p := &points[i]
		k, ok := idx[p.SiteID]
		if !ok {
			k = len(out)
			idx[p.SiteID] = k
			out = append(out, SiteProgress{SiteID: p.SiteID, SiteName: p.SiteName,
				FirstReviewID: p.ReviewID, FirstVisitEnd: p.VisitEnd, GoodStatus: GoodNotYet})
			if good == nil {
				out[k].GoodStatus, out[k].GoodReason = GoodUndefined, reason
			}
		}
		s := &out[k]
		s.Reviews++
		s.LatestReviewID, s.LatestVisitEnd = p.ReviewID, p.VisitEnd
		s.LatestTotal, s.LatestBand = p.Score.Total, p.Score.Band
		if p.Good && s.GoodStatus == GoodNotYet {
			s.GoodStatus = GoodReached
			s.GoodReviewID = p.ReviewID
			s.GoodVisitEnd = timePtr(p.VisitEnd)
			s.DaysToGood = intPtr(daysBetween(s.FirstVisitEnd, p.VisitEnd))
			s.MonthsToGood = intPtr(monthsBetween(s.FirstVisitEnd, p.VisitEnd))
		}
	}
	for i := range out {
		s := &out[i]
		latestGood := s.LatestTotal != nil && good != nil && good(*s.LatestTotal)
		s.DueMonths = rule.MonthsBelowGood
		if latestGood {
			s.DueMonths = rule.MonthsGood
		}
		s.NextDue = addMonths(s.LatestVisitEnd, s.DueMonths)
		s.DaysUntilDue = daysBetween(today, s.NextDue)
		s.Overdue = s.DaysUntilDue < 0
	}
	sort.SliceStable(out, func(i, j int) bool {
		return siteLess(members[out[i].SiteID], members[out[j].SiteID])
	})
	return out
}
