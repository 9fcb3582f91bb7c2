package queries

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
)

// Page selects a window of a list: at most First items (all when First <=
// 0) after the item whose cursor is After (from the start when empty).
type Page struct {
	First int
	After string
}

// List is one page of a longer list.
type List[T any] struct {
	Items   []T
	Total   int  // items in the whole list
	HasNext bool // whether items follow this page
	HasPrev bool // whether items precede this page
	// cursor makes the cursor of Items[i]: made only when asked for, since
	// most answers list items without them.
	cursor func(i int) string
}

// Cursor returns the cursor of Items[i] ("" for a list without cursors).
func (l List[T]) Cursor(i int) string {
	if l.cursor == nil || i < 0 || i >= len(l.Items) {
		return ""
	}
	return l.cursor(i)
}

// EndCursor is the cursor of the last item of the page, or "".
func (l List[T]) EndCursor() string { return l.Cursor(len(l.Items) - 1) }

// StartCursor is the cursor of the first item of the page, or "".
func (l List[T]) StartCursor() string { return l.Cursor(0) }

// Relist returns l with items in place of l's, their cursors the cursors
// of l's items in the same places.
func Relist[T, U any](l List[T], items []U) List[U] {
	return List[U]{Items: items, Total: l.Total, HasNext: l.HasNext, HasPrev: l.HasPrev, cursor: l.cursor}
}

// Cursors are opaque to callers. A key cursor ("k:" and a key) names an item
// of a list sorted by key, so it stays valid when items are added or removed
// before it; an offset cursor ("o:" and a number) counts items of a ranked
// list.
func keyCursor(key string) string { return base64.RawURLEncoding.EncodeToString([]byte("k:" + key)) }
func offsetCursor(i int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(i)))
}

// ErrBadCursor is returned for an After that no list gave out.
type ErrBadCursor struct{ Cursor string }

func (e ErrBadCursor) Error() string {
	return fmt.Sprintf("bad cursor %q: use a cursor from a previous page", e.Cursor)
}

func decodeCursor(c string) (kind, value string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 2 || b[1] != ':' || (b[0] != 'k' && b[0] != 'o') {
		return "", "", ErrBadCursor{c}
	}
	return string(b[:1]), string(b[2:]), nil
}

// pageByKey pages items sorted by the strictly increasing keys.
func pageByKey[T any](items []T, keys []string, p Page) (List[T], error) {
	start := 0
	if p.After != "" {
		kind, key, err := decodeCursor(p.After)
		if err != nil || kind != "k" {
			return List[T]{}, ErrBadCursor{p.After}
		}
		start = sort.SearchStrings(keys, key)
		if start < len(keys) && keys[start] == key {
			start++
		}
	}
	end := window(start, len(items), p.First)
	page := keys[start:end]
	return List[T]{Items: items[start:end], Total: len(items), HasNext: end < len(items), HasPrev: start > 0,
		cursor: func(i int) string { return keyCursor(page[i]) }}, nil
}

// pageByOffset pages a ranked list.
func pageByOffset[T any](items []T, p Page) (List[T], error) {
	start := 0
	if p.After != "" {
		kind, v, err := decodeCursor(p.After)
		n, convErr := strconv.Atoi(v)
		if err != nil || kind != "o" || convErr != nil || n < 0 {
			return List[T]{}, ErrBadCursor{p.After}
		}
		start = min(n+1, len(items))
	}
	end := window(start, len(items), p.First)
	return List[T]{Items: items[start:end], Total: len(items), HasNext: end < len(items), HasPrev: start > 0,
		cursor: func(i int) string { return offsetCursor(start + i) }}, nil
}

// offsetEnd returns how many leading items the page p of pageByOffset
// takes items from, when it is bounded; ok is false for an unbounded page
// or a cursor pageByOffset will refuse.
func offsetEnd(p Page) (end int, ok bool) {
	if p.First <= 0 {
		return 0, false
	}
	start := 0
	if p.After != "" {
		kind, v, err := decodeCursor(p.After)
		n, convErr := strconv.Atoi(v)
		if err != nil || kind != "o" || convErr != nil || n < 0 {
			return 0, false
		}
		start = n + 1
	}
	return start + p.First, true
}

func window(start, n, first int) int {
	if first > 0 && start+first < n {
		return start + first
	}
	return n
}
