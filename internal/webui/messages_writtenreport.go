package webui

// writtenReportMessages are the review page's links to the written
// report; init adds them to the catalog.
var writtenReportMessages = map[string][2]string{
	"report.preview":      {"Preview report", "Forhåndsvis rapporten"},
	"report.download_pdf": {"Download PDF", "Last ned PDF"},
}

func init() {
	for k, v := range writtenReportMessages {
		catalog[k] = v
	}
}
