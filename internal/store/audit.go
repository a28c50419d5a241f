package store

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/service"
)

// auditEventRow mirrors audit_events in migrations/00003_access_audit.sql.
type auditEventRow struct {
	ID           string
	At           string
	Actor        string
	KeyID        string
	RequestID    string
	Action       string
	ResourceType string
	ResourceID   string
	SitePath     string
	BeforeDoc    *string
	AfterDoc     *string
	RedactedAt   *string // migrations/00016_audit_redaction.sql
}

func (auditEventRow) TableName() string { return "audit_events" }

func toAuditEventRow(e fidelity.AuditEvent) auditEventRow {
	return auditEventRow{
		ID: e.ID, At: formatInstant(e.At), Actor: e.Actor, KeyID: e.KeyID, RequestID: e.RequestID,
		Action: e.Action, ResourceType: e.ResourceType, ResourceID: e.ResourceID, SitePath: e.SitePath,
		BeforeDoc: strPtr(e.Before), AfterDoc: strPtr(e.After), RedactedAt: formatInstantPtr(e.RedactedAt),
	}
}

func (r auditEventRow) domain() (fidelity.AuditEvent, error) {
	var d decoder
	e := fidelity.AuditEvent{
		ID: r.ID, At: d.instant(r.At), Actor: r.Actor, KeyID: r.KeyID, RequestID: r.RequestID,
		Action: r.Action, ResourceType: r.ResourceType, ResourceID: r.ResourceID, SitePath: r.SitePath,
		Before: strVal(r.BeforeDoc), After: strVal(r.AfterDoc), RedactedAt: d.instantPtr(r.RedactedAt),
	}
	return e, d.fail("audit event " + r.ID)
}

// AppendAudit adds an event. An event without an id gets a new UUIDv7, so
// that id order stays time order. There is deliberately no method that
// updates or deletes events: the log is append-only, with the one
// exception of RedactAuditEvidence (the duty to delete personal data).
func (s *Store) AppendAudit(ctx context.Context, e fidelity.AuditEvent) error {
	if e.ID == "" {
		id, err := uuid.NewV7()
		if err != nil {
			return fidelity.Wrap(fidelity.KindInternal, err, "cannot generate an audit event id")
		}
		e.ID = id.String()
	}
	row := toAuditEventRow(e)
	// Every write appends its event in its own transaction, so this is the
	// one place where the data version moves with it.
	return translate(s.writeTx(ctx, func(db *gorm.DB) error {
		if s.dialect == dialectPostgres && !s.hasBumped() {
			return s.appendAuditAndBump(db, row)
		}
		if err := db.Create(&row).Error; err != nil {
			return err
		}
		return s.bumpDataVersion(db)
	}), "audit event "+e.ID)
}

// auditEventColumns are auditEventRow's columns in field order, the order
// appendAuditAndBump passes its values in. gorm's Create writes the row on
// every other path, so a column added to the row type but not here would
// be lost on PostgreSQL only: TestAuditEventColumnsMatchRow holds the two
// together.
const auditEventColumns = "id, at, actor, key_id, request_id, action, resource_type, resource_id, " +
	"site_path, before_doc, after_doc, redacted_at"

// appendAuditAndBump inserts the event and moves the data version in one
// statement on PostgreSQL (a data-modifying WITH runs to completion whether
// or not the INSERT reads it): one round trip less for every write, inside
// a transaction that holds its row locks until it commits. The shard's row
// lock is still the write's last.
func (s *Store) appendAuditAndBump(db *gorm.DB, row auditEventRow) error {
	err := db.Exec(`WITH bump AS (`+bumpShardSQL+`)
		INSERT INTO audit_events (`+auditEventColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		dataVersionShard(), row.ID, row.At, row.Actor, row.KeyID, row.RequestID, row.Action, row.ResourceType,
		row.ResourceID, row.SitePath, row.BeforeDoc, row.AfterDoc, row.RedactedAt).Error
	if err != nil {
		return err
	}
	s.markBumped()
	return nil
}

// ListAudit lists events newest first (by id, which is UUIDv7), after the
// id f.After when it is set. From and To bound At, both inclusive.
//
// Subtree and Subtrees match events whose site_path starts with the
// current path of the named sites; an unknown Subtree, or a Subtrees list
// of which no site exists, matches nothing. Events without a site_path
// (global resources) are listed only when neither is set.
func (s *Store) ListAudit(ctx context.Context, f service.AuditFilter) ([]fidelity.AuditEvent, error) {
	q := s.r(ctx).Model(&auditEventRow{})
	if f.Subtree != "" || len(f.Subtrees) > 0 {
		paths, err := s.sitePaths(ctx, append([]string{f.Subtree}, f.Subtrees...))
		if err != nil {
			return nil, err
		}
		if f.Subtree != "" {
			p, found := paths[f.Subtree]
			if !found {
				return []fidelity.AuditEvent{}, nil
			}
			cond, args := s.prefixCond("site_path", p)
			q = q.Where(cond, args...)
		}
		if len(f.Subtrees) > 0 {
			var conds []string
			var args []any
			for _, id := range f.Subtrees {
				if p, found := paths[id]; found {
					c, a := s.prefixCond("site_path", p)
					conds = append(conds, c)
					args = append(args, a...)
				}
			}
			if len(conds) == 0 {
				return []fidelity.AuditEvent{}, nil
			}
			q = q.Where("("+strings.Join(conds, " OR ")+")", args...)
		}
	}
	if f.ResourceType != "" {
		q = q.Where("resource_type = ?", f.ResourceType)
	}
	if f.ResourceID != "" {
		q = q.Where("resource_id = ?", f.ResourceID)
	}
	if f.KeyID != "" {
		q = q.Where("key_id = ?", f.KeyID)
	}
	if f.From != nil {
		q = q.Where("at >= ?", formatInstant(*f.From))
	}
	if f.To != nil {
		q = q.Where("at <= ?", formatInstant(*f.To))
	}
	if f.After != "" {
		q = q.Where("id < ?", f.After)
	}
	var rows []auditEventRow
	if err := q.Order("id DESC").Limit(pageLimit(f.Limit)).Find(&rows).Error; err != nil {
		return nil, translate(err, "audit events")
	}
	out := make([]fidelity.AuditEvent, 0, len(rows))
	for _, row := range rows {
		e, err := row.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}
