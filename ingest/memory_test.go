package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"kg/graph"
)

// TestMemoryGuard ingests the same articles into two bolt stores, one
// released after every group of articles (a limit of one byte) and one
// never, and
// checks that the release happened, failed nowhere, and changed nothing
// stored.
func TestMemoryGuard(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const n = 3 * maxGroup // several groups
	for i := range n {
		write(t, filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), fmt.Sprintf(
			"Talks in Oslo %d\n\nForeign Minister Ivar Lunde%d met union leaders in Oslo on Monday. Lunde%d said the talks will resume in Bergen on 13 January.\n", i, i, i))
	}
	quads := func(limit int64) ([]string, *memoryGuard) {
		s, err := graph.Open(filepath.Join(t.TempDir(), "kg.db"), graph.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		in := New(s, Options{Workers: 1, MappedLimit: limit})
		sum, err := in.Run(ctx, []string{dir})
		if err != nil || sum.Added != n {
			t.Fatalf("ingest with limit %d: %v, %d added; want %d", limit, err, sum.Added, n)
		}
		qs, err := s.AllQuads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(qs))
		for i, q := range qs {
			out[i] = q.String()
		}
		return out, in.memory
	}
	released, g := quads(1)
	if g.err != nil {
		t.Fatalf("release failed: %v", g.err)
	}
	// One release when the guard starts, then one per group over the limit.
	if _, err := fileRSS(); err == nil && g.releases < 2 {
		t.Errorf("a guard with a limit of one byte released %d times in %d articles, want at least 2", g.releases, n)
	}
	kept, g := quads(-1)
	if g.releases != 0 {
		t.Errorf("a guard with a negative limit released %d times", g.releases)
	}
	if !reflect.DeepEqual(released, kept) {
		t.Errorf("ingest released after every article stored %d quads, without releasing %d", len(released), len(kept))
	}
}

// TestMemoryGuardMemoryStore checks the guard is harmless on a store that
// maps nothing.
func TestMemoryGuardMemoryStore(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "Vote in Lyon\n\nThe council of Lyon voted on Monday.\n")
	write(t, filepath.Join(dir, "b.txt"), "Vote in Nice\n\nThe council of Nice voted on Monday.\n")
	in := New(memStore(t), Options{MappedLimit: 1})
	if sum, err := in.Run(context.Background(), []string{dir}); err != nil || sum.Added != 2 {
		t.Fatalf("ingest: %v, %d added; want 2", err, sum.Added)
	}
	if in.memory.err != nil {
		t.Errorf("guard on a memory store: %v", in.memory.err)
	}
}

// TestMemoryGuardFailure checks that a release that fails stops the guard
// and is reported, rather than failing or being retried.
func TestMemoryGuardFailure(t *testing.T) {
	s, err := graph.Open(filepath.Join(t.TempDir(), "kg.db"), graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	g := newMemoryGuard(s, 1)
	g.check()
	if err := g.failure(); !graph.Is(graph.Storage, err) {
		t.Fatalf("guard on a closed store: failure() = %v, want a store failure", err)
	}
	g.check() // must not retry or panic
	if g.releases != 0 {
		t.Errorf("guard on a closed store counted %d releases", g.releases)
	}
}
