package queries

import (
	"slices"
	"testing"
)

func TestPageByKey(t *testing.T) {
	keys := []string{"a", "b", "c", "d", "e"}
	for _, tc := range []struct {
		desc       string
		page       Page
		want       []string
		next, prev bool
	}{
		{"zero page is everything", Page{}, keys, false, false},
		{"first limits", Page{First: 2}, []string{"a", "b"}, true, false},
		{"after skips through the cursor", Page{First: 2, After: keyCursor("b")}, []string{"c", "d"}, true, true},
		{"after an item since deleted starts at the next key", Page{After: keyCursor("bb")}, []string{"c", "d", "e"}, false, true},
		{"after the last item is empty", Page{After: keyCursor("e")}, nil, false, true},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			l, err := pageByKey(keys, keys, tc.page)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(l.Items, tc.want) || l.HasNext != tc.next || l.HasPrev != tc.prev || l.Total != 5 {
				t.Errorf("got %v next=%v prev=%v total=%d; want %v next=%v prev=%v total=5",
					l.Items, l.HasNext, l.HasPrev, l.Total, tc.want, tc.next, tc.prev)
			}
			if l.Cursor(len(l.Items)-1) == "" && len(l.Items) > 0 {
				t.Errorf("no cursor for the last of %d items", len(l.Items))
			}
		})
	}
	for _, bad := range []string{"not base64!", keyCursor("a")[:1], offsetCursor(2)} {
		if _, err := pageByKey(keys, keys, Page{After: bad}); err == nil {
			t.Errorf("cursor %q accepted by a keyed list", bad)
		}
	}
}

func TestPageByOffset(t *testing.T) {
	items := []int{10, 20, 30}
	l, err := pageByOffset(items, Page{First: 1, After: offsetCursor(0)})
	if err != nil || !slices.Equal(l.Items, []int{20}) || !l.HasNext {
		t.Errorf("page after 0 = %v (%v), want [20] with more", l.Items, err)
	}
	if _, err := pageByOffset(items, Page{After: keyCursor("x")}); err == nil {
		t.Error("a key cursor was accepted by a ranked list")
	}
}

func TestInRange(t *testing.T) {
	for _, tc := range []struct {
		desc, d, from, to string
		want              bool
	}{
		{"no bounds", "", "", "", true},
		{"day inside", "2025-11-30", "2025-11-01", "2025-11-30", true},
		{"day after", "2025-12-01", "2025-11-01", "2025-11-30", false},
		{"month overlapping a day range", "2025-11", "2025-11-15", "2025-12-31", true},
		{"year before", "2024", "2025", "", false},
		{"year bound covers the day", "2025-06-01", "", "2025", true},
		{"no date never matches a bound", "", "2025", "", false},
		{"no year never matches a bound", "--11-30", "2025", "", false},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			if got := inRange(tc.d, tc.from, tc.to); got != tc.want {
				t.Errorf("inRange(%q, %q, %q) = %v", tc.d, tc.from, tc.to, got)
			}
		})
	}
}

func TestScore(t *testing.T) {
	for _, tc := range []struct {
		desc, q, key string
		want         float64
	}{
		{"exact", "marco rubio", "marco rubio", 1},
		{"prefix", "marco r", "marco rubio", 0.8},
		{"word prefixes in any order", "rub mar", "marco rubio", 0.6},
		{"one typo", "rubbio", "marco rubio", 0.5},
		{"transposition", "rubio marcp", "marco rubio", 0.5},
		{"too far", "rabbit", "marco rubio", 0},
		{"short words need the exact prefix", "rbo", "marco rubio", 0},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			if got := score(tc.q, tc.key); got != tc.want {
				t.Errorf("score(%q, %q) = %v, want %v", tc.q, tc.key, got, tc.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Volodymyr Zelenskyy": "volodymyr zelenskyy",
		"Zélenskyy":           "zelenskyy",
		"The White House":     "white house",
		"U.S.":                "us",
		"!!!":                 "",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
