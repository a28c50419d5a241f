package ratingsfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// parseJSON decodes strictly: unknown fields and trailing data are errors.
func parseJSON(name string, data []byte) (File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	var target any = &f
	// A bare list of items is accepted as well as {scale, items}.
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("[")) {
		target = &f.Items
	}
	if err := dec.Decode(target); err != nil {
		return File{}, jsonError(name, data, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return File{}, invalid(name, "", "unexpected data after the JSON document")
	}
	return f, nil
}

// jsonError turns encoding/json's errors into a line:column and a field.
func jsonError(name string, data []byte, err error) error {
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syntax):
		return invalid(name+":"+position(data, syntax.Offset), "", "malformed JSON: "+syntax.Error())
	case errors.As(err, &typ):
		return invalid(name+":"+position(data, typ.Offset), typ.Field,
			fmt.Sprintf("must be %s, not %s", typeName(typ.Type.String()), typ.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return invalid(name, strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "unknown field")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return invalid(name, "", "the JSON document is empty or cut short")
	}
	return invalid(name, "", err.Error())
}

func typeName(t string) string {
	switch {
	case strings.HasPrefix(t, "map["):
		return "an object"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "int", t == "float64":
		return "a number"
	case t == "string":
		return "a string"
	}
	return "an object"
}

// position converts a byte offset into "line:col" (1-based).
func position(data []byte, off int64) string {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col := 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("%d:%d", line, col)
}
