package httpapi

import (
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// Every API route the router serves must be found in the contract, or its
// parameters and body would silently escape the contract's limits.
func TestEveryAPIRouteIsCheckedAgainstTheContract(t *testing.T) {
	k, err := loadContract()
	if err != nil {
		t.Fatal(err)
	}
	engine := New(Options{}).(*gin.Engine)
	n := 0
	for _, r := range engine.Routes() {
		if !strings.HasPrefix(r.Path, "/v1/") {
			continue
		}
		n++
		if k.ops[r.Method+" "+r.Path] == nil {
			t.Errorf("%s %s is served but not found in the contract", r.Method, r.Path)
		}
	}
	if n < 50 {
		t.Fatalf("only %d API routes", n)
	}
}
