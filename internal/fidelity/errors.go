package fidelity

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an error so that adapters can map it once (to an HTTP
// status, an exit code) without inspecting messages.
type Kind string

const (
	KindInvalid              Kind = "invalid"               // the input is wrong; the caller can fix it
	KindNotFound             Kind = "not-found"             // no such resource (or outside the caller's scope)
	KindConflict             Kind = "conflict"              // the resource's state does not allow this
	KindUnauthorized         Kind = "unauthorized"          // no or bad credentials
	KindForbidden            Kind = "forbidden"             // credentials valid, action not allowed
	KindPreconditionFailed   Kind = "precondition-failed"   // If-Match did not match
	KindPreconditionRequired Kind = "precondition-required" // If-Match missing where required
	KindTooLarge             Kind = "too-large"             // body or collection beyond limits
	KindRateLimited          Kind = "rate-limited"          // too many requests
	KindUnavailable          Kind = "unavailable"           // a dependency (the database) is down
	KindInternal             Kind = "internal"              // a bug or an unexpected failure
)

// ErrStale marks a KindConflict caused by an optimistic-concurrency version
// mismatch (someone else wrote first), as opposed to a uniqueness or state
// conflict; use errors.Is(err, ErrStale). Internal writes retry on it.
var ErrStale = errors.New("stale version")

// FieldError names one offending field (a JSON pointer-ish path such as
// "items[3].score" or a file position "scale.yaml:12:4 items[2].anchors")
// and says in plain words what is wrong with it.
type FieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// Error is the error type of the domain. Message is safe to show to the
// caller; Err (optional) is the underlying cause, for logs only.
type Error struct {
	Kind    Kind
	Message string
	Fields  []FieldError
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		if f.Field != "" {
			b.WriteString(f.Field)
			b.WriteString(": ")
		}
		b.WriteString(f.Reason)
	}
	if e.Err != nil && len(e.Fields) == 0 {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Invalid builds a KindInvalid error listing the offending fields.
func Invalid(message string, fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Message: message, Fields: fields}
}

// Wrap attaches a kind and a caller-safe message to a cause.
func Wrap(kind Kind, err error, message string) *Error {
	return &Error{Kind: kind, Message: message, Err: err}
}

// KindOf reports the kind of err, KindInternal for errors that carry none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// FieldsOf returns the field errors carried by err, if any.
func FieldsOf(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// MessageOf returns the caller-safe message of err; errors without a kind get
// a generic message so internals never leak.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
