package store

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm/schema"
)

// TestTypedScansReadEveryColumn: the typed scans (GetSite, the review
// reads, DueFacts) name their columns in SQL and their targets in code, so
// a column added to a row type would be left zero on every read through
// them without failing anything; appendAuditAndBump's INSERT lists its
// columns by hand, so one added to the row would be missing on PostgreSQL
// only. The column lists must be the row types' columns, in field order
// (the order of the values).
func TestTypedScansReadEveryColumn(t *testing.T) {
	for _, c := range []struct {
		name string
		row  any
		list string
	}{
		{"siteColumns", &siteRow{}, siteColumns},
		{"reviewColumns", &reviewRow{}, reviewColumns},
		{"auditEventColumns", &auditEventRow{}, auditEventColumns},
	} {
		sch, err := schema.Parse(c.row, &sync.Map{}, schema.NamingStrategy{})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, f := range sch.Fields {
			if f.DBName != "" && f.Creatable { // read-only joined columns (SitePath) are not the table's
				want = append(want, f.DBName)
			}
		}
		var got []string
		for col := range strings.SplitSeq(c.list, ",") {
			got = append(got, strings.TrimPrefix(strings.TrimSpace(col), "r."))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %v; the row type's columns are %v", c.name, got, want)
		}
	}
}
