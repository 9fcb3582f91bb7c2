package graph

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestSubjectsQuadsMatchCayley reads many subjects at once, under every
// label and under sets of labels, from the index (both of the ways
// subjectsUnder walks it) and from Cayley, and wants the same quads for
// each subject.
func TestSubjectsQuadsMatchCayley(t *testing.T) {
	ctx := context.Background()
	s := openIndexed(t, "memory:")
	for i := range 40 {
		if _, err := s.PutArticle(ctx, benchLargeFacts(i)); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var subjects, articles []string
	for _, q := range all {
		iri := string(q.Subject.(quad.IRI))
		if len(subjects) == 0 || subjects[len(subjects)-1] != iri {
			subjects = append(subjects, iri)
		}
		if q.Predicate == quad.IRI(RDFType) && q.Object == quad.IRI(ClassArticle) {
			articles = append(articles, iri)
		}
	}
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
			got, err := s.SubjectsQuadsUnder(ctx, iris, labels)
			if err != nil {
				t.Fatal(err)
			}
			idx := s.idx
			s.idx = nil // read Cayley itself
			want, err := s.SubjectsQuadsUnder(ctx, iris, labels)
			s.idx = idx
			if err != nil {
				t.Fatal(err)
			}
			sameSubjectQuads(t, fmt.Sprintf("%s under %s", sname, lname), iris, got, want)
			for i, iri := range iris[:min(len(iris), 3)] {
				one, err := s.SubjectQuadsUnder(ctx, iri, labels)
				if err != nil {
					t.Fatal(err)
				}
				sameSubjectQuads(t, fmt.Sprintf("%s under %s, SubjectQuadsUnder", sname, lname), iris[i:i+1], [][]quad.Quad{one}, want[i:i+1])
			}
		}
		got, err := s.SubjectsQuads(ctx, iris)
		if err != nil {
			t.Fatal(err)
		}
		want := make([][]quad.Quad, len(iris))
		for i, iri := range iris {
			if want[i], err = s.SubjectQuads(ctx, iri); err != nil {
				t.Fatal(err)
			}
		}
		idx := s.idx
		s.idx = nil
		cayley, err := s.SubjectsQuads(ctx, iris)
		s.idx = idx
		if err != nil {
			t.Fatal(err)
		}
		sameSubjectQuads(t, sname+", every label", iris, got, want)
		sameSubjectQuads(t, sname+", every label, from Cayley", iris, cayley, want)
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
