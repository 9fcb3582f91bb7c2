package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"

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
			// The same articles as one group: each is resolved against the
			// ones before it, as when put one by one.
			grouped := memStore(t)
			for i, res := range newResolver(grouped).putAll(context.Background(), tc.articles) {
				if res.Err != nil {
					t.Fatalf("article %d of the group: %v", i, res.Err)
				}
			}
			if got := rolesByPerson(t, grouped); !slices.Equal(got, tc.want) {
				t.Errorf("put as a group: roles %q, want %q", got, tc.want)
			}
		})
	}
}

// refusingStore is a memory store that refuses every write touching a
// quad labelled with the IRI of the article of file "refused", before
// writing anything.
type refusingStore struct{ cgraph.QuadStore }

var errRefused = errors.New("refused")

func (r refusingStore) ApplyDeltas(d []cgraph.Delta, o cgraph.IgnoreOpts) error {
	refused := quad.IRI(graph.Article{File: "refused"}.IRI())
	for _, x := range d {
		if x.Quad.Label == refused {
			return errRefused
		}
	}
	return r.QuadStore.ApplyDeltas(d, o)
}

func init() {
	graph.Register(graph.Backend{
		Name:  "refusing",
		Match: func(addr string) bool { return addr == "refusing:" },
		Open: func(string, graph.Options) (cgraph.QuadStore, error) {
			return refusingStore{memstore.New()}, nil
		},
	})
}

// TestResolverGroupOneFails: in a group, an article the store refuses
// fails alone; the others are stored, and the persons only it named are
// not left in the resolver's index, so a later surname does not resolve
// to them.
func TestResolverGroupOneFails(t *testing.T) {
	ctx := context.Background()
	s, err := graph.Open("refusing:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := newResolver(s)
	res := r.putAll(ctx, []graph.Facts{
		mention("a", "Ivar Lunde", "foreign minister"),
		mention("refused", "Kari Dahl", "mayor"),
		mention("c", "Lunde", "minister"),
	})
	if res[0].Err != nil || res[2].Err != nil {
		t.Fatalf("the articles the store accepts failed: %v, %v", res[0].Err, res[2].Err)
	}
	if !errors.Is(res[1].Err, errRefused) {
		t.Fatalf("the refused article: %v, want %v", res[1].Err, errRefused)
	}
	if r.people.all["kari-dahl"] {
		t.Error("a person only the refused article named stays in the resolver's index")
	}
	if _, err := r.put(ctx, mention("d", "Dahl", "councillor")); err != nil {
		t.Fatal(err)
	}
	want := []string{"Dahl: councillor", "Ivar Lunde: foreign minister", "Ivar Lunde: minister"}
	if got := rolesByPerson(t, s); !slices.Equal(got, want) {
		t.Errorf("roles %q, want %q", got, want)
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
