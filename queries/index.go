package queries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"kg/graph"
)

// entityIndex holds every entity with its normalised names, for search and
// for turning a name given in a filter into entity IRIs. It is rebuilt when
// the store's generation moves on.
type entityIndex struct {
	gen      uint64
	entities []indexed        // sorted by ID
	byID     map[string]int   // ID → position in entities
	byKey    map[string][]int // normalised name or alias → positions
	words    wordIndex        // the words of every key, for Search
}

type indexed struct {
	Entity
	keys     []string   // normalised name and aliases
	keyWords [][]string // the words of each key
	articles int        // how many articles mention it
}

type indexCache struct {
	mu  sync.Mutex
	idx *entityIndex
}

// normalize folds a name for matching: lower case, no accents, full stops
// dropped ("U.S." is "us"), other punctuation as spaces, no leading "the".
func normalize(s string) string {
	n := strings.ReplaceAll(graph.Slug(strings.ReplaceAll(s, ".", "")), "-", " ")
	if n == "_" {
		return ""
	}
	return strings.TrimPrefix(n, "the ")
}

var entityClasses = []string{graph.ClassPerson, graph.ClassOrganization, graph.ClassPlace, graph.ClassIssue}

func (q *Service) index(ctx context.Context) (*entityIndex, error) {
	q.cache.mu.Lock()
	defer q.cache.mu.Unlock()
	gen := q.store.Generation()
	if q.cache.idx != nil && q.cache.idx.gen == gen {
		return q.cache.idx, nil
	}
	idx := &entityIndex{gen: gen, byID: make(map[string]int), byKey: make(map[string][]int)}
	for _, class := range entityClasses {
		t, _ := graph.TypeOfClass(class)
		ids, err := q.store.OfClass(ctx, class)
		if err != nil {
			return nil, fmt.Errorf("index entities: %w", err)
		}
		for _, id := range ids {
			n, _, err := q.store.Node(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("index entities: %w", err)
			}
			e := indexed{Entity: Entity{ID: id, Type: string(t), Name: n.Str(graph.PredName),
				Aliases: n.Strs(graph.PredAlternateName)}, articles: len(n.Labels)}
			for _, name := range append([]string{e.Name}, e.Aliases...) {
				if k := normalize(name); k != "" {
					e.keys = append(e.keys, k)
					e.keyWords = append(e.keyWords, strings.Fields(k))
				}
			}
			idx.entities = append(idx.entities, e)
		}
	}
	sort.Slice(idx.entities, func(i, j int) bool { return idx.entities[i].ID < idx.entities[j].ID })
	for i, e := range idx.entities {
		idx.byID[e.ID] = i
		for _, k := range e.keys {
			idx.byKey[k] = append(idx.byKey[k], i)
		}
	}
	idx.words = newWordIndex(idx.entities)
	q.cache.idx = idx
	return idx, nil
}

// matchEntities returns the IRIs of the entities a filter value names: an
// IRI names itself; otherwise every entity of an allowed type whose name or
// alias equals the value after normalising.
func (idx *entityIndex) matchEntities(value string, types []string) []string {
	if strings.HasPrefix(value, graph.Base) {
		return []string{value}
	}
	var out []string
	for _, i := range idx.byKey[normalize(value)] {
		if e := idx.entities[i]; len(types) == 0 || slices.Contains(types, e.Type) {
			out = append(out, e.ID)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Hit is one search result.
type Hit struct {
	Entity
	Score float64 // 1 for an exact match of name or alias, less for weaker ones
}

// scoreWords rates how well the normalised query q, of words qw, matches
// key, of words kw, 0 for not at all.
func scoreWords(q string, qw []string, key string, kw []string) float64 {
	switch {
	case q == key:
		return 1
	case strings.HasPrefix(key, q):
		return 0.8
	}
	// Every query word starts a word of the key, in any order ("rubio
	// marco", "vlad put"), or is one typo away from one.
	fuzzy := 0
	for _, w := range qw {
		if slices.ContainsFunc(kw, func(k string) bool { return strings.HasPrefix(k, w) }) {
			continue
		}
		if len(w) >= 4 && slices.ContainsFunc(kw, func(k string) bool { return withinEdits(w, k) }) {
			fuzzy++
			continue
		}
		return 0
	}
	if fuzzy == 0 {
		return 0.6
	}
	return 0.5 - 0.1*float64(fuzzy-1)
}

// withinEdits reports whether k is within maxEdits(w) of w. Words whose
// lengths differ by more are not, and are not measured.
func withinEdits(w, k string) bool {
	m := maxEdits(w)
	// An edit changes the length by at most one rune.
	if d := utf8.RuneCountInString(w) - utf8.RuneCountInString(k); d > m || d < -m {
		return false
	}
	return editDistance(w, k) <= m
}

func maxEdits(w string) int {
	if len(w) >= 8 {
		return 2
	}
	return 1
}

// editDistance is the Damerau–Levenshtein distance (with adjacent
// transpositions) between a and b, by runes.
func editDistance(a, b string) int {
	if len(b) < 32 && isASCII(a) && isASCII(b) {
		// Bytes are runes: the rows fit on the stack.
		var rows [3][32]int
		return distance([]byte(a), []byte(b), rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1])
	}
	rb := []rune(b)
	return distance([]rune(a), rb, make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1))
}

// distance is editDistance of letters a and b, given three rows of
// len(b)+1 to work in.
func distance[T byte | rune](ra, rb []T, prev2, prev, cur []int) int {
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Search finds entities by name or alias, case-, accent- and
// alias-insensitive, by prefix and with typos (one edit in words of four
// letters or more, two from eight), best first: by score, then by how many
// articles mention them, then by name. types, when not empty, keeps only
// those entity types ("Person", …).
func (q *Service) Search(ctx context.Context, text string, types []string, p Page) (List[Hit], error) {
	idx, err := q.index(ctx)
	if err != nil {
		return List[Hit]{}, err
	}
	nq := normalize(text)
	if nq == "" {
		return List[Hit]{}, nil
	}
	qw := strings.Fields(nq)
	// found holds what ranking needs; Hits are made for the page only.
	type scored struct {
		pos      int32
		articles int // the entity's, copied so that ranking reads no entity
		score    float64
	}
	var found []scored
	for _, i := range idx.words.candidates(nq) {
		e := &idx.entities[i]
		if len(types) > 0 && !slices.Contains(types, e.Type) {
			continue
		}
		best := 0.0
		for j, k := range e.keys {
			best = max(best, scoreWords(nq, qw, k, e.keyWords[j]))
		}
		if best > 0 {
			found = append(found, scored{i, e.articles, best})
		}
	}
	// Best first: by score, then mentions, then name, then ID (the
	// entities' order), which makes the order total. Only the hits up to
	// the end of the page need sorting; the rest are only counted.
	before := func(x, y scored) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		if c := cmp.Compare(y.articles, x.articles); c != 0 {
			return c
		}
		if c := strings.Compare(idx.entities[x.pos].Name, idx.entities[y.pos].Name); c != 0 {
			return c
		}
		return cmp.Compare(x.pos, y.pos)
	}
	if end, ok := offsetEnd(p); ok && end < len(found) {
		selectFirst(found, end, before)
		slices.SortFunc(found[:end], before)
	} else {
		slices.SortFunc(found, before)
	}
	l, err := pageByOffset(found, p)
	if err != nil {
		return List[Hit]{}, err
	}
	hits := make([]Hit, len(l.Items))
	for i, f := range l.Items {
		hits[i] = Hit{Entity: idx.entities[f.pos].Entity, Score: f.score}
	}
	return Relist(l, hits), nil
}
