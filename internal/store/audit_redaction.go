package store

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"github.com/ipsfidelity/fidelity/internal/fidelity"
)

// evidenceKey is the JSON name of the one free-text field a rater types as
// evidence (fidelity.ItemInput.Evidence). It appears in every document that
// holds an item input: rating sets (inputs[].evidence), the consensus, and
// corrections (before.evidence, after.evidence, or a bare input).
const evidenceKey = "evidence"

// RedactAuditEvidence blanks the evidence notes inside the before/after
// documents of a review's audit events, marks each changed event with
// redacted_at = at, and returns how many events it changed. The events
// searched are the review's own and its written report's (resource id =
// the review), its rating sets ("<review>/<rater key>", the consensus
// included) and its corrections (by id): fidelity.ResourceReview and the
// other types beside it. Everything else of an event stays as written; an
// event without notes is not touched. Call it inside InTx, with the purge.
//
// This is the one write to audit_events besides AppendAudit: the duty to
// delete personal data covers the copies in the log
// (migrations/00016_audit_redaction.sql).
func (s *Store) RedactAuditEvidence(ctx context.Context, reviewID string, at time.Time) (int, error) {
	what := "audit events of review " + reviewID
	db := s.w(ctx)
	var correctionIDs []string
	if err := db.Model(&correctionRow{}).Where("review_id = ?", reviewID).Pluck("id", &correctionIDs).Error; err != nil {
		return 0, translate(err, what)
	}
	// Each term names its resource types, so that audit_events_resource_idx
	// serves the search instead of a scan of the whole log.
	setCond, setArgs := s.prefixCond("resource_id", reviewID+"/")
	cond := "(resource_type IN ? AND resource_id = ?) OR (resource_type = ? AND " + setCond + ")"
	args := append([]any{[]string{fidelity.ResourceReview, fidelity.ResourceWrittenReport}, reviewID, fidelity.ResourceRatingSet}, setArgs...)
	for chunk := range chunks(correctionIDs) {
		cond += " OR (resource_type = ? AND resource_id IN ?)"
		args = append(args, fidelity.ResourceCorrection, chunk)
	}
	var rows []auditEventRow
	if err := db.Where(cond, args...).Order("id").Find(&rows).Error; err != nil {
		return 0, translate(err, what)
	}
	stamp := formatInstant(at)
	n := 0
	for _, r := range rows {
		before, changedBefore, err := redactEvidenceDoc(r.BeforeDoc)
		if err != nil {
			return n, fidelity.Wrap(fidelity.KindInternal, err, "stored audit event "+r.ID+" is malformed")
		}
		after, changedAfter, err := redactEvidenceDoc(r.AfterDoc)
		if err != nil {
			return n, fidelity.Wrap(fidelity.KindInternal, err, "stored audit event "+r.ID+" is malformed")
		}
		if !changedBefore && !changedAfter {
			continue
		}
		if err := db.Exec("UPDATE audit_events SET before_doc = ?, after_doc = ?, redacted_at = ? WHERE id = ?",
			before, after, stamp, r.ID).Error; err != nil {
			return n, translate(err, what)
		}
		n++
	}
	return n, nil
}

// redactEvidenceDoc returns the document with every non-empty "evidence"
// string blanked, at any depth, and whether anything changed. Numbers are
// kept as written (json.Number); a nil document stays nil.
func redactEvidenceDoc(doc *string) (*string, bool, error) {
	if doc == nil || *doc == "" {
		return doc, false, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(*doc)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return doc, false, err
	}
	if !blankEvidence(v) {
		return doc, false, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return doc, false, err
	}
	out := string(b)
	return &out, true, nil
}

// blankEvidence walks a decoded JSON value and blanks every non-empty
// string under the key "evidence"; it reports whether it blanked any.
func blankEvidence(v any) bool {
	changed := false
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && k == evidenceKey && s != "" {
				x[k] = ""
				changed = true
				continue
			}
			changed = blankEvidence(val) || changed
		}
	case []any:
		for _, val := range x {
			changed = blankEvidence(val) || changed
		}
	}
	return changed
}

// RedactStoredResponses blanks the evidence notes inside the stored first
// answers of idempotent POSTs to the review's paths (/v1/reviews/<id>/…,
// e.g. a correction or a FHIR import, kept for IdempotencyTTL), so that a
// replay after the purge does not hand the notes back. The record stays,
// so a retry is still answered, not executed twice. Bodies that are not
// JSON (or kept in base64) hold no notes of this service and are left as
// they are. Returns how many answers changed; call it inside InTx.
func (s *Store) RedactStoredResponses(ctx context.Context, reviewID string) (int, error) {
	what := "stored answers of review " + reviewID
	db := s.w(ctx)
	cond, args := s.prefixCond("path", "/v1/reviews/"+reviewID+"/")
	var rows []idempotencyRow
	if err := db.Where(cond+" AND body_base64 = ? AND body <> ''", append(args, false)...).Find(&rows).Error; err != nil {
		return 0, translate(err, what)
	}
	n := 0
	for _, r := range rows {
		body, changed, err := redactEvidenceDoc(&r.Body)
		if err != nil || !changed {
			continue // not JSON: nothing of ours to redact
		}
		if err := db.Exec("UPDATE idempotency_keys SET body = ? WHERE owner = ? AND key = ?", *body, r.Owner, r.Key).Error; err != nil {
			return n, translate(err, what)
		}
		n++
	}
	return n, nil
}
