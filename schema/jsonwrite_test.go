package schema

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
)

// The fast encoder must write exactly what encoding/json writes, so that
// answers do not change with it.
func TestAppendValueMatchesEncodingJSON(t *testing.T) {
	tests := []struct {
		desc string
		v    any
	}{
		{"null", nil},
		{"plain string", "Marco Rubio"},
		{"empty string", ""},
		{"quotes and backslashes", `he said "no" \ twice`},
		{"HTML characters", "<b>Tom & Jerry</b>"},
		{"control characters", "a\nb\rc\td\x00e\x1ff\x7fg\bh\fi"},
		{"non-ASCII", "Zelenskyy – Київ – São Paulo – 東京"},
		{"line and paragraph separators", "a\u2028b\u2029c"},
		{"invalid UTF-8", "bad \xff\xfe byte"},
		{"booleans", []any{true, false}},
		{"ints", []any{0, -1, 42, int32(7), int64(1) << 40}},
		{"floats", []any{0.0, 1.0, 0.5, 0.85, -2.25, 1e-7, 1.5e-9, 1e21, 123456789.125, 1e20, math.SmallestNonzeroFloat64, math.MaxFloat64}},
		{"negative zero", math.Copysign(0, -1)},
		{"nested maps sort keys", map[string]any{"b": 1, "a": map[string]any{"z": nil, "y": []any{}}, "ä": "x", "A": "y"}},
		{"nil list", []any(nil)},
		{"empty map", map[string]any{}},
		{"fallback types", []any{[]string{"x"}, map[string]string{"k": "v"}, uint8(3), float32(0.1)}},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			want, err := json.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := appendValue(nil, tc.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestAppendValueRejectsNaN(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := appendValue(nil, map[string]any{"x": f}); err == nil {
			t.Errorf("%v: no error", f)
		}
	}
}

// Random trees of the shapes graphql-go answers with.
func TestAppendResultMatchesEncodingJSONOnRandomTrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "é", "\"", "\\", "<", "&", "\n", "\x01", "\u2028", "\xff", "😀", " ", "0"}
	str := func() string {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	var tree func(depth int) any
	tree = func(depth int) any {
		switch k := r.IntN(8); {
		case depth > 3 || k == 0:
			return str()
		case k == 1:
			return r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20))
		case k == 2:
			return r.IntN(1000) - 500
		case k == 3:
			return r.IntN(2) == 0
		case k == 4:
			return nil
		case k == 5:
			l := make([]any, r.IntN(4))
			for i := range l {
				l[i] = tree(depth + 1)
			}
			return l
		default:
			m := map[string]any{}
			for range r.IntN(5) {
				m[str()] = tree(depth + 1)
			}
			return m
		}
	}
	for i := range 2000 {
		res := &graphql.Result{Data: tree(0)}
		if i%5 == 0 {
			res.Errors = []gqlerrors.FormattedError{{Message: str(), Path: []any{"roles", 1}}}
		}
		if i%7 == 0 {
			res.Extensions = map[string]any{"cost": r.IntN(10)}
		}
		want, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendResult(nil, res)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("tree %d:\ngot  %s\nwant %s", i, got, want)
		}
	}
}
