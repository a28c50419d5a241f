package store

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm/schema"
)

// appendAuditAndBump's hand-written column list names every column of
// auditEventRow, in field order (the order of its values), as gorm
// parses the type for Create.
func TestAuditEventColumnsMatchRow(t *testing.T) {
	parsed, err := schema.Parse(&auditEventRow{}, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		t.Fatal(err)
	}
	want := parsed.DBNames
	got := strings.Split(auditEventColumns, ", ")
	if !slices.Equal(got, want) {
		t.Fatalf("auditEventColumns = %q, auditEventRow has %q", got, want)
	}
}
