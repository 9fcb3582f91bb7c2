package graph

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestEncodeSelectionMatchesQuads wants Store.EncodeJSONLD, which encodes
// a Selection from the index's ids, to write exactly what EncodeJSONLD of
// the selected quads writes, and Store.SelectQuads and ObjectLinks to give
// the same on a store held in memory as on one read from Cayley: for
// selections of articles' entities, hubs, articles, unknown IRIs and
// repeats, over quads of every kind of value (numbers beyond what JSON
// carries, floats, booleans, language and typed strings, predicates
// without a term, blank objects, unlabelled quads).
func TestEncodeSelectionMatchesQuads(t *testing.T) {
	ctx := context.Background()
	s, subjects, articles := largeArticles(t, 30)
	hub := EntityIRI(Person, "Person Number3")
	odd := Base + "odd/node"
	label := quad.IRI(articles[2])
	extra := []quad.Quad{
		{Subject: quad.IRI(odd), Predicate: quad.IRI(RDFType), Object: quad.IRI(ClassPerson), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(RDFType), Object: quad.IRI("https://example.org/Class"), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredName), Object: quad.String("Odd \"quoted\" \u2028 name"), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredName), Object: quad.LangString{Value: "Odde", Lang: "nb"}, Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredConfidence), Object: quad.Float(0.1), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredConfidence), Object: quad.Float(math.Inf(1)), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredConfidence), Object: quad.Int(3)},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredWordCount), Object: quad.Int(1 << 60), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredWordCount), Object: quad.Int(-7), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredWordCount), Object: quad.String("12"), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI("https://example.org/p"), Object: quad.IRI(hub), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI("https://example.org/p"), Object: quad.BNode("b1")},
		{Subject: quad.IRI(odd), Predicate: quad.IRI("https://example.org/p"), Object: quad.Bool(true), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredMentions), Object: quad.IRI(hub), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredMentions), Object: quad.String(hub), Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredStartDate), Object: quad.TypedString{Value: "2026-01-01", Type: xsdString}, Label: label},
		{Subject: quad.IRI(odd), Predicate: quad.IRI(PredStartDate), Object: quad.TypedString{Value: "x", Type: "https://example.org/dt"}, Label: label},
		{Subject: quad.IRI(hub), Predicate: quad.IRI(PredAlternateName), Object: quad.String("Three"), Label: quad.IRI("https://example.org/elsewhere")},
	}
	if _, err := s.AddQuads(ctx, extra); err != nil {
		t.Fatal(err)
	}
	plain := func(f func() error) error { // f on the store read from Cayley
		idx := s.idx
		s.idx = nil
		defer func() { s.idx = idx }()
		return f()
	}
	sels := map[string]Selection{
		"nothing":          {},
		"every node":       {Others: subjects},
		"nodes, no labels": {Nodes: subjects[:200]},
		"hub under some":   {Nodes: []string{hub, odd, Base + "none"}, Labels: articles[:5]},
		"hub, repeated, and its articles": {Nodes: []string{hub, hub, odd}, Labels: articles[:3], Others: articles[:3],
			Pruned: articles[:3], PrunePred: PredMentions},
		"articles pruned": {Nodes: subjects[10:60], Labels: articles, Others: append(slices.Clone(articles), odd),
			Pruned: append(slices.Clone(articles), odd), PrunePred: PredMentions},
		"in both lists": {Nodes: append([]string{odd}, subjects[:40]...), Labels: articles[7:9], Others: subjects[20:80]},
		"unknown label": {Nodes: subjects[100:150], Labels: []string{Base + "article/none"}, PrunePred: PredMentions, Pruned: subjects},
	}
	for name, sel := range sels {
		parts, err := s.SelectQuads(ctx, sel)
		if err != nil {
			t.Fatal(err)
		}
		var cayley [][]quad.Quad
		if err := plain(func() (err error) { cayley, err = s.SelectQuads(ctx, sel); return err }); err != nil {
			t.Fatal(err)
		}
		got, want := nquadStrings(slices.Concat(parts...)), nquadStrings(slices.Concat(cayley...))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: SelectQuads gives %d quads from the index, %d from Cayley", name, len(got), len(want))
		}
		if len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("%s: SelectQuads gives a quad twice", name)
		}
		var ref bytes.Buffer
		if err := EncodeJSONLDParts(&ref, cayley...); err != nil {
			t.Fatal(err)
		}
		for _, indexed := range []bool{true, false} {
			var b bytes.Buffer
			var err error
			if indexed {
				err = s.EncodeJSONLD(ctx, &b, sel)
			} else {
				err = plain(func() error { return s.EncodeJSONLD(ctx, &b, sel) })
			}
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != ref.String() {
				t.Errorf("%s, index %v: Store.EncodeJSONLD writes %d bytes, EncodeJSONLD of the quads %d:\n%s", name, indexed, b.Len(), ref.Len(), firstDiff(b.String(), ref.String()))
			}
		}
	}
	preds := []string{PredMentions, PredAlternateName, RDFType, PredName}
	for _, iris := range [][]string{nil, subjects, {hub, odd, hub, Base + "none"}, articles} {
		links, err := s.ObjectLinks(ctx, iris, preds)
		if err != nil {
			t.Fatal(err)
		}
		var cayley []Link
		if err := plain(func() (err error) { cayley, err = s.ObjectLinks(ctx, iris, preds); return err }); err != nil {
			t.Fatal(err)
		}
		str := func(ls []Link) []string {
			var out []string
			for _, l := range ls {
				out = append(out, fmt.Sprint(l.Pred, " ", l.Object))
			}
			slices.Sort(out)
			return out
		}
		if g, w := str(links), str(cayley); !slices.Equal(g, w) {
			t.Errorf("ObjectLinks of %d IRIs: %d links from the index, %d from Cayley", len(iris), len(g), len(w))
		}
	}
}

// TestEncodeSelectionRejects wants Store.EncodeJSONLD to fail as
// EncodeJSONLD does, writing nothing, on a quad JSON-LD cannot carry.
func TestEncodeSelectionRejects(t *testing.T) {
	ctx := context.Background()
	s := openIndexed(t, "memory:")
	bad := []quad.Quad{{Subject: quad.IRI(Base + "a"), Predicate: quad.IRI(PredName), Object: quad.IRI("not absolute")}}
	if _, err := s.AddQuads(ctx, bad); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	err := s.EncodeJSONLD(ctx, &b, Selection{Others: []string{Base + "a"}})
	if err == nil || b.Len() != 0 || !strings.Contains(err.Error(), "not absolute") {
		t.Errorf("got %v and %d bytes, want an error about the IRI and nothing written", err, b.Len())
	}
}

// firstDiff shows where a and b first differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return fmt.Sprintf("at byte %d: %q\nwant %q", i, a[max(0, i-80):min(len(a), i+80)], b[max(0, i-80):min(len(b), i+80)])
}

// nquadStrings is the quads in N-Quads form, sorted.
func nquadStrings(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	slices.Sort(out)
	return out
}
