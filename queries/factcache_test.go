package queries

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"kg/graph"
)

// TestFactCacheFollowsWrites checks that facts built by earlier queries are
// not served after a write changed them: a second article stating the same
// role adds a source, deleting it takes the source away again.
func TestFactCacheFollowsWrites(t *testing.T) {
	for _, index := range []bool{false, true} {
		t.Run(fmt.Sprintf("index=%v", index), func(t *testing.T) {
			ctx := context.Background()
			s, err := graph.Open("memory:", graph.Options{Index: index})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			q := New(s)
			put := func(file string) {
				t.Helper()
				text := "Ada Lind is the chief executive of Nordvik Energy."
				f := graph.Facts{Article: graph.Article{File: file, Title: file, Text: text, Hash: file}}
				f.Roles = []graph.Role{{Person: graph.Entity{Type: graph.Person, Name: "Ada Lind"}, Title: "chief executive",
					Org:      &graph.Entity{Type: graph.Organization, Name: "Nordvik Energy"},
					Evidence: []graph.Evidence{{Sentence: text, Start: 0, End: len(text), Confidence: 0.9}}}}
				f.Entities = []graph.Entity{f.Roles[0].Person, *f.Roles[0].Org}
				if _, err := s.PutArticle(ctx, f); err != nil {
					t.Fatal(err)
				}
			}
			sources := func() []string {
				t.Helper()
				l, err := q.Roles(ctx, Filter{Person: "Ada Lind"}, Page{})
				if err != nil {
					t.Fatal(err)
				}
				if len(l.Items) != 1 {
					t.Fatalf("%d roles, want 1", len(l.Items))
				}
				var out []string
				for _, a := range l.Items[0].Sources {
					out = append(out, a.File)
				}
				return out
			}
			want := func(files ...string) {
				t.Helper()
				for range 2 { // the second answer comes from the cache
					if got := sources(); fmt.Sprint(got) != fmt.Sprint(files) {
						t.Fatalf("sources %q, want %q", got, files)
					}
				}
			}
			put("a.txt")
			want("a.txt")
			put("b.txt")
			want("a.txt", "b.txt")
			if _, err := s.DeleteArticle(ctx, graph.ArticleIRI("a.txt", 0)); err != nil {
				t.Fatal(err)
			}
			want("b.txt")
		})
	}
}

// TestFactGraphBuildIsShared wants one build of the fact graph for all the
// queries that need it at once, one that goes on when the query that
// started it gives up (before, the build was cancelled with that query and
// a store too slow to build within the time limit never had one), and a
// new build once the store changes.
func TestFactGraphBuildIsShared(t *testing.T) {
	s := memStore(t)
	manyArticles(t, s, 60)
	q := New(s)
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := q.factGraph(gone); err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("a query that gave up: %v", err)
	}
	var wg sync.WaitGroup
	graphs := make([]*factGraph, 8)
	for i := range graphs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, err := q.factGraph(context.Background())
			if err != nil {
				t.Error(err)
			}
			graphs[i] = g
		}()
	}
	wg.Wait()
	for _, g := range graphs[1:] {
		if g != graphs[0] {
			t.Fatal("queries at once got different graphs")
		}
	}
	q.graphs.mu.Lock()
	builds := q.graphs.builds
	q.graphs.mu.Unlock()
	if builds != 1 {
		t.Errorf("%d builds, want 1: the build started by the query that gave up should serve the others", builds)
	}
	manyArticles(t, s, 61) // one more article: a new generation
	g, err := q.factGraph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if g == graphs[0] || g.gen != s.Generation() {
		t.Error("the graph was not built again after a write")
	}
}
