package queries

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"kg/graph"
	"kg/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func memStore(t *testing.T) *graph.Store {
	t.Helper()
	return openMemory(t, false)
}

// openMemory opens a memory store, held in memory by the index (as kg
// serve holds its store) when index is set.
func openMemory(t *testing.T, index bool) *graph.Store {
	t.Helper()
	s, err := graph.Open("memory:", graph.Options{Index: index})
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

// subgraphRef is Subgraph as it was before it read many nodes at once:
// a Node per fact and per evidence, the quads of each node read one by
// one, sorted with sortBy and quadKey. TestSubgraphMatchesReference
// compares Subgraph with it.
func subgraphRef(ctx context.Context, q *Service, id string, o SubgraphOptions) ([]quad.Quad, error) {
	a, err := q.adjacency(ctx, o.Kinds, o.MinConfidence)
	if err != nil {
		return nil, err
	}
	facts := make(map[string]bool)
	nodes, err := a.walk(id, o.Hops, func(e Edge, _ string) (bool, error) {
		if e.Kind == KindEvent {
			ev, err := a.l.node(e.Fact)
			if err != nil || !inRange(ev.Str(graph.PredStartDate), o.From, o.To) {
				return false, err
			}
		}
		facts[e.Fact] = true
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	ends := []string{graph.PredPerson, graph.PredOrganization, graph.PredParty, graph.PredIssue, graph.PredLocation, graph.PredParticipant}
	evidence := make(map[string]bool)
	articles := make(map[string]bool)
	for f := range facts {
		n, err := a.l.node(f)
		if err != nil {
			return nil, err
		}
		for _, p := range ends {
			for _, e := range n.Links(p) {
				nodes[e] = true
			}
		}
		for _, ev := range n.Links(graph.PredEvidence) {
			evidence[ev] = true
			en, err := a.l.node(ev)
			if err != nil {
				return nil, err
			}
			for _, art := range en.Links(graph.PredArticle) {
				articles[art] = true
			}
		}
	}
	var arts []string
	for a := range articles {
		arts = append(arts, a)
	}
	var out []quad.Quad
	for _, set := range []map[string]bool{nodes, facts, evidence, articles} {
		for s := range set {
			var qs []quad.Quad
			var err error
			qs, err = q.store.Quads(ctx, s)
			if nodes[s] {
				var under []quad.Quad // the node's quads under the exported articles, if any
				for _, qd := range qs {
					if l, ok := qd.Label.(quad.IRI); ok && slices.Contains(arts, string(l)) {
						under = append(under, qd)
					}
				}
				if len(under) > 0 {
					qs = under
				}
			}
			if err != nil {
				return nil, err
			}
			for _, qd := range qs {
				if articles[s] && qd.Predicate == quad.IRI(graph.PredMentions) {
					if iri, ok := qd.Object.(quad.IRI); !ok || !nodes[string(iri)] {
						continue
					}
				}
				out = append(out, qd)
			}
		}
	}
	sortBy(out, quadKey)
	kept := out[:0]
	for i, qd := range out {
		if i == 0 || quadKey(qd) != quadKey(out[i-1]) {
			kept = append(kept, qd)
		}
	}
	return kept, nil
}

// TestSubgraphMatchesReference wants Subgraph, on a store read from Cayley
// and on one held in memory, to give what subgraphRef gives, quad for
// quad and in the same order, and SubgraphParts the same set.
func TestSubgraphMatchesReference(t *testing.T) {
	ctx := context.Background()
	plain := memStore(t)
	indexed := openMemory(t, true)
	manyArticles(t, plain, 120)
	manyArticles(t, indexed, 120)
	options := []SubgraphOptions{
		{Hops: 1},
		{Hops: 1, MinConfidence: DefaultMinConfidence},
		{Hops: 2, MinConfidence: 0.7},
		{Hops: 2, Kinds: []string{KindEvent}, From: "2026-01-05", To: "2026-01-20"},
		{Hops: 3, Kinds: []string{KindRole, KindPosition}},
	}
	ids := []string{graph.EntityIRI(graph.Person, "Person 3"), graph.EntityIRI(graph.Place, "Country 5"),
		graph.EntityIRI(graph.Issue, "issue 7"), graph.EntityIRI(graph.Person, "Nobody")}
	for name, s := range map[string]*graph.Store{"Cayley": plain, "memory": indexed} {
		q := New(s)
		for _, id := range ids {
			for _, o := range options {
				desc := fmt.Sprintf("%s: %s, %+v", name, id, o)
				want, err := subgraphRef(ctx, q, id, o)
				if err != nil {
					t.Fatal(err)
				}
				got, err := q.Subgraph(ctx, id, o)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Fatalf("%s: %d quads, want %d", desc, len(got), len(want))
				}
				for i := range got {
					if quadKey(got[i]) != quadKey(want[i]) {
						t.Fatalf("%s: quad %d is %v, want %v", desc, i, got[i], want[i])
					}
				}
				parts, err := q.SubgraphParts(ctx, id, o)
				if err != nil {
					t.Fatal(err)
				}
				if set := sortDedupe(slices.Concat(parts...)); len(set) != len(want) {
					t.Errorf("%s: SubgraphParts gives %d distinct quads, want %d", desc, len(set), len(want))
				}
			}
		}
	}
}

// TestSortDedupe wants sortDedupe to order and deduplicate as a stable
// sort by quadKey followed by dropping repeated keys does.
func TestSortDedupe(t *testing.T) {
	s := quad.IRI(graph.Base + "a")
	vals := []quad.Value{quad.IRI(graph.Base + "a"), quad.IRI(graph.Base + "ab"), quad.IRI(graph.Base + "a>"),
		quad.String("a"), quad.String(""), quad.String("a\x00b"), quad.Int(10), quad.Int(9), quad.Float(0.5),
		quad.Bool(true), quad.BNode("b"), quad.LangString{Value: "x", Lang: "en"}, quad.TypedString{Value: "1", Type: "xsd:int"}}
	var qs []quad.Quad
	for i, o := range vals {
		for j, l := range append(vals[:3:3], nil) {
			qs = append(qs, quad.Quad{Subject: vals[(i+j)%3], Predicate: quad.IRI(graph.PredName), Object: o, Label: l},
				quad.Quad{Subject: s, Predicate: quad.IRI(graph.PredName), Object: o, Label: l})
		}
	}
	qs = append(qs, qs...)
	for _, qd := range qs {
		plain := quad.ToString(qd.Subject) + "\x00" + quad.ToString(qd.Predicate) + "\x00" + quad.ToString(qd.Object) + "\x00" + quad.ToString(qd.Label)
		if k := quadKey(qd); k != plain {
			t.Errorf("quadKey(%v) = %q, want %q", qd, k, plain)
		}
	}
	want := slices.Clone(qs)
	sortBy(want, quadKey)
	kept := want[:0]
	for i, qd := range want {
		if i == 0 || quadKey(qd) != quadKey(want[i-1]) {
			kept = append(kept, qd)
		}
	}
	got := sortDedupe(qs)
	if len(got) != len(kept) {
		t.Fatalf("%d quads, want %d", len(got), len(kept))
	}
	for i := range got {
		if got[i] != kept[i] {
			t.Errorf("quad %d is %v, want %v", i, got[i], kept[i])
		}
	}
}

// TestSubgraphPagesCoverTheSubgraph walks the pages of subgraphs (following
// SubgraphPage.Next) with several page sizes and wants: every page within
// its bound (at most First statements, or one fact), the pages' facts
// disjoint and together the whole subgraph's, Total the same on every
// page, every quad of a page in the whole subgraph, and every quad of the
// whole subgraph's facts, evidence and articles (but the articles'
// mentions, pruned to each page's nodes) on some page.
func TestSubgraphPagesCoverTheSubgraph(t *testing.T) {
	ctx := context.Background()
	s := openMemory(t, true)
	manyArticles(t, s, 120)
	q := New(s)
	isFact := func(iri string) bool {
		for _, kind := range []string{"/role/", "/position/", "/event/"} {
			if strings.Contains(iri, kind) {
				return true
			}
		}
		return false
	}
	ids := []string{graph.EntityIRI(graph.Person, "Person 3"), graph.EntityIRI(graph.Place, "Country 5"),
		graph.EntityIRI(graph.Issue, "issue 7"), graph.EntityIRI(graph.Person, "Nobody")}
	for _, id := range ids {
		for _, o := range []SubgraphOptions{{Hops: 1}, {Hops: 2, MinConfidence: 0.7}, {Hops: 2, Kinds: []string{KindEvent}, From: "2026-01-05", To: "2026-01-20"}} {
			whole, err := q.Subgraph(ctx, id, o)
			if err != nil {
				t.Fatal(err)
			}
			inWhole := make(map[string]bool)
			wantFacts := make(map[string]bool)
			for _, qd := range whole {
				inWhole[quadKey(qd)] = true
				if s := string(qd.Subject.(quad.IRI)); isFact(s) {
					wantFacts[s] = true
				}
			}
			// One page that holds every fact is the whole subgraph.
			one := o
			one.First = 1 << 20
			sel, page, err := q.SubgraphPageSelection(ctx, id, one)
			if err != nil {
				t.Fatal(err)
			}
			parts, err := q.SelectQuads(ctx, sel)
			if err != nil {
				t.Fatal(err)
			}
			if got := sortDedupe(slices.Concat(parts...)); page.Next != "" || len(got) != len(whole) {
				t.Errorf("%s, %+v: one page of every fact has %d quads (next %q), the whole subgraph %d", id, o, len(got), page.Next, len(whole))
			} else {
				for i := range got {
					if quadKey(got[i]) != quadKey(whole[i]) {
						t.Errorf("%s, %+v: quad %d of the one page is %v, of the whole subgraph %v", id, o, i, got[i], whole[i])
						break
					}
				}
			}
			for _, first := range []int{1, 2, 5, 40} {
				desc := fmt.Sprintf("%s, %+v, first %d", id, o, first)
				o := o
				o.First = first
				seen := make(map[string]bool)   // quads of all pages
				factsAt := make(map[string]int) // fact → its page
				for pageNo := 0; ; pageNo++ {
					sel, page, err := q.SubgraphPageSelection(ctx, id, o)
					if err != nil {
						t.Fatal(err)
					}
					if page.Total != len(wantFacts) {
						t.Errorf("%s: page %d says %d facts in all, the whole subgraph has %d", desc, pageNo, page.Total, len(wantFacts))
					}
					parts, err := q.SelectQuads(ctx, sel)
					if err != nil {
						t.Fatal(err)
					}
					facts, statements := 0, 0
					for _, qd := range slices.Concat(parts...) {
						k := quadKey(qd)
						if !inWhole[k] {
							t.Fatalf("%s: page %d holds %v, which the whole subgraph does not", desc, pageNo, qd)
						}
						seen[k] = true
						subj := string(qd.Subject.(quad.IRI))
						if !isFact(subj) {
							continue
						}
						if p, ok := factsAt[subj]; !ok {
							factsAt[subj] = pageNo
							facts++
						} else if p != pageNo {
							t.Errorf("%s: fact %s on pages %d and %d", desc, subj, p, pageNo)
						}
						if qd.Predicate == quad.IRI(graph.PredEvidence) {
							statements++
						}
					}
					if facts != page.Facts {
						t.Errorf("%s: page %d holds %d facts, says %d", desc, pageNo, facts, page.Facts)
					}
					if facts > 1 && statements > first {
						t.Errorf("%s: page %d holds %d facts with %d statements, more than %d", desc, pageNo, facts, statements, first)
					}
					if page.Next == "" {
						break
					}
					if page.Facts == 0 || pageNo > len(wantFacts) {
						t.Fatalf("%s: page %d is empty or the pages do not end", desc, pageNo)
					}
					o.After = page.Next
				}
				if len(factsAt) != len(wantFacts) {
					t.Errorf("%s: the pages hold %d facts, the whole subgraph %d", desc, len(factsAt), len(wantFacts))
				}
				for _, qd := range whole {
					subj := string(qd.Subject.(quad.IRI))
					// An article's mentions are pruned to the nodes of each page.
					stated := isFact(subj) || strings.Contains(subj, "/evidence/") || strings.Contains(subj, "/article/")
					if stated && qd.Predicate != quad.IRI(graph.PredMentions) && !seen[quadKey(qd)] {
						t.Errorf("%s: no page holds %v", desc, qd)
						break
					}
				}
			}
		}
	}
}
