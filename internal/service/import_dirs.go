package service

import (
	"context"
	"strings"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/importer"
)

// siteDirectory finds an import's sites by code path, id or code, and
// creates the missing ones when asked. It holds the sites in the caller's
// scope, read once, and every site the import creates.
type siteDirectory struct {
	ctx    context.Context
	s      *Service
	tx     Store
	opts   ImportOptions
	loaded bool
	err    error

	byID    map[string]*fidelity.Site
	byPath  map[string]*fidelity.Site   // lower-case code path → site
	byCode  map[string][]*fidelity.Site // lower-case code → active sites
	byName  map[string][]*fidelity.Site // lower-case name → active sites without a code
	codes   map[string]string           // site id → code, ancestors outside scope included
	counted map[string]bool
}

func newSiteDirectory(ctx context.Context, s *Service, tx Store, opts ImportOptions) *siteDirectory {
	return &siteDirectory{ctx: ctx, s: s, tx: tx, opts: opts, byID: map[string]*fidelity.Site{},
		byPath: map[string]*fidelity.Site{}, byCode: map[string][]*fidelity.Site{},
		byName: map[string][]*fidelity.Site{}, codes: map[string]string{}, counted: map[string]bool{}}
}

// allSites pages through every site of a filter.
func allSites(ctx context.Context, st Store, f SiteFilter) ([]fidelity.Site, error) {
	var out []fidelity.Site
	f.Limit = maxLimit
	for {
		page, err := st.ListSites(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < maxLimit {
			return out, nil
		}
		f.After = page[len(page)-1].ID
	}
}

func (d *siteDirectory) load() error {
	if d.loaded {
		return d.err
	}
	d.loaded = true
	sites, err := allSites(d.ctx, d.tx, SiteFilter{Subtrees: caller(d.ctx).Scope})
	if err != nil {
		d.err = err
		return err
	}
	for i := range sites {
		d.codes[sites[i].ID] = sites[i].Code
	}
	for i := range sites {
		if err := d.index(&sites[i]); err != nil {
			d.err = err
			return err
		}
	}
	return nil
}

// codePath is a site's path of codes from its root, "R01/4601/4601-1".
// Ancestors outside the caller's scope are read for their codes only.
func (d *siteDirectory) codePath(site *fidelity.Site) (string, error) {
	ids := strings.Split(strings.Trim(site.Path, "/"), "/")
	codes := make([]string, 0, len(ids))
	for _, id := range ids {
		code, ok := d.codes[id]
		if !ok {
			anc, err := d.tx.GetSite(d.ctx, id)
			if err != nil {
				return "", err
			}
			code = anc.Code
			d.codes[id] = code
		}
		codes = append(codes, code)
	}
	return strings.Join(codes, "/"), nil
}

func (d *siteDirectory) index(site *fidelity.Site) error {
	d.byID[site.ID] = site
	d.codes[site.ID] = site.Code
	if site.ActiveTo != nil {
		return nil // a closed site is found by id only
	}
	p, err := d.codePath(site)
	if err != nil {
		return err
	}
	d.byPath[strings.ToLower(p)] = site
	if site.Code != "" {
		k := strings.ToLower(site.Code)
		d.byCode[k] = append(d.byCode[k], site)
	} else {
		k := strings.ToLower(site.Name)
		d.byName[k] = append(d.byName[k], site)
	}
	return nil
}

func (d *siteDirectory) tally(rep *ImportSummary, site *fidelity.Site, created bool) {
	if d.counted[site.ID] {
		return
	}
	d.counted[site.ID] = true
	if created {
		rep.SitesCreated++
	} else {
		rep.SitesMatched++
	}
}

// normalPath trims a code path's parts: " R01 / 4601 " → "R01/4601".
func normalPath(p string) []string {
	parts := strings.Split(strings.Trim(strings.TrimSpace(p), "/"), "/")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// resolve finds (or plans to create) the site of a review's row.
func (r *importRun) resolveSite(row importer.Row) (*fidelity.Site, bool, error) {
	d := r.sites
	if err := d.load(); err != nil {
		return nil, false, err
	}
	switch {
	case row.SitePath != "":
		parts := normalPath(row.SitePath)
		for _, p := range parts {
			if p == "" {
				r.at(row, "site_path", row.SitePath).because("must be site codes separated by /, such as R01/4601/4601-1")
				return nil, false, nil
			}
		}
		if site, ok := d.byPath[strings.ToLower(strings.Join(parts, "/"))]; ok {
			d.tally(&r.rep.Summary, site, false)
			return site, true, nil
		}
		if !r.opts.CreateSites {
			r.at(row, "site_path", row.SitePath).because("no site has the code path %s; import with create sites to create it", row.SitePath)
			return nil, false, nil
		}
		return r.createPath(row, parts)
	case row.SiteID != "" && d.byID[row.SiteID] != nil:
		site := d.byID[row.SiteID]
		d.tally(&r.rep.Summary, site, false)
		return site, true, nil
	case row.SiteCode != "":
		found := d.byCode[strings.ToLower(row.SiteCode)]
		switch {
		case len(found) == 1:
			d.tally(&r.rep.Summary, found[0], false)
			return found[0], true, nil
		case len(found) > 1:
			r.at(row, "site_code", row.SiteCode).because("%d sites have the code %s: give site_path to say which", len(found), row.SiteCode)
			return nil, false, nil
		case !r.opts.CreateSites:
			r.at(row, "site_code", row.SiteCode).because("no site has the code %s; give site_path, or import with create sites to create it", row.SiteCode)
			return nil, false, nil
		}
		return r.createPath(row, []string{row.SiteCode})
	case row.SiteName != "":
		// A site without a code (the exports' site_code is empty) is
		// known by its name.
		found := d.byName[strings.ToLower(row.SiteName)]
		switch {
		case len(found) == 1:
			d.tally(&r.rep.Summary, found[0], false)
			return found[0], true, nil
		case len(found) > 1:
			r.at(row, "site_name", row.SiteName).because("%d sites without a code are called %s: give site_path to say which", len(found), row.SiteName)
			return nil, false, nil
		case !r.opts.CreateSites:
			r.at(row, "site_name", row.SiteName).because("no site is called %s; give site_path, or import with create sites to create it", row.SiteName)
			return nil, false, nil
		}
		return r.createPath(row, []string{""})
	case row.SiteID != "":
		r.at(row, "site_id", row.SiteID).because("no site %s", row.SiteID)
		return nil, false, nil
	}
	r.at(row, "site_path", "").because("is required")
	return nil, false, nil
}

// createPath creates the missing levels of a code path: region, office,
// then teams; the last level takes the row's site name.
func (r *importRun) createPath(row importer.Row, parts []string) (*fidelity.Site, bool, error) {
	d := r.sites
	var parent *fidelity.Site
	for depth := range parts {
		key := strings.ToLower(strings.Join(parts[:depth+1], "/"))
		if site, ok := d.byPath[key]; ok && parts[depth] != "" {
			parent = site
			continue
		}
		if parent == nil && !caller(r.ctx).Unscoped() {
			r.at(row, "site_path", row.SitePath).because("only keys for all sites may create a site at the top of the tree (%s)", parts[0])
			return nil, false, nil
		}
		if parent != nil && !inScope(caller(r.ctx), parent.Path) {
			r.at(row, "site_path", row.SitePath).because("%s lies outside the sites you may change", strings.Join(parts[:depth], "/"))
			return nil, false, nil
		}
		kind := []string{fidelity.SiteKindRegion, fidelity.SiteKindOffice, fidelity.SiteKindTeam}[min(depth, 2)]
		name := parts[depth]
		if depth == len(parts)-1 && row.SiteName != "" {
			name = row.SiteName
		}
		if len(parts) == 1 {
			kind = fidelity.SiteKindTeam // a site known by its code alone is a reviewed unit
		}
		var c checks
		checkSite(&c, kind, parts[depth], name)
		if len(c) > 0 {
			for _, fe := range c {
				r.rowError(importer.RowError{Sheet: row.Sheet, Row: row.Line, Column: "site_" + fe.Field, Value: parts[depth], Reason: fe.Reason})
			}
			return nil, false, nil
		}
		site := &fidelity.Site{ID: r.s.newID(), Kind: kind, Code: parts[depth], Name: name,
			CreatedAt: r.now, UpdatedAt: r.now, Version: 1}
		parentPath := "/"
		if parent != nil {
			site.ParentID, parentPath = parent.ID, parent.Path
		}
		site.Path = parentPath + site.ID + "/"
		if err := d.index(site); err != nil {
			return nil, false, err
		}
		d.tally(&r.rep.Summary, site, true)
		// A site created here has no stored reviews to match against.
		r.loadedSites[site.ID] = true
		if r.writing() {
			r.pendingSites = append(r.pendingSites, *site)
			r.pendingChanges = append(r.pendingChanges, siteChange(*site, r.now, "created"))
			r.pendingEvents = append(r.pendingEvents, r.s.event(r.ctx, "site.create", "site", site.ID, site.Path, nil, site))
		}
		parent = site
	}
	return parent, true, nil
}

// writing says whether the run writes what it plans: a committing import
// with no error so far (after an error it only goes on checking).
func (r *importRun) writing() bool { return r.opts.Commit && r.errors == 0 }

// raterDirectory finds an import's raters by e-mail, id or name, and
// creates the ones it does not know.
type raterDirectory struct {
	loaded  bool
	byID    map[string]*fidelity.Rater
	byEmail map[string]*fidelity.Rater
	byName  map[string][]*fidelity.Rater
	counted map[string]bool
}

func newRaterDirectory() *raterDirectory {
	return &raterDirectory{byID: map[string]*fidelity.Rater{}, byEmail: map[string]*fidelity.Rater{},
		byName: map[string][]*fidelity.Rater{}, counted: map[string]bool{}}
}

func (d *raterDirectory) index(rt *fidelity.Rater) {
	d.byID[rt.ID] = rt
	if rt.Email != "" {
		d.byEmail[strings.ToLower(rt.Email)] = rt
	}
	k := strings.ToLower(rt.Name)
	d.byName[k] = append(d.byName[k], rt)
}

func (r *importRun) loadRaters() error {
	d := r.raters
	if d.loaded {
		return nil
	}
	d.loaded = true
	p := caller(r.ctx)
	f := RaterFilter{Subtrees: p.Scope, Own: p.RaterID, Page: Page{Limit: maxLimit}}
	for {
		page, err := r.tx.ListRaters(r.ctx, f)
		if err != nil {
			return err
		}
		for i := range page {
			d.index(&page[i])
		}
		if len(page) < maxLimit {
			return nil
		}
		f.After = page[len(page)-1].ID
	}
}

// resolveRater finds (or plans to create) the rater of a set's rows.
func (r *importRun) resolveRater(row importer.Row, site *fidelity.Site) (*fidelity.Rater, bool, error) {
	if err := r.loadRaters(); err != nil {
		return nil, false, err
	}
	d := r.raters
	found := func(rt *fidelity.Rater) (*fidelity.Rater, bool, error) {
		if !d.counted[rt.ID] {
			d.counted[rt.ID] = true
			r.rep.Summary.RatersMatched++
		}
		return rt, true, nil
	}
	email := row.RaterEmail
	if email == "" && strings.Contains(row.Rater, "@") {
		email = row.Rater
	}
	name := row.RaterName
	switch {
	case email != "":
		if rt, ok := d.byEmail[strings.ToLower(email)]; ok {
			return found(rt)
		}
		if name == "" {
			name = email
		}
	case d.byID[row.Rater] != nil:
		return found(d.byID[row.Rater])
	default:
		if name == "" {
			name = row.Rater
		}
		if name == "" {
			r.at(row, "rater", "").because("is required")
			return nil, false, nil
		}
		switch same := d.byName[strings.ToLower(name)]; {
		case len(same) == 1:
			return found(same[0])
		case len(same) > 1:
			r.at(row, "rater_name", name).because("%d raters are called %s: give rater_email to say which", len(same), name)
			return nil, false, nil
		}
	}
	rt := &fidelity.Rater{ID: r.s.newID(), Name: name, Email: email, Active: true,
		CreatedAt: r.now, UpdatedAt: r.now, Version: 1}
	if p := caller(r.ctx); !p.Unscoped() {
		rt.HomeSiteID = site.ID
		if len(p.Scope) == 1 {
			rt.HomeSiteID = p.Scope[0]
		}
	}
	if err := checkRater(*rt); err != nil {
		for _, fe := range fidelity.FieldsOf(err) {
			r.rowError(importer.RowError{Sheet: row.Sheet, Row: row.Line, Column: "rater_" + fe.Field, Value: email + name, Reason: fe.Reason})
		}
		return nil, false, nil
	}
	d.index(rt)
	d.counted[rt.ID] = true
	r.rep.Summary.RatersCreated++
	if r.writing() {
		r.pendingRaters = append(r.pendingRaters, *rt)
		r.pendingEvents = append(r.pendingEvents, r.s.event(r.ctx, "rater.create", "rater", rt.ID, site.Path, nil, rt))
	}
	return rt, true, nil
}
