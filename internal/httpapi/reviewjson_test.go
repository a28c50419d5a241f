package httpapi

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
)

// sameAsEncodingJSON fails unless appendReviewList writes what
// encoding/json writes for l, or both refuse it.
func sameAsEncodingJSON(t *testing.T, l oapi.ReviewList) {
	t.Helper()
	want, wantErr := json.Marshal(l)
	got, err := appendReviewList(nil, l)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("error %v, encoding/json's %v", err, wantErr)
	}
	if wantErr == nil && !bytes.Equal(got, want) {
		t.Fatalf("differs from encoding/json:\n got %s\nwant %s", got, want)
	}
}

func sampleReview() oapi.Review {
	total, band, label := 99.5, "fair", "Fair fidelity"
	fin := time.Date(2026, 11, 3, 14, 5, 6, 120_000_000, time.UTC)
	return oapi.Review{
		Band: &band, BandLabel: &label, Complete: true, CreatedAt: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC),
		FinalisedAt: &fin, ID: "0191f0e4-7c1a-7b2e-9a57-3f1d2c4b5a69", RaterIDs: []string{"a", "b"},
		ScaleID: "se-fidelity", ScaleVersion: "2008", SiteID: "0191f0e4-7c1a-7b2e-9a57-3f1d2c4b5a70",
		Status: "finalised", Total: &total, Type: "external", UpdatedAt: time.Date(2026, 11, 3, 14, 5, 6, 123_456_789, time.UTC),
		Valid: true, Version: 7,
		VisitEnd:   openapi_types.Date{Time: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)},
		VisitStart: openapi_types.Date{Time: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
	}
}

// TestReviewListJSONIsEncodingJSON: the hand-written encoder of the review
// list writes what encoding/json writes, for the values the service
// produces and for the awkward ones it should never produce.
func TestReviewListJSONIsEncodingJSON(t *testing.T) {
	cursor := "eyJpZCI6IngifQ"
	sameAsEncodingJSON(t, oapi.ReviewList{})
	sameAsEncodingJSON(t, oapi.ReviewList{Items: []oapi.Review{}, NextCursor: &cursor})
	sameAsEncodingJSON(t, oapi.ReviewList{Items: []oapi.Review{sampleReview(), {}}})

	odd := []func(*oapi.Review){
		func(r *oapi.Review) { r.RatersSubmitted = []string{"a"} },
		func(r *oapi.Review) { r.RaterIDs = []string{} },
		func(r *oapi.Review) { s := `Team "Bodø" <øst> & co\` + "\x01\u2028"; r.BandLabel = &s; r.ID = s },
		func(r *oapi.Review) { s := "\xff\xfe"; r.ScaleVersion = s },
		func(r *oapi.Review) { r.SiteID = "<script>a&b</script>" },
		func(r *oapi.Review) { f := 1e-7; r.Total = &f },
		func(r *oapi.Review) { f := 1e21; r.Total = &f },
		func(r *oapi.Review) { f := math.Copysign(0, -1); r.Total = &f },
		func(r *oapi.Review) { f := 125.0; r.Total = &f },
		func(r *oapi.Review) { f := math.NaN(); r.Total = &f },
		func(r *oapi.Review) { r.CreatedAt = time.Date(2026, 6, 1, 8, 0, 0, 0, time.FixedZone("CEST", 7200)) },
		func(r *oapi.Review) { r.UpdatedAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
		func(r *oapi.Review) { r.UpdatedAt = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC) },
		func(r *oapi.Review) {
			r.VisitEnd = openapi_types.Date{Time: time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC)}
		},
		func(r *oapi.Review) { r.Version = -3 },
	}
	for _, change := range odd {
		r := sampleReview()
		change(&r)
		sameAsEncodingJSON(t, oapi.ReviewList{Items: []oapi.Review{r}})
	}
}

// TestReviewListEncoderKnowsEveryField: a field added to the contract's
// Review must be added to appendReview too; this names the fields it
// writes, in order.
func TestReviewListEncoderKnowsEveryField(t *testing.T) {
	written := []string{"band", "band_label", "complete", "created_at", "finalised_at", "id", "rater_ids",
		"raters_submitted,omitempty", "scale_id", "scale_version", "site_id", "status", "total", "type",
		"updated_at", "valid", "version", "visit_end", "visit_start"}
	var got []string
	rt := reflect.TypeFor[oapi.Review]()
	for i := range rt.NumField() {
		got = append(got, rt.Field(i).Tag.Get("json"))
	}
	if !reflect.DeepEqual(got, written) {
		t.Fatalf("oapi.Review has the JSON fields\n%q\nappendReview writes\n%q", got, written)
	}
	lt := reflect.TypeFor[oapi.ReviewList]()
	if lt.NumField() != 2 || lt.Field(0).Tag.Get("json") != "items" || lt.Field(1).Tag.Get("json") != "next_cursor" {
		t.Fatalf("oapi.ReviewList changed: update appendReviewList")
	}
}

// FuzzReviewListJSON holds the encoder to encoding/json on arbitrary
// strings, numbers and instants.
func FuzzReviewListJSON(f *testing.F) {
	f.Add("0191f0e4-7c1a-7b2e-9a57-3f1d2c4b5a69", "Bodø <&>", 99.5, int64(1_790_000_000_123_456_789), 3, true)
	f.Add("", "\x00\"\\", 1e-9, int64(0), -1, false)
	f.Fuzz(func(t *testing.T, id, label string, total float64, nanos int64, version int, finalised bool) {
		r := sampleReview()
		r.ID, r.BandLabel, r.Total, r.Version = id, &label, &total, version
		r.UpdatedAt = time.Unix(0, nanos).UTC()
		r.VisitEnd = openapi_types.Date{Time: time.Unix(0, nanos).UTC()}
		r.RaterIDs = []string{label, id}
		if !finalised {
			r.FinalisedAt, r.Band = nil, nil
		}
		sameAsEncodingJSON(t, oapi.ReviewList{Items: []oapi.Review{r, r}, NextCursor: &id})
	})
}
