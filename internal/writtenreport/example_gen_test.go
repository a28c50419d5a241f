package writtenreport

import (
	"bytes"
	"os"
	"testing"
)

func TestWriteFixtureFiles(t *testing.T) {
	dir := os.Getenv("WRITTENREPORT_OUT")
	if dir == "" {
		t.Skip("set WRITTENREPORT_OUT to write the fixture report")
	}
	for _, l := range []string{"nb", "en"} {
		var b bytes.Buffer
		if err := WritePDF(&b, fixture(l)); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(dir+"/report-"+l+".pdf", b.Bytes(), 0o644)
		b.Reset()
		if err := WriteHTML(&b, fixture(l)); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(dir+"/report-"+l+".html", b.Bytes(), 0o644)
	}
}
