package queries

import (
	"context"
	"testing"

	"kg/graph"
)

// TestNodeCacheFollowsWrites checks that queries answered from the shared
// node cache see every write the store takes: a role changed by replacing
// its article, then the article deleted.
func TestNodeCacheFollowsWrites(t *testing.T) {
	ctx := context.Background()
	s, err := graph.Open("memory:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	q := New(s)
	art := graph.Article{File: "a.txt", Title: "A", Text: "Ada Lind is the chief executive of Nordvik Energy."}
	put := func(title string) {
		t.Helper()
		f := graph.Facts{Article: art}
		f.Article.Hash = title
		f.Article.Title = title // the article node keeps its IRI and changes
		f.Roles = []graph.Role{{Person: graph.Entity{Type: graph.Person, Name: "Ada Lind"}, Title: title,
			Org:      &graph.Entity{Type: graph.Organization, Name: "Nordvik Energy"},
			Evidence: []graph.Evidence{{Sentence: art.Text, Start: 0, End: len(art.Text), Confidence: 0.9}}}}
		f.Entities = []graph.Entity{f.Roles[0].Person, *f.Roles[0].Org}
		if _, err := s.PutArticle(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	titles := func() []string {
		t.Helper()
		l, err := q.Roles(ctx, Filter{Person: "Ada Lind"}, Page{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range l.Items {
			out = append(out, r.Title)
		}
		return out
	}
	put("chief executive")
	for range 2 { // the second answer comes from the cache
		if got := titles(); len(got) != 1 || got[0] != "chief executive" {
			t.Fatalf("roles = %q, want [chief executive]", got)
		}
	}
	headline := func() string {
		t.Helper()
		a, ok, err := q.Article(ctx, art.IRI())
		if err != nil || !ok {
			t.Fatalf("article: %v %v", ok, err)
		}
		return a.Title
	}
	if h := headline(); h != "chief executive" {
		t.Fatalf("headline %q", h)
	}
	put("chairman")
	if got := titles(); len(got) != 1 || got[0] != "chairman" {
		t.Fatalf("after the article changed, roles = %q, want [chairman]", got)
	}
	if h := headline(); h != "chairman" { // same node, read again after the write
		t.Fatalf("after the article changed, its headline is %q, want chairman", h)
	}
	if _, err := s.DeleteArticle(ctx, art.IRI()); err != nil {
		t.Fatal(err)
	}
	if got := titles(); len(got) != 0 {
		t.Fatalf("after the article was deleted, roles = %q, want none", got)
	}
}
