package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// decodeJSON reads a JSON body strictly into dst: the media type must be
// JSON, unknown fields and trailing data are errors, every string must be
// storable text, the body must match the contract's request schema (so
// null, {} and missing required fields fail for every operation), and the
// validator's struct tags are checked. Every failure is a KindInvalid (or
// KindTooLarge) error naming the field.
func (a *API) decodeJSON(c *gin.Context, dst any) error {
	if err := requireMedia(c, "application/json"); err != nil {
		return err
	}
	data, err := readBody(c)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonProblem(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fidelity.Invalid("the request body is not valid JSON", fidelity.FieldError{Reason: "unexpected data after the JSON document"})
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return jsonProblem(err)
	}
	if err := checkJSONText(doc, data); err != nil {
		return err
	}
	if err := a.contract.checkBody(c, doc); err != nil {
		return err
	}
	if err := a.validate.Struct(dst); err != nil {
		return validationProblem(err)
	}
	return nil
}

// tooLarge is the 413 problem of a body read past its limit (nil for any
// other error).
func tooLarge(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return fidelity.Errorf(fidelity.KindTooLarge, "the request body exceeds %d bytes", tooBig.Limit)
	}
	return nil
}

// readBody reads the whole body within the configured limit.
func readBody(c *gin.Context) ([]byte, error) {
	data, err := io.ReadAll(c.Request.Body)
	if tooBig := tooLarge(err); tooBig != nil {
		return nil, tooBig
	}
	if err != nil {
		return nil, fidelity.Wrap(fidelity.KindInvalid, err, "the request body could not be read")
	}
	// Every body the API takes is text (JSON, YAML, CSV); Go's decoders
	// would quietly store invalid bytes as U+FFFD.
	if !utf8.Valid(data) {
		return nil, fidelity.Invalid("the request body is not valid", fidelity.FieldError{Field: "(body)", Reason: "is not valid UTF-8 text"})
	}
	return data, nil
}

func requireMedia(c *gin.Context, want ...string) error {
	ct := c.GetHeader("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil {
		for _, w := range want {
			if mt == w || (w == "application/json" && strings.HasSuffix(mt, "+json")) {
				return nil
			}
		}
	}
	return &fidelity.Error{Kind: kindUnsupportedMedia, Message: fmt.Sprintf("Content-Type must be %s, not %q", strings.Join(want, " or "), ct)}
}

// kindUnsupportedMedia is an adapter-only kind: the service never sees
// media types.
const kindUnsupportedMedia fidelity.Kind = "unsupported-media-type"

func init() {
	kindStatus[kindUnsupportedMedia] = struct {
		status int
		title  string
	}{http.StatusUnsupportedMediaType, "Unsupported media type"}
}

func jsonProblem(err error) error {
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	const msg = "the request body is not valid"
	switch {
	case errors.As(err, &syntax):
		return fidelity.Invalid(msg, fidelity.FieldError{Reason: fmt.Sprintf("malformed JSON at byte %d: %s", syntax.Offset, syntax.Error())})
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(body)"
		}
		return fidelity.Invalid(msg, fidelity.FieldError{Field: field, Reason: fmt.Sprintf("must be %s, not %s", jsonType(typ.Type.String()), typ.Value)})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fidelity.Invalid(msg, fidelity.FieldError{Field: strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), Reason: "is not a known field"})
	case errors.Is(err, io.EOF):
		return fidelity.Invalid(msg, fidelity.FieldError{Reason: "the body is empty; a JSON object is required"})
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fidelity.Invalid(msg, fidelity.FieldError{Reason: "the JSON document is cut short"})
	}
	return fidelity.Invalid(msg, fidelity.FieldError{Reason: err.Error()})
}

func jsonType(t string) string {
	switch {
	case strings.Contains(t, "map["), strings.HasPrefix(t, "struct"), strings.Contains(t, "."):
		if strings.Contains(t, "Time") || strings.Contains(t, "Date") {
			return "a date (YYYY-MM-DD) or timestamp"
		}
		if strings.Contains(t, "[]") {
			return "a list"
		}
		return "an object"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.Contains(t, "int"):
		return "a whole number"
	case strings.Contains(t, "float"):
		return "a number"
	case t == "string", strings.HasSuffix(t, "string"):
		return "a string"
	case t == "bool":
		return "true or false"
	}
	return t
}

// validationProblem turns validator/v10 errors into plain sentences.
func validationProblem(err error) error {
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return fidelity.Invalid("the request is not valid", fidelity.FieldError{Reason: err.Error()})
	}
	fields := make([]fidelity.FieldError, 0, len(ves))
	for _, fe := range ves {
		fields = append(fields, fidelity.FieldError{Field: fieldPath(fe), Reason: sentence(fe)})
	}
	return fidelity.Invalid("the request is not valid", fields...)
}

// fieldPath drops the root struct's name: "CreateSite.name" → "name".
func fieldPath(fe validator.FieldError) string {
	ns := fe.Namespace()
	if i := strings.Index(ns, "."); i >= 0 {
		return ns[i+1:]
	}
	return ns
}

func sentence(fe validator.FieldError) string {
	p := fe.Param()
	switch fe.Tag() {
	case "required":
		return "is required"
	case "email":
		return "must be an e-mail address such as name@example.org"
	case "min":
		if isText(fe) {
			return "must be at least " + p + " characters"
		}
		if isList(fe) {
			return "must have at least " + p + " entries"
		}
		return "must be at least " + p
	case "max":
		if isText(fe) {
			return "must be at most " + p + " characters"
		}
		if isList(fe) {
			return "must have at most " + p + " entries"
		}
		return "must be at most " + p
	case "oneof":
		return "must be one of " + strings.ReplaceAll(p, " ", ", ")
	case "uuid", "uuid_rfc4122":
		return "must be an id (a UUID)"
	case "gte":
		return "must be at least " + p
	case "lte":
		return "must be at most " + p
	case "dive":
		return "has an invalid entry"
	case "unique":
		return "must not contain duplicates"
	}
	return "is not valid (" + fe.Tag() + ")"
}

func isText(fe validator.FieldError) bool { return fe.Kind().String() == "string" }
func isList(fe validator.FieldError) bool {
	k := fe.Kind().String()
	return k == "slice" || k == "array" || k == "map"
}
