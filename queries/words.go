package queries

import (
	"sort"
	"strings"
	"sync"
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
	n        int                // entities
	marks    *sync.Pool         // of *entityMarks for n entities, for candidates
}

// entityMarks are two marks an entity, cleared after each use.
type entityMarks struct{ in, also []bool }

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
	x := wordIndex{deletes: make(map[string][]int32), n: len(entities)}
	x.marks = &sync.Pool{New: func() any {
		return &entityMarks{in: make([]bool, x.n), also: make([]bool, x.n)}
	}}
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

// candidates returns, in no order and each once, the positions of the
// entities that have, for every word of the normalised query q, a key word
// that it starts or that is within maxEdits of it (for query words of four
// letters or more), as score requires.
func (x wordIndex) candidates(q string) []int32 {
	m := x.marks.Get().(*entityMarks)
	defer x.marks.Put(m)
	var out []int32
	for n, w := range strings.Fields(q) {
		// Each word's entities: for the first word, into out; for the
		// others, marked in also, and out kept to those marked.
		add := func(word int) {
			for _, e := range x.entities[word] {
				switch {
				case n == 0 && !m.in[e]:
					m.in[e] = true
					out = append(out, e)
				case n > 0:
					m.also[e] = true
				}
			}
		}
		for i := sort.SearchStrings(x.words, w); i < len(x.words) && strings.HasPrefix(x.words[i], w); i++ {
			add(i)
		}
		if len(w) >= 4 {
			for _, d := range deletions(w, maxEdits(w)) {
				for _, word := range x.deletes[d] {
					if withinEdits(w, x.words[word]) {
						add(int(word))
					}
				}
			}
		}
		if n > 0 {
			kept := out[:0]
			for _, e := range out {
				if m.also[e] {
					kept = append(kept, e)
				} else {
					m.in[e] = false
				}
			}
			out = kept
			clear(m.also)
		}
		if len(out) == 0 {
			break
		}
	}
	for _, e := range out {
		m.in[e] = false
	}
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
