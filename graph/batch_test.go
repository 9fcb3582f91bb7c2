package graph

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
)

// batchFacts is a group to write at once: new articles, one replacing an
// article stored before with fewer facts, one unchanged, and one given
// twice (the second wins).
func batchFacts() (before []Facts, batch []Facts) {
	old := manyFacts(1)
	smaller := manyFacts(1)
	smaller.Roles, smaller.Article.Hash = smaller.Roles[:1], "h1-smaller"
	twiceA, twiceB := manyFacts(4), manyFacts(4)
	twiceB.Positions, twiceB.Article.Hash = nil, "h4-second"
	return []Facts{old, manyFacts(2)},
		[]Facts{manyFacts(3), smaller, manyFacts(2), twiceA, manyFacts(5), twiceB}
}

// TestPutArticlesMatchesOneByOne writes a group with PutArticles and the
// same articles with PutArticle one by one, on every backend, and wants the
// same changes and the same quads.
func TestPutArticlesMatchesOneByOne(t *testing.T) {
	ctx := context.Background()
	for name, open := range backendsUnderTest(t) {
		t.Run(name, func(t *testing.T) {
			before, batch := batchFacts()
			grouped, single := open(t), open(t)
			for _, f := range before {
				mustPut(t, grouped, f)
				mustPut(t, single, f)
			}
			var want []Change
			for _, f := range batch {
				c, err := single.PutArticle(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, c)
			}
			var got []Change
			for i, r := range grouped.PutArticles(ctx, batch) {
				if r.Err != nil {
					t.Fatalf("article %d: %v", i, r.Err)
				}
				got = append(got, r.Change)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("PutArticles changes = %v, one by one %v", got, want)
			}
			if g, w := allQuads(t, grouped), allQuads(t, single); !reflect.DeepEqual(g, w) {
				t.Errorf("PutArticles stored %d quads, one by one %d", len(g), len(w))
			}
			if g, w := stats(t, grouped), stats(t, single); g != w {
				t.Errorf("PutArticles: %+v, one by one: %+v", g, w)
			}
		})
	}
}

// failingStore fails every transaction that touches a quad labelled with
// one article's IRI, before writing anything, as a backend refusing that
// article would; only deletions when onlyDeletes is set.
type failingStore struct {
	cgraph.QuadStore
	article     quad.Value
	onlyDeletes bool
	calls       int
}

var errRefused = errors.New("refused")

func (f *failingStore) ApplyDeltas(d []cgraph.Delta, o cgraph.IgnoreOpts) error {
	f.calls++
	for _, x := range d {
		if x.Quad.Label == f.article && (!f.onlyDeletes || x.Action == cgraph.Delete) {
			return errRefused
		}
	}
	return f.QuadStore.ApplyDeltas(d, o)
}

// TestPutArticlesOneFails: an article whose write fails, in a group, fails
// alone; the others are stored once each, as if it had not been given.
func TestPutArticlesOneFails(t *testing.T) {
	ctx := context.Background()
	stores := map[string]func(t *testing.T) *Store{
		"memory": func(t *testing.T) *Store {
			return &Store{addr: "test", backend: "memory", qs: memstore.New()}
		},
		"bolt": func(t *testing.T) *Store { return openT(t, filepath.Join(t.TempDir(), "kg.db")) },
	}
	for name, open := range stores {
		for _, onlyDeletes := range []bool{false, true} {
			desc := name + "/additions"
			if onlyDeletes {
				desc = name + "/deletions"
			}
			t.Run(desc, func(t *testing.T) {
				bad := manyFacts(7)
				s, ref := open(t), open(t)
				// A replaced article, so that the group also deletes.
				mustPut(t, s, manyFacts(1))
				mustPut(t, ref, manyFacts(1))
				if onlyDeletes {
					mustPut(t, s, bad)
					mustPut(t, ref, bad)
				}
				smaller := manyFacts(1)
				smaller.Roles, smaller.Article.Hash = smaller.Roles[:1], "h1-smaller"
				badNew := bad
				badNew.Roles, badNew.Article.Hash = nil, "h7-new"
				fs := &failingStore{QuadStore: s.qs, article: quad.IRI(bad.Article.IRI()), onlyDeletes: onlyDeletes}
				s.qs = fs
				batch := []Facts{manyFacts(2), smaller, badNew, manyFacts(3)}
				res := s.PutArticles(ctx, batch)
				for i, r := range res {
					if i == 2 {
						if !errors.Is(r.Err, errRefused) || !Is(Storage, r.Err) {
							t.Errorf("the refused article: %v, want a storage error wrapping %v", r.Err, errRefused)
						}
						continue
					}
					if r.Err != nil {
						t.Errorf("article %d (%s): %v", i, batch[i].Article.File, r.Err)
					}
				}
				if res[0].Change != Added || res[1].Change != Replaced || res[3].Change != Added {
					t.Errorf("changes = %v, %v, %v; want added, replaced, added", res[0].Change, res[1].Change, res[3].Change)
				}
				for _, i := range []int{0, 1, 3} {
					mustPut(t, ref, batch[i])
				}
				if onlyDeletes {
					// The refused article's additions went in before its
					// deletions failed: old and new quads side by side, as
					// after a crash between PutArticle's two transactions.
					s.qs = fs.QuadStore
					got, err := s.ArticleQuads(ctx, bad.Article.IRI())
					if err != nil {
						t.Fatal(err)
					}
					if len(got) <= len(badNew.Quads()) {
						t.Errorf("refused replacement holds %d quads, want its old and new ones", len(got))
					}
					// Writing it again, without the failure, cleans it up.
					mustPut(t, s, badNew)
					mustPut(t, ref, badNew)
				}
				s.qs = fs.QuadStore
				if g, w := allQuads(t, s), allQuads(t, ref); !reflect.DeepEqual(g, w) {
					t.Errorf("store holds %d quads, want %d (the others once each, nothing of the refused one)", len(g), len(w))
				}
			})
		}
	}
}

// TestAfterFailedWrite: a bolt store given a fresh Cayley store after a
// failed write reads and writes the same, and can still release its
// memory.
func TestAfterFailedWrite(t *testing.T) {
	s := openT(t, filepath.Join(t.TempDir(), "kg.db"))
	ref := openT(t, "memory:")
	mustPut(t, s, manyFacts(1))
	mustPut(t, ref, manyFacts(1))
	old := s.qs
	s.mu.Lock()
	s.afterFailedWrite()
	s.mu.Unlock()
	if s.qs == old {
		t.Fatal("bolt store kept its Cayley store after a failed write")
	}
	if boltOf(s.qs) == nil || boltOf(s.qs) != boltOf(old) {
		t.Fatal("the fresh Cayley store is not registered with the same bolt file")
	}
	mustPut(t, s, manyFacts(2))
	mustPut(t, ref, manyFacts(2))
	if g, w := allQuads(t, s), allQuads(t, ref); !reflect.DeepEqual(g, w) {
		t.Errorf("store holds %d quads, want %d", len(g), len(w))
	}
	if err := s.ReleaseMemory(); err != nil {
		t.Error(err)
	}
}
