package queries

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"kg/bench"
	"kg/graph"
	"kg/ingest"
)

// pairStores returns the stores the pair walk is compared on: the example
// articles, the generated articles of pairArticles and a synthetic corpus of
// kgbench's generator.
func pairStores(t *testing.T) map[string]*graph.Store {
	t.Helper()
	ctx := context.Background()
	ex := memStore(t)
	if sum, err := ingest.New(ex, ingest.Options{}).Run(ctx, []string{"../examples/articles"}); err != nil || sum.Added == 0 {
		t.Fatalf("ingest examples: %v, %+v", err, sum)
	}
	dir := t.TempDir()
	if err := bench.New(bench.Options{Seed: 7}).Write(dir, 200); err != nil {
		t.Fatal(err)
	}
	syn := memStore(t)
	if sum, err := ingest.New(syn, ingest.Options{}).Run(ctx, []string{dir}); err != nil || sum.Added == 0 {
		t.Fatalf("ingest synthetic articles: %v, %+v", err, sum)
	}
	return map[string]*graph.Store{"examples": ex, "generated": pairArticles(t), "synthetic": syn}
}

// pairArticles returns a store of the articles of manyArticles and more
// whose facts repeat between few nodes, with confidences below and above
// the default, and facts with one end.
func pairArticles(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	gen := memStore(t)
	manyArticles(t, gen, 120)
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 240 {
		// Few people, countries and issues, so that pairs of nodes have
		// several facts, as hubs have at scale.
		person := graph.Entity{Type: graph.Person, Name: fmt.Sprintf("Person %d", i%4)}
		country := graph.Entity{Type: graph.Place, Name: fmt.Sprintf("Country %d", i%3)}
		issue := graph.Entity{Type: graph.Issue, Name: fmt.Sprintf("issue %d", i%5)}
		// Confidences on both sides of the default, some repeated.
		conf := []float64{0.3, 0.45, 0.45, 0.5, 0.55, 0.95, 0.6}[i%60%7]
		ev := []graph.Evidence{{Sentence: fmt.Sprintf("Low %d.", i), End: 7, Confidence: conf}}
		f := graph.Facts{
			Article: graph.Article{File: fmt.Sprintf("low/%03d.txt", i), Title: fmt.Sprintf("Low %d", i),
				Date: day.AddDate(0, 0, i), Text: "generated text", Hash: fmt.Sprint("low", i)},
			Roles: []graph.Role{{Person: person, Title: []string{"minister", "adviser", "envoy", "mayor", "judge"}[i%5], Org: &country, Evidence: ev}},
			Positions: []graph.Position{{Party: person, Stance: graph.Stances[i/3%5], Issue: issue,
				Quote: fmt.Sprintf("low quote %d", i), Evidence: ev}},
		}
		if i%3 == 0 { // a role with no organization: a fact with one end
			f.Roles = append(f.Roles, graph.Role{Person: person, Title: "poet", Evidence: ev})
		}
		if i%4 == 1 { // a role at the issue of a position: two kinds between two nodes
			strong := []graph.Evidence{{Sentence: fmt.Sprintf("Strong %d.", i), End: 10, Confidence: 0.99}}
			f.Roles = append(f.Roles, graph.Role{Person: person, Title: "campaigner", Org: &issue, Evidence: append(strong, ev...)})
		}
		if _, err := gen.PutArticle(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	// Two hubs joined by many facts: a person with roles at many
	// organizations, the first of which has positions on many issues, so
	// that Neighbors looks pairs up among their hundreds rather than
	// reading them.
	hub := graph.Entity{Type: graph.Person, Name: "Hub Person"}
	for i := range 400 {
		org := graph.Entity{Type: graph.Organization, Name: fmt.Sprintf("Org %d", i%160)}
		if i%40 == 0 {
			org.Name = "Org 0"
		}
		ev := []graph.Evidence{{Sentence: fmt.Sprintf("Hub %d.", i), End: 7, Confidence: []float64{0.4, 0.6, 0.8}[i%3]}}
		f := graph.Facts{
			Article: graph.Article{File: fmt.Sprintf("hub/%03d.txt", i), Title: fmt.Sprintf("Hub %d", i),
				Date: day.AddDate(0, 0, i), Text: "generated text", Hash: fmt.Sprint("hub", i)},
			Roles: []graph.Role{{Person: hub, Title: []string{"director", "adviser", "founder"}[i%3], Org: &org, Evidence: ev}},
			Positions: []graph.Position{{Party: org, Stance: graph.Stances[i%5], Issue: graph.Entity{Type: graph.Issue, Name: fmt.Sprintf("issue %d", i%9)},
				Quote: fmt.Sprintf("hub quote %d", i), Evidence: ev}, {Party: graph.Entity{Type: graph.Organization, Name: "Org 0"},
				Stance: graph.Stances[i%3], Issue: graph.Entity{Type: graph.Issue, Name: fmt.Sprintf("hub issue %d", i%250)},
				Quote: fmt.Sprintf("org quote %d", i), Evidence: ev}},
		}
		if i%40 == 0 {
			f.Roles[0].Title = fmt.Sprintf("title %d", i)
		}
		if _, err := gen.PutArticle(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	// A pair whose strongest fact is of another kind than its others: a
	// walk through positions alone must rank it by its positions.
	mixer := graph.Entity{Type: graph.Person, Name: "Mixer"}
	party := graph.Entity{Type: graph.Organization, Name: "Mixer Party"}
	issueA := graph.Entity{Type: graph.Issue, Name: "issue A"}
	issueB := graph.Entity{Type: graph.Issue, Name: "issue B"}
	for i := range 6 {
		ev := []graph.Evidence{{Sentence: fmt.Sprintf("Mix %d.", i), End: 6, Confidence: 0.9}}
		f := graph.Facts{
			Article: graph.Article{File: fmt.Sprintf("mix/%d.txt", i), Title: fmt.Sprintf("Mix %d", i),
				Date: day.AddDate(0, 0, i), Text: "generated text", Hash: fmt.Sprint("mix", i)},
			Roles: []graph.Role{{Person: mixer, Title: "campaigner", Org: &issueA, Evidence: ev}},
			Positions: []graph.Position{{Party: party, Stance: graph.Stances[0], Issue: issueA, Evidence: ev},
				{Party: party, Stance: graph.Stances[0], Issue: issueB, Evidence: ev}},
		}
		if i < 3 {
			f.Positions = append(f.Positions, graph.Position{Party: mixer, Stance: graph.Stances[1], Issue: issueB, Evidence: ev})
		}
		if i == 0 {
			f.Positions = append(f.Positions, graph.Position{Party: mixer, Stance: graph.Stances[1], Issue: issueA, Evidence: ev})
		}
		if _, err := gen.PutArticle(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	// A node joined to one of three others by many facts: a layer whose
	// ties are large for its size.
	solo := graph.Entity{Type: graph.Person, Name: "Solo"}
	for i := range 11 {
		org := graph.Entity{Type: graph.Organization, Name: []string{"Solo Org A", "Solo Org B", "Solo Org C"}[max(0, i-8)]}
		ev := []graph.Evidence{{Sentence: fmt.Sprintf("Solo %d.", i), End: 7, Confidence: 0.9}}
		f := graph.Facts{
			Article: graph.Article{File: fmt.Sprintf("solo/%d.txt", i), Title: fmt.Sprintf("Solo %d", i),
				Date: day.AddDate(0, 0, i), Text: "generated text", Hash: fmt.Sprint("solo", i)},
			Roles: []graph.Role{{Person: solo, Title: fmt.Sprintf("title %d", i), Org: &org, Evidence: ev}},
		}
		if _, err := gen.PutArticle(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	return gen
}

// graphNodes returns a Service of s, its fact graph, and the IRIs of the
// graph's nodes after one of no node.
func graphNodes(t *testing.T, s *graph.Store) (*Service, *factGraph, []string) {
	t.Helper()
	q := New(s)
	g, err := q.factGraph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"https://kg.localhost/id/nobody"}
	for _, n := range g.nodes {
		ids = append(ids, n.ID)
	}
	return q, g, ids
}

// TestNeighborsMatchesFactWalk compares Neighbors, which walks pairs of
// nodes, with neighborsRef, the walk fact by fact it replaced, from every
// node of each store with random options, and wants the same answers.
func TestNeighborsMatchesFactWalk(t *testing.T) {
	ctx := context.Background()
	kindSets := [][]string{nil, {KindRole}, {KindPosition}, {KindEvent}, {KindRole, KindEvent},
		{KindPosition, KindRole}, {"unknown"}, {KindEvent, KindPosition, KindRole}}
	confs := []float64{DefaultMinConfidence, DefaultMinConfidence, 0, 0.3, 0.4, 0.45, 0.47, 0.5, 0.55, 0.6,
		0.7, 0.9, 1, math.Inf(1), math.Inf(-1), math.NaN()}
	bounds := []int{0, 0, 1, 2, 3, 5, 10, 40, DefaultNeighborNodes, DefaultNeighborEdges}
	// How often the answers took each way, so that the test fails when it
	// stops testing one.
	var counted, scanned, cutEdges, cutNodes int
	stores := pairStores(t)
	for name, s := range stores {
		t.Run(name, func(t *testing.T) {
			q, g, ids := graphNodes(t, s)
			t.Logf("%d nodes, %d links with two ends in %d pairs (%d bytes)", len(g.nodes), len(g.pairs.links), len(g.pairs.other)/2, g.pairs.bytes())
			r := rand.New(rand.NewPCG(1, uint64(len(g.nodes))))
			for _, id := range ids {
				for try := range 4 {
					hops := 1 + try%MaxNeighborHops
					kinds := kindSets[r.IntN(len(kindSets))]
					minConf := confs[r.IntN(len(confs))]
					maxNodes, maxEdges := bounds[r.IntN(len(bounds))], bounds[r.IntN(len(bounds))]
					if try == 0 { // the server's query
						hops, kinds, minConf, maxNodes, maxEdges = 2, nil, DefaultMinConfidence, DefaultNeighborNodes, DefaultNeighborEdges
					}
					got, err := q.Neighbors(ctx, id, hops, kinds, minConf, maxNodes, maxEdges)
					if err != nil {
						t.Fatal(err)
					}
					want, err := q.neighborsRef(ctx, id, hops, kinds, minConf, maxNodes, maxEdges)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("Neighbors(%s, hops %d, kinds %v, minConf %v, maxNodes %d, maxEdges %d):\n got %d nodes of %d, %d edges of %d: %v\nwant %d nodes of %d, %d edges of %d: %v",
							id, hops, kinds, minConf, maxNodes, maxEdges,
							len(got.Nodes), got.TotalNodes, len(got.Edges), got.TotalEdges, got.Edges,
							len(want.Nodes), want.TotalNodes, len(want.Edges), want.TotalEdges, want.Edges)
					}
					if g.pairs.countsHold(minConf) {
						counted++
					} else {
						scanned++
					}
					if len(want.Edges) < want.TotalEdges && len(want.Edges) > 0 {
						cutEdges++
					}
					if len(want.Nodes) < want.TotalNodes {
						cutNodes++
					}
				}
			}
		})
	}
	// Every bound on the edges, around hubs, where one edge more or less
	// changes which are taken.
	q := New(stores["generated"])
	for _, name := range []string{"Hub Person", "Org 0", "Person 1", "issue 1", "Country 2", "Mixer Party", "Mixer", "Solo"} {
		e, err := q.One(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, kinds := range kindSets {
			for _, minConf := range []float64{DefaultMinConfidence, 0, 0.6} {
				for hops := 1; hops <= 2; hops++ {
					for _, maxNodes := range []int{0, 3, 10} {
						for _, maxEdges := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25} {
							got, err := q.Neighbors(ctx, e.ID, hops, kinds, minConf, maxNodes, maxEdges)
							if err != nil {
								t.Fatal(err)
							}
							want, err := q.neighborsRef(ctx, e.ID, hops, kinds, minConf, maxNodes, maxEdges)
							if err != nil {
								t.Fatal(err)
							}
							if !reflect.DeepEqual(got, want) {
								t.Fatalf("Neighbors(%s, hops %d, kinds %v, minConf %v, maxNodes %d, maxEdges %d):\n got %v\nwant %v",
									name, hops, kinds, minConf, maxNodes, maxEdges, got.Edges, want.Edges)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d answers with counts, %d scanning links, %d with edges left out, %d with nodes left out",
		counted, scanned, cutEdges, cutNodes)
	if counted < 100 || scanned < 100 || cutEdges < 100 || cutNodes < 100 {
		t.Fatalf("the options did not cover every way through Neighbors")
	}
}

// TestPairCountsHold checks countsHold against the confidences of the
// links: the counts serve a threshold exactly when no link's confidence
// lies between it and the default.
func TestPairCountsHold(t *testing.T) {
	ctx := context.Background()
	g, err := New(pairArticles(t)).factGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []float64{0, 0.3, 0.31, 0.45, 0.46, 0.5, 0.51, 0.55, 0.56, 0.6, 2, math.Inf(1), math.Inf(-1), math.NaN()} {
		want := !math.IsNaN(c)
		for _, l := range g.pairs.links {
			if (l.conf >= c) != (l.conf >= pairConf) {
				want = false
			}
		}
		if got := g.pairs.countsHold(c); got != want {
			t.Errorf("countsHold(%v) = %v, want %v", c, got, want)
		}
	}
}

// TestPathMatchesReference compares Path, which goes round hubs, with
// pathRef, the search it replaced, between random pairs of nodes of each
// store and between hubs, with random options, and wants the same paths in
// the same order.
func TestPathMatchesReference(t *testing.T) {
	ctx := context.Background()
	kindSets := [][]string{nil, nil, {KindRole}, {KindPosition}, {KindEvent}, {KindRole, KindPosition}, {"unknown"}}
	confs := []float64{DefaultMinConfidence, 0, 0, 0.5, 0.6, 0.9, math.NaN()}
	lengths := map[int]int{} // answers by the length of their paths (0: none)
	full := 0                // answers of MaxPaths paths
	check := func(t *testing.T, q *Service, from, to string, hops int, kinds []string, minConf float64) {
		t.Helper()
		got, err := q.Path(ctx, from, to, hops, kinds, minConf)
		if err != nil {
			t.Fatal(err)
		}
		want, err := q.pathRef(ctx, from, to, hops, kinds, minConf)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Path(%s, %s, hops %d, kinds %v, minConf %v): got %d paths, want %d:\n got %v\nwant %v",
				from, to, hops, kinds, minConf, len(got), len(want), got, want)
		}
		if len(want) > 0 {
			lengths[len(want[0].Edges)]++
		} else {
			lengths[0]++
		}
		if len(want) == MaxPaths {
			full++
		}
	}
	stores := pairStores(t)
	for name, s := range stores {
		t.Run(name, func(t *testing.T) {
			q, _, ids := graphNodes(t, s)
			r := rand.New(rand.NewPCG(2, uint64(len(ids))))
			for try := range 3000 {
				from, to := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
				hops, kinds, minConf := 1+r.IntN(MaxPathHops), kindSets[r.IntN(len(kindSets))], confs[r.IntN(len(confs))]
				if try%2 == 0 { // the server's query
					hops, kinds, minConf = MaxPathHops, nil, DefaultMinConfidence
				}
				check(t, q, from, to, hops, kinds, minConf)
			}
		})
	}
	// Between hubs and the nodes around them, where a step reads the
	// links of the next place's nodes rather than the hub's.
	q := New(stores["generated"])
	names := []string{"Hub Person", "Org 0", "Org 7", "Person 1", "Person 2", "issue 1", "hub issue 3", "Country 2", "Mixer", "Solo"}
	for _, a := range names {
		for _, b := range names {
			ea, err := q.One(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			eb, err := q.One(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			for hops := 1; hops <= MaxPathHops; hops++ {
				for _, kinds := range kindSets {
					check(t, q, ea.ID, eb.ID, hops, kinds, 0)
				}
			}
		}
	}
	t.Logf("answers by path length: %v; %d of %d paths", lengths, full, MaxPaths)
	for n := range MaxPathHops + 1 {
		if lengths[n] < 20 {
			t.Errorf("only %d answers with paths of length %d: the pairs do not cover Path", lengths[n], n)
		}
	}
	if full < 20 {
		t.Errorf("only %d answers reach MaxPaths", full)
	}
}
