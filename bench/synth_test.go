package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestDeterministic checks that a seed gives the same articles whatever the
// order they are asked in, and another seed different ones.
func TestDeterministic(t *testing.T) {
	a, b := New(Options{Seed: 7}), New(Options{Seed: 7})
	for _, i := range []int{0, 1, 99, 12345} {
		if x, y := a.Article(i), b.Article(i); x != y {
			t.Fatalf("article %d differs between two generators with the same seed", i)
		}
	}
	if x, y := a.Article(3), a.Article(3); x != y {
		t.Fatal("asking twice for article 3 gives two articles")
	}
	if New(Options{Seed: 8}).Article(0) == a.Article(0) {
		t.Fatal("seeds 7 and 8 give the same article 0")
	}
}

// TestLabelledSynthetic checks every article's front matter: it says it is
// synthetic, and has a title and a date.
func TestLabelledSynthetic(t *testing.T) {
	g := New(Options{Seed: 1})
	for i := range 200 {
		text := g.Article(i).Text
		head, _, ok := strings.Cut(strings.TrimPrefix(text, "---\n"), "\n---\n")
		if !strings.HasPrefix(text, "---\n") || !ok {
			t.Fatalf("article %d has no front matter:\n%s", i, text)
		}
		for _, want := range []string{"\nsource: " + Source + "\n", "title: ", "\ndate: 202"} {
			if !strings.Contains("\n"+head+"\n", want) {
				t.Errorf("article %d: front matter lacks %q:\n%s", i, want, head)
			}
		}
	}
}

// TestEntitiesRecur checks that people recur across articles, so the graph
// the corpus builds is connected rather than a set of islands.
func TestEntitiesRecur(t *testing.T) {
	g := New(Options{Seed: 1})
	seen := map[string]int{}
	for i := range 300 {
		text := g.Article(i).Text
		for _, p := range g.people[:50] {
			if strings.Contains(text, p.full()) {
				seen[p.full()]++
			}
		}
	}
	recurring := 0
	for _, n := range seen {
		if n >= 2 {
			recurring++
		}
	}
	if recurring < 10 {
		t.Fatalf("only %d of the 50 most frequent people appear in two or more of 300 articles", recurring)
	}
}

// TestWrite checks that Write lays the articles out in folders of 1000.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := New(Options{Seed: 1}).Write(dir, 1002); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"000/a000000.txt", "000/a000999.txt", "001/a001001.txt"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
}

// TestPopulationGrows checks that new people keep appearing as the corpus
// grows, at about the rate Options.Growth sets, that an article names only
// people of its population, and that Fixed keeps the population fixed.
func TestPopulationGrows(t *testing.T) {
	tests := []struct {
		desc       string
		opts       Options
		minRatio   float64 // distinct people in 2,000 articles ÷ in 500, at least
		maxRatio   float64 // and at most
		population int     // people the 2,000th article draws from
	}{
		{"default growth", Options{Seed: 1, People: 300}, 2.5, 3.5, 522},
		{"fixed population", Options{Seed: 1, People: 300, Fixed: true}, 1.0, 1.2, 300},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			g := New(tc.opts)
			if n := g.population(tc.opts.People, len(g.people), 1999); n != tc.population {
				t.Errorf("article 1999 draws from %d people, want %d", n, tc.population)
			}
			rank := map[string]int{}
			for i, p := range g.people {
				rank[p.full()] = i
			}
			seen := map[int]bool{}
			var few int
			for i := range 2000 {
				words := strings.FieldsFunc(g.Article(i).Text, func(r rune) bool {
					return !unicode.IsLetter(r)
				})
				pop := g.population(tc.opts.People, len(g.people), i)
				for j := 1; j < len(words); j++ {
					if r, ok := rank[words[j-1]+" "+words[j]]; ok {
						if r >= pop {
							t.Fatalf("article %d names %s, person %d of a population of %d", i, words[j-1]+" "+words[j], r, pop)
						}
						seen[r] = true
					}
				}
				if i == 499 {
					few = len(seen)
				}
			}
			ratio := float64(len(seen)) / float64(few)
			t.Logf("%d people named in 500 articles, %d in 2,000 (×%.2f)", few, len(seen), ratio)
			if ratio < tc.minRatio || ratio > tc.maxRatio {
				t.Errorf("people named in 2,000 articles ÷ in 500 = %.2f, want %.1f to %.1f", ratio, tc.minRatio, tc.maxRatio)
			}
		})
	}
}

// TestIssuesGrow checks that an article names only issues of its
// population, which grows with the corpus.
func TestIssuesGrow(t *testing.T) {
	g := New(Options{Seed: 1})
	named := map[int]bool{}
	for _, i := range []int{0, 10, 500, 999, 5000, 19999} {
		pop := g.population(g.opts.Issues, len(g.issues), i)
		text := g.Article(i).Text
		for j, is := range g.issues {
			if strings.Contains(text, is) && j >= len(issues) { // a plain issue may be part of a qualified one
				if j >= pop {
					t.Errorf("article %d names issue %d (%s) of a population of %d", i, j, is, pop)
				}
				named[j] = true
			}
		}
	}
	if pop := g.population(g.opts.Issues, len(g.issues), 19999); pop < 300 || pop > 360 {
		t.Errorf("article 19999 draws from %d issues, want about 30 × 20^0.8 = 329", pop)
	}
	if len(named) == 0 {
		t.Error("no article names a qualified issue")
	}
}
