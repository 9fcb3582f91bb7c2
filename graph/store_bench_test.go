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

// benchLargeFacts is article i of a synthetic archive of articles the size
// of real ones (about 250 quads, where benchFacts has about 80): four
// people and four organizations drawn from a few hundred, with roles,
// positions and events, so articles share entities as news does.
func benchLargeFacts(i int) Facts {
	f := benchFacts(i)
	for k := range 4 {
		p := Entity{Type: Person, Name: fmt.Sprintf("Person Number%d", (i*7+k*13)%300)}
		o := Entity{Type: Organization, Name: fmt.Sprintf("Organization %d", (i*3+k)%120)}
		ev := []Evidence{{Sentence: fmt.Sprintf("%s of %s spoke in article %d.", p.Name, o.Name, i),
			Start: 40 * k, End: 40*k + 30, Confidence: 0.8}}
		f.Entities = append(f.Entities, p, o)
		f.Roles = append(f.Roles, Role{Person: p, Title: fmt.Sprintf("director %d", (i+k)%7), Org: &o, Evidence: ev})
		f.Positions = append(f.Positions, Position{Party: p, Stance: Demands,
			Issue: Entity{Type: Issue, Name: fmt.Sprintf("issue %d", (i+k)%40)}, Evidence: ev})
		if k%2 == 1 {
			continue
		}
		f.Events = append(f.Events, Event{Name: fmt.Sprintf("meeting %d", k),
			Date:  Date{Value: fmt.Sprintf("2026-03-%02d", 1+(i+k)%28), Granularity: Day},
			Place: &Entity{Type: Place, Name: fmt.Sprintf("City %d", (i+k)%30)}, Evidence: ev})
	}
	return f
}

// benchAddrs make, by backend, the address of a new empty store.
func benchAddrs() map[string]func(b *testing.B) string {
	return map[string]func(b *testing.B) string{
		"bolt":     func(b *testing.B) string { return filepath.Join(b.TempDir(), "kg.db") },
		"postgres": func(b *testing.B) string { return pgtest.Database(b) },
	}
}

func benchStores() map[string]func(b *testing.B) *Store {
	out := make(map[string]func(b *testing.B) *Store)
	for name, addr := range benchAddrs() {
		out[name] = func(b *testing.B) *Store { return openB(b, addr(b)) }
	}
	return out
}

func openB(b *testing.B, addr string) *Store {
	s, err := Open(addr, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkWrite stores articles of about 80 quads one transaction each, as
// kg ingest does, and reports quads written per second.
func BenchmarkWrite(b *testing.B) { benchWrite(b, benchFacts) }

// BenchmarkWriteLarge is BenchmarkWrite with articles of about 250 quads,
// the size of real ones.
func BenchmarkWriteLarge(b *testing.B) { benchWrite(b, benchLargeFacts) }

func benchWrite(b *testing.B, article func(int) Facts) {
	for _, st := range writeStores() {
		b.Run(st.name, func(b *testing.B) { benchWriteOn(b, st.open(b), article) })
	}
}

// benchWriteOn stores article(0), article(1), … in s, one PutArticle each,
// and reports quads written per second.
func benchWriteOn(b *testing.B, s *Store, article func(int) Facts) {
	ctx := context.Background()
	quads := 0
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		f := article(i)
		quads += len(f.Quads())
		if _, err := s.PutArticle(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(quads)/time.Since(start).Seconds(), "quads/s")
}

// benchStore is a store a benchmark compares.
type benchStore struct {
	name string
	open func(b *testing.B) *Store
}

// writeStores are the stores the write benchmarks compare, in order: bolt,
// PostgreSQL with kg's batched writer (postgres), and PostgreSQL with
// Cayley's own writer (postgres-cayley), which kg used before.
func writeStores() []benchStore {
	stores := benchStores()
	return []benchStore{
		{"bolt", stores["bolt"]},
		{"postgres", stores["postgres"]},
		{"postgres-cayley", func(b *testing.B) *Store {
			s := openB(b, pgtest.Database(b))
			fast := s.qs.(*pgQuadStore)
			return &Store{addr: s.addr, backend: s.backend, qs: fast.QuadStore, retryable: s.retryable}
		}},
	}
}

// BenchmarkTwoHop walks two hops from a person over a store of 1000
// articles: the facts naming the person, then every node those facts link.
// The same walk is repeated on the same store, so caches are warm.
func BenchmarkTwoHop(b *testing.B) {
	for name, open := range benchStores() {
		b.Run(name, func(b *testing.B) {
			s := open(b)
			fillTwoHop(b, s)
			b.ResetTimer()
			nodes := 0
			for b.Loop() {
				nodes = twoHop(b, s)
			}
			b.ReportMetric(float64(nodes), "values")
		})
	}
}

// BenchmarkTwoHopCold is BenchmarkTwoHop on a store opened anew for each
// walk (not timed), so nothing read before is cached in the process.
func BenchmarkTwoHopCold(b *testing.B) {
	for name, addr := range benchAddrs() {
		b.Run(name, func(b *testing.B) {
			a := addr(b)
			s, err := Open(a, Options{})
			if err != nil {
				b.Fatal(err)
			}
			fillTwoHop(b, s)
			s.Close()
			b.ResetTimer()
			nodes := 0
			for range b.N {
				b.StopTimer()
				s, err := Open(a, Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				nodes = twoHop(b, s)
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(nodes), "values")
		})
	}
}

// fillTwoHop stores the 1000 articles the two-hop benchmarks walk.
func fillTwoHop(b *testing.B, s *Store) {
	ctx := context.Background()
	for i := range 1000 {
		if _, err := s.PutArticle(ctx, benchFacts(i)); err != nil {
			b.Fatal(err)
		}
	}
}

// twoHop walks two hops from a person and returns how many values it read.
func twoHop(b *testing.B, s *Store) int {
	ctx := context.Background()
	person := EntityIRI(Person, "Person Number7")
	facts, err := s.Subjects(ctx, PredPerson, person)
	if err != nil || len(facts) == 0 {
		b.Fatalf("hop 1: %v, %v", facts, err)
	}
	nodes := 0
	for _, f := range facts {
		n, _, err := s.Node(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		for _, vs := range n.Props {
			nodes += len(vs)
		}
	}
	return nodes
}
