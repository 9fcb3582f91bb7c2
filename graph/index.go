package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// quadIndex is an in-memory copy of every quad of a store, which a Store
// opened with Options.Index keeps beside the Cayley store and reads instead
// of it. A read from a Cayley kv store costs an iterator, a key-value lookup
// per quad and a decode per value; on PostgreSQL, a query per node. The
// index answers the same reads with slice walks.
//
// Values are interned as uint32 ids (0 means none). A quad lives in a slot;
// the slots of each value are listed by the direction it takes in them
// (subject, object, label; predicates are few and shared by millions of
// quads, so they are not listed). The index is not safe for concurrent use:
// Store guards it with its mutex, and changes it only after the Cayley
// transaction that made the same change committed.
//
// Memory: about 40 bytes a quad plus each distinct value once. Values are
// never forgotten, so deleting articles leaves their values interned until
// the store is opened again.
//
// The index holds millions of values and lists; its values live in a
// valueTable and its lists in a slotArena, so that the garbage collector
// finds a few large objects in it rather than millions of small ones (see
// valueTable).
type quadIndex struct {
	vals  *valueTable
	quads [][4]uint32  // by slot: subject, predicate, object, label; a free slot is all zero
	free  []uint32     // free slots
	by    [3][]listRef // by direction (bySubject…), by value id: where its list of slots is
	lists slotArena
	live  int
	refs  []uint32 // by id: how many live quads hold the value, in any direction
	nodes int      // values with refs > 0, as Cayley counts nodes
}

// slotArena holds the index's lists of slots in large chunks, so that a
// million short lists are a few heap objects and their references
// (listRef) hold no pointers. A list that outgrows its space moves to a new
// space twice the size and leaves the old one unused: at most about as much
// again as the lists hold. Lists over a quarter of a chunk get a chunk of
// their own.
type slotArena struct {
	chunks [][]uint32
	small  int  // index in chunks of the chunk short lists are cut from
	open   bool // whether there is such a chunk
	used   int  // slots used of it
}

// listRef is where a list of slots lies in a slotArena.
type listRef struct{ chunk, off, len, cap uint32 }

const slotChunk = 1 << 18 // slots a chunk holds (1 MB)

// list returns the slots of r.
func (a *slotArena) list(r listRef) []uint32 {
	if r.cap == 0 {
		return nil
	}
	return a.chunks[r.chunk][r.off : r.off+r.len : r.off+r.cap]
}

// grow moves r to a space with room for at least one more slot.
func (a *slotArena) grow(r listRef) listRef {
	n := max(2, 2*int(r.cap))
	var out listRef
	if n > slotChunk/4 {
		a.chunks = append(a.chunks, make([]uint32, n))
		out = listRef{chunk: uint32(len(a.chunks) - 1), cap: uint32(n)}
	} else {
		if !a.open || a.used+n > slotChunk {
			a.chunks = append(a.chunks, make([]uint32, slotChunk))
			a.small, a.open, a.used = len(a.chunks)-1, true, 0
		}
		out = listRef{chunk: uint32(a.small), off: uint32(a.used), cap: uint32(n)}
		a.used += n
	}
	out.len = uint32(copy(a.list(listRef{chunk: out.chunk, off: out.off, len: out.cap, cap: out.cap}), a.list(r)))
	return out
}

// list returns the slots of the quads whose direction dir (bySubject…)
// holds the value with the given id.
func (x *quadIndex) list(dir int, id uint32) []uint32 { return x.lists.list(x.by[dir][id]) }

// The directions the index lists slots by, as positions in quadIndex.by,
// and the positions of the directions in a slot.
const (
	bySubject = iota
	byObject
	byLabel
)

var slotPos = [3]int{bySubject: 0, byObject: 2, byLabel: 3}

func dirIndex(d quad.Direction) (int, bool) {
	switch d {
	case quad.Subject:
		return bySubject, true
	case quad.Object:
		return byObject, true
	case quad.Label:
		return byLabel, true
	}
	return 0, false
}

func newQuadIndex() *quadIndex {
	x := &quadIndex{vals: newValueTable(), refs: []uint32{0}}
	for i := range x.by {
		x.by[i] = []listRef{{}}
	}
	return x
}

// id returns the id of v, 0 when v is not interned (or is nil).
func (x *quadIndex) id(v quad.Value) uint32 { return x.vals.id(v) }

// intern returns the id of v, giving it one when it has none.
func (x *quadIndex) intern(v quad.Value) uint32 {
	id, added := x.vals.intern(v)
	if added {
		x.refs = append(x.refs, 0)
		for i := range x.by {
			x.by[i] = append(x.by[i], listRef{})
		}
	}
	return id
}

// find returns the slot holding the quad of ids k, walking the shortest of
// the lists it must be on.
func (x *quadIndex) find(k [4]uint32) (uint32, bool) {
	list := x.list(bySubject, k[0])
	if l := x.list(byObject, k[2]); len(l) < len(list) {
		list = l
	}
	if k[3] != 0 {
		if l := x.list(byLabel, k[3]); len(l) < len(list) {
			list = l
		}
	}
	for _, slot := range list {
		if x.quads[slot] == k {
			return slot, true
		}
	}
	return 0, false
}

// add adds q and reports whether it was new.
func (x *quadIndex) add(q quad.Quad) bool {
	k := [4]uint32{x.intern(q.Subject), x.intern(q.Predicate), x.intern(q.Object), x.intern(q.Label)}
	if _, ok := x.find(k); ok {
		return false
	}
	var slot uint32
	if n := len(x.free); n > 0 {
		slot, x.free = x.free[n-1], x.free[:n-1]
		x.quads[slot] = k
	} else {
		slot = uint32(len(x.quads))
		x.quads = append(x.quads, k)
	}
	x.link(k, slot)
	return true
}

// link lists the quad k in slot under its values and counts it.
func (x *quadIndex) link(k [4]uint32, slot uint32) {
	for i, pos := range slotPos {
		if id := k[pos]; id != 0 {
			r := x.by[i][id]
			if r.len == r.cap {
				r = x.lists.grow(r)
			}
			x.lists.chunks[r.chunk][r.off+r.len] = slot
			r.len++
			x.by[i][id] = r
		}
	}
	for _, id := range k {
		if id != 0 {
			if x.refs[id] == 0 {
				x.nodes++
			}
			x.refs[id]++
		}
	}
	x.live++
}

// del deletes q and reports whether it was there.
func (x *quadIndex) del(q quad.Quad) bool {
	k := [4]uint32{x.id(q.Subject), x.id(q.Predicate), x.id(q.Object), x.id(q.Label)}
	if k[0] == 0 || k[1] == 0 || k[2] == 0 || (q.Label != nil && k[3] == 0) {
		return false
	}
	slot, ok := x.find(k)
	if !ok {
		return false
	}
	for i, pos := range slotPos {
		if id := k[pos]; id != 0 {
			x.by[i][id].len = uint32(len(removeSlot(x.list(i, id), slot)))
		}
	}
	for _, id := range k {
		if id != 0 {
			if x.refs[id]--; x.refs[id] == 0 {
				x.nodes--
			}
		}
	}
	x.quads[slot] = [4]uint32{}
	x.free = append(x.free, slot)
	x.live--
	return true
}

// removeSlot removes slot from list, not keeping the order.
func removeSlot(list []uint32, slot uint32) []uint32 {
	for i, s := range list {
		if s == slot {
			last := len(list) - 1
			list[i] = list[last]
			return list[:last]
		}
	}
	return list
}

// apply mirrors deltas Cayley has committed with IgnoreDup and IgnoreMissing.
func (x *quadIndex) apply(deltas []cgraph.Delta) {
	for _, d := range deltas {
		switch d.Action {
		case cgraph.Add:
			x.add(d.Quad)
		case cgraph.Delete:
			x.del(d.Quad)
		}
	}
}

// quad returns the quad in slot.
func (x *quadIndex) quad(slot uint32) quad.Quad {
	k := x.quads[slot]
	v := x.vals
	return quad.Quad{Subject: v.value(k[0]), Predicate: v.value(k[1]), Object: v.value(k[2]), Label: v.value(k[3])}
}

// slots returns the slots of the quads whose direction d holds v; ok is
// false for a direction the index does not list.
func (x *quadIndex) slots(d quad.Direction, v quad.Value) (slots []uint32, ok bool) {
	i, ok := dirIndex(d)
	if !ok {
		return nil, false
	}
	id := x.id(v)
	if id == 0 {
		return nil, true
	}
	return x.list(i, id), true
}

// with returns the quads whose direction d holds v, in no order; ok is false
// for a direction the index does not list.
func (x *quadIndex) with(d quad.Direction, v quad.Value) ([]quad.Quad, bool) {
	slots, ok := x.slots(d, v)
	if !ok {
		return nil, false
	}
	out := make([]quad.Quad, len(slots))
	for i, s := range slots {
		out[i] = x.quad(s)
	}
	return out, true
}

// idSet is a set of value ids, a bitmap up to the largest member: testing
// a quad's label costs a shift and a mask, and the set holds no pointers
// for the garbage collector to scan.
type idSet []uint64

// has reports whether id is in s.
func (s idSet) has(id uint32) bool {
	w := int(id >> 6)
	return w < len(s) && s[w]&(1<<(id&63)) != 0
}

// newIDSet returns the set of ids (0 excepted). Give it back with free
// when done with it.
func newIDSet(ids []uint32) idSet {
	var top uint32
	for _, id := range ids {
		top = max(top, id)
	}
	if top == 0 {
		return nil
	}
	n := int(top/64 + 1)
	var s idSet
	if p, ok := idSets.Get().(*idSet); ok && cap(*p) >= n {
		s = (*p)[:n]
	} else {
		s = make(idSet, n)
	}
	for _, id := range ids {
		if id != 0 {
			s[id>>6] |= 1 << (id & 63)
		}
	}
	return s
}

// idSets holds sets whose every bit is clear, for newIDSet: a set spans
// every id up to its largest member, a hundred kilobytes on a store of
// millions of quads, and an export made and cleared four of them.
var idSets sync.Pool // of *idSet

// free clears the bits of ids, the ids s was made of, and keeps s for
// another newIDSet. s must not be used after.
func (s idSet) free(ids []uint32) {
	if s == nil {
		return
	}
	for _, id := range ids {
		if w := int(id >> 6); w < len(s) {
			s[w] = 0
		}
	}
	s = s[:cap(s)]
	idSets.Put(&s)
}

// labelSet is a set of labels as index ids, built once for many reads.
type labelSet struct {
	ids []uint32 // distinct
	has idSet
}

// labelSet returns the labels IRIs as ids; IRIs that are no value of the
// index are left out (no quad holds them).
func (x *quadIndex) labelSet(labels []string) labelSet {
	ids := make([]uint32, 0, len(labels))
	for _, l := range labels {
		if id := x.id(quad.IRI(l)); id != 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return labelSet{ids: ids, has: newIDSet(ids)}
}

// subjectIDs returns the ids of the IRIs iris, 0 for those the index lacks.
func (x *quadIndex) subjectIDs(iris []string) []uint32 {
	ids := make([]uint32, len(iris))
	for i, iri := range iris {
		ids[i] = x.id(quad.IRI(iri))
	}
	return ids
}

// subjectsUnderSlots returns the slots of the quads whose subject is ids[i]
// and whose label is in want: those of ids[i] are slots[ends[i]:ends[i+1]],
// in no order (an id of 0 has none). It walks whichever is shorter: the
// quads of the subjects, or those of the labels (a few articles' quads
// rather than every quad of an entity named in thousands of articles, or
// the other way round).
func (x *quadIndex) subjectsUnderSlots(ids []uint32, want labelSet) (slots []uint32, ends []int) {
	bySubj, byLab := 0, 0
	for _, id := range ids {
		bySubj += len(x.list(bySubject, id))
	}
	for _, l := range want.ids {
		byLab += len(x.list(byLabel, l))
	}
	ends = make([]int, len(ids)+1)
	if bySubj <= byLab {
		for i, id := range ids {
			for _, slot := range x.list(bySubject, id) {
				if want.has.has(x.quads[slot][3]) {
					slots = append(slots, slot)
				}
			}
			ends[i+1] = len(slots)
		}
		return slots, ends
	}
	first := make(map[uint32]int32, len(ids)) // subject id → its first index in ids
	for i := len(ids) - 1; i >= 0; i-- {
		if ids[i] != 0 {
			first[ids[i]] = int32(i)
		}
	}
	subjects := newIDSet(ids)
	defer subjects.free(ids)
	type hit struct {
		i    int32
		slot uint32
	}
	var hits []hit
	for _, l := range want.ids {
		for _, slot := range x.list(byLabel, l) {
			if s := x.quads[slot][0]; subjects.has(s) {
				hits = append(hits, hit{first[s], slot})
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Compare(a.i, b.i) })
	slots = make([]uint32, 0, len(hits))
	h := 0
	for i, id := range ids {
		if id != 0 {
			if j := first[id]; int(j) != i { // the same IRI again: the same quads
				slots = append(slots, slots[ends[j]:ends[j+1]]...)
			}
		}
		for h < len(hits) && int(hits[h].i) == i {
			slots = append(slots, hits[h].slot)
			h++
		}
		ends[i+1] = len(slots)
	}
	return slots, ends
}

// selected is what a Selection picks from the index: its distinct
// subjects sorted by IRI, and the slots of each, pruned as the Selection
// says: those of subjects[i] are slots[ends[i]:ends[i+1]], in no order.
type selected struct {
	subjects []uint32
	slots    []uint32
	ends     []int
}

// selection returns the quads sel selects, as Store.SelectQuads documents.
func (x *quadIndex) selection(sel Selection) selected {
	nodeIDs := x.subjectIDs(sel.Nodes)
	labels := x.labelSet(sel.Labels)
	defer labels.has.free(labels.ids)
	nodeSlots, nodeEnds := x.subjectsUnderSlots(nodeIDs, labels)
	// Each distinct subject once: all its quads if it is one of Others,
	// else those of its first place in Nodes (every place of a repeated
	// IRI has the same quads).
	const all = -1
	from := make(map[uint32]int32, len(nodeIDs)+len(sel.Others)) // subject id → index in nodeIDs, or all
	var subjects []uint32
	for i, id := range nodeIDs {
		if _, ok := from[id]; !ok && id != 0 {
			from[id] = int32(i)
			subjects = append(subjects, id)
		}
	}
	for _, id := range x.subjectIDs(sel.Others) {
		if id == 0 {
			continue
		}
		if _, ok := from[id]; !ok {
			subjects = append(subjects, id)
		}
		from[id] = all
	}
	keys := x.vals.keys
	slices.SortFunc(subjects, func(a, b uint32) int { return cmp.Compare(keys[a], keys[b]) })
	var pruned idSet
	var prunePred uint32
	if sel.PrunePred != "" {
		if sameStrings(sel.Pruned, sel.Labels) { // as an export prunes its articles
			pruned = labels.has
		} else {
			ids := x.subjectIDs(sel.Pruned)
			pruned = newIDSet(ids)
			defer pruned.free(ids)
		}
		prunePred = x.id(quad.IRI(sel.PrunePred))
	}
	nodes := newIDSet(nodeIDs)
	defer nodes.free(nodeIDs)
	total := 0
	lists := make([][]uint32, len(subjects))
	for i, id := range subjects {
		var list []uint32
		if j := from[id]; j != all {
			list = nodeSlots[nodeEnds[j]:nodeEnds[j+1]]
		}
		if len(list) == 0 { // one of Others, or a node with no quad under the labels
			list = x.list(bySubject, id)
		}
		lists[i] = list
		total += len(list)
	}
	out := selected{subjects: subjects, slots: make([]uint32, 0, total), ends: make([]int, len(subjects)+1)}
	for i, id := range subjects {
		if prunePred != 0 && pruned.has(id) {
			for _, slot := range lists[i] {
				if k := x.quads[slot]; k[1] != prunePred || nodes.has(k[2]) {
					out.slots = append(out.slots, slot)
				}
			}
		} else {
			out.slots = append(out.slots, lists[i]...)
		}
		out.ends[i+1] = len(out.slots)
	}
	return out
}

// sameStrings reports whether a and b are the same slice: the same
// strings, without comparing them.
func sameStrings(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// links is Store.ObjectLinks read from the index: the objects' IRIs are
// the index's own strings, not copies.
func (x *quadIndex) links(iris, preds []string) []Link {
	predIDs := x.subjectIDs(preds)
	var out []Link
	for _, id := range x.subjectIDs(iris) {
		for _, slot := range x.list(bySubject, id) {
			k := x.quads[slot]
			i := slices.Index(predIDs, k[1])
			if i < 0 {
				continue
			}
			if obj := x.vals.iri(k[2]); obj != "" {
				out = append(out, Link{Pred: i, Object: obj})
			}
		}
	}
	return out
}

// node is Store.Node read from the index: the same Node, built from ids
// so that each distinct value is converted once.
func (x *quadIndex) node(iri string) (Node, bool) {
	slots := x.list(bySubject, x.id(quad.IRI(iri)))
	if len(slots) == 0 {
		return Node{IRI: iri}, false
	}
	n := Node{IRI: iri, Props: make(map[string][]any)}
	seen := make(map[[2]uint32]bool, len(slots))
	var labels []uint32
	for _, slot := range slots {
		k := x.quads[slot]
		if po := [2]uint32{k[1], k[2]}; !seen[po] {
			seen[po] = true
			pred := x.vals.iri(k[1])
			n.Props[pred] = append(n.Props[pred], x.vals.prop(k[2]))
		}
		if k[3] != 0 {
			labels = append(labels, k[3])
		}
	}
	for _, vs := range n.Props {
		sort.Slice(vs, func(i, j int) bool { return valueLess(vs[i], vs[j]) })
	}
	slices.Sort(labels)
	for i, l := range labels {
		if i > 0 && l == labels[i-1] {
			continue
		}
		if iri := x.vals.iri(l); iri != "" {
			n.Labels = append(n.Labels, iri)
		}
	}
	slices.Sort(n.Labels)
	return n, true
}

// all returns every quad, in no order.
func (x *quadIndex) all() []quad.Quad {
	out := make([]quad.Quad, 0, x.live)
	for slot, k := range x.quads {
		if k[0] != 0 {
			out = append(out, x.quad(uint32(slot)))
		}
	}
	return out
}

// indexBatch is how many distinct values loadIndex names in one call.
const indexBatch = 4096

// loadIndex reads every quad of qs into a new index. It walks Cayley's
// iterator over all quads once, taking each quad's value references
// (cheap on every backend: they sit in the quad's own record), and names
// each distinct reference once, in batches, instead of decoding every
// quad's four values.
func loadIndex(ctx context.Context, qs cgraph.QuadStore) (*quadIndex, error) {
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	refID := make(map[any]uint32) // a Cayley reference's key → temporary id
	var refs []cgraph.Ref         // temporary id - 1 → reference
	var quads [][4]uint32         // by temporary ids
	for it.Next(ctx) {
		r := it.Result()
		var k [4]uint32
		for i, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
			ref, err := qs.QuadDirection(r, d)
			if err != nil {
				return nil, fmt.Errorf("index quads: %w", err)
			}
			if ref == nil {
				continue
			}
			key := ref.Key()
			id, ok := refID[key]
			if !ok {
				refs = append(refs, ref)
				id = uint32(len(refs))
				refID[key] = id
			}
			k[i] = id
		}
		quads = append(quads, k)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("index quads: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("index quads: %w", err)
	}
	refID = nil
	vals, err := nameAll(ctx, qs, refs)
	if err != nil {
		return nil, fmt.Errorf("index values: %w", err)
	}
	x := newQuadIndex()
	final := make([]uint32, len(refs)+1) // temporary id → index id
	for i, v := range vals {
		final[i+1] = x.intern(v)
	}
	x.quads = make([][4]uint32, 0, len(quads))
	for _, k := range quads {
		for i := range k {
			k[i] = final[k[i]]
		}
		if k[0] == 0 || k[1] == 0 || k[2] == 0 {
			continue // a quad whose value the store could not name
		}
		if _, dup := x.find(k); dup {
			continue
		}
		slot := uint32(len(x.quads))
		x.quads = append(x.quads, k)
		x.link(k, slot)
	}
	return x, nil
}

// nameWorkers is how many lookups nameAll runs at once on a store that
// names one reference per query (Cayley's SQL stores): they wait on the
// database, not on the CPU.
const nameWorkers = 8

// nameAll returns the values of refs, in order: in batches from a store
// that names many at once (Cayley's kv stores), else by nameWorkers
// goroutines.
func nameAll(ctx context.Context, qs cgraph.QuadStore, refs []cgraph.Ref) ([]quad.Value, error) {
	out := make([]quad.Value, len(refs))
	if _, batch := qs.(batchNamer); batch {
		for start := 0; start < len(refs); start += indexBatch {
			end := min(start+indexBatch, len(refs))
			vals, err := cgraph.ValuesOf(ctx, qs, refs[start:end])
			if err != nil {
				return nil, err
			}
			copy(out[start:end], vals)
		}
		return out, nil
	}
	var (
		wg   sync.WaitGroup
		next atomic.Int64
		mu   sync.Mutex
		fail error
	)
	for range nameWorkers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(refs) || ctx.Err() != nil {
					return
				}
				v, err := qs.NameOf(refs[i])
				if err != nil {
					mu.Lock()
					fail = cmp.Or(fail, err)
					mu.Unlock()
					return
				}
				out[i] = v
			}
		})
	}
	wg.Wait()
	if fail != nil {
		return nil, fail
	}
	return out, ctx.Err()
}

// batchNamer is Cayley's interface of stores that name many references
// in one call.
type batchNamer = refs.BatchNamer

// valueLess orders the values of a Node's property: by Go type name, then
// by value as text, as fmt's "%T\x00%v" would, without formatting strings.
func valueLess(a, b any) bool {
	ta, tb := typeRank(a), typeRank(b)
	if ta != tb {
		return ta < tb
	}
	switch x := a.(type) {
	case string:
		return x < b.(string)
	case IRI:
		return x < b.(IRI)
	case bool:
		return !x && b.(bool)
	case int64:
		return strconv.FormatInt(x, 10) < strconv.FormatInt(b.(int64), 10)
	case float64:
		return fmt.Sprint(x) < fmt.Sprint(b.(float64))
	}
	return valueKey(a) < valueKey(b)
}

// typeRank orders the Go types of Node values as their %T names sort:
// bool, float64, graph.IRI, int64, string.
func typeRank(v any) int {
	switch v.(type) {
	case bool:
		return 0
	case float64:
		return 1
	case IRI:
		return 2
	case int64:
		return 3
	case string:
		return 4
	}
	return 5
}
