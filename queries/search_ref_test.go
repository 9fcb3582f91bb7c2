package queries

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// scoreRef is score as it was before Search was made cheaper.
func scoreRef(q, key string) float64 {
	switch {
	case q == key:
		return 1
	case strings.HasPrefix(key, q):
		return 0.8
	}
	qw, kw := strings.Fields(q), strings.Fields(key)
	// Every query word starts a word of the key, in any order ("rubio
	// marco", "vlad put"), or is one typo away from one.
	exact, fuzzy := 0, 0
	for _, w := range qw {
		best := 0
		for _, k := range kw {
			switch {
			case strings.HasPrefix(k, w):
				best = 2
			case best < 1 && len(w) >= 4 && editDistanceRef(w, k) <= maxEdits(w):
				best = 1
			}
		}
		switch best {
		case 2:
			exact++
		case 1:
			fuzzy++
		default:
			return 0
		}
	}
	if fuzzy == 0 {
		return 0.6
	}
	return 0.5 - 0.1*float64(fuzzy-1)
}

// candidatesRef is candidates as it was before Search was made cheaper: it
// returns, sorted, the positions of the entities that have, for
// every word of the normalised query q, a key word that it starts or that
// is within maxEdits of it (for query words of four letters or more), as
// score requires.
func (x wordIndex) candidatesRef(q string) []int32 {
	var out []int32
	for n, w := range strings.Fields(q) {
		set := make(map[int32]bool)
		add := func(word int) {
			for _, e := range x.entities[word] {
				set[e] = true
			}
		}
		for i := sort.SearchStrings(x.words, w); i < len(x.words) && strings.HasPrefix(x.words[i], w); i++ {
			add(i)
		}
		if len(w) >= 4 {
			for _, d := range deletions(w, maxEdits(w)) {
				for _, word := range x.deletes[d] {
					if editDistanceRef(w, x.words[word]) <= maxEdits(w) {
						add(int(word))
					}
				}
			}
		}
		if n == 0 {
			for e := range set {
				out = append(out, e)
			}
		} else {
			out = slices.DeleteFunc(out, func(e int32) bool { return !set[e] })
		}
		if len(out) == 0 {
			return nil
		}
	}
	slices.Sort(out)
	return out
}

// searchRef is Search as it was before it was made cheaper, the reference
// TestSearchMatchesReference compares it with. It finds entities by name or alias, case-, accent- and
// alias-insensitive, by prefix and with typos (one edit in words of four
// letters or more, two from eight), best first: by score, then by how many
// articles mention them, then by name. types, when not empty, keeps only
// those entity types ("Person", …).
func (q *Service) searchRef(ctx context.Context, text string, types []string, p Page) (List[Hit], error) {
	idx, err := q.index(ctx)
	if err != nil {
		return List[Hit]{}, err
	}
	nq := normalize(text)
	if nq == "" {
		return List[Hit]{}, nil
	}
	var hits []Hit
	var mentions []int
	for _, i := range idx.words.candidatesRef(nq) {
		e := idx.entities[i]
		if len(types) > 0 && !slices.Contains(types, e.Type) {
			continue
		}
		best := 0.0
		for _, k := range e.keys {
			best = max(best, scoreRef(nq, k))
		}
		if best > 0 {
			hits = append(hits, Hit{Entity: e.Entity, Score: best})
			mentions = append(mentions, e.articles)
		}
	}
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if hits[x].Score != hits[y].Score {
			return hits[x].Score > hits[y].Score
		}
		if mentions[x] != mentions[y] {
			return mentions[x] > mentions[y]
		}
		return hits[x].Name < hits[y].Name
	})
	sorted := make([]Hit, len(hits))
	for i, o := range order {
		sorted[i] = hits[o]
	}
	return pageByOffset(sorted, p)
}

// TestSearchMatchesReference compares Search with searchRef on a synthetic
// corpus, for names, surnames, prefixes, typos, words swapped, types and
// pages followed by their cursors, and wants the same pages.
func TestSearchMatchesReference(t *testing.T) {
	ctx := context.Background()
	q := New(pairStores(t)["synthetic"])
	idx, err := q.index(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for i, e := range idx.entities {
		if i%3 != 0 {
			continue
		}
		n := e.Name
		w := strings.Fields(n)
		texts = append(texts, n, strings.ToUpper(n), w[len(w)-1], n[:min(len(n), 5)], n[:min(len(n), 2)])
		if len(n) > 5 { // typos: two letters swapped, one dropped
			texts = append(texts, n[:2]+n[3:4]+n[2:3]+n[4:], n[:3]+n[4:])
		}
		if len(w) > 1 {
			texts = append(texts, w[1]+" "+w[0][:min(len(w[0]), 3)])
		}
	}
	texts = append(texts, "", "zzzz", "a", "the", "minister")
	typeSets := [][]string{nil, {"Person"}, {"Organization", "Place"}}
	pages := 0
	for i, text := range texts {
		types := typeSets[i%len(typeSets)]
		for _, first := range []int{10, 3, 0} {
			p := Page{First: first}
			for range 4 {
				got, gerr := q.Search(ctx, text, types, p)
				want, werr := q.searchRef(ctx, text, types, p)
				if !reflect.DeepEqual(gerr, werr) || !reflect.DeepEqual(got.Items, want.Items) || got.Total != want.Total ||
					got.HasNext != want.HasNext || got.HasPrev != want.HasPrev || got.EndCursor() != want.EndCursor() {
					t.Fatalf("Search(%q, %v, %+v) = %d of %d (%v), %v; want %d of %d (%v), %v", text, types, p,
						len(got.Items), got.Total, got.Items, gerr, len(want.Items), want.Total, want.Items, werr)
				}
				pages++
				if !want.HasNext || first == 0 {
					break
				}
				p.After = want.EndCursor()
			}
		}
	}
	t.Logf("%d pages of %d texts", pages, len(texts))
	if pages < 1000 {
		t.Errorf("only %d pages compared", pages)
	}
}

// editDistanceRef is editDistance as it was before its ASCII path.
func editDistanceRef(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// TestEditDistanceMatchesReference compares editDistance with
// editDistanceRef on random words, ASCII and not, short and long, and
// withinEdits with the distance it stands for.
func TestEditDistanceMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	letters := []rune("abcdeé")
	word := func() string {
		n := r.IntN(40)
		var b strings.Builder
		for range n {
			l := letters[r.IntN(len(letters))]
			if r.IntN(3) > 0 && l == 'é' { // mostly ASCII
				l = 'e'
			}
			b.WriteRune(l)
		}
		return b.String()
	}
	for range 20000 {
		a, b := word(), word()
		if r.IntN(2) == 0 && len(a) > 2 { // near words too
			w := word()
			b = a[:len(a)/2] + w[:min(2, len(w))] + a[len(a)/2:]
		}
		if got, want := editDistance(a, b), editDistanceRef(a, b); got != want {
			t.Fatalf("editDistance(%q, %q) = %d, want %d", a, b, got, want)
		}
		if got, want := withinEdits(a, b), editDistanceRef(a, b) <= maxEdits(a); got != want {
			t.Fatalf("withinEdits(%q, %q) = %v, want %v", a, b, got, want)
		}
	}
}
