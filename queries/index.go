package queries

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

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
	keys     []string // normalised name and aliases
	articles int      // how many articles mention it
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

// score rates how well the normalised query q matches key, 0 for not at all.
func score(q, key string) float64 {
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
			case best < 1 && len(w) >= 4 && editDistance(w, k) <= maxEdits(w):
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

func maxEdits(w string) int {
	if len(w) >= 8 {
		return 2
	}
	return 1
}

// editDistance is the Damerau–Levenshtein distance (with adjacent
// transpositions) between a and b, by runes.
func editDistance(a, b string) int {
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
	var hits []Hit
	var mentions []int
	for _, i := range idx.words.candidates(nq) {
		e := idx.entities[i]
		if len(types) > 0 && !slices.Contains(types, e.Type) {
			continue
		}
		best := 0.0
		for _, k := range e.keys {
			best = max(best, score(nq, k))
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
