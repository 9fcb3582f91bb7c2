package graph

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// indexUnder reads the quads of each subject of iris under labels (every
// label when labels is nil) as exports select them from the index:
// subjectsUnderSlots, out[i] for iris[i].
func indexUnder(s *Store, iris, labels []string) [][]quad.Quad {
	ids := s.idx.subjectIDs(iris)
	out := make([][]quad.Quad, len(ids))
	if labels == nil {
		for i, id := range ids {
			for _, slot := range s.idx.list(bySubject, id) {
				out[i] = append(out[i], s.idx.quad(slot))
			}
		}
		return out
	}
	slots, ends := s.idx.subjectsUnderSlots(ids, s.idx.labelSet(labels))
	for i := range ids {
		for _, slot := range slots[ends[i]:ends[i+1]] {
			out[i] = append(out[i], s.idx.quad(slot))
		}
	}
	return out
}

// cayleyUnder reads the same from Cayley itself, a subject at a time.
func cayleyUnder(t *testing.T, s *Store, iris, labels []string) [][]quad.Quad {
	t.Helper()
	idx := s.idx
	s.idx = nil
	defer func() { s.idx = idx }()
	out := make([][]quad.Quad, len(iris))
	for i, iri := range iris {
		qs, err := s.Quads(context.Background(), iri)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			if labels == nil || slices.Contains(labels, iriOf(q.Label)) {
				out[i] = append(out[i], q)
			}
		}
	}
	return out
}

// TestSubjectsQuadsMatchCayley reads many subjects at once, under every
// label and under sets of labels, from the index (both of the ways
// subjectsUnderSlots walks it) and from Cayley, and wants the same quads for
// each subject.
func TestSubjectsQuadsMatchCayley(t *testing.T) {
	s, subjects, articles := largeArticles(t, 40)
	hub := EntityIRI(Person, "Person Number3") // in many articles
	subjectSets := map[string][]string{
		"none":            nil,
		"every subject":   subjects,
		"a hub":           {hub},
		"a hub, twice":    {hub, articles[0], hub},
		"unknown":         {Base + "nothing/here", hub},
		"a few":           {subjects[5], subjects[50], subjects[500]},
		"articles":        articles,
		"hub, and others": append([]string{hub}, subjects[:30]...),
	}
	labelSets := map[string][]string{
		"no label":          nil,
		"one article":       articles[:1],
		"two, one repeated": {articles[3], articles[7], articles[3]},
		"unknown label":     {Base + "article/none"},
		"every article":     articles,
		"half":              articles[:20],
	}
	byLabelWalks, bySubjectWalks := 0, 0
	for sname, iris := range subjectSets {
		for lname, labels := range labelSets {
			bySubj, byLab := 0, 0
			for _, id := range s.idx.subjectIDs(iris) {
				bySubj += len(s.idx.list(bySubject, id))
			}
			for _, l := range s.idx.labelSet(labels).ids {
				byLab += len(s.idx.list(byLabel, l))
			}
			if bySubj <= byLab {
				bySubjectWalks++
			} else {
				byLabelWalks++
			}
			if labels == nil {
				labels = []string{} // no label at all, not every label
			}
			sameSubjectQuads(t, fmt.Sprintf("%s under %s", sname, lname), iris,
				indexUnder(s, iris, labels), cayleyUnder(t, s, iris, labels))
		}
		sameSubjectQuads(t, sname+", every label", iris, indexUnder(s, iris, nil), cayleyUnder(t, s, iris, nil))
	}
	if byLabelWalks == 0 || bySubjectWalks == 0 {
		t.Errorf("the cases walk the index by label %d times and by subject %d times; want both", byLabelWalks, bySubjectWalks)
	}
}

func sameSubjectQuads(t *testing.T, desc string, iris []string, got, want [][]quad.Quad) {
	t.Helper()
	if len(got) != len(iris) || len(want) != len(iris) {
		t.Fatalf("%s: %d and %d answers for %d subjects", desc, len(got), len(want), len(iris))
	}
	for i := range iris {
		if g, w := quadStrings(got[i]), quadStrings(want[i]); !slices.Equal(g, w) {
			t.Errorf("%s: %s: %d quads, want %d:\n%q\n%q", desc, iris[i], len(g), len(w), g, w)
		}
		for _, q := range got[i] {
			if q.Subject != quad.IRI(iris[i]) {
				t.Errorf("%s: a quad of %s has subject %v", desc, iris[i], q.Subject)
			}
		}
	}
}

// largeArticles stores n articles of benchLargeFacts in an indexed memory
// store and returns it with the subjects of its quads (each once, in
// order) and the articles' IRIs.
func largeArticles(t *testing.T, n int) (s *Store, subjects, articles []string) {
	t.Helper()
	ctx := context.Background()
	s = openIndexed(t, "memory:")
	for i := range n {
		if _, err := s.PutArticle(ctx, benchLargeFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		iri := string(q.Subject.(quad.IRI))
		if len(subjects) == 0 || subjects[len(subjects)-1] != iri {
			subjects = append(subjects, iri)
		}
		if q.Predicate == quad.IRI(RDFType) && q.Object == quad.IRI(ClassArticle) {
			articles = append(articles, iri)
		}
	}
	return s, subjects, articles
}
