package writtenreport

import "bytes"

// Rendered is the report rendered whole in memory for an answer over
// HTTP: the REST route and the web page send it alike, so the two cannot
// drift apart.
type Rendered struct {
	Body        []byte
	ContentType string
	// Header holds the answer's headers: no caching (a draft is only for
	// its readers), the download name, and for HTML a content security
	// policy that lets the document's inline styles through and nothing
	// else.
	Header map[string]string
}

// Render renders d as a PDF (pdf) or as the printable HTML page. It is
// rendered to memory first, so a failure can still be answered as an
// error and not as half a document.
func Render(d Document, pdf bool) (Rendered, error) {
	var b bytes.Buffer
	if pdf {
		if err := WritePDF(&b, d); err != nil {
			return Rendered{}, err
		}
		return Rendered{Body: b.Bytes(), ContentType: "application/pdf", Header: map[string]string{
			"Cache-Control":       "private, no-store",
			"Content-Disposition": `attachment; filename="` + FileName(d, "pdf") + `"`,
		}}, nil
	}
	if err := WriteHTML(&b, d); err != nil {
		return Rendered{}, err
	}
	return Rendered{Body: b.Bytes(), ContentType: "text/html; charset=utf-8", Header: map[string]string{
		"Cache-Control":           "private, no-store",
		"Content-Disposition":     `inline; filename="` + FileName(d, "html") + `"`,
		"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
	}}, nil
}
