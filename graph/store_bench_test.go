package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"kg/graph/pgtest"
)

// benchFacts is article i of a synthetic archive: one person of 50, one
// organization of 20, so persons and organizations are shared by articles.
func benchFacts(i int) Facts {
	f := sampleFacts(fmt.Sprintf("bench/%05d.txt", i), fmt.Sprintf("Bench %d", i))
	p := Entity{Type: Person, Name: fmt.Sprintf("Person Number%d", i%50)}
	o := Entity{Type: Organization, Name: fmt.Sprintf("Organization %d", i%20)}
	f.Entities = append(f.Entities, p, o)
	f.Roles = append(f.Roles, Role{Person: p, Title: fmt.Sprintf("director %d", i%7), Org: &o, Evidence: f.Roles[0].Evidence})
	f.Article.Hash = fmt.Sprint(i)
	return f
}

func benchStores() map[string]func(b *testing.B) *Store {
	return map[string]func(b *testing.B) *Store{
		"bolt": func(b *testing.B) *Store { return openB(b, filepath.Join(b.TempDir(), "kg.db")) },
		"postgres": func(b *testing.B) *Store {
			return openB(b, pgtest.Database(b))
		},
	}
}

func openB(b *testing.B, addr string) *Store {
	s, err := Open(addr, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkWrite stores articles one transaction each, as kg ingest does,
// and reports quads written per second.
func BenchmarkWrite(b *testing.B) {
	for name, open := range benchStores() {
		b.Run(name, func(b *testing.B) {
			s := open(b)
			ctx := context.Background()
			quads := 0
			start := time.Now()
			for i := 0; b.Loop(); i++ {
				f := benchFacts(i)
				quads += len(f.Quads())
				if _, err := s.PutArticle(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(quads)/time.Since(start).Seconds(), "quads/s")
		})
	}
}

// BenchmarkTwoHop walks two hops from a person over a store of 1000
// articles: the facts naming the person, then every node those facts link.
func BenchmarkTwoHop(b *testing.B) {
	for name, open := range benchStores() {
		b.Run(name, func(b *testing.B) {
			s := open(b)
			ctx := context.Background()
			var all []Facts
			for i := range 1000 {
				all = append(all, benchFacts(i))
			}
			for _, f := range all {
				if _, err := s.PutArticle(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
			person := EntityIRI(Person, "Person Number7")
			b.ResetTimer()
			nodes := 0
			for b.Loop() {
				facts, err := s.Subjects(ctx, PredPerson, person)
				if err != nil || len(facts) == 0 {
					b.Fatalf("hop 1: %v, %v", facts, err)
				}
				nodes = 0
				for _, f := range facts {
					n, _, err := s.Node(ctx, f)
					if err != nil {
						b.Fatal(err)
					}
					for _, vs := range n.Props {
						nodes += len(vs)
					}
				}
			}
			b.ReportMetric(float64(nodes), "values")
		})
	}
}
