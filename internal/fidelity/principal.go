package fidelity

import "context"

// Role is what an API key may do.
type Role string

const (
	RoleAdmin  Role = "admin"  // everything
	RoleLead   Role = "lead"   // manage sites, plan reviews, read reports, in scope
	RoleRater  Role = "rater"  // rate the reviews they are assigned to, in scope
	RoleReader Role = "reader" // read only, in scope
)

// Principal is who is calling: resolved from an API key or a web session
// by the adapters, read by the use cases.
type Principal struct {
	KeyID   string
	Name    string
	Role    Role
	RaterID string   // the rater this principal rates as (role rater)
	Scope   []string // site ids whose subtrees are visible; empty = everything
}

// System is the principal of the CLI, the demo seeder and the open
// localhost mode: an admin with no scope limits.
var System = Principal{Name: "system", Role: RoleAdmin}

type principalKey struct{}

// WithPrincipal returns a context carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the caller; contexts without one are anonymous
// readers with an empty name, which the use cases treat as unauthorised.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Unscoped reports whether the principal sees every site.
func (p Principal) Unscoped() bool { return len(p.Scope) == 0 }

type requestIDKey struct{}

// WithRequestID returns a context carrying the request id, which audit
// events record so a change can be matched with its log line.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestIDFrom returns the request id of ctx, "" when there is none.
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
