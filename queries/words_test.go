package queries

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// score is scoreWords of whole strings.
func score(q, key string) float64 {
	return scoreWords(q, strings.Fields(q), key, strings.Fields(key))
}

// TestWordIndexFindsEveryMatch checks the candidates of the word index
// against scoring every entity: whatever score accepts must be among them.
func TestWordIndexFindsEveryMatch(t *testing.T) {
	names := []string{"Marco Rubio", "Maria Rubiales", "Vladimir Putin", "Volodymyr Zelensky",
		"European Union", "Nordvik Energy", "Anna-Lena Østergaard", "the United States",
		"Christopher Marlowe", "Christine Lagarde", "Kyiv", "Kiev"}
	var ents []indexed
	for i, n := range names {
		ents = append(ents, indexed{Entity: Entity{ID: fmt.Sprint(i), Name: n}, keys: []string{normalize(n)}})
	}
	x := newWordIndex(ents)
	queries := []string{"marco rubio", "rubio", "rub", "m", "rubip", "rbuio", "vlad put", "putni",
		"zelenskyy", "zelnsky", "europ union", "ostergaard", "østergard", "united states",
		"christophr", "christpoher marlow", "lagard", "kiyv", "kyiv", "xyz", "christine lagrade"}
	for _, q := range queries {
		nq := normalize(q)
		var want []int32
		for i, e := range ents {
			for _, k := range e.keys {
				if score(nq, k) > 0 {
					want = append(want, int32(i))
					break
				}
			}
		}
		got := x.candidates(nq)
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("candidates(%q) = %v, missing %q, which score accepts", q, got, names[w])
			}
		}
	}
}
