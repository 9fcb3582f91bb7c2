package graph

import (
	"encoding/binary"
	"fmt"
	"math"
	"unsafe"

	"github.com/cayleygraph/quad"
)

// valueTable interns quad values as ids 1, 2, … for the in-memory index,
// holding no pointer per value.
//
// Why: the index of 20,000 articles holds about 760,000 values. Kept as
// quad.Value interfaces (a boxed string header and the string's bytes
// each) and as keys of a map[quad.Value]uint32, they were 1.5 million heap
// objects that the garbage collector marked on every cycle, and the
// server's queries allocate fast enough for several cycles a second. Here
// every value is written once, as a key (a kind byte and its text), into
// large byte chunks that are never changed or freed; the map's keys are
// strings that point into those chunks, so a cycle marks a few chunks
// instead of a million objects.
//
// Values of the kinds the store holds by the million (IRIs, strings, blank
// nodes, integers, floats, booleans) are rebuilt from their key when read,
// which allocates a small box each time; any other kind is kept boxed as
// it came. A valueTable is not safe for concurrent use.
type valueTable struct {
	ids    map[string]uint32 // key → id; keys point into chunks
	keys   []string          // by id; keys[0] is ""
	chunk  []byte            // free space of the current chunk
	others map[uint32]quad.Value
}

// valueChunk is the size of the chunks keys are written into; a longer key
// gets a chunk of its own.
const valueChunk = 1 << 20

// Kinds of value, the first byte of a key.
const (
	kindIRI    = 'I'
	kindString = 'S'
	kindBNode  = 'B'
	kindInt    = 'i'
	kindFloat  = 'f'
	kindBool   = 'b'
	kindOther  = 'X' // followed by the Go type and the N-Quads form: kept boxed
)

func newValueTable() *valueTable {
	return &valueTable{ids: make(map[string]uint32), keys: []string{""}}
}

// appendKey appends v's key to b: a kind byte, then the text of strings
// and IRIs, eight bytes of numbers, one of booleans, or for any other kind
// its Go type and N-Quads form (which together tell values apart as Go's ==
// on quad.Value does).
func appendKey(b []byte, v quad.Value) []byte {
	switch x := v.(type) {
	case quad.IRI:
		return append(append(b, kindIRI), x...)
	case quad.String:
		return append(append(b, kindString), x...)
	case quad.BNode:
		return append(append(b, kindBNode), x...)
	case quad.Int:
		return binary.BigEndian.AppendUint64(append(b, kindInt), uint64(x))
	case quad.Float:
		return binary.BigEndian.AppendUint64(append(b, kindFloat), math.Float64bits(float64(x)))
	case quad.Bool:
		if x {
			return append(b, kindBool, 1)
		}
		return append(b, kindBool, 0)
	}
	return fmt.Appendf(append(b, kindOther), "%T\x00%s", v, quad.ToString(v))
}

// id returns the id of v, 0 when v is not interned (or is nil).
func (t *valueTable) id(v quad.Value) uint32 {
	if v == nil {
		return 0
	}
	var buf [128]byte
	return t.ids[string(appendKey(buf[:0], v))] // looked up without a copy
}

// intern returns the id of v, giving it the next one when it has none.
func (t *valueTable) intern(v quad.Value) (id uint32, added bool) {
	if v == nil {
		return 0, false
	}
	var buf [128]byte
	k := appendKey(buf[:0], v)
	if id, ok := t.ids[string(k)]; ok {
		return id, false
	}
	if len(k) > len(t.chunk) {
		t.chunk = make([]byte, max(valueChunk, len(k)))
	}
	n := copy(t.chunk, k)
	// The chunk's bytes are never written again, so a string over them is
	// as immutable as any other.
	key := unsafe.String(&t.chunk[0], n)
	t.chunk = t.chunk[n:]
	id = uint32(len(t.keys))
	t.keys = append(t.keys, key)
	t.ids[key] = id
	if key[0] == kindOther {
		if t.others == nil {
			t.others = make(map[uint32]quad.Value)
		}
		t.others[id] = v
	}
	return id, true
}

// value returns the value with the given id, nil for 0.
func (t *valueTable) value(id uint32) quad.Value {
	if id == 0 {
		return nil
	}
	k := t.keys[id]
	switch k[0] {
	case kindIRI:
		return quad.IRI(k[1:])
	case kindString:
		return quad.String(k[1:])
	case kindBNode:
		return quad.BNode(k[1:])
	case kindInt:
		return quad.Int(binary.BigEndian.Uint64([]byte(k[1:])))
	case kindFloat:
		return quad.Float(math.Float64frombits(binary.BigEndian.Uint64([]byte(k[1:]))))
	case kindBool:
		return quad.Bool(k[1] == 1)
	}
	return t.others[id]
}

// iri returns the IRI with the given id, "" when it is no IRI.
func (t *valueTable) iri(id uint32) string {
	if k := t.keys[id]; id != 0 && k[0] == kindIRI {
		return k[1:]
	}
	return ""
}

// prop returns the value with the given id as a Node property holds it
// (see fromQuad), without boxing it as a quad.Value first.
func (t *valueTable) prop(id uint32) any {
	k := t.keys[id]
	switch k[0] {
	case kindIRI:
		return IRI(k[1:])
	case kindString:
		return k[1:]
	}
	return fromQuad(t.value(id))
}
