package httpapi

import (
	"encoding/json"
	"math"
	"strconv"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
)

// appendReviewList appends the JSON of a page of reviews, byte for byte
// what encoding/json writes for it (TestReviewListJSONIsEncodingJSON and
// FuzzReviewListJSON hold it to that), without reflection.
//
// Why: GET /v1/reviews is how clients walk the reviews, fifty at a time.
// encoding/json spent a third of the request's CPU on it, most of that
// calling the dates' and instants' MarshalJSON and checking their output
// again; the fields here are written directly.
func appendReviewList(b []byte, l oapi.ReviewList) ([]byte, error) {
	b = append(b, `{"items":`...)
	if l.Items == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, r := range l.Items {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendReview(b, r); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"next_cursor":`...)
	b = appendOptString(b, l.NextCursor)
	return append(b, '}'), nil
}

// appendReview writes the fields in the order encoding/json does: the
// order of oapi.Review's declaration.
func appendReview(b []byte, r oapi.Review) ([]byte, error) {
	var err error
	b = append(b, `{"band":`...)
	b = appendOptString(b, r.Band)
	b = append(b, `,"band_label":`...)
	b = appendOptString(b, r.BandLabel)
	b = append(b, `,"complete":`...)
	b = strconv.AppendBool(b, r.Complete)
	b = append(b, `,"created_at":`...)
	if b, err = appendInstant(b, r.CreatedAt); err != nil {
		return nil, err
	}
	b = append(b, `,"finalised_at":`...)
	if r.FinalisedAt == nil {
		b = append(b, "null"...)
	} else if b, err = appendInstant(b, *r.FinalisedAt); err != nil {
		return nil, err
	}
	b = append(b, `,"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"rater_ids":`...)
	b = appendStrings(b, r.RaterIDs)
	if len(r.RatersSubmitted) > 0 { // omitempty
		b = append(b, `,"raters_submitted":`...)
		b = appendStrings(b, r.RatersSubmitted)
	}
	b = append(b, `,"scale_id":`...)
	b = appendString(b, r.ScaleID)
	b = append(b, `,"scale_version":`...)
	b = appendString(b, r.ScaleVersion)
	b = append(b, `,"site_id":`...)
	b = appendString(b, r.SiteID)
	b = append(b, `,"status":`...)
	b = appendString(b, string(r.Status))
	b = append(b, `,"total":`...)
	if r.Total == nil {
		b = append(b, "null"...)
	} else if b, err = appendFloat(b, *r.Total); err != nil {
		return nil, err
	}
	b = append(b, `,"type":`...)
	b = appendString(b, string(r.Type))
	b = append(b, `,"updated_at":`...)
	if b, err = appendInstant(b, r.UpdatedAt); err != nil {
		return nil, err
	}
	b = append(b, `,"valid":`...)
	b = strconv.AppendBool(b, r.Valid)
	b = append(b, `,"version":`...)
	b = strconv.AppendInt(b, int64(r.Version), 10)
	b = append(b, `,"visit_end":`...)
	b = appendDate(b, r.VisitEnd)
	b = append(b, `,"visit_start":`...)
	b = appendDate(b, r.VisitStart)
	return append(b, '}'), nil
}

func appendOptString(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString writes s quoted. Ids, enums and versions are plain ASCII
// and are copied; anything encoding/json would escape (quotes,
// backslashes, control characters, HTML's <, > and &, non-ASCII) goes
// through encoding/json itself, so its escaping rules stay the only ones.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendInstant writes t as time.Time.MarshalJSON does (RFC 3339 with
// nanoseconds as needed). Instants here are UTC; any other, or a year
// RFC 3339 cannot hold, is left to MarshalJSON and its error.
func appendInstant(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); t.Location() != time.UTC || y < 0 || y > 9999 {
		q, err := t.MarshalJSON()
		return append(b, q...), err
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

// appendDate writes d as openapi_types.Date.MarshalJSON does.
func appendDate(b []byte, d openapi_types.Date) []byte {
	b = append(b, '"')
	b = d.AppendFormat(b, openapi_types.DateFormat)
	return append(b, '"')
}

// appendFloat writes f as encoding/json writes a float64: like %g but
// with ES6's exponent cutoffs and no padded exponent.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, &json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}
