package queries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Fact kinds, as Neighbors and Path name them.
const (
	KindRole     = "roles"
	KindPosition = "positions"
	KindEvent    = "events"
)

// Node is a node of a neighbourhood or path: an entity, or an event (events
// connect their place and participants).
type Node struct {
	ID   string
	Type string // Person, Organization, Place, Issue or Event
	Name string
}

// Edge connects two nodes through a fact.
type Edge struct {
	From, To string // node IDs
	Kind     string // KindRole, KindPosition or KindEvent
	Label    string // the role title, the stance, or "location" / "participant"
	Fact     string // the fact's IRI
}

// Graph is a set of nodes and the edges between them.
type Graph struct {
	Nodes []Node
	Edges []Edge
	// TotalNodes counts the nodes of the whole neighbourhood, of which
	// Nodes may be the nearest part (see Neighbors).
	TotalNodes int
	// TotalEdges counts the edges among Nodes, of which Edges may be the
	// strongest part (see Neighbors).
	TotalEdges int
}

// Truncated reports whether g leaves out nodes of the neighbourhood or
// edges among its nodes.
func (g Graph) Truncated() bool { return len(g.Nodes) < g.TotalNodes || len(g.Edges) < g.TotalEdges }

// DefaultNeighborNodes bounds the nodes Neighbors returns unless told
// otherwise: two hops around an entity named in many articles reach
// thousands of nodes joined by tens of thousands of facts, more than a
// reader or a drawing can take in.
const DefaultNeighborNodes = 100

// DefaultNeighborEdges bounds the edges Neighbors returns unless told
// otherwise. The 100 nodes nearest a hub are joined by thousands of facts
// (several roles and stances between the same two nodes, stated across
// years of articles); three edges a node keep a drawing readable.
const DefaultNeighborEdges = 3 * DefaultNeighborNodes

// Bounds of Neighbors and Path: a neighbourhood grows fast with its radius,
// a path search only until it meets its end.
const (
	MaxNeighborHops = 3
	MaxPathHops     = 4
)

// adjacency finds the edges at one node, through facts of some kinds and
// confidence, in the fact graph of the store's current generation.
type adjacency struct {
	q       *Service
	l       *loader
	g       *factGraph
	kinds   uint8 // a bit per kindCode followed, tested at every step
	minConf float64
	counts  bool // the pair table's counts count the links followed (see pairTable.countsHold)
}

// allKinds is adjacency.kinds when every kind is followed.
const allKinds = 1<<codeRole | 1<<codePosition | 1<<codeEvent

func (q *Service) adjacency(ctx context.Context, kinds []string, minConf float64) (*adjacency, error) {
	g, err := q.factGraph(ctx)
	if err != nil {
		return nil, err
	}
	a := &adjacency{q: q, l: q.loader(ctx), g: g, minConf: minConf}
	if len(kinds) == 0 {
		a.kinds = allKinds
	}
	for _, k := range kinds {
		if c, ok := codeOf(k); ok { // an unknown kind follows nothing
			a.kinds |= 1 << c
		}
	}
	a.counts = g.pairs.countsHold(minConf)
	return a, nil
}

// follows reports whether the walk may take l.
func (a *adjacency) follows(l link) bool {
	return a.kinds&(1<<l.kind) != 0 && l.conf >= a.minConf
}

func (a *adjacency) node(id string) (Node, error) {
	if n, ok := a.g.num[id]; ok {
		return a.g.nodes[n], nil
	}
	n, err := a.l.node(id)
	if err != nil {
		return Node{}, err
	}
	return nodeOf(id, n), nil
}

// Neighbors returns the nodes within hops (1 to MaxNeighborHops) of the node with IRI
// id, and the edges among them found on the way, through facts of the given
// kinds (all when empty) whose confidence is at least minConf.
//
// When the neighbourhood has more than maxNodes nodes (maxNodes > 0), only
// maxNodes are returned, the nearest first and, among those as near, the
// ones joined to nearer nodes by more facts, then by IRI; the edges are
// those among the returned nodes, and TotalNodes tells how many there were.
//
// When more than maxEdges edges join the returned nodes (maxEdges > 0),
// only maxEdges are returned and TotalEdges tells how many there were.
// First come the edges that join each node to the start: for every node,
// in the order above, its strongest edge to a node one step nearer. The
// rest are taken nearest the start first (by the nearer end), then the
// facts stated by more sentences, then the surer, then by edge key. Edges
// come sorted by edge key (fact, from, to, label) whatever was left out.
func (q *Service) Neighbors(ctx context.Context, id string, hops int, kinds []string, minConf float64, maxNodes, maxEdges int) (Graph, error) {
	if hops < 1 || hops > MaxNeighborHops {
		return Graph{}, fmt.Errorf("hops must be from 1 to %d, not %d", MaxNeighborHops, hops)
	}
	a, err := q.adjacency(ctx, kinds, minConf)
	if err != nil {
		return Graph{}, err
	}
	start, ok := a.g.num[id]
	if !ok {
		n, err := a.node(id)
		return Graph{Nodes: []Node{n}, TotalNodes: 1}, err
	}
	// dist is each node's distance from start, -1 when not reached; ties
	// counts the facts joining it to nodes one step nearer. The walk steps
	// along pairs of nodes, adding up each pair's facts (see pairTable).
	w := a.g.scratch()
	reached := []int32{start}
	defer func() { a.g.release(w, reached) }()
	dist, ties := w.dist, w.ties
	dist[start] = 0
	frontier := []int32{start}
	pt := &a.g.pairs
	for d := 1; d <= hops; d++ {
		var next []int32
		step := func(o, c int32) {
			if dist[o] < 0 {
				dist[o] = int8(d)
				next = append(next, o)
			}
			if int(dist[o]) == d {
				ties[o] += c
			}
		}
		for _, n := range frontier {
			lo, hi := pt.at[n], pt.at[n+1]
			if a.counts && a.kinds == allKinds { // the usual walk, on two arrays
				counts := pt.count[lo:hi]
				for i, o := range pt.other[lo:hi] {
					if c := counts[i]; c > 0 {
						step(o, c)
					}
				}
				continue
			}
			for p := lo; p < hi; p++ {
				if c := a.count(p); c > 0 {
					step(pt.other[p], c)
				}
			}
		}
		if err := ctx.Err(); err != nil {
			return Graph{}, err
		}
		reached = append(reached, next...)
		frontier = next
	}
	g := Graph{TotalNodes: len(reached)}
	kept := a.nearest(reached, dist, ties, maxNodes)
	// Nearest first, then more ties, then IRI, on keys read once.
	type nearKey struct {
		dist          int8
		ties, rank, n int32
	}
	keys := make([]nearKey, len(kept))
	for i, n := range kept {
		keys[i] = nearKey{dist[n], ties[n], a.g.nodeRank[n], n}
	}
	slices.SortFunc(keys, func(x, y nearKey) int {
		if x.dist != y.dist {
			return cmp.Compare(x.dist, y.dist)
		}
		if x.ties != y.ties {
			return cmp.Compare(y.ties, x.ties)
		}
		return cmp.Compare(x.rank, y.rank)
	})
	for i, k := range keys {
		kept[i] = k.n
	}
	in := w.in
	byIRI := slices.Clone(kept)
	slices.SortFunc(byIRI, func(x, y int32) int { return cmp.Compare(a.g.nodeRank[x], a.g.nodeRank[y]) })
	g.Nodes = make([]Node, len(byIRI))
	for i, n := range byIRI {
		in[n] = true
		g.Nodes[i] = a.g.nodes[n]
	}
	// The edges are the facts the walk took between returned nodes: those
	// with an end nearer than hops, read pair by pair (see keptPairs).
	spans, total := a.keptPairs(kept, dist, in, hops)
	g.TotalEdges = int(total)
	var links []link
	if maxEdges > 0 && g.TotalEdges > maxEdges {
		links = a.strongest(spans, kept, dist, w.parent, maxEdges)
	} else {
		links = make([]link, 0, g.TotalEdges)
		for _, s := range spans {
			links = a.appendFollowed(links, pt.lo[s.p], pt.hi[s.p], -1)
		}
	}
	// In edge order: sorting numbers is quicker than sorting links.
	order := make([]uint64, len(links))
	for i, l := range links {
		order[i] = uint64(l.rank)<<32 | uint64(i)
	}
	slices.Sort(order)
	g.Edges = make([]Edge, len(links))
	for i, o := range order {
		g.Edges[i] = a.g.edge(links[uint32(o)])
	}
	return g, nil
}

// nearest returns the nodes of reached that Neighbors keeps, in no
// particular order: the maxNodes nearest (all when maxNodes <= 0 or they
// are no more), and among those as near, the ones with more ties, then by
// IRI. reached lists the nodes by distance, so the nearer layers are kept
// whole and only the layer that does not fit whole is chosen from.
func (a *adjacency) nearest(reached []int32, dist []int8, ties []int32, maxNodes int) []int32 {
	if maxNodes <= 0 || len(reached) <= maxNodes {
		return slices.Clone(reached)
	}
	d := dist[reached[maxNodes]] // the layer cut
	lo := maxNodes
	for lo > 0 && dist[reached[lo-1]] == d {
		lo--
	}
	hi := maxNodes
	for hi < len(reached) && dist[reached[hi]] == d {
		hi++
	}
	need := maxNodes - lo
	kept := slices.Clone(reached[:lo])
	if need == 0 {
		return kept
	}
	// The layer's ties are mostly small: count the nodes at each number of
	// ties to find the least number kept, t; keep those with more, then
	// those with t by IRI, rather than compare nodes (a layer holds 3,000
	// nodes two hops from a person at 20,000 articles).
	layer := reached[lo:hi]
	var most int32
	for _, n := range layer {
		most = max(most, ties[n])
	}
	if int(most) > 2*len(layer) { // the counts would cost more than they save
		type cand struct{ ties, rank, n int32 }
		cands := make([]cand, len(layer))
		for i, n := range layer {
			cands[i] = cand{ties[n], a.g.nodeRank[n], n}
		}
		selectFirst(cands, need, func(x, y cand) int {
			if x.ties != y.ties {
				return cmp.Compare(y.ties, x.ties)
			}
			return cmp.Compare(x.rank, y.rank)
		})
		for _, c := range cands[:need] {
			kept = append(kept, c.n)
		}
		return kept
	}
	count := make([]int, most+1)
	for _, n := range layer {
		count[ties[n]]++
	}
	t, more := most, 0 // more: the nodes with more ties than t
	for more+count[t] < need {
		more += count[t]
		t--
	}
	var tied []uint64 // IRI rank, node
	for _, n := range layer {
		switch {
		case ties[n] > t:
			kept = append(kept, n)
		case ties[n] == t:
			tied = append(tied, uint64(a.g.nodeRank[n])<<32|uint64(n))
		}
	}
	selectFirst(tied, need-more, cmp.Compare[uint64])
	for _, k := range tied[:need-more] {
		kept = append(kept, int32(uint32(k)))
	}
	return kept
}

// span is a pair of kept nodes whose links a Neighbors walk took: pair p
// of a.g.pairs, seen from node n, with count links followed. strongest sets
// near, the nearer end's distance, head, the strength of its strongest link
// followed, and taken, that link's index in a.g.pairs.links when it is
// taken as a node's link inward (-1 if not).
type span struct {
	n, p, count, head, taken int32
	near                     int8
}

// keptPairs returns the pairs of the nodes kept (marked in in) that the
// walk took links of (an end nearer than hops), each once, and how many
// links they have that the walk follows.
//
// Each pair is found from its end with fewer pairs: the kept nodes are
// taken from the fewest pairs up, and each looks for the nodes after it
// either by reading its pairs or, when it has many more pairs than there
// are nodes after it (a hub), by looking each up.
func (a *adjacency) keptPairs(kept []int32, dist []int8, in []bool, hops int) ([]span, int64) {
	pt := &a.g.pairs
	keys := make([]uint64, len(kept)) // pairs, node: sorting numbers is quicker
	for i, n := range kept {
		keys[i] = uint64(pt.at[n+1]-pt.at[n])<<32 | uint64(n)
	}
	slices.Sort(keys)
	byDeg := make([]int32, len(kept))
	for i, k := range keys {
		byDeg[i] = int32(uint32(k))
	}
	// later[n] marks the kept nodes after the one being read.
	later := in
	var spans []span
	var total int64
	take := func(n, p int32) {
		o := pt.other[p]
		if min(dist[n], dist[o]) >= int8(hops) {
			return
		}
		if c := a.count(p); c > 0 {
			total += int64(c)
			spans = append(spans, span{n: n, p: p, count: c, taken: -1})
		}
	}
	for k, n := range byDeg {
		lo, hi := pt.at[n], pt.at[n+1]
		rest := byDeg[k:] // n itself included, for a pair with itself
		// A lookup costs about log2(pairs) comparisons, some out of
		// cache; reading costs a nanosecond or two a pair. At 20,000
		// articles, reading was the quicker below about 16 pairs a node
		// looked for.
		if int(hi-lo) > 16*len(rest) {
			others := pt.other[lo:hi]
			for _, o := range rest {
				if i, ok := slices.BinarySearch(others, o); ok {
					take(n, lo+int32(i))
				}
			}
		} else {
			for p := lo; p < hi; p++ {
				if later[pt.other[p]] {
					take(n, p)
				}
			}
		}
		later[n] = false
	}
	// Leave in as it was.
	for _, n := range kept {
		in[n] = true
	}
	return spans, total
}

// strongest returns max of the links of spans, which has more (the pairs
// among the nodes kept, kept in the order Neighbors keeps them, dist their
// distances from the start): first each kept node's strongest link to a
// node one step nearer, in the order of kept, then the rest by the nearer
// end's distance and strength (see Neighbors), in no particular order.
//
// parent is scratch space, -1 for every node, and left so.
func (a *adjacency) strongest(spans []span, kept []int32, dist []int8, parent []int32, max int) []link {
	pt := &a.g.pairs
	pl := pt.links
	// parent[n] is the index in spans of the pair holding node n's
	// strongest link inward: the pair inward with the strongest head, as a
	// pair's links are listed strongest first. The heads come from the
	// pair table when it can tell (reading the links of every pair would
	// cost a cache miss each).
	for k := range spans {
		s := &spans[k]
		s.head = a.head(s.p)
		n, o := s.n, pt.other[s.p]
		if dist[n] < dist[o] {
			n, o = o, n
		}
		s.near = dist[o]
		if dist[o] != dist[n]-1 {
			continue
		}
		if j := parent[n]; j < 0 || s.head < spans[j].head {
			parent[n] = int32(k)
		}
	}
	out := make([]link, 0, max)
	for _, n := range kept {
		if j := parent[n]; j >= 0 && len(out) < max {
			s := &spans[j]
			s.taken = a.firstFollowed(pt.lo[s.p], pt.hi[s.p])
			out = append(out, pl[s.taken])
		}
		parent[n] = -1
	}
	// The rest, ranked by the nearer end's distance, then strength: whole
	// distances while they fit, then the strongest of the next, the
	// pairs' lists merged through a heap of their next links.
	type cursor struct {
		strength int32 // of the pair's next link
		i        int32 // its index in pl, -1 until looked for in [lo, hi)
		lo, hi   int32
	}
	before := func(x, y *cursor) bool { return x.strength < y.strength }
	for d := int8(0); len(out) < max && d < MaxNeighborHops; d++ {
		var room int
		for k := range spans {
			if s := &spans[k]; s.near == d {
				room += int(s.count)
				if s.taken >= 0 {
					room--
				}
			}
		}
		if len(out)+room <= max {
			for k := range spans {
				if s := &spans[k]; s.near == d {
					out = a.appendFollowed(out, pt.lo[s.p], pt.hi[s.p], s.taken)
				}
			}
			continue
		}
		h := make([]cursor, 0, len(spans))
		for k := range spans {
			s := &spans[k]
			if s.near != d {
				continue
			}
			c := cursor{strength: s.head, i: -1, lo: pt.lo[s.p], hi: pt.hi[s.p]}
			if s.taken >= 0 {
				if c.i = a.firstFollowed(s.taken+1, c.hi); c.i == c.hi {
					continue
				}
				c.strength = pl[c.i].strength
			}
			h = append(h, c)
		}
		for i := len(h)/2 - 1; i >= 0; i-- {
			siftDown(h, i, before)
		}
		for len(out) < max && len(h) > 0 {
			c := &h[0]
			if c.i < 0 {
				c.i = a.firstFollowed(c.lo, c.hi)
			}
			out = append(out, pl[c.i])
			if c.i = a.firstFollowed(c.i+1, c.hi); c.i < c.hi {
				c.strength = pl[c.i].strength
			} else {
				h[0] = h[len(h)-1]
				h = h[:len(h)-1]
			}
			siftDown(h, 0, before)
		}
	}
	return out
}

// siftDown moves h[i] down the binary heap h (least first by before) to
// its place.
func siftDown[T any](h []T, i int, before func(x, y *T) bool) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && before(&h[c+1], &h[c]) {
			c++
		}
		if !before(&h[c], &h[i]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// selectFirst reorders s so that s[:k] holds the k least elements by cmp,
// in no particular order, in time linear in len(s) on average (Hoare's
// selection): a hub's neighbourhood has thousands of candidate edges of
// which a few hundred are kept.
func selectFirst[T any](s []T, k int, cmp func(a, b T) int) {
	lo, hi := 0, len(s) // the k-th least lies in s[lo:hi]
	for hi-lo > 1 && k > lo && k < hi {
		// Median of three as the pivot, moved to the front.
		mid := lo + (hi-lo)/2
		if cmp(s[mid], s[lo]) < 0 {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if cmp(s[hi-1], s[lo]) < 0 {
			s[hi-1], s[lo] = s[lo], s[hi-1]
		}
		if cmp(s[hi-1], s[mid]) < 0 {
			s[hi-1], s[mid] = s[mid], s[hi-1]
		}
		s[lo], s[mid] = s[mid], s[lo]
		p := s[lo]
		// Three-way partition: [lo, lt) < p, [lt, gt) == p, [gt, hi) > p.
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch c := cmp(s[i], p); {
			case c < 0:
				s[lt], s[i] = s[i], s[lt]
				lt++
				i++
			case c > 0:
				gt--
				s[i], s[gt] = s[gt], s[i]
			default:
				i++
			}
		}
		switch {
		case k <= lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return // the k-th least is among the equals
		}
	}
}

// Path is one chain of edges from one node to another.
type Path struct {
	Nodes []Node // from the start to the end
	Edges []Edge // Edges[i] joins Nodes[i] and Nodes[i+1]
}

// MaxPaths bounds how many shortest paths Path returns.
const MaxPaths = 20

// Path returns the shortest paths (at most MaxPaths, in a stable order) of at
// most maxHops edges between the nodes with IRIs from and to, through facts
// of the given kinds whose confidence is at least minConf. No path gives an
// empty list.
//
// The search is breadth first from both ends at once, always widening the
// side whose frontier has fewer links to read, so it touches the
// neighbourhoods of both ends to about half the path's length instead of
// one end's to its whole length, and goes round a hub (an issue stated by
// thousands of parties) from the other side when it can. The paths are
// then enumerated from `from` in edge order; the links a node continues by
// are found once per node, from whichever side has fewer links to read.
func (q *Service) Path(ctx context.Context, from, to string, maxHops int, kinds []string, minConf float64) ([]Path, error) {
	if maxHops < 1 || maxHops > MaxPathHops {
		return nil, fmt.Errorf("maxHops must be from 1 to %d, not %d", MaxPathHops, maxHops)
	}
	a, err := q.adjacency(ctx, kinds, minConf)
	if err != nil {
		return nil, err
	}
	if from == to {
		n, err := a.node(from)
		return []Path{{Nodes: []Node{n}}}, err
	}
	src, ok1 := a.g.num[from]
	dst, ok2 := a.g.num[to]
	if !ok1 || !ok2 {
		return nil, nil
	}
	// distF and distT are the distances from each end of the nodes each
	// side has reached (-1 for none), in arrays kept between calls (a map
	// per search cost more than the search); layersF and layersT list each
	// side's nodes by distance.
	w := a.g.scratch()
	touched := []int32{src, dst}
	defer func() { a.g.releaseDist(w, touched) }()
	distF, distT, good := w.dist, w.distT, w.in
	distF[src], distT[dst] = 0, 0
	layersF, layersT := [][]int32{{src}}, [][]int32{{dst}}
	pairs := &a.g.pairs
	met := false
	for !met && len(layersF)+len(layersT)-2 < maxHops {
		frontF, frontT := layersF[len(layersF)-1], layersT[len(layersT)-1]
		if len(frontF) == 0 || len(frontT) == 0 {
			break
		}
		// Either side gives the same paths: widen the cheaper.
		forward := pairs.degree(frontF) <= pairs.degree(frontT)
		front, dist, otherDist, depth := frontF, distF, distT, int8(len(layersF))
		if !forward {
			front, dist, otherDist, depth = frontT, distT, distF, int8(len(layersT))
		}
		var next []int32
		for _, n := range front {
			// Each neighbour once, through the pair table, rather than
			// once a link.
			for p := pairs.at[n]; p < pairs.at[n+1]; p++ {
				if o := pairs.other[p]; dist[o] < 0 && a.count(p) > 0 {
					dist[o] = depth
					next = append(next, o)
					if otherDist[o] >= 0 {
						met = true
					}
				}
			}
		}
		touched = append(touched, next...)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if forward {
			layersF = append(layersF, next)
		} else {
			layersT = append(layersT, next)
		}
	}
	if !met {
		return nil, nil
	}
	// Every shortest path crosses the last layer of the forward search at
	// a node the backward search reached at its last depth. Enumerate
	// paths from `from`, in edge order, stepping only to nodes that keep
	// the path shortest: forward layer by layer up to the meeting layer,
	// then down the backward search's layers to `to`.
	depthF, depthT := len(layersF)-1, len(layersT)-1
	length := depthF + depthT
	// good marks the forward search's nodes that lead to a meeting node, so
	// the enumeration below never walks into a dead end.
	for _, n := range layersF[depthF] {
		if int(distT[n]) == depthT {
			good[n] = true
		}
	}
	for k := depthF - 1; k >= 0; k-- {
		for _, n := range layersF[k] {
			for p := pairs.at[n]; p < pairs.at[n+1]; p++ {
				if o := pairs.other[p]; int(distF[o]) == k+1 && good[o] && a.count(p) > 0 {
					good[n] = true
					break
				}
			}
		}
	}
	// steps are the nodes that may come at each place of a path, and
	// stepLinks their links in all.
	steps := make([][]int32, length+1)
	stepLinks := make([]int, length+1)
	for i := range steps {
		if i <= depthF {
			for _, n := range layersF[i] {
				if good[n] {
					steps[i] = append(steps[i], n)
				}
			}
		} else {
			steps[i] = layersT[length-i]
		}
		stepLinks[i] = a.g.degree(steps[i])
	}
	// takes reports whether the link l from n, at place i, keeps the
	// path shortest.
	takes := func(n int32, i int, l link) bool {
		o := l.other(n)
		if o < 0 || !a.follows(l) {
			return false
		}
		if i+1 <= depthF {
			return int(distF[o]) == i+1 && good[o]
		}
		return int(distT[o]) == length-i-1
	}
	// hubLinks[n] are the links a hub n continues by, in edge order, found
	// from the next place's nodes, which have fewer links to read, once
	// however many paths come through n.
	hubLinks := make(map[int32][]link)
	continues := func(n int32, i int) []link {
		if ls, ok := hubLinks[n]; ok {
			return ls
		}
		var ls []link
		for _, o := range steps[i+1] {
			for _, l := range a.g.adj[o] {
				if l.other(o) == n && a.follows(l) {
					ls = append(ls, l)
				}
			}
		}
		slices.SortFunc(ls, func(x, y link) int { return cmp.Compare(x.rank, y.rank) })
		hubLinks[n] = ls
		return ls
	}
	var paths []Path
	var nodes []int32
	var edges []link
	var step func(n int32, i int) error
	take := func(n int32, i int, l link) error {
		nodes, edges = append(nodes, l.other(n)), append(edges, l)
		err := step(l.other(n), i+1)
		nodes, edges = nodes[:len(nodes)-1], edges[:len(edges)-1]
		return err
	}
	// Every node step reaches leads to `to` (good, and the backward
	// distances, see to it), so the walk stops after at most about
	// MaxPaths × length steps.
	step = func(n int32, i int) error {
		if i == length {
			if n == dst {
				paths = append(paths, a.path(nodes, edges))
			}
			return nil
		}
		if stepLinks[i+1] < len(a.g.adj[n]) {
			for _, l := range continues(n, i) {
				if len(paths) >= MaxPaths {
					break
				}
				if err := take(n, i, l); err != nil {
					return err
				}
			}
		} else {
			for _, l := range a.g.adj[n] {
				if len(paths) >= MaxPaths {
					break
				}
				if takes(n, i, l) {
					if err := take(n, i, l); err != nil {
						return err
					}
				}
			}
		}
		return ctx.Err()
	}
	nodes = []int32{src}
	if err := step(src, 0); err != nil {
		return nil, err
	}
	return paths, nil
}

// path turns node numbers and links into a Path.
func (a *adjacency) path(nodes []int32, links []link) Path {
	p := Path{}
	for _, n := range nodes {
		p.Nodes = append(p.Nodes, a.g.nodes[n])
	}
	for _, l := range links {
		p.Edges = append(p.Edges, a.g.edge(l))
	}
	return p
}
