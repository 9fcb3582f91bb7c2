package queries

import (
	"slices"
	"sort"
	"strings"
)

// wordIndex finds the entities a search may match without scoring every
// entity: score gives a key a positive score only when each word of the
// query starts a word of the key or is a few edits from one, so the
// entities with such a word for every query word are the only candidates.
//
// Words starting with a prefix are a range of the sorted words. Words
// within k edits of a query word are found by symmetric deletion: two words
// within k edits (Damerau–Levenshtein) share a string left after deleting at
// most k letters from each, so every key word is listed under its own
// deletions and the query word's deletions are looked up.
type wordIndex struct {
	words    []string           // distinct key words, sorted
	entities [][]int32          // by word: positions in entityIndex.entities
	deletes  map[string][]int32 // a word with up to maxEdits letters deleted → words
}

func newWordIndex(entities []indexed) wordIndex {
	owners := make(map[string][]int32)
	for i, e := range entities {
		for _, k := range e.keys {
			for _, w := range strings.Fields(k) {
				if l := owners[w]; len(l) == 0 || l[len(l)-1] != int32(i) {
					owners[w] = append(owners[w], int32(i))
				}
			}
		}
	}
	x := wordIndex{deletes: make(map[string][]int32)}
	for w := range owners {
		x.words = append(x.words, w)
	}
	sort.Strings(x.words)
	for i, w := range x.words {
		x.entities = append(x.entities, owners[w])
		// Two edits are allowed only for query words of eight letters or
		// more (maxEdits), which no word under six letters is within.
		edits := 1
		if len([]rune(w)) >= 6 {
			edits = 2
		}
		for _, d := range deletions(w, edits) {
			if l := x.deletes[d]; len(l) == 0 || l[len(l)-1] != int32(i) {
				x.deletes[d] = append(x.deletes[d], int32(i))
			}
		}
	}
	return x
}

// candidates returns, sorted, the positions of the entities that have, for
// every word of the normalised query q, a key word that it starts or that
// is within maxEdits of it (for query words of four letters or more), as
// score requires.
func (x wordIndex) candidates(q string) []int32 {
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
					if editDistance(w, x.words[word]) <= maxEdits(w) {
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

// deletions returns w and every distinct string left by deleting up to k
// of its letters.
func deletions(w string, k int) []string {
	seen := map[string]bool{w: true}
	level := []string{w}
	for range k {
		var next []string
		for _, s := range level {
			r := []rune(s)
			for i := range r {
				d := string(r[:i]) + string(r[i+1:])
				if !seen[d] {
					seen[d] = true
					next = append(next, d)
				}
			}
		}
		level = next
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	return out
}
