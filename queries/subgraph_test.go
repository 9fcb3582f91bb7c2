package queries

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"kg/graph"
	"kg/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func memStore(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open("memory:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// manyArticles stores n generated articles that share people, countries and
// issues, so subgraphs cross many articles.
func manyArticles(t *testing.T, s *graph.Store, n int) {
	t.Helper()
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		person := graph.Entity{Type: graph.Person, Name: fmt.Sprintf("Person %d", i%40), Aliases: []string{fmt.Sprintf("P%d", i%40)}}
		country := graph.Entity{Type: graph.Place, Name: fmt.Sprintf("Country %d", i%12)}
		issue := graph.Entity{Type: graph.Issue, Name: fmt.Sprintf("issue %d", i%25)}
		ev := []graph.Evidence{{Sentence: fmt.Sprintf("Sentence %d.", i), Start: 0, End: 12, Confidence: 0.5 + float64(i%5)/10}}
		f := graph.Facts{
			Article: graph.Article{File: fmt.Sprintf("gen/%03d.txt", i), Title: fmt.Sprintf("Article %d", i),
				Date: day.AddDate(0, 0, i), Text: "generated text", Hash: fmt.Sprint(i)},
			Roles: []graph.Role{{Person: person, Title: []string{"minister", "envoy", "mayor"}[i%3], Org: &country, Evidence: ev}},
			Positions: []graph.Position{{Party: []graph.Entity{person, country}[i%2], Stance: graph.Stances[i%5],
				Issue: issue, Quote: fmt.Sprintf("quote %d", i), Evidence: ev}},
			Events: []graph.Event{{Name: fmt.Sprintf("meeting %d", i%30), Date: graph.DayDate(day.AddDate(0, 0, i%30)),
				Place: &country, Participants: []graph.Entity{person}, Evidence: ev}},
		}
		if _, err := s.PutArticle(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
}

// roundTrip encodes qs as JSON-LD, expands it and converts it to RDF with
// json-gold (graph.DecodeJSONLD, offline), and checks the quads come back.
func roundTrip(t *testing.T, qs []quad.Quad) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := graph.EncodeJSONLD(&b, qs); err != nil {
		t.Fatal(err)
	}
	back, err := graph.DecodeJSONLD(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[string]bool)
	for _, q := range qs {
		want[quadKey(q)] = true
	}
	got := make(map[string]bool)
	for _, q := range back {
		got[quadKey(q)] = true
		if !want[quadKey(q)] {
			t.Errorf("json-gold gave a quad the subgraph lacks: %v", q)
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("json-gold lost a quad of the subgraph: %q", k)
		}
	}
	return b.Bytes()
}

func TestSubgraphRoundTripManyArticles(t *testing.T) {
	s := memStore(t)
	manyArticles(t, s, 300)
	q := New(s)
	ctx := context.Background()
	for _, tc := range []struct {
		desc string
		id   string
		o    SubgraphOptions
	}{
		{"a person, one hop", graph.EntityIRI(graph.Person, "Person 3"), SubgraphOptions{Hops: 1}},
		{"a country, two hops, roles only", graph.EntityIRI(graph.Place, "Country 5"), SubgraphOptions{Hops: 2, Kinds: []string{KindRole}}},
		{"an issue, three hops, confident facts", graph.EntityIRI(graph.Issue, "issue 7"), SubgraphOptions{Hops: 3, MinConfidence: 0.7}},
		{"a person, events of January", graph.EntityIRI(graph.Person, "Person 1"), SubgraphOptions{Hops: 2, From: "2026-01-01", To: "2026-01-31"}},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			qs, err := q.Subgraph(ctx, tc.id, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if len(qs) < 20 {
				t.Fatalf("subgraph has only %d quads", len(qs))
			}
			roundTrip(t, qs)
		})
	}
	all, err := s.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, all)
}

func TestSubgraphRoundTripExamples(t *testing.T) {
	s := memStore(t)
	if sum, err := ingest.New(s, ingest.Options{}).Run(context.Background(), []string{"../examples/articles"}); err != nil || sum.Added == 0 {
		t.Fatalf("ingest examples: %v, %+v", err, sum)
	}
	q := New(s)
	ctx := context.Background()
	for _, class := range []string{graph.ClassPerson, graph.ClassOrganization, graph.ClassPlace} {
		ids, err := s.OfClass(ctx, class)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids[:min(len(ids), 5)] {
			qs, err := q.Subgraph(ctx, id, SubgraphOptions{Hops: 2})
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, qs)
		}
	}
}

// TestSubgraphGolden pins the JSON-LD of a small subgraph; run with
// -update to rewrite testdata/person-1hop.jsonld.
func TestSubgraphGolden(t *testing.T) {
	s := memStore(t)
	manyArticles(t, s, 3)
	qs, err := New(s).Subgraph(context.Background(), graph.EntityIRI(graph.Person, "Person 1"), SubgraphOptions{Hops: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := roundTrip(t, qs)
	golden := filepath.Join("testdata", "person-1hop.jsonld")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./queries -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the JSON-LD of the subgraph differs from %s (if the change is right, rerun with -update):\n%s", golden, got)
	}
}

func TestSubgraphBounds(t *testing.T) {
	s := memStore(t)
	manyArticles(t, s, 30)
	q := New(s)
	id := graph.EntityIRI(graph.Person, "Person 1")
	if _, err := q.Subgraph(context.Background(), id, SubgraphOptions{Hops: 5}); err == nil {
		t.Error("hops 5 accepted")
	}
	_, err := q.Subgraph(context.Background(), id, SubgraphOptions{Hops: 4, MaxNodes: 10})
	if _, ok := err.(*ErrTooLarge); !ok {
		t.Errorf("a subgraph over MaxNodes gave %v, want *ErrTooLarge", err)
	}
}
