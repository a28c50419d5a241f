package service

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"
)

// versionOnly is a store that answers only the data version; the report
// cache needs nothing else.
type versionOnly struct {
	Store
	asked chan struct{}
}

func (v versionOnly) DataVersion(context.Context) (int64, error) {
	select {
	case v.asked <- struct{}{}:
	default:
	}
	return 1, nil
}

// Two people open the same uncomputed report at once; the first one's
// client goes away while the report is computed, and its reads fail with
// what a cut connection answers (an i/o timeout, not "cancelled"). The
// second person, who shared that computation, still gets the report.
func TestSharedReportSurvivesTheFirstRequestGoingAway(t *testing.T) {
	st := versionOnly{asked: make(chan struct{}, 1)}
	s := New(st, nil, Config{ReportCacheEntries: 8})
	first, leave := context.WithCancel(context.Background())
	computing, release := make(chan struct{}), make(chan struct{})
	var computed atomic.Int32
	compute := func(ctx context.Context) (int, error) {
		if computed.Add(1) == 1 {
			close(computing)
			<-release
		}
		if ctx.Err() != nil {
			return 0, &net.OpError{Op: "read", Net: "tcp", Err: timeoutError{}}
		}
		return 42, nil
	}

	firstDone := make(chan error, 1)
	go func() {
		_, err := cachedReport(first, s, "heatmap", "national", compute)
		firstDone <- err
	}()
	<-computing
	<-st.asked // drained by the first request; the second one's ask follows
	secondDone := make(chan struct {
		v   int
		err error
	}, 1)
	go func() {
		v, err := cachedReport(context.Background(), s, "heatmap", "national", compute)
		secondDone <- struct {
			v   int
			err error
		}{v, err}
	}()
	<-st.asked
	time.Sleep(20 * time.Millisecond) // lets the second request join the computation
	leave()
	close(release)

	if err := <-firstDone; err == nil {
		t.Fatal("the request that went away got a report")
	}
	got := <-secondDone
	if got.err != nil || got.v != 42 {
		t.Fatalf("second request: %d, %v; want the report", got.v, got.err)
	}
}

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }
