package queries

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"kg/graph"
)

// shortestPaths finds, the slow way, the length of the shortest paths
// between two nodes and how many there are: breadth first over a.edges,
// then counting paths down the distances.
func shortestPaths(a *adjacency, from, to string, maxHops int) (length, count int) {
	dist := map[string]int{from: 0}
	frontier := []string{from}
	for d := 1; d <= maxHops && len(frontier) > 0; d++ {
		var next []string
		for _, n := range frontier {
			for _, e := range a.edges(n) {
				if o := other(e, n); o != "" {
					if _, ok := dist[o]; !ok {
						dist[o] = d
						next = append(next, o)
					}
				}
			}
		}
		frontier = next
	}
	length, ok := dist[to]
	if !ok {
		return -1, 0
	}
	ways := map[string]int{from: 1}
	for d := 1; d <= length; d++ {
		for n, dn := range dist {
			if dn != d {
				continue
			}
			for _, e := range a.edges(n) {
				if o := other(e, n); o != "" && dist[o] == d-1 {
					ways[n] += ways[o]
				}
			}
		}
	}
	return length, ways[to]
}

func TestPathFindsEveryShortestPath(t *testing.T) {
	ctx := context.Background()
	s := memStore(t)
	manyArticles(t, s, 120)
	q := New(s)
	a, err := q.adjacency(ctx, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(name string) string {
		e, err := q.One(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	pairs := [][2]string{
		{"Person 1", "Person 2"}, {"Person 1", "Person 13"}, {"Person 3", "issue 7"},
		{"Country 2", "issue 11"}, {"Person 39", "Country 0"}, {"issue 1", "issue 2"},
	}
	for _, p := range pairs {
		for hops := 1; hops <= MaxPathHops; hops++ {
			from, to := ids(p[0]), ids(p[1])
			length, count := shortestPaths(a, from, to, hops)
			got, err := q.Path(ctx, from, to, hops, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			desc := fmt.Sprintf("%s to %s within %d hops", p[0], p[1], hops)
			if length < 0 {
				if len(got) != 0 {
					t.Errorf("%s: got %d paths, want none", desc, len(got))
				}
				continue
			}
			if want := min(count, MaxPaths); len(got) != want {
				t.Errorf("%s: got %d paths, want %d (of %d shortest)", desc, len(got), want, count)
			}
			seen := map[string]bool{}
			for _, path := range got {
				var key []string
				if len(path.Edges) != length || path.Nodes[0].ID != from || path.Nodes[len(path.Nodes)-1].ID != to {
					t.Errorf("%s: path of %d edges from %s to %s, want %d from start to end", desc,
						len(path.Edges), path.Nodes[0].ID, path.Nodes[len(path.Nodes)-1].ID, length)
				}
				for i, e := range path.Edges {
					if other(e, path.Nodes[i].ID) != path.Nodes[i+1].ID {
						t.Errorf("%s: edge %d does not join nodes %d and %d", desc, i, i, i+1)
					}
					key = append(key, edgeKey(e))
				}
				k := strings.Join(key, "|")
				if seen[k] {
					t.Errorf("%s: a path comes twice", desc)
				}
				seen[k] = true
			}
		}
	}
}

func TestNeighborsFirstKeepsTheNearest(t *testing.T) {
	ctx := context.Background()
	s := memStore(t)
	manyArticles(t, s, 120)
	// A role with no organization: a fact with one end.
	lone := graph.Facts{Article: graph.Article{File: "lone.txt", Title: "Lone", Text: "x", Hash: "lone"},
		Roles: []graph.Role{{Person: graph.Entity{Type: graph.Person, Name: "Person 1"}, Title: "poet",
			Evidence: []graph.Evidence{{Sentence: "Person 1, a poet.", End: 17, Confidence: 0.9}}}}}
	if _, err := s.PutArticle(ctx, lone); err != nil {
		t.Fatal(err)
	}
	q := New(s)
	p, err := q.One(ctx, "Person 1")
	if err != nil {
		t.Fatal(err)
	}
	all, err := q.Neighbors(ctx, p.ID, 2, nil, 0, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	one, err := q.Neighbors(ctx, p.ID, 1, nil, 0, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if all.Truncated() || len(all.Nodes) <= len(one.Nodes) {
		t.Fatalf("two hops give %d nodes (truncated %v), one hop %d", len(all.Nodes), all.Truncated(), len(one.Nodes))
	}
	n := len(one.Nodes) + 1
	some, err := q.Neighbors(ctx, p.ID, 2, nil, 0, n, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(some.Nodes) != n || some.TotalNodes != len(all.Nodes) || !some.Truncated() {
		t.Fatalf("first %d: %d nodes of %d (truncated %v); want %d of %d", n, len(some.Nodes), some.TotalNodes,
			some.Truncated(), n, len(all.Nodes))
	}
	kept := map[string]bool{}
	for _, nd := range some.Nodes {
		kept[nd.ID] = true
	}
	for _, nd := range one.Nodes {
		if !kept[nd.ID] {
			t.Errorf("%s, one hop away, was left out before nodes two hops away", nd.Name)
		}
	}
	for _, e := range some.Edges {
		if !kept[e.From] || !kept[e.To] {
			t.Errorf("edge %s → %s leaves the nodes returned", e.From, e.To)
		}
	}
}

func TestNeighborsFirstEdgesKeepsEveryNodeJoined(t *testing.T) {
	ctx := context.Background()
	s := memStore(t)
	manyArticles(t, s, 120)
	q := New(s)
	p, err := q.One(ctx, "Person 1")
	if err != nil {
		t.Fatal(err)
	}
	all, err := q.Neighbors(ctx, p.ID, 2, nil, 0, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if all.TotalEdges != len(all.Edges) || all.Truncated() {
		t.Fatalf("uncapped: %d edges of %d (truncated %v)", len(all.Edges), all.TotalEdges, all.Truncated())
	}
	inAll := map[string]bool{}
	for _, e := range all.Edges {
		inAll[edgeKey(e)] = true
	}
	tree := len(all.Nodes) - 1
	if len(all.Edges) < tree+10 {
		t.Fatalf("only %d edges among %d nodes: the test needs more", len(all.Edges), len(all.Nodes))
	}
	for _, tc := range []struct {
		desc string
		max  int
	}{
		{"exactly a spanning tree", tree},
		{"a tree and more", tree + 7},
		{"fewer than the nodes", tree / 2},
		{"one", 1},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			g, err := q.Neighbors(ctx, p.ID, 2, nil, 0, 0, tc.max)
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Edges) != tc.max || g.TotalEdges != len(all.Edges) || !g.Truncated() || len(g.Nodes) != len(all.Nodes) {
				t.Fatalf("%d edges of %d (truncated %v), %d nodes; want %d of %d and %d nodes",
					len(g.Edges), g.TotalEdges, g.Truncated(), len(g.Nodes), tc.max, len(all.Edges), len(all.Nodes))
			}
			for i, e := range g.Edges {
				if !inAll[edgeKey(e)] {
					t.Errorf("edge %v is not an edge of the whole neighbourhood", e)
				}
				if i > 0 && edgeKey(g.Edges[i-1]) >= edgeKey(e) {
					t.Errorf("edges %d and %d are out of order", i-1, i)
				}
			}
			// Walk the returned edges from the start.
			reached := map[string]bool{p.ID: true}
			for grew := true; grew; {
				grew = false
				for _, e := range g.Edges {
					if reached[e.From] != reached[e.To] {
						reached[e.From], reached[e.To], grew = true, true, true
					}
				}
			}
			// The first edges taken join the nearest nodes to the start, a
			// tree: with fewer edges than nodes, each edge reaches one more.
			if want := min(tc.max+1, len(g.Nodes)); len(reached) != want {
				t.Errorf("the edges join %d nodes to the start, want %d", len(reached), want)
			}
		})
	}
}

func TestSelectFirstKeepsTheLeast(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		desc   string
		n, max int // length and value range
	}{
		{"empty", 0, 10},
		{"one", 1, 10},
		{"distinct", 200, 1 << 30},
		{"many equal", 300, 3},
		{"all equal", 50, 1},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			for k := 0; k <= tc.n; k += 1 + tc.n/17 {
				s := make([]int, tc.n)
				for i := range s {
					s[i] = r.IntN(tc.max)
				}
				want := slices.Clone(s)
				slices.Sort(want)
				selectFirst(s, k, func(a, b int) int { return a - b })
				got := slices.Clone(s[:k])
				slices.Sort(got)
				if !slices.Equal(got, want[:k]) {
					t.Fatalf("k=%d: first %v, want %v", k, got, want[:k])
				}
				slices.Sort(s)
				if !slices.Equal(s, want) {
					t.Fatalf("k=%d: elements changed", k)
				}
			}
		})
	}
}
