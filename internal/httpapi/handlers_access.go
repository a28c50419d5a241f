package httpapi

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ipsfidelity/fidelity/internal/export"
	"github.com/ipsfidelity/fidelity/internal/fidelity"
	"github.com/ipsfidelity/fidelity/internal/httpapi/oapi"
	"github.com/ipsfidelity/fidelity/internal/service"
)

func toKey(k fidelity.APIKey) oapi.APIKey {
	scope := k.Scope
	if scope == nil {
		scope = []string{}
	}
	return oapi.APIKey{
		ID: k.ID, Prefix: k.Prefix, Name: k.Name, Role: oapi.Role(k.Role), RaterID: optString(k.RaterID),
		Scope: scope, ExpiresAt: k.ExpiresAt, LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt,
		CreatedAt: k.CreatedAt, CreatedBy: k.CreatedBy,
	}
}

// ListKeys lists API keys without secrets.
func (a *API) ListKeys(c *gin.Context) {
	keys, err := a.svc.ListKeys(c.Request.Context())
	if err != nil {
		writeProblem(c, err)
		return
	}
	out := oapi.KeyList{Items: make([]oapi.APIKey, len(keys))}
	for i, k := range keys {
		out.Items[i] = toKey(k)
	}
	c.JSON(http.StatusOK, out)
}

// CreateKey issues a key and shows its secret once.
func (a *API) CreateKey(c *gin.Context, _ oapi.CreateKeyParams) {
	var body oapi.NewKey
	if err := a.decodeJSON(c, &body); err != nil {
		writeProblem(c, err)
		return
	}
	k, secret, err := a.svc.CreateKey(c.Request.Context(), service.KeyInput{
		Name: body.Name, Role: fidelity.Role(body.Role), RaterID: deref(body.RaterID), Scope: body.Scope, ExpiresAt: body.ExpiresAt,
		AllSites: body.AllSites != nil && *body.AllSites,
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.Header("Location", "/v1/keys/"+k.ID)
	c.Header("Cache-Control", "no-store")
	view := toKey(k)
	c.JSON(http.StatusCreated, oapi.CreatedKey{
		ID: view.ID, Prefix: view.Prefix, Name: view.Name, Role: view.Role, RaterID: view.RaterID, Scope: view.Scope,
		ExpiresAt: view.ExpiresAt, LastUsedAt: view.LastUsedAt, RevokedAt: view.RevokedAt, CreatedAt: view.CreatedAt,
		CreatedBy: view.CreatedBy, Secret: secret,
	})
}

// RevokeKey stops a key from working.
func (a *API) RevokeKey(c *gin.Context, id oapi.KeyID, p oapi.RevokeKeyParams) {
	if _, err := ifMatch(p.IfMatch); err != nil {
		writeProblem(c, err)
		return
	}
	k, err := a.svc.RevokeKey(c.Request.Context(), id)
	if err != nil {
		writeProblem(c, err)
		return
	}
	c.JSON(http.StatusOK, toKey(k))
}

func toAuditEvent(e fidelity.AuditEvent) oapi.AuditEvent {
	return oapi.AuditEvent{
		ID: e.ID, At: e.At, Actor: e.Actor, KeyID: e.KeyID, RequestID: e.RequestID, Action: e.Action,
		ResourceType: e.ResourceType, ResourceID: e.ResourceID, Before: rawJSON(e.Before), After: rawJSON(e.After),
		RedactedAt: e.RedactedAt,
	}
}

// redactedAt is the audit CSV's redacted_at cell: empty when the event is
// as written.
func redactedAt(e fidelity.AuditEvent) string {
	if e.RedactedAt == nil {
		return ""
	}
	return e.RedactedAt.Format("2006-01-02T15:04:05.000000Z07:00")
}

// rawJSON embeds a stored JSON document as-is; "" is null.
func rawJSON(s string) any {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}

// ListAudit lists audit events, or exports them as CSV.
func (a *API) ListAudit(c *gin.Context, p oapi.ListAuditParams) {
	page, err := pageOf(p.Cursor, p.Limit)
	if err != nil {
		writeProblem(c, err)
		return
	}
	events, next, err := a.svc.AuditLog(c.Request.Context(), service.AuditFilter{
		Subtree: deref(p.Subtree), ResourceType: deref(p.ResourceType), ResourceID: deref(p.ResourceID),
		KeyID: deref(p.KeyID), From: fromDate(p.From), To: fromDate(p.To), Page: page,
	})
	if err != nil {
		writeProblem(c, err)
		return
	}
	if p.Format != nil && *p.Format == "csv" {
		writeCSVHeaders(c, "audit-"+today()+".csv")
		w := export.NewCSVWriter(c.Writer)
		_ = w.Write([]string{"id", "at", "actor", "key_id", "request_id", "action", "resource_type", "resource_id", "before", "after", "redacted_at"})
		for _, e := range events {
			_ = w.Write([]string{e.ID, e.At.Format("2006-01-02T15:04:05.000000Z07:00"), e.Actor, e.KeyID, e.RequestID,
				e.Action, e.ResourceType, e.ResourceID, e.Before, e.After, redactedAt(e)})
		}
		w.Flush()
		return
	}
	out := oapi.AuditList{Items: make([]oapi.AuditEvent, len(events)), NextCursor: encodeCursor(next)}
	for i, e := range events {
		out.Items[i] = toAuditEvent(e)
	}
	c.JSON(http.StatusOK, out)
}
