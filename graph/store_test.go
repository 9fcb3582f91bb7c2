package graph

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"kg/graph/pgtest"
)

// backendsUnderTest lists a fresh store of every backend the suite runs on.
func backendsUnderTest(t *testing.T) map[string]func(t *testing.T) *Store {
	return map[string]func(t *testing.T) *Store{
		"memory": func(t *testing.T) *Store { return openT(t, "memory:") },
		"bolt":   func(t *testing.T) *Store { return openT(t, filepath.Join(t.TempDir(), "kg.db")) },
		// The same stores read through the in-memory index (Options.Index).
		"memory+index":   func(t *testing.T) *Store { return openIndexed(t, "memory:") },
		"bolt+index":     func(t *testing.T) *Store { return openIndexed(t, filepath.Join(t.TempDir(), "kg.db")) },
		"postgres+index": func(t *testing.T) *Store { return openIndexed(t, pgtest.Database(t)) },
		// A fresh database each (skipped without KG_TEST_POSTGRES).
		"postgres": func(t *testing.T) *Store { return openT(t, pgtest.Database(t)) },
	}
}

func openT(t *testing.T, addr string) *Store {
	t.Helper()
	s, err := Open(addr, Options{})
	if err != nil {
		t.Fatalf("Open(%q): %v", addr, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openIndexed(t *testing.T, addr string) *Store {
	t.Helper()
	s, err := Open(addr, Options{Index: true})
	if err != nil {
		t.Fatalf("Open(%q, Index): %v", addr, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func sampleFacts(file, title string) Facts {
	us := Entity{Type: Place, Name: "United States", Aliases: []string{"US"}}
	rubio := Entity{Type: Person, Name: "Ada Quill", Aliases: []string{"Quill"}}
	ev := []Evidence{{Sentence: "Foreign Secretary Ada Quill spoke.", Start: 0, End: 34, Confidence: 0.9}}
	return Facts{
		Article: Article{File: file, Title: title, Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
			Text: "Foreign Secretary Ada Quill spoke.", Hash: "h1"},
		Entities: []Entity{us, rubio},
		Roles:    []Role{{Person: rubio, Title: "Foreign Secretary", Org: &us, Evidence: ev}},
		Positions: []Position{{Party: rubio, Stance: Demands,
			Issue: Entity{Type: Issue, Name: "a ceasefire"}, Evidence: ev}},
		Events: []Event{{Name: "summit", Date: Date{Value: "2026-03-01", Granularity: Day},
			Place: &Entity{Type: Place, Name: "Oslo"}, Evidence: ev}},
		Extractor: "test",
	}
}

// TestStoreConformance runs the same behaviour checks on every backend.
func TestStoreConformance(t *testing.T) {
	ctx := context.Background()
	for name, open := range backendsUnderTest(t) {
		t.Run(name, func(t *testing.T) {
			t.Run("put is idempotent", func(t *testing.T) {
				s := open(t)
				f := sampleFacts("a.txt", "A")
				if c, err := s.PutArticle(ctx, f); err != nil || c != Added {
					t.Fatalf("first put = %v, %v; want added", c, err)
				}
				before := stats(t, s)
				if c, err := s.PutArticle(ctx, f); err != nil || c != Unchanged {
					t.Fatalf("second put = %v, %v; want unchanged", c, err)
				}
				if after := stats(t, s); after != before {
					t.Errorf("second put changed the store: %+v -> %+v", before, after)
				}
			})
			t.Run("replace removes stale facts only of that article", func(t *testing.T) {
				s := open(t)
				a, b := sampleFacts("a.txt", "A"), sampleFacts("b.txt", "B")
				mustPut(t, s, a)
				mustPut(t, s, b)
				a2 := a
				a2.Roles = nil
				a2.Article.Hash = "h2"
				if c, err := s.PutArticle(ctx, a2); err != nil || c != Replaced {
					t.Fatalf("replace = %v, %v; want replaced", c, err)
				}
				role := a.Roles[0].IRI()
				n, ok, err := s.Node(ctx, role)
				if err != nil || !ok {
					t.Fatalf("role node gone although b.txt states it: ok=%v err=%v", ok, err)
				}
				if len(n.Labels) != 1 || n.Labels[0] != b.Article.IRI() {
					t.Errorf("role labels = %v, want only b.txt's article", n.Labels)
				}
				art, _, _ := s.Node(ctx, a.Article.IRI())
				if got := art.Str(PredContentHash); got != "h2" {
					t.Errorf("content hash = %q, want h2 (no stale value)", got)
				}
				if hs := art.Strs(PredContentHash); len(hs) != 1 {
					t.Errorf("content hashes = %v, want one", hs)
				}
			})
			t.Run("delete removes one article's contribution", func(t *testing.T) {
				s := open(t)
				a, b := sampleFacts("a.txt", "A"), sampleFacts("b.txt", "B")
				mustPut(t, s, a)
				only := stats(t, s)
				mustPut(t, s, b)
				if ok, err := s.DeleteArticle(ctx, b.Article.IRI()); err != nil || !ok {
					t.Fatalf("delete = %v, %v", ok, err)
				}
				if got := stats(t, s); got.Quads != only.Quads {
					t.Errorf("after delete: %d quads, want %d", got.Quads, only.Quads)
				}
				if _, ok, _ := s.Node(ctx, b.Article.IRI()); ok {
					t.Error("deleted article still readable")
				}
				if ok, err := s.DeleteArticle(ctx, b.Article.IRI()); err != nil || ok {
					t.Errorf("second delete = %v, %v; want false, nil", ok, err)
				}
			})
			t.Run("reads merge articles", func(t *testing.T) {
				s := open(t)
				mustPut(t, s, sampleFacts("a.txt", "A"))
				mustPut(t, s, sampleFacts("b.txt", "B"))
				roles, err := s.OfClass(ctx, ClassRole)
				if err != nil || len(roles) != 1 {
					t.Fatalf("roles = %v, %v; want one node stated by two articles", roles, err)
				}
				n, _, _ := s.Node(ctx, roles[0])
				if len(n.Links(PredEvidence)) != 2 {
					t.Errorf("evidence = %v, want two", n.Links(PredEvidence))
				}
				if n.Str(PredRoleName) != "Foreign Secretary" || n.Link(PredPerson) != EntityIRI(Person, "Ada Quill") {
					t.Errorf("role node = %+v", n.Props)
				}
				p, _, _ := s.Node(ctx, EntityIRI(Person, "Ada Quill"))
				if p.Str(PredName) != "Ada Quill" || len(p.Strs(PredAlternateName)) != 1 {
					t.Errorf("person = %+v", p.Props)
				}
			})
		})
	}
}

func TestBoltBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	s := openT(t, path)
	_ = s
	_, err := Open(path, Options{LockTimeout: 200 * time.Millisecond})
	if !Is(Busy, err) {
		t.Fatalf("second open: %v, want a Busy error", err)
	}
}

func TestOpenBadAddress(t *testing.T) {
	for _, tc := range []struct {
		desc, addr string
		kind       Kind
	}{
		{"missing folder", filepath.Join(t.TempDir(), "no", "such", "kg.db"), NotFound},
		{"a directory", t.TempDir(), Invalid},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			_, err := Open(tc.addr, Options{})
			if !Is(tc.kind, err) {
				t.Errorf("Open(%q) = %v, want kind %v", tc.addr, err, tc.kind)
			}
		})
	}
}

func mustPut(t *testing.T, s *Store, f Facts) {
	t.Helper()
	if _, err := s.PutArticle(context.Background(), f); err != nil {
		t.Fatal(err)
	}
}

func stats(t *testing.T, s *Store) Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestReplaceSharedNodes pins the case that a single mixed Cayley batch gets
// wrong on bolt: a replacement that deletes quads sharing nodes (the
// predicate, the label) with the quads it adds.
func TestReplaceSharedNodes(t *testing.T) {
	ctx := context.Background()
	for name, open := range backendsUnderTest(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			a := sampleFacts("a.txt", "A")
			mustPut(t, s, a)
			a.Roles, a.Positions = nil, nil
			a.Article.Hash = "h2"
			mustPut(t, s, a)
			got, err := s.ArticleQuads(ctx, a.Article.IRI())
			if err != nil {
				t.Fatal(err)
			}
			want := a.Quads()
			if len(got) != len(want) {
				t.Fatalf("article holds %d quads, want %d", len(got), len(want))
			}
			n, _, _ := s.Node(ctx, a.Article.IRI())
			if n.Str(PredContentHash) != "h2" {
				t.Errorf("content hash = %q, want h2", n.Str(PredContentHash))
			}
		})
	}
}
