// Package testtool finds and runs the programs some tests drive for real
// (poppler's pdftotext, R, PSPP). Without a program such a test skips with
// the Debian package to install; under CI=true, where .ci/run installs
// them, a missing program fails the test instead.
package testtool

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Require returns the path of program name, or skips (fails under CI=true)
// naming the Debian package that provides it.
func Require(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s not found; CI=true requires it (Debian package %s)", name, debianPackage)
	}
	t.Skipf("%s not found: install the Debian package %s to run this test (CI=true makes this a failure)", name, debianPackage)
	return ""
}

// Run runs a program in dir under a UTF-8 locale and returns its standard
// output; a failure ends the test with both outputs.
func Run(t testing.TB, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s\n%s", name, args, err, errOut.String(), out.String())
	}
	return out.String()
}

// PDFText returns the text of a PDF as poppler's pdftotext extracts it.
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	bin := Require(t, "pdftotext", "poppler-utils")
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return Run(t, "", bin, "-enc", "UTF-8", in, "-")
}
