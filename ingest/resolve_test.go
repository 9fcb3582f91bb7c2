package ingest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"kg/graph"
)

// mention builds an article stating that name holds title.
func mention(file, name, title string) graph.Facts {
	p := graph.Entity{Type: graph.Person, Name: name}
	return graph.Facts{
		Article:  graph.Article{File: file, Text: name + " spoke.", Hash: file},
		Entities: []graph.Entity{p},
		Roles:    []graph.Role{{Person: p, Title: title, Evidence: []graph.Evidence{{Sentence: name + " spoke.", End: 10, Confidence: 0.9}}}},
	}
}

// rolesByPerson lists "person: title" of every stored role, sorted.
func rolesByPerson(t *testing.T, s *graph.Store) []string {
	t.Helper()
	ctx := context.Background()
	ids, err := s.OfClass(ctx, graph.ClassRole)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, id := range ids {
		n, _, _ := s.Node(ctx, id)
		p, _, _ := s.Node(ctx, n.Link(graph.PredPerson))
		out = append(out, fmt.Sprintf("%s: %s", p.Str(graph.PredName), n.Str(graph.PredRoleName)))
	}
	slices.Sort(out)
	return out
}

func TestResolverAcrossArticles(t *testing.T) {
	for _, tc := range []struct {
		desc     string
		articles []graph.Facts
		want     []string
	}{
		{
			desc:     "surname after the full name",
			articles: []graph.Facts{mention("a", "Ivar Lunde", "foreign minister"), mention("b", "Lunde", "minister")},
			want:     []string{"Ivar Lunde: foreign minister", "Ivar Lunde: minister"},
		},
		{
			desc:     "surname before the full name is rewritten",
			articles: []graph.Facts{mention("b", "Lunde", "minister"), mention("a", "Ivar Lunde", "foreign minister")},
			want:     []string{"Ivar Lunde: foreign minister", "Ivar Lunde: minister"},
		},
		{
			desc: "a surname two people share stays apart",
			articles: []graph.Facts{mention("a", "Ivar Lunde", "foreign minister"), mention("c", "Kari Lunde", "mayor"),
				mention("b", "Lunde", "minister")},
			want: []string{"Ivar Lunde: foreign minister", "Kari Lunde: mayor", "Lunde: minister"},
		},
		{
			desc:     "middle names: the longest form names the person",
			articles: []graph.Facts{mention("a", "Joseph Carter", "senator"), mention("b", "Joseph R. Carter", "vice president")},
			want:     []string{"Joseph R. Carter: senator", "Joseph R. Carter: vice president"},
		},
		{
			desc:     "different first names are different people",
			articles: []graph.Facts{mention("a", "Anna Keller", "minister"), mention("b", "Tom Keller", "mayor")},
			want:     []string{"Anna Keller: minister", "Tom Keller: mayor"},
		},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			s := memStore(t)
			r := newResolver(s)
			for _, f := range tc.articles {
				if _, err := r.put(context.Background(), f); err != nil {
					t.Fatal(err)
				}
			}
			if got := rolesByPerson(t, s); !slices.Equal(got, tc.want) {
				t.Errorf("roles %q, want %q", got, tc.want)
			}
		})
	}
}

func TestResolverKeepsAliases(t *testing.T) {
	s := memStore(t)
	r := newResolver(s)
	for _, f := range []graph.Facts{mention("b", "Lunde", "minister"), mention("a", "Ivar Lunde", "foreign minister")} {
		if _, err := r.put(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	n, ok, _ := s.Node(context.Background(), graph.EntityIRI(graph.Person, "Ivar Lunde"))
	if !ok || !slices.Contains(n.Strs(graph.PredAlternateName), "Lunde") {
		t.Errorf("Ivar Lunde's aliases %v, want Lunde among them", n.Strs(graph.PredAlternateName))
	}
	if _, ok, _ := s.Node(context.Background(), graph.EntityIRI(graph.Person, "Lunde")); ok {
		t.Error("a node for the bare surname is left behind")
	}
}
