package scale

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// checker runs the semantic checks that a JSON Schema cannot express:
// references between parts of the file, uniqueness, and exact coverage of
// rule domains and of the total range. It never stops at the first fault.
type checker struct {
	s  *Scale
	ps *problems
	// authoring adds the rules a new file must follow but a stored one
	// may predate (see ParseStored).
	authoring bool
	// levelsOK is false when levels.min ≥ levels.max; every score check
	// would then fail too, so those checks stay quiet and the one levels
	// error explains it.
	levelsOK bool
}

func validateSemantics(s *Scale, ps *problems, authoring bool) {
	c := checker{s: s, ps: ps, levelsOK: s.Levels.Min < s.Levels.Max, authoring: authoring}
	c.levels()
	c.missing()
	sources := c.uniqueIDs(path{"data_sources"}, len(s.DataSources), func(i int) string { return s.DataSources[i].Code }, "code", "data source code")
	sections := c.uniqueIDs(path{"sections"}, len(s.Sections), func(i int) string { return s.Sections[i].ID }, "id", "section id")
	items := c.uniqueIDs(path{"items"}, len(s.Items), func(i int) string { return s.Items[i].ID }, "id", "item id")
	c.uniqueIDs(path{"items"}, len(s.Items), func(i int) string { return strconv.Itoa(s.Items[i].Number) }, "number", "item number")
	for i := range s.Items {
		c.item(path{"items", i}, &s.Items[i], sections, sources)
	}
	c.groupings(items)
	c.bands()
	c.reviewPolicy()
}

func (c *checker) add(p path, format string, args ...any) { c.ps.at(p, format, args...) }

// uniqueIDs reports repeated ids in a list and returns the set of ids.
func (c *checker) uniqueIDs(base path, n int, id func(int) string, field, what string) map[string]bool {
	seen := make(map[string]int, n)
	set := make(map[string]bool, n)
	for i := range n {
		v := id(i)
		if first, dup := seen[v]; dup {
			c.add(base.with(i, field), "duplicate %s %q (first at %s)", what, v, base.with(first))
			continue
		}
		seen[v] = i
		set[v] = true
	}
	return set
}

func (c *checker) levels() {
	if l := c.s.Levels; l.Min >= l.Max {
		c.add(path{"levels"}, "levels.min (%d) must be below levels.max (%d)", l.Min, l.Max)
	}
}

func (c *checker) inLevels(v int) bool {
	return !c.levelsOK || (v >= c.s.Levels.Min && v <= c.s.Levels.Max)
}

func (c *checker) levelRange() string {
	return fmt.Sprintf("%d..%d", c.s.Levels.Min, c.s.Levels.Max)
}

func (c *checker) missing() {
	m := c.s.Missing
	if m.MaxMissing > len(c.s.Items) {
		c.add(path{"missing", "max_missing"}, "max_missing %d exceeds the number of items (%d)", m.MaxMissing, len(c.s.Items))
	}
	// A sum over fewer items is not comparable with a full one, so a sum
	// scale that tolerates gaps must say how to fill them.
	if c.s.Aggregation == AggregateSum && m.MaxMissing > 0 && m.Impute != "person_mean" {
		c.add(path{"missing", "impute"}, "a sum scale with max_missing > 0 needs impute: person_mean")
	}
}

func (c *checker) item(p path, it *Item, sections, sources map[string]bool) {
	if !sections[it.Section] {
		c.add(p.with("section"), "unknown section %q", it.Section)
	}
	seen := map[string]bool{}
	for j, code := range it.DataSources {
		switch {
		case !sources[code]:
			c.add(p.with("data_sources", j), "unknown data source %q", code)
		case seen[code]:
			c.add(p.with("data_sources", j), "data source %q listed twice", code)
		}
		seen[code] = true
	}
	c.anchors(p.with("anchors"), it.Anchors)
	if it.Verified && it.PartlyVerified {
		c.add(p.with("partly_verified"), "an item is verified or partly verified, not both")
	}
	if it.PartlyVerified && it.VerificationNote == "" {
		c.add(p.with("verification_note"), "a partly verified item needs a note saying which parts are recalled")
	}
	if it.Type != TypeChecklist && it.ElementsLabel.EN != "" {
		c.add(p.with("elements_label"), "elements_label is only for checklist items")
	}

	if it.Type != TypeChecklist && len(it.Elements) > 0 {
		c.add(p.with("elements"), "elements are only for checklist items")
	}
	if it.Type != TypePerSpecialist && it.Specialist != "" {
		c.add(p.with("specialist"), "specialist is only for per_specialist items")
	}
	switch it.Type {
	case TypeOrdinal:
		if it.Rule != nil {
			c.add(p.with("rule"), "ordinal items have no rule (the rater picks the anchor)")
		}
	case TypeMeasured:
		c.measuredRule(p, it.Rule)
	case TypeChecklist:
		c.checklist(p, it)
	case TypePerSpecialist:
		switch it.Specialist {
		case "score":
			if it.Rule != nil {
				c.add(p.with("rule"), "a per_specialist item with specialist: score has no rule")
			}
		case "measure":
			c.measuredRule(p, it.Rule)
		default:
			c.add(p.with("specialist"), "per_specialist items need specialist: score or specialist: measure")
		}
	}
}

func (c *checker) anchors(p path, a Anchors) {
	if !c.levelsOK {
		return
	}
	for l := c.s.Levels.Min; l <= c.s.Levels.Max; l++ {
		t, ok := a[l]
		switch {
		case !ok:
			c.add(p, "missing anchor for level %d", l)
		case t.EN == "" || t.NB == "":
			c.add(p.with(strconv.Itoa(l)), "anchor %d needs both en and nb", l)
		}
	}
	levels := make([]int, 0, len(a))
	for l := range a {
		levels = append(levels, l)
	}
	slices.Sort(levels)
	for _, l := range levels {
		if !c.inLevels(l) {
			c.add(p.with(strconv.Itoa(l)), "anchor %d is outside levels %s", l, c.levelRange())
		}
	}
}

func (c *checker) checklist(p path, it *Item) {
	if len(it.Elements) == 0 {
		c.add(p.with("elements"), "a checklist item needs at least one element")
	}
	c.uniqueIDs(p.with("elements"), len(it.Elements), func(i int) string { return it.Elements[i].ID }, "id", "element id")
	r := it.Rule
	if r == nil {
		c.add(p, "a checklist item needs a rule on the count of elements present")
		return
	}
	rp := p.with("rule")
	if len(r.Inputs) > 0 {
		c.add(rp.with("inputs"), "checklist rules have no inputs (the value is the count of elements present)")
	}
	d := r.Derive
	if d.Kind != DeriveCount || d.Of != "" || d.Numerator != "" || d.Denominator != "" {
		c.add(rp.with("derive"), "checklist rules derive {kind: count} and nothing else")
	}
	n := float64(len(it.Elements))
	if r.Domain.Min != 0 || r.Domain.Max == nil || *r.Domain.Max != n {
		c.add(rp.with("domain"), "the domain of a checklist with %d elements is min: 0, max: %d", len(it.Elements), len(it.Elements))
	}
	c.rule(rp, r, nil)
}

// measuredRule checks a rule over rater inputs (measured items and
// per-specialist measures).
func (c *checker) measuredRule(p path, r *Rule) {
	if r == nil {
		c.add(p, "this item needs a rule (inputs, derive, domain, intervals)")
		return
	}
	rp := p.with("rule")
	if len(r.Inputs) == 0 {
		c.add(rp, "the rule needs at least one input")
	}
	inputs := c.inputs(rp.with("inputs"), r.Inputs)
	d, dp := r.Derive, rp.with("derive")
	ref := func(field, id string) {
		in, ok := inputs[id]
		switch {
		case id == "":
			c.add(dp, "derive kind %s needs %s", d.Kind, field)
		case !ok:
			c.add(dp.with(field), "unknown input %q", id)
		case in.Kind != "number":
			c.add(dp.with(field), "input %q is a %s input, derive needs a number input", id, in.Kind)
		}
	}
	unused := func(field, v string) {
		if v != "" {
			c.add(dp.with(field), "derive kind %s does not use %s", d.Kind, field)
		}
	}
	switch d.Kind {
	case DeriveValue:
		ref("of", d.Of)
		unused("numerator", d.Numerator)
		unused("denominator", d.Denominator)
	case DeriveRatio, DerivePercent:
		ref("numerator", d.Numerator)
		ref("denominator", d.Denominator)
		unused("of", d.Of)
	case DeriveCount:
		c.add(dp.with("kind"), "derive kind count is for checklist items")
	}
	c.rule(rp, r, inputs)
	c.degenerate(rp, r, inputs)
	c.alternatives(rp, r, inputs)
}

func (c *checker) inputs(p path, list []Input) map[string]*Input {
	c.uniqueIDs(p, len(list), func(i int) string { return list[i].ID }, "id", "input id")
	byID := make(map[string]*Input, len(list))
	for i := range list {
		in, ip := &list[i], p.with(i)
		if _, dup := byID[in.ID]; !dup {
			byID[in.ID] = in
		}
		switch in.Kind {
		case "number":
			if len(in.Options) > 0 {
				c.add(ip.with("options"), "options are only for choice inputs")
			}
			if in.MinExclusive && in.Min == nil {
				c.add(ip.with("min_exclusive"), "min_exclusive needs min")
			}
			if in.Min != nil && in.Max != nil {
				if *in.Min > *in.Max || (in.MinExclusive && *in.Min == *in.Max) {
					c.add(ip, "min %s and max %s leave no allowed value", num(*in.Min), num(*in.Max))
				}
			}
		case "choice":
			if len(in.Options) == 0 {
				c.add(ip, "a choice input needs options")
			}
			if in.Min != nil || in.Max != nil || in.MinExclusive {
				c.add(ip, "min, max and min_exclusive are only for number inputs")
			}
			c.uniqueIDs(ip.with("options"), len(in.Options), func(j int) string { return in.Options[j].ID }, "id", "option id")
		}
	}
	return byID
}

// rule checks the parts common to every rule: domain, intervals and their
// coverage, caps.
func (c *checker) rule(p path, r *Rule, inputs map[string]*Input) {
	dom := r.Domain
	if dom.Max != nil && !(*dom.Max > dom.Min) {
		c.add(p.with("domain"), "domain max %s must be above min %s", num(*dom.Max), num(dom.Min))
		return
	}
	bounds := make(map[int]Bounds, len(r.Intervals))
	for i, iv := range r.Intervals {
		ip := p.with("intervals", i)
		if c.bounds(ip, iv.Bounds) {
			bounds[i] = iv.Bounds
		}
		c.outcome(ip, iv)
		if iv.PrintedGap && iv.Note.EN == "" {
			c.add(ip, "printed_gap: true needs a note saying which score was chosen and why")
		}
	}
	hi := cut{v: math.Inf(1)}
	if dom.Max != nil {
		hi = cut{v: *dom.Max, after: true}
	}
	what := fmt.Sprintf("the domain %s", domainString(dom))
	c.coverage(p.with("intervals"), "interval", what, sweep(bounds, cut{v: dom.Min}, hi))
	for i, cp := range r.Caps {
		c.capCheck(p.with("caps", i), cp, inputs)
	}
}

func domainString(d Domain) string {
	if d.Max == nil {
		return num(d.Min) + " ≤ x"
	}
	return num(d.Min) + " ≤ x ≤ " + num(*d.Max)
}

// bounds checks one interval's bounds and reports whether the coverage
// sweep can use it. Unusable intervals are left out of the sweep, which
// then still reports the faults of the others.
func (c *checker) bounds(p path, b Bounds) bool {
	switch {
	case b.GT == nil && b.GE == nil && b.LT == nil && b.LE == nil:
		c.add(p, "set at least one bound (gt, ge, lt, le)")
		return false
	}
	// With both bounds of one side set the sweep uses the tighter one, so
	// the interval still takes part and its neighbours are judged fairly.
	if b.GT != nil && b.GE != nil {
		c.add(p, "set gt or ge, not both")
	}
	if b.LT != nil && b.LE != nil {
		c.add(p, "set lt or le, not both")
	}
	return true
}

func (c *checker) outcome(p path, iv Interval) {
	switch {
	case iv.Score != 0 && len(iv.Judge) > 0:
		c.add(p, "set score or judge, not both")
	case iv.Score != 0:
		if !c.inLevels(iv.Score) {
			c.add(p.with("score"), "score %d is outside levels %s", iv.Score, c.levelRange())
		}
	case len(iv.Judge) > 0:
		distinct := map[int]bool{}
		for j, v := range iv.Judge {
			if !c.inLevels(v) {
				c.add(p.with("judge", j), "score %d is outside levels %s", v, c.levelRange())
			}
			distinct[v] = true
		}
		if len(distinct) < 2 {
			c.add(p.with("judge"), "judge lists the scores the rater chooses from: at least two different ones")
		}
	default:
		c.add(p, "set score (or judge for a rater's choice)")
	}
}

func (c *checker) coverage(p path, noun, what string, issues []coverageIssue) {
	for _, is := range issues {
		at := p.with(is.index)
		if is.index < 0 {
			at = p
		}
		switch is.kind {
		case issueEmpty:
			c.add(at, "this %s contains no value", noun)
		case issueOutside:
			c.add(at, "this %s lies outside %s", noun, what)
		case issueGap:
			c.add(at, "values %s are not covered by any %s", is.values, noun)
		case issueOverlap:
			c.add(at, "overlaps %s on %s", p.with(is.other), is.values)
		}
	}
}

func (c *checker) capCheck(p path, cp Cap, inputs map[string]*Input) {
	if !c.inLevels(cp.MaxScore) {
		c.add(p.with("max_score"), "max_score %d is outside levels %s", cp.MaxScore, c.levelRange())
	}
	in, ok := inputs[cp.Input]
	if !ok {
		c.add(p.with("input"), "unknown input %q", cp.Input)
		return
	}
	switch in.Kind {
	case "choice":
		if cp.LT != nil {
			c.add(p.with("lt"), "lt is for number inputs, %q is a choice input (use in)", cp.Input)
		}
		if len(cp.In) == 0 {
			c.add(p, "a cap on choice input %q needs in: [option ids]", cp.Input)
		}
		options := make(map[string]bool, len(in.Options))
		for _, o := range in.Options {
			options[o.ID] = true
		}
		for j, id := range cp.In {
			if !options[id] {
				c.add(p.with("in", j), "input %q has no option %q", cp.Input, id)
			}
		}
	case "number":
		if len(cp.In) > 0 {
			c.add(p.with("in"), "in is for choice inputs, %q is a number input (use lt)", cp.Input)
		}
		if cp.LT == nil {
			c.add(p, "a cap on number input %q needs lt", cp.Input)
		}
	}
}

// degenerate checks the degenerate cases of a rule, and that a ratio or
// percentage states what its zero denominator scores: a team with no
// current jobs must still get a score, or be refused for a stated reason.
func (c *checker) degenerate(p path, r *Rule, inputs map[string]*Input) {
	type key struct {
		input string
		eq    float64
	}
	seen := map[key]bool{}
	for i, d := range r.Degenerate {
		dp := p.with("degenerate", i)
		in, ok := inputs[d.Input]
		switch {
		case !ok:
			c.add(dp.with("input"), "unknown input %q", d.Input)
			continue
		case in.Kind != "number":
			c.add(dp.with("input"), "input %q is a %s input; degenerate cases are for number inputs", d.Input, in.Kind)
			continue
		}
		if seen[key{d.Input, d.EQ}] {
			c.add(dp, "input %q = %s is already described", d.Input, num(d.EQ))
		}
		seen[key{d.Input, d.EQ}] = true
		outcomes := 0
		if d.Score != 0 {
			outcomes++
			if !c.inLevels(d.Score) {
				c.add(dp.with("score"), "score %d is outside levels %s", d.Score, c.levelRange())
			}
		}
		if len(d.Judge) > 0 {
			outcomes++
			c.outcome(dp, Interval{Judge: d.Judge})
		}
		if d.Reject {
			outcomes++
		}
		if outcomes != 1 {
			c.add(dp, "set exactly one of score, judge or reject")
		}
		admits := !(in.Min != nil && (d.EQ < *in.Min || (in.MinExclusive && d.EQ == *in.Min))) &&
			!(in.Max != nil && d.EQ > *in.Max)
		if !d.Reject && !admits {
			c.add(dp.with("eq"), "input %q does not admit %s (min/max/min_exclusive), so this case can never be scored", d.Input, num(d.EQ))
		}
	}
	if !c.authoring || (r.Derive.Kind != DeriveRatio && r.Derive.Kind != DerivePercent) {
		return
	}
	if in, ok := inputs[r.Derive.Denominator]; ok && in.Kind == "number" && !seen[key{in.ID, 0}] {
		c.add(p.with("degenerate"), "state what %s = 0 scores (or reject it, with the reason): degenerate: [{input: %s, eq: 0, …}]", in.ID, in.ID)
	}
}

func (c *checker) alternatives(p path, r *Rule, inputs map[string]*Input) {
	number := func(ap path, id string) {
		in, ok := inputs[id]
		switch {
		case !ok:
			c.add(ap, "unknown input %q", id)
		case in.Kind != "number":
			c.add(ap, "input %q is a %s input; alternatives compare numbers", id, in.Kind)
		}
	}
	for i, a := range r.Alternatives {
		ap := p.with("alternatives", i)
		number(ap.with("when", "input"), a.When.Input)
		number(ap.with("reach", "of"), a.Reach.Of)
		if !c.inLevels(a.Score) {
			c.add(ap.with("score"), "score %d is outside levels %s", a.Score, c.levelRange())
		}
	}
}

func (c *checker) groupings(items map[string]bool) {
	s := c.s
	c.uniqueIDs(path{"groupings"}, len(s.Groupings), func(i int) string { return s.Groupings[i].ID }, "id", "grouping id")
	for i, g := range s.Groupings {
		gp := path{"groupings", i, "groups"}
		c.uniqueIDs(gp, len(g.Groups), func(j int) string { return g.Groups[j].ID }, "id", "group id")
		placed := map[string]string{}
		for j, grp := range g.Groups {
			for k, id := range grp.Items {
				ip := gp.with(j, "items", k)
				if !items[id] {
					c.add(ip, "unknown item %q", id)
					continue
				}
				if other, dup := placed[id]; dup {
					c.add(ip, "item %q is already in group %q of this grouping", id, other)
					continue
				}
				placed[id] = grp.ID
			}
		}
		for j, o := range g.Outside {
			for k, id := range o.Items {
				ip := path{"groupings", i, "outside", j, "items", k}
				if !items[id] {
					c.add(ip, "unknown item %q", id)
					continue
				}
				if other, dup := placed[id]; dup {
					c.add(ip, "item %q is already placed (%s)", id, other)
					continue
				}
				placed[id] = "outside"
			}
		}
		// Every item is in a group or listed as outside with a reason, so
		// a reader never wonders whether an item was forgotten.
		for _, it := range s.Items {
			if _, ok := placed[it.ID]; !ok && items[it.ID] && c.authoring {
				c.add(path{"groupings", i}, "item %s is in no group of %q; add it to a group or to outside with the reason", it.ID, g.ID)
			}
		}
	}
}

func (c *checker) bands() {
	s := c.s
	c.uniqueIDs(path{"bands"}, len(s.Bands), func(i int) string { return s.Bands[i].ID }, "id", "band id")
	bounds := make(map[int]Bounds, len(s.Bands))
	for i, b := range s.Bands {
		if b.Verified && b.PartlyVerified {
			c.add(path{"bands", i, "partly_verified"}, "a band is verified or partly verified, not both")
		}
		if c.bounds(path{"bands", i}, b.Bounds) {
			bounds[i] = b.Bounds
		}
	}
	if !c.levelsOK {
		return
	}
	lo, hi := s.TotalRange()
	what := fmt.Sprintf("the total range %s ≤ x ≤ %s", num(lo), num(hi))
	c.coverage(path{"bands"}, "band", what, sweep(bounds, cut{v: lo}, cut{v: hi, after: true}))
}
