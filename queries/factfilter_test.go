package queries

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPageRanksPagesAsPageByKey wants pageRanks, given facts as ranks
// sorted or not, to give the page pageByKey gives on their sorted IRIs:
// the same items, total, flags and cursors, for cursors of items, of
// IRIs between items and of IRIs before and after them all.
func TestPageRanksPagesAsPageByKey(t *testing.T) {
	ctx := context.Background()
	s := openMemory(t, true)
	manyArticles(t, s, 60)
	g, err := New(s).factGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	all := len(g.factByRank)
	for trial := range 300 {
		// A random set of facts, in random order.
		var ranks []int32
		for rank := range all {
			if r.IntN(3) == 0 {
				ranks = append(ranks, int32(rank))
			}
		}
		r.Shuffle(len(ranks), func(i, j int) { ranks[i], ranks[j] = ranks[j], ranks[i] })
		sorted := slices.Sorted(slices.Values(ranks))
		keys := make([]string, len(sorted))
		for i, rank := range sorted {
			keys[i] = g.facts[g.factByRank[rank]]
		}
		p := Page{First: []int{0, 1, 3, 10, 1000}[r.IntN(5)]}
		switch r.IntN(4) {
		case 1: // a fact of the set
			if len(keys) > 0 {
				p.After = keyCursor(keys[r.IntN(len(keys))])
			}
		case 2: // any fact, or an IRI between two
			k := g.facts[r.IntN(all)]
			if r.IntN(2) == 0 {
				k += "0"
			}
			p.After = keyCursor(k)
		case 3: // before and after every fact
			p.After = keyCursor([]string{"", "~"}[r.IntN(2)])
		}
		want, err := pageByKey(keys, keys, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range []struct {
			ranks  []int32
			sorted bool
		}{{sorted, true}, {slices.Clone(ranks), false}} {
			desc := fmt.Sprintf("trial %d: %d facts, sorted %v, %+v", trial, len(keys), in.sorted, p)
			got, err := g.pageRanks(in.ranks, in.sorted, p)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Items, want.Items) || got.Total != want.Total || got.HasNext != want.HasNext || got.HasPrev != want.HasPrev {
				t.Fatalf("%s: %d items (total %d, next %v, prev %v), want %d (total %d, next %v, prev %v)", desc,
					len(got.Items), got.Total, got.HasNext, got.HasPrev, len(want.Items), want.Total, want.HasNext, want.HasPrev)
			}
			for i := range got.Items {
				if got.Cursor(i) != want.Cursor(i) {
					t.Fatalf("%s: cursor %d is %q, want %q", desc, i, got.Cursor(i), want.Cursor(i))
				}
			}
		}
	}
	if _, err := g.pageRanks(nil, true, Page{After: "not a cursor"}); err == nil {
		t.Error("pageRanks takes a bad cursor")
	}
}
