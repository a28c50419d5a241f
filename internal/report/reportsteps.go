package report

// OverdueReportStep is an overdue step of a review's written report
// timeline (report not issued, site comments, action plan, evidence not
// deleted), shown beside the open actions.
type OverdueReportStep struct {
	ReviewID string `json:"review_id"`
	SiteID   string `json:"site_id"`
	SiteName string `json:"site_name"`
	Step     string `json:"step"`
	Due      string `json:"due"` // a date, 2006-01-02
}
