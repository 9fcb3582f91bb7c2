package graph

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

func TestValueTableRoundTrips(t *testing.T) {
	long := strings.Repeat("long value ", 20_000) // over a chunk
	vals := []struct {
		desc string
		v    quad.Value
	}{
		{"IRI", quad.IRI("https://kg.localhost/id/person/ada-lind")},
		{"string with the same text", quad.String("https://kg.localhost/id/person/ada-lind")},
		{"blank node with the same text", quad.BNode("https://kg.localhost/id/person/ada-lind")},
		{"empty string", quad.String("")},
		{"empty IRI", quad.IRI("")},
		{"non-ASCII", quad.String("Zelenskyy – Київ")},
		{"long string", quad.String(long)},
		{"over the stack buffer", quad.IRI(strings.Repeat("x", 200))},
		{"int", quad.Int(42)},
		{"negative int", quad.Int(-7)},
		{"largest int", quad.Int(math.MaxInt64)},
		{"float with an int's value", quad.Float(42)},
		{"float", quad.Float(0.85)},
		{"negative zero", quad.Float(math.Copysign(0, -1))},
		{"true", quad.Bool(true)},
		{"false", quad.Bool(false)},
		{"typed string", quad.TypedString{Value: "42", Type: "http://www.w3.org/2001/XMLSchema#integer"}},
		{"language string", quad.LangString{Value: "Kyiv", Lang: "en"}},
		{"time", quad.Time(time.Date(2025, 11, 30, 12, 0, 0, 0, time.UTC))},
	}
	tab := newValueTable()
	ids := map[uint32]string{}
	for _, tc := range vals {
		id, added := tab.intern(tc.v)
		if !added || id == 0 {
			t.Fatalf("%s: id %d, added %v", tc.desc, id, added)
		}
		if other, dup := ids[id]; dup {
			t.Errorf("%s has the id of %s", tc.desc, other)
		}
		ids[id] = tc.desc
	}
	for i, tc := range vals {
		id := tab.id(tc.v)
		if id != uint32(i+1) {
			t.Errorf("%s: id %d, want %d", tc.desc, id, i+1)
		}
		if again, added := tab.intern(tc.v); again != id || added {
			t.Errorf("%s interned twice: %d then %d (added %v)", tc.desc, id, again, added)
		}
		got := tab.value(id)
		if got != tc.v {
			t.Errorf("%s: value %#v, want %#v", tc.desc, got, tc.v)
		}
		wantIRI := ""
		if iri, ok := tc.v.(quad.IRI); ok {
			wantIRI = string(iri)
		}
		if tab.iri(id) != wantIRI {
			t.Errorf("%s: iri %q, want %q", tc.desc, tab.iri(id), wantIRI)
		}
		if got, want := tab.prop(id), fromQuad(tc.v); got != want {
			t.Errorf("%s: prop %#v, want %#v", tc.desc, got, want)
		}
	}
	if tab.id(quad.String("never interned")) != 0 || tab.id(nil) != 0 || tab.value(0) != nil || tab.iri(0) != "" {
		t.Error("a value never interned has an id, or id 0 a value")
	}
}

func TestSlotArenaKeepsLists(t *testing.T) {
	var a slotArena
	refs := make([]listRef, 300)
	want := make([][]uint32, len(refs))
	put := func(r *listRef, v uint32) {
		if r.len == r.cap {
			*r = a.grow(*r)
		}
		a.chunks[r.chunk][r.off+r.len] = v
		r.len++
	}
	for round := range 5000 {
		i := (round * 7919) % len(refs) // lists of many lengths, grown in turn
		put(&refs[i], uint32(round))
		want[i] = append(want[i], uint32(round))
	}
	// A list too long for a chunk moves to a chunk of its own; short
	// lists cut after it must not land in that chunk's spare room.
	var long, short listRef
	for i := range slotChunk + 10 {
		put(&long, uint32(i))
		if i%1000 == 0 {
			put(&short, uint32(i))
		}
	}
	for i, v := range a.list(long) {
		if v != uint32(i) {
			t.Fatalf("long list changed at %d: %d", i, v)
		}
	}
	for i, v := range a.list(short) {
		if v != uint32(i*1000) {
			t.Fatalf("short list changed at %d: %d", i, v)
		}
	}
	for i, r := range refs {
		got := a.list(r)
		if len(got) != len(want[i]) {
			t.Fatalf("list %d: %d slots, want %d", i, len(got), len(want[i]))
		}
		for j := range want[i] {
			if got[j] != want[i][j] {
				t.Fatalf("list %d changed at %d: %d, want %d", i, j, got[j], want[i][j])
			}
		}
	}
	if a.list(listRef{}) != nil {
		t.Error("the empty list has slots")
	}
}
