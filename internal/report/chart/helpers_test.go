package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// checkSVG fails the test unless b is well-formed XML with an <svg> root,
// a <title> and a <desc>, and contains no NaN or ±Inf.
func checkSVG(t testing.TB, name string, b []byte) {
	t.Helper()
	if err := validSVG(b); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func validSVG(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	var root string
	seen := map[string]bool{}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if root == "" {
				root = se.Name.Local
			}
			seen[se.Name.Local] = true
			// aria-label and other ARIA attributes belong on the root only
			// (role="img"); on a <g> without a role they are prohibited
			// (axe aria-prohibited-attr, WCAG 4.1.2).
			for _, a := range se.Attr {
				if strings.HasPrefix(a.Name.Local, "aria-") && se.Name.Local != "svg" {
					return errors.New("<" + se.Name.Local + "> carries " + a.Name.Local + "; name groups with a <title> child")
				}
			}
		}
	}
	if root != "svg" {
		return errors.New("root element is " + root + ", not svg")
	}
	if !seen["title"] || !seen["desc"] {
		return errors.New("missing <title> or <desc>")
	}
	s := string(b)
	// "Inf" alone could be user text ("Informasjon"); as a number it is
	// written "+Inf" or "-Inf" by strconv.
	for _, bad := range []string{"NaN", "+Inf", "-Inf"} {
		if strings.Contains(s, bad) {
			return errors.New("document contains " + bad)
		}
	}
	return nil
}
