package queries

import (
	"context"
	"fmt"
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
