package schema

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kg/queries"
)

func TestGateBoundsRequestsAtOnce(t *testing.T) {
	for _, n := range []int{1, 2, 5} {
		g := newGate(n)
		var in, most atomic.Int32
		var wg sync.WaitGroup
		for range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := g.enter(context.Background()); err != nil {
					t.Error(err)
					return
				}
				now := in.Add(1)
				for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
				}
				for range 1000 { // a little work while inside
					_ = strings.Repeat("x", 10)
				}
				in.Add(-1)
				g.leave()
			}()
		}
		wg.Wait()
		if m := most.Load(); m > int32(n) || m < 1 {
			t.Errorf("gate of %d: %d requests inside at once", n, m)
		}
	}
}

func TestGateWaitEndsWithTheContext(t *testing.T) {
	g := newGate(1)
	if err := g.enter(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := g.enter(ctx); err == nil {
		t.Fatal("entered a full gate")
	}
	g.leave()
	if err := g.enter(ctx); err != nil { // a free turn is taken even so
		t.Fatalf("free gate: %v", err)
	}
	var none *gate // no bound
	for range 3 {
		if err := none.enter(ctx); err != nil {
			t.Fatal(err)
		}
	}
	none.leave()
}

// A request that waits for its turn past the time limit is answered 504,
// on /graphql and on /export, and leaves its turn free: the next request is
// answered.
func TestBusyServerAnswersInTurn(t *testing.T) {
	sch := testSchema(t)
	lim := DefaultLimits
	lim.Timeout = 200 * time.Millisecond
	srv, h := newServer(sch, ServerOptions{Limits: lim, MaxConcurrent: 1, MaxExportNodes: queries.DefaultMaxNodes})
	ts := httptest.NewServer(h)
	defer ts.Close()
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	query := "/graphql?query=" + strings.ReplaceAll("{ stats { quads } }", " ", "%20")
	if err := srv.gate.enter(context.Background()); err != nil { // the one turn is taken
		t.Fatal(err)
	}
	for _, path := range []string{query, "/export?entity=Ivar%20Lunde"} {
		if code, body := get(path); code != http.StatusGatewayTimeout || !strings.Contains(body, "busy") {
			t.Errorf("%s while busy: %d %s", path, code, body)
		}
	}
	srv.gate.leave()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := srv.gate.enter(ctx); err != nil { // takes a free turn at once
		t.Fatalf("the requests that gave up left the gate full: %v", err)
	}
	srv.gate.leave()
	if code, body := get(query); code != http.StatusOK {
		t.Errorf("%s when free: %d %s", query, code, body)
	}
}
