package ingest

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync"

	"kg/graph"
)

// DefaultMappedLimit is how much of a bolt store's file an ingest lets stay
// mapped into its memory before releasing it (see memoryGuard). Measured
// with cmd/kgbench at 20,000 articles (1.3 GB store, 2 workers), one
// article a transaction: 128 MB gave a peak RSS of 314 MB, against 1,319
// MB never releasing, for 7% more CPU time (a page read after a release is
// a minor fault, and the kernel maps 16 neighbouring pages on each, so the
// mapped set refills fast). Storing articles in groups (see commitLoop)
// costs about 30 MB more heap at its peak, which a lower limit gives back:
// 80 MB measured 389 MB at 20,000 articles, too near 400 MB for a figure
// that moves from run to run, so 64 MB. Groups also touch fewer pages an
// article, so the guard releases less often than their size alone would say.
const DefaultMappedLimit = 64 << 20

// memoryGuard keeps a bolt store's file out of the ingest's resident memory.
// bolt reads its file through a memory map, and every page a lookup touches
// stays resident and counts in the process's RSS, so without the guard an
// ingest's RSS grows with the store. After each article the guard reads the
// process's file-backed resident memory from /proc/self/statm (a few
// microseconds) and, when it has grown by more than limit since the guard
// started, calls graph.Store.ReleaseMemory, which unmaps the pages without
// evicting them from the page cache.
//
// Where /proc/self/statm cannot be read (not Linux) the guard does nothing,
// as ReleaseMemory would do nothing there either. A nil guard, or one
// without a store (an ingest into a server), does nothing.
type memoryGuard struct {
	store *graph.Store
	limit int64

	mu       sync.Mutex
	started  bool
	disabled bool
	base     int64 // file-backed resident bytes when the guard started
	releases int   // how many times the guard released
	err      error // why it stopped, if ReleaseMemory failed
}

func newMemoryGuard(s *graph.Store, limit int64) *memoryGuard {
	return &memoryGuard{store: s, limit: limit}
}

// check releases the store's mapped pages when they exceed the limit. It is
// safe for concurrent use; a check that finds another under way returns at
// once. A failing release is remembered and not retried: the guard only
// saves memory, so its failure must not fail the ingest.
func (g *memoryGuard) check() {
	if g == nil || g.store == nil || g.limit <= 0 {
		return
	}
	if !g.mu.TryLock() {
		return
	}
	defer g.mu.Unlock()
	if g.disabled {
		return
	}
	if !g.started {
		// Start from a store with nothing mapped, so that what was read
		// before (the resolver loads every person) does not count as base.
		g.started = true
		g.release()
		var err error
		if g.base, err = fileRSS(); err != nil {
			g.disabled = true
		}
		return
	}
	rss, err := fileRSS()
	if err != nil {
		g.disabled = true
		return
	}
	if rss-g.base > g.limit {
		g.release()
	}
}

// failure returns why the guard stopped releasing, or nil.
func (g *memoryGuard) failure() error {
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}

// release calls ReleaseMemory; the caller holds mu.
func (g *memoryGuard) release() {
	if err := g.store.ReleaseMemory(); err != nil {
		g.err, g.disabled = err, true
		return
	}
	g.releases++
}

// fileRSS returns this process's resident file-backed and shared memory in
// bytes: the third field of /proc/self/statm, in pages.
func fileRSS() (int64, error) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, fmt.Errorf("read resident memory: %w", err)
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, fmt.Errorf("read resident memory: /proc/self/statm holds %q", b)
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("read resident memory: /proc/self/statm: %w", err)
	}
	return pages * int64(os.Getpagesize()), nil
}
