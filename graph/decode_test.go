package graph

import (
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

func TestDecodeArticleRoundTrip(t *testing.T) {
	f := sampleFacts("dir/a.txt", "A")
	f.Roles[0].Former = true
	f.Roles[0].AsOf = Date{Value: "2026-03-02", Granularity: Day}
	f.Events[0].Participants = []Entity{{Type: Organization, Name: "Nordic Council"}}
	want := sortedQuads(f.Quads())
	got, err := DecodeArticle(want)
	if err != nil {
		t.Fatal(err)
	}
	if again := sortedQuads(got.Quads()); !slices.Equal(again, want) {
		t.Errorf("Quads(Decode(q)) != q:\n got %v\nwant %v", again, want)
	}
	if got.Article.File != "dir/a.txt" || !got.Roles[0].Former || got.Extractor != "test" {
		t.Errorf("decoded %+v", got)
	}
}

func TestDecodeArticleErrors(t *testing.T) {
	for _, tc := range []struct {
		desc string
		qs   []quad.Quad
	}{
		{"no article node", []quad.Quad{{Subject: quad.IRI("x"), Predicate: quad.IRI(PredName), Object: quad.String("n")}}},
		{"literal subject", []quad.Quad{{Subject: quad.String("x"), Predicate: quad.IRI(PredName), Object: quad.String("n")}}},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			if _, err := DecodeArticle(tc.qs); err == nil {
				t.Error("no error")
			}
		})
	}
}

func sortedQuads(qs []quad.Quad) []quad.Quad {
	out := slices.Clone(qs)
	slices.SortFunc(out, func(a, b quad.Quad) int {
		if quadLess(a, b) {
			return -1
		}
		if quadLess(b, a) {
			return 1
		}
		return 0
	})
	return out
}
