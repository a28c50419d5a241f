package docs

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

var (
	codeSpan   = regexp.MustCompile("`([^`]+)`")
	strongSpan = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	orderedRe  = regexp.MustCompile(`^\d+\.\s+`)
)

// markdown renders the small subset of CommonMark the spec's descriptions
// use: paragraphs, "#" headings, "*"/"-" and numbered lists (with indented
// continuation lines), `code` and **strong**. Everything is HTML-escaped
// first, so the output is safe whatever the input.
func markdown(src string) template.HTML {
	src = strings.TrimSpace(strings.ReplaceAll(src, "\r\n", "\n"))
	if src == "" {
		return ""
	}
	var b strings.Builder
	for _, block := range splitBlocks(src) {
		renderBlock(&b, block)
	}
	// Safe: every piece of input text went through html.EscapeString.
	return template.HTML(b.String())
}

func splitBlocks(src string) [][]string {
	var blocks [][]string
	var cur []string
	for _, line := range strings.Split(src, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

func listMarker(line string) (ordered bool, rest string, ok bool) {
	t := strings.TrimLeft(line, " ")
	if len(t) != len(line) {
		return false, "", false // indented: a continuation line
	}
	if strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "- ") {
		return false, t[2:], true
	}
	if m := orderedRe.FindString(t); m != "" {
		return true, t[len(m):], true
	}
	return false, "", false
}

func renderBlock(b *strings.Builder, lines []string) {
	first := strings.TrimSpace(lines[0])
	if strings.HasPrefix(first, "#") && len(lines) == 1 {
		level := len(first) - len(strings.TrimLeft(first, "#"))
		tag := "h4"
		if level <= 2 {
			tag = "h3"
		}
		b.WriteString("<" + tag + ">" + inline(strings.TrimSpace(first[level:])) + "</" + tag + ">")
		return
	}
	if ordered, _, ok := listMarker(lines[0]); ok {
		var items []string
		for _, line := range lines {
			if _, rest, ok := listMarker(line); ok {
				items = append(items, rest)
			} else if len(items) > 0 {
				items[len(items)-1] += " " + strings.TrimSpace(line)
			}
		}
		tag := "ul"
		if ordered {
			tag = "ol"
		}
		b.WriteString("<" + tag + ">")
		for _, it := range items {
			b.WriteString("<li>" + inline(it) + "</li>")
		}
		b.WriteString("</" + tag + ">")
		return
	}
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = strings.TrimSpace(l)
	}
	b.WriteString("<p>" + inline(strings.Join(parts, " ")) + "</p>")
}

func inline(s string) string {
	s = html.EscapeString(s)
	s = codeSpan.ReplaceAllString(s, "<code>$1</code>")
	s = strongSpan.ReplaceAllString(s, "<strong>$1</strong>")
	return s
}
