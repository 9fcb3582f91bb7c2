package queries

import "testing"

func TestPageWindow(t *testing.T) {
	for _, tc := range []struct {
		desc   string
		page   Page
		n      int
		lo, hi int
	}{
		{"zero page is everything", Page{}, 5, 0, 5},
		{"first limits", Page{First: 2}, 5, 0, 2},
		{"offset skips", Page{First: 2, Offset: 2}, 5, 2, 4},
		{"first past the end stops at the end", Page{First: 10, Offset: 3}, 5, 3, 5},
		{"offset past the end is empty", Page{First: 1, Offset: 9}, 5, 5, 5},
		{"negative offset counts as zero", Page{Offset: -3}, 5, 0, 5},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			if lo, hi := tc.page.window(tc.n); lo != tc.lo || hi != tc.hi {
				t.Errorf("window(%d) = %d, %d; want %d, %d", tc.n, lo, hi, tc.lo, tc.hi)
			}
		})
	}
}
