package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"

	"kg/graph/pgtest"
)

// TestIndexMirrorsStore changes an indexed store in every way kg does and
// checks, after each step, that every read the index answers equals the
// same read from Cayley, and that an index loaded afresh from Cayley holds
// the same quads as the one kept up to date.
func TestIndexMirrorsStore(t *testing.T) {
	ctx := context.Background()
	for name, addr := range map[string]func(t *testing.T) string{
		"memory":   func(*testing.T) string { return "memory:" },
		"bolt":     func(t *testing.T) string { return filepath.Join(t.TempDir(), "kg.db") },
		"postgres": func(t *testing.T) string { return pgtest.Database(t) }, // skipped without KG_TEST_POSTGRES
	} {
		t.Run(name, func(t *testing.T) {
			s := openIndexed(t, addr(t))
			steps := []struct {
				desc string
				do   func() error
			}{
				{"put articles sharing entities", func() error {
					for i := range 12 {
						if _, err := s.PutArticle(ctx, benchFacts(i)); err != nil {
							return err
						}
					}
					return nil
				}},
				{"replace an article, dropping shared nodes", func() error {
					f := benchFacts(3)
					f.Roles, f.Article.Hash = nil, "changed"
					_, err := s.PutArticle(ctx, f)
					return err
				}},
				{"delete an article", func() error {
					_, err := s.DeleteArticle(ctx, benchFacts(5).Article.IRI())
					return err
				}},
				{"import quads, some already stored, some without label", func() error {
					qs, err := s.ArticleQuads(ctx, benchFacts(7).Article.IRI())
					if err != nil {
						return err
					}
					qs = append(qs, quad.Make(quad.IRI(Base+"x"), quad.IRI(PredName), quad.String("X"), nil))
					_, err = s.AddQuads(ctx, qs)
					return err
				}},
				{"put the deleted article back", func() error {
					_, err := s.PutArticle(ctx, benchFacts(5))
					return err
				}},
			}
			for _, st := range steps {
				if err := st.do(); err != nil {
					t.Fatalf("%s: %v", st.desc, err)
				}
				compareIndex(t, ctx, s, st.desc)
			}
		})
	}
}

// compareIndex checks the index of s against the Cayley store under it.
func compareIndex(t *testing.T, ctx context.Context, s *Store, step string) {
	t.Helper()
	idx := s.idx
	indexed := func() ([]quad.Quad, map[string]Node) {
		all, err := s.AllQuads(ctx)
		if err != nil {
			t.Fatalf("%s: AllQuads: %v", step, err)
		}
		nodes := make(map[string]Node)
		for _, q := range all {
			iri := string(q.Subject.(quad.IRI))
			if _, ok := nodes[iri]; ok {
				continue
			}
			n, _, err := s.Node(ctx, iri)
			if err != nil {
				t.Fatalf("%s: Node: %v", step, err)
			}
			nodes[iri] = n
		}
		return all, nodes
	}
	gotAll, gotNodes := indexed()
	s.idx = nil // read Cayley itself
	wantAll, wantNodes := indexed()
	s.idx = idx
	if !slices.Equal(quadStrings(gotAll), quadStrings(wantAll)) {
		t.Fatalf("%s: index holds %d quads, Cayley %d, or they differ", step, len(gotAll), len(wantAll))
	}
	for iri, want := range wantNodes {
		if got := gotNodes[iri]; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: Node(%s) from the index = %v, from Cayley %v", step, iri, got, want)
		}
	}
	fresh, err := loadIndex(ctx, s.qs)
	if err != nil {
		t.Fatalf("%s: loadIndex: %v", step, err)
	}
	if !slices.Equal(quadStrings(fresh.all()), quadStrings(gotAll)) {
		t.Errorf("%s: a freshly loaded index differs from the one kept up to date", step)
	}
	if idx.live != len(wantAll) {
		t.Errorf("%s: index counts %d live quads, Cayley has %d", step, idx.live, len(wantAll))
	}
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.idx = nil
	want, err := s.Stats(ctx)
	s.idx = idx
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("%s: Stats from the index = %+v, from Cayley %+v", step, got, want)
	}
}

func quadStrings(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.String()
	}
	sort.Strings(out)
	return out
}

func TestValueLessMatchesFormattedOrder(t *testing.T) {
	vals := []any{"b", "a", IRI("z"), IRI("a"), int64(10), int64(9), 0.5, 2.25, true, false, "10"}
	for _, a := range vals {
		for _, b := range vals {
			if got, want := valueLess(a, b), valueKey(a) < valueKey(b); got != want {
				t.Errorf("valueLess(%#v, %#v) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// TestIDSetFreeClears wants a set made after another was freed to hold
// exactly its own ids, whatever sizes the two had.
func TestIDSetFreeClears(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		ids := make([]uint32, r.IntN(50))
		for i := range ids {
			ids[i] = uint32(r.IntN(1 + r.IntN(100000)))
		}
		s := newIDSet(ids)
		in := make(map[uint32]bool)
		for _, id := range ids {
			in[id] = id != 0
		}
		for id := uint32(0); id < 100064; id++ {
			if s.has(id) != in[id] {
				t.Fatalf("trial %d: has(%d) = %v, want %v", trial, id, s.has(id), in[id])
			}
		}
		s.free(ids)
	}
}
