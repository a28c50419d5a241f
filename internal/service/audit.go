package service

import (
	"context"
	"encoding/json"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// record appends an audit event for a write, inside the write's own
// transaction, so a change and its audit entry commit or fail together.
// before and after are the resource as it was and as it is (nil when it
// did not exist or no longer exists).
func (s *Service) record(ctx context.Context, tx Store, action, resourceType, resourceID, sitePath string, before, after any) error {
	return tx.AppendAudit(ctx, s.event(ctx, action, resourceType, resourceID, sitePath, before, after))
}

// event is the audit event record appends, for writes that append their
// events in a batch (the import).
func (s *Service) event(ctx context.Context, action, resourceType, resourceID, sitePath string, before, after any) fidelity.AuditEvent {
	p := caller(ctx)
	return fidelity.AuditEvent{
		ID: s.newID(), At: s.now(), Actor: p.Name, KeyID: p.KeyID, RequestID: fidelity.RequestIDFrom(ctx),
		Action: action, ResourceType: resourceType, ResourceID: resourceID, SitePath: sitePath,
		Before: document(before), After: document(after),
	}
}

// document renders a resource for the audit log; nil is "".
func document(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return `{"error":"not representable"}`
	}
	return string(b)
}

// AuditLog lists audit events visible to the caller: admins see every
// event, leads the events of sites in their scope.
func (s *Service) AuditLog(ctx context.Context, f AuditFilter) ([]fidelity.AuditEvent, string, error) {
	if err := requireRole(ctx, fidelity.RoleLead); err != nil {
		return nil, "", err
	}
	if f.Subtree != "" {
		// A subtree outside the caller's scope, or unknown, is 404 as on
		// every other read: not an empty page.
		if _, err := visibleSite(ctx, s.store, f.Subtree); err != nil {
			return nil, "", err
		}
	}
	f.Subtrees = caller(ctx).Scope
	f.Limit = clampLimit(f.Limit)
	events, err := s.store.ListAudit(ctx, f)
	if err != nil {
		return nil, "", err
	}
	return events, nextCursor(len(events), f.Limit, func() string { return events[len(events)-1].ID }), nil
}
