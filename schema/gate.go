package schema

import "context"

// gate lets at most a fixed number of requests work at once; the others
// wait their turn, first come first served (goroutines blocked sending on
// a channel are woken in the order they blocked).
//
// Why: answers are CPU work on the in-memory store. Left to the Go
// scheduler, 16 requests on 2 cores share the CPU and a newly readable
// connection's goroutine often runs before ones that were waiting longer,
// so a large answer takes 8 times its own time and small ones can wait
// behind later arrivals. Queueing in order of arrival gives every request
// its time on a core in turn: the same throughput, fewer outliers.
type gate struct{ slots chan struct{} }

// newGate returns a gate for n requests at once; nil (no bound) when n < 1.
func newGate(n int) *gate {
	if n < 1 {
		return nil
	}
	return &gate{slots: make(chan struct{}, n)}
}

// enter waits for a turn; it fails with ctx's error when ctx ends first.
// A nil gate never waits.
func (g *gate) enter(ctx context.Context) error {
	if g == nil {
		return nil
	}
	select {
	case g.slots <- struct{}{}:
		return nil
	default:
	}
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave ends a turn enter began.
func (g *gate) leave() {
	if g != nil {
		<-g.slots
	}
}
