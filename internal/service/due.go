package service

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// Due is when a site's next review falls due and why.
type Due struct {
	Date    *time.Time
	Overdue bool
	Reason  string
}

// dueAfter applies the review cycle to a site's latest finalised review:
// DueMonthsGood after a review in a good band, DueMonthsBelowGood otherwise.
func (s *Service) dueAfter(last *fidelity.Review) Due {
	if last == nil {
		return Due{Reason: "no finalised review yet"}
	}
	months, why := s.cfg.DueMonthsBelowGood, "below good fidelity"
	if slices.Contains(s.cfg.GoodBands, last.Band) {
		months, why = s.cfg.DueMonthsGood, "good fidelity or better"
	}
	d := last.VisitEnd.AddDate(0, months, 0)
	return Due{
		Date:    &d,
		Overdue: s.today().After(d),
		Reason:  plural(months, "month") + " after the review of " + last.VisitEnd.Format(time.DateOnly) + " (" + why + ")",
	}
}

// withDue attaches the last finalised review and the due date to sites,
// with one query for the whole page.
func (s *Service) withDue(ctx context.Context, sites []fidelity.Site) ([]SiteView, error) {
	ids := make([]string, len(sites))
	for i, site := range sites {
		ids[i] = site.ID
	}
	latest, err := s.store.LatestFinalised(ctx, ids)
	if err != nil {
		return nil, err
	}
	views := make([]SiteView, len(sites))
	for i, site := range sites {
		views[i] = SiteView{Site: site}
		if r, ok := latest[site.ID]; ok {
			views[i].LastReview = &r
		}
		views[i].Due = s.dueAfter(views[i].LastReview)
	}
	return views, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
