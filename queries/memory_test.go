package queries

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"kg/graph"
)

// TestIndexedStoreAnswersAlike runs every fact filter, search, neighbours,
// paths and subgraphs on two stores with the same articles, one read from
// Cayley and one held in memory (graph.Options.Index, where the queries
// answer from the fact graph), and wants the same answers.
func TestIndexedStoreAnswersAlike(t *testing.T) {
	ctx := context.Background()
	plain := memStore(t)
	indexed, err := graph.Open("memory:", graph.Options{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { indexed.Close() })
	manyArticles(t, plain, 90)
	manyArticles(t, indexed, 90)
	a, b := New(plain), New(indexed)
	same := func(desc string, x, y any, errX, errY error) {
		t.Helper()
		if errX != nil || errY != nil {
			t.Fatalf("%s: errors %v / %v", desc, errX, errY)
		}
		jx, _ := json.Marshal(x)
		jy, _ := json.Marshal(y)
		if string(jx) != string(jy) {
			t.Errorf("%s:\nfrom Cayley %.300s\nfrom memory %.300s", desc, jx, jy)
		}
	}
	filters := []struct {
		desc string
		f    Filter
	}{
		{"no filter", Filter{}},
		{"no filter, every confidence", Filter{MinConfidence: 0}},
		{"sure facts", Filter{MinConfidence: 0.75}},
		{"person", Filter{Person: "Person 3", MinConfidence: 0.5}},
		{"person by alias", Filter{Person: "P7"}},
		{"organization", Filter{Organization: "Country 2"}},
		{"person and organization", Filter{Person: "Person 14", Organization: "Country 2"}},
		{"party", Filter{Party: "Country 3"}},
		{"party and stance", Filter{Party: "Person 5", Stance: "DEMANDS"}},
		{"issue", Filter{Issue: "issue 4", MinConfidence: 0.6}},
		{"stance", Filter{Stance: "OPPOSES"}},
		{"place", Filter{Place: "Country 1"}},
		{"participant", Filter{Participant: "Person 9"}},
		{"dates", Filter{From: "2026-01-05", To: "2026-01-20"}},
		{"month", Filter{From: "2026-01", To: "2026-01"}},
		{"open range", Filter{From: "2026-01-25"}},
		{"place and dates", Filter{Place: "Country 4", To: "2026-01-15", MinConfidence: 0.6}},
		{"unknown name", Filter{Person: "Nobody"}},
	}
	for _, c := range filters {
		for _, p := range []Page{{}, {First: 3}} {
			desc := fmt.Sprintf("%s, first %d", c.desc, p.First)
			r1, e1 := a.Roles(ctx, c.f, p)
			r2, e2 := b.Roles(ctx, c.f, p)
			same("roles, "+desc, r1, r2, e1, e2)
			p1, e1 := a.Positions(ctx, c.f, p)
			p2, e2 := b.Positions(ctx, c.f, p)
			same("positions, "+desc, p1, p2, e1, e2)
			v1, e1 := a.Events(ctx, c.f, p)
			v2, e2 := b.Events(ctx, c.f, p)
			same("events, "+desc, v1, v2, e1, e2)
		}
	}
	for _, text := range []string{"person 1", "P3", "countr", "isue 4", "persn 12"} {
		h1, e1 := a.Search(ctx, text, nil, Page{First: 10})
		h2, e2 := b.Search(ctx, text, nil, Page{First: 10})
		same("search "+text, h1, h2, e1, e2)
	}
	one := func(s *Service, name string) string {
		e, err := s.One(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	for _, name := range []string{"Person 2", "Country 5", "issue 9"} {
		id := one(a, name)
		for hops := 1; hops <= 2; hops++ {
			n1, e1 := a.Neighbors(ctx, id, hops, nil, 0.6, 20, 30)
			n2, e2 := b.Neighbors(ctx, id, hops, nil, 0.6, 20, 30)
			same(fmt.Sprintf("neighbors of %s, %d hops", name, hops), n1, n2, e1, e2)
		}
		s1, e1 := a.Subgraph(ctx, id, SubgraphOptions{Hops: 1})
		s2, e2 := b.Subgraph(ctx, id, SubgraphOptions{Hops: 1})
		same("subgraph of "+name, s1, s2, e1, e2)
	}
	p1, e1 := a.Path(ctx, one(a, "Person 2"), one(a, "issue 9"), 4, nil, 0)
	p2, e2 := b.Path(ctx, one(b, "Person 2"), one(b, "issue 9"), 4, nil, 0)
	same("path", p1, p2, e1, e2)
}
