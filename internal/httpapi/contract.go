package httpapi

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/api"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// contract holds api/openapi.yaml as the server enforces it: the schema
// limits of every parameter and request body (required, nullable,
// maxLength, enum, minimum, …) are checked here once, from the document
// itself, so a limit written in the contract cannot be forgotten by a
// handler.
type contract struct {
	ops map[string]*contractOp // "METHOD /gin/path/:id"
}

type contractOp struct {
	route  *routers.Route
	params openapi3.Parameters
	body   *openapi3.Schema // the application/json request body, if any
}

func loadContract() (*contract, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.RequestContract)
	if err != nil {
		return nil, fmt.Errorf("contract: %w", err)
	}
	k := &contract{ops: map[string]*contractOp{}}
	for path, item := range doc.Paths.Map() {
		ginPath := toGinPath(path)
		for method, op := range item.Operations() {
			co := &contractOp{
				route:  &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
				params: mergeParams(item.Parameters, op.Parameters),
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
					co.body = mt.Schema.Value
				}
			}
			k.ops[method+" "+ginPath] = co
		}
	}
	return k, nil
}

// toGinPath turns "/v1/sites/{id}" into gin's "/v1/sites/:id" (and
// "heatmap.{format}" into "heatmap.:format", as oapi-codegen registers it).
func toGinPath(p string) string { return pathParam.ReplaceAllString(p, ":$1") }

var pathParam = regexp.MustCompile(`\{([A-Za-z0-9_]+)\}`)

// mergeParams lets an operation's parameter override the path item's one
// of the same name and location, as OpenAPI says.
func mergeParams(pathLevel, opLevel openapi3.Parameters) openapi3.Parameters {
	out := append(openapi3.Parameters{}, opLevel...)
	for _, p := range pathLevel {
		if p.Value != nil && opLevel.GetByInAndName(p.Value.In, p.Value.Name) == nil {
			out = append(out, p)
		}
	}
	return out
}

func (k *contract) op(c *gin.Context) *contractOp {
	if k == nil {
		return nil
	}
	return k.ops[c.Request.Method+" "+c.FullPath()]
}

// checkParams enforces the contract's parameter schemas (path, query and
// header) on every routed API request.
func (a *API) checkParams() gin.HandlerFunc {
	return func(c *gin.Context) {
		op := a.contract.op(c)
		if op == nil {
			c.Next()
			return
		}
		pathParams := map[string]string{}
		for _, p := range c.Params {
			pathParams[p.Key] = p.Value
		}
		in := &openapi3filter.RequestValidationInput{
			Request: c.Request, PathParams: pathParams, Route: op.route,
			Options: &openapi3filter.Options{SkipSettingDefaults: true, MultiError: true},
		}
		var fields []fidelity.FieldError
		for _, ref := range op.params {
			p := ref.Value
			if p == nil || p.In == openapi3.ParameterInCookie {
				continue
			}
			if err := openapi3filter.ValidateParameter(c.Request.Context(), in, p); err != nil {
				fields = append(fields, paramFieldErrors(p.Name, err)...)
			}
		}
		if len(fields) > 0 {
			writeProblem(c, fidelity.Invalid("a parameter is not valid", fields...))
			return
		}
		c.Next()
	}
}

// paramFieldErrors names the parameter and says what is wrong with it.
func paramFieldErrors(name string, err error) []fidelity.FieldError {
	var schemaErrs []*openapi3.SchemaError
	collectSchemaErrors(err, &schemaErrs)
	if len(schemaErrs) == 0 {
		var re *openapi3filter.RequestError
		reason := err.Error()
		if errors.As(err, &re) {
			reason = re.Reason
			if reason == "" && re.Err != nil {
				reason = re.Err.Error()
			}
		}
		return []fidelity.FieldError{{Field: name, Reason: "is not valid: " + reason}}
	}
	out := make([]fidelity.FieldError, 0, len(schemaErrs))
	for _, se := range schemaErrs {
		out = append(out, fidelity.FieldError{Field: name, Reason: schemaReason(se)})
	}
	return out
}

// checkBody validates a decoded JSON body against the operation's request
// schema: a null, empty-object or incomplete body fails here with every
// missing field named.
func (k *contract) checkBody(c *gin.Context, doc any) error {
	op := k.op(c)
	if op == nil || op.body == nil {
		return nil
	}
	err := op.body.VisitJSON(doc, openapi3.MultiErrors(), openapi3.VisitAsRequest())
	if err == nil {
		return nil
	}
	var schemaErrs []*openapi3.SchemaError
	collectSchemaErrors(err, &schemaErrs)
	if len(schemaErrs) == 0 {
		return fidelity.Invalid("the request body is not valid", fidelity.FieldError{Reason: err.Error()})
	}
	fields := make([]fidelity.FieldError, 0, len(schemaErrs))
	seen := map[string]bool{}
	for _, se := range schemaErrs {
		fe := fidelity.FieldError{Field: schemaField(se), Reason: schemaReason(se)}
		if key := fe.Field + "\x00" + fe.Reason; !seen[key] {
			seen[key] = true
			fields = append(fields, fe)
		}
	}
	return fidelity.Invalid("the request body is not valid", fields...)
}

func collectSchemaErrors(err error, out *[]*openapi3.SchemaError) {
	var multi openapi3.MultiError
	if errors.As(err, &multi) {
		for _, e := range multi {
			collectSchemaErrors(e, out)
		}
		return
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		*out = append(*out, se)
	}
}

// schemaField writes a JSON pointer the way the validator names fields:
// items[0].score; the missing property of a "required" error is appended.
func schemaField(se *openapi3.SchemaError) string {
	var b strings.Builder
	for _, part := range se.JSONPointer() {
		if isIndex(part) {
			b.WriteString("[" + part + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(part)
	}
	// kin-openapi already ends the pointer of a "required" error with the
	// missing property; older versions did not, so add it only when absent.
	if ptr := se.JSONPointer(); se.SchemaField == "required" && (len(ptr) == 0 || ptr[len(ptr)-1] != quoted(se.Reason)) {
		if name := quoted(se.Reason); name != "" {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(name)
		}
	}
	if b.Len() == 0 {
		return "(body)"
	}
	return b.String()
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// quoted returns the first "double-quoted" word of s.
func quoted(s string) string {
	i := strings.IndexByte(s, '"')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i+1:], '"')
	if j < 0 {
		return ""
	}
	return s[i+1 : i+1+j]
}

// schemaReason says in plain words which limit of the contract failed.
func schemaReason(se *openapi3.SchemaError) string {
	s := se.Schema
	switch se.SchemaField {
	case "required":
		return "is required"
	case "nullable":
		if s != nil && s.Type != nil && s.Type.Is("object") {
			return "must be an object, not null"
		}
		return "must not be null"
	case "type":
		if s != nil && s.Type != nil && len(s.Type.Slice()) > 0 {
			return "must be " + typeWords(s.Type.Slice()[0])
		}
	case "maxLength":
		if s != nil && s.MaxLength != nil {
			return fmt.Sprintf("must be at most %d characters", *s.MaxLength)
		}
	case "minLength":
		if s != nil {
			if s.MinLength == 1 {
				return "must not be empty"
			}
			return fmt.Sprintf("must be at least %d characters", s.MinLength)
		}
	case "maxItems":
		if s != nil && s.MaxItems != nil {
			return fmt.Sprintf("must have at most %d entries", *s.MaxItems)
		}
	case "minItems":
		if s != nil {
			return fmt.Sprintf("must have at least %d entries", s.MinItems)
		}
	case "minProperties":
		return "must name at least one field to change"
	case "maxProperties":
		if s != nil && s.MaxProps != nil {
			return fmt.Sprintf("must have at most %d entries", *s.MaxProps)
		}
	case "additionalProperties":
		return "is not a known field"
	case "enum":
		if s != nil {
			vals := make([]string, 0, len(s.Enum))
			for _, v := range s.Enum {
				vals = append(vals, fmt.Sprint(v))
			}
			return "must be one of " + strings.Join(vals, ", ")
		}
	case "minimum":
		if s != nil && s.Min != nil {
			return fmt.Sprintf("must be at least %v", *s.Min)
		}
	case "maximum":
		if s != nil && s.Max != nil {
			return fmt.Sprintf("must be at most %v", *s.Max)
		}
	case "uniqueItems":
		return "must not contain duplicates"
	case "pattern":
		return "does not have the expected form"
	case "format":
		if s != nil {
			return "must be a valid " + s.Format
		}
	}
	return se.Reason
}

func typeWords(t string) string {
	switch t {
	case "object":
		return "an object"
	case "array":
		return "a list"
	case "string":
		return "a string"
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	}
	return t
}
