package queries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// neighborsRef is Neighbors as it was before it walked pairs of nodes
// (commit 67e98f2), fact by fact: the reference the pair walk must match.
// It returns the nodes within hops (1 to MaxNeighborHops) of the node with IRI
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
func (q *Service) neighborsRef(ctx context.Context, id string, hops int, kinds []string, minConf float64, maxNodes, maxEdges int) (Graph, error) {
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
	// counts the facts joining it to nodes one step nearer.
	w := a.g.scratch()
	reached := []int32{start}
	defer func() { a.g.release(w, reached) }()
	dist, ties := w.dist, w.ties
	dist[start] = 0
	frontier := []int32{start}
	for d := 1; d <= hops; d++ {
		var next []int32
		for _, n := range frontier {
			for _, l := range a.g.adj[n] {
				o := l.other(n)
				if o < 0 || !a.follows(l) {
					continue
				}
				if dist[o] < 0 {
					dist[o] = int8(d)
					next = append(next, o)
				}
				if int(dist[o]) == d {
					ties[o]++
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
	nearer := func(x, y int32) int {
		if dist[x] != dist[y] {
			return cmp.Compare(dist[x], dist[y])
		}
		if ties[x] != ties[y] {
			return cmp.Compare(ties[y], ties[x])
		}
		return cmp.Compare(a.g.nodeRank[x], a.g.nodeRank[y]) // IRI order
	}
	kept := slices.Clone(reached)
	if maxNodes > 0 && len(kept) > maxNodes {
		selectFirst(kept, maxNodes, nearer)
		kept = kept[:maxNodes]
	}
	slices.SortFunc(kept, nearer)
	in := w.in
	byIRI := slices.Clone(kept)
	slices.SortFunc(byIRI, func(x, y int32) int { return cmp.Compare(a.g.nodeRank[x], a.g.nodeRank[y]) })
	g.Nodes = make([]Node, len(byIRI))
	for i, n := range byIRI {
		in[n] = true
		g.Nodes[i] = a.g.nodes[n]
	}
	// The edges are the facts the walk took between returned nodes: those
	// with an end nearer than hops. Each is taken once, at its from end.
	var links []link
	for _, n := range kept {
		for _, l := range a.g.adj[n] {
			if l.from == n && l.to >= 0 && in[l.to] && a.follows(l) && min(dist[l.from], dist[l.to]) < int8(hops) {
				links = append(links, l)
			}
		}
	}
	g.TotalEdges = len(links)
	if maxEdges > 0 && len(links) > maxEdges {
		links = a.strongestRef(links, kept, dist, w.parent, maxEdges)
	}
	slices.SortFunc(links, func(x, y link) int { return cmp.Compare(x.rank, y.rank) })
	g.Edges = make([]Edge, len(links))
	for i, l := range links {
		g.Edges[i] = a.g.edge(l)
	}
	return g, nil
}

// strongest returns max of links (the edges among the nodes kept, in the
// order Neighbors keeps them, with their distances dist from the start):
// first each kept node's strongest link to a node one step nearer, then
// the rest by the nearer end's distance and strength (see Neighbors).
//
// parent is scratch space, -1 for every node, and left so.
func (a *adjacency) strongestRef(links []link, kept []int32, dist []int8, parent []int32, max int) []link {
	stronger := func(x, y link) int { // < 0 when x is the stronger
		if c := cmp.Compare(y.support, x.support); c != 0 {
			return c
		}
		if c := cmp.Compare(y.conf, x.conf); c != 0 {
			return c
		}
		return cmp.Compare(x.rank, y.rank)
	}
	// parent[n] is the index in links of node n's strongest link inward.
	for i, l := range links {
		for _, n := range [2]int32{l.from, l.to} {
			o := l.other(n)
			if dist[o] != dist[n]-1 {
				continue
			}
			if j := parent[n]; j < 0 || stronger(l, links[j]) < 0 {
				parent[n] = int32(i)
			}
		}
	}
	taken := make([]bool, len(links))
	out := make([]link, 0, max)
	for _, n := range kept {
		if i := parent[n]; i >= 0 && len(out) < max {
			taken[i] = true
			out = append(out, links[i])
		}
	}
	for _, n := range kept {
		parent[n] = -1
	}
	// The rest, ranked by the nearer end's distance, then the support (more
	// first), the confidence (surer first) and the edge order, with the
	// keys read once: looking the facts up at every comparison took a
	// fifth of the server's time on hubs.
	type ranked struct {
		d             int8
		support, rank int32
		conf          float64
		i             int // in links
	}
	var rest []ranked
	for i, l := range links {
		if !taken[i] {
			rest = append(rest, ranked{min(dist[l.from], dist[l.to]), l.support, l.rank, l.conf, i})
		}
	}
	take := min(len(rest), max-len(out))
	selectFirst(rest, take, func(x, y ranked) int {
		if x.d != y.d {
			return cmp.Compare(x.d, y.d)
		}
		if x.support != y.support {
			return cmp.Compare(y.support, x.support)
		}
		if x.conf != y.conf {
			return cmp.Compare(y.conf, x.conf)
		}
		return cmp.Compare(x.rank, y.rank)
	})
	for _, r := range rest[:take] {
		out = append(out, links[r.i])
	}
	return out
}

// The walk over edges (IRIs) that Subgraph and Neighbors used before they
// walked the fact graph's links: the references of subgraphRef and of the
// neighbours and path tests.

// edges returns the edges at the node with IRI id, sorted by edgeKey. A
// fact with no other end (a role without organization) gives an edge whose
// other end is "".
func (a *adjacency) edges(id string) []Edge {
	n, ok := a.g.num[id]
	if !ok {
		return nil
	}
	var out []Edge
	for _, l := range a.g.adj[n] {
		if a.follows(l) {
			out = append(out, a.g.edge(l))
		}
	}
	return out
}

func edgeKey(e Edge) string { return e.Fact + "\x00" + e.From + "\x00" + e.To + "\x00" + e.Label }

func other(e Edge, id string) string {
	if e.From == id {
		return e.To
	}
	return e.From
}

// walk visits the edges within hops of the node start, breadth first. visit
// is called with each edge and its end away from the node it was reached
// from ("" for a fact with one end) and says whether to follow the edge; the
// nodes reached that way are returned, start among them.
func (a *adjacency) walk(start string, hops int, visit func(e Edge, other string) (bool, error)) (map[string]bool, error) {
	seen := map[string]bool{start: true}
	frontier := []string{start}
	for range hops {
		var next []string
		for _, n := range frontier {
			for _, e := range a.edges(n) {
				o := other(e, n)
				follow, err := visit(e, o)
				if err != nil {
					return nil, err
				}
				if follow && o != "" && !seen[o] {
					seen[o] = true
					next = append(next, o)
				}
			}
		}
		frontier = next
	}
	return seen, nil
}

// pathRef is Path as it was before its search went round hubs: the
// reference TestPathMatchesReference compares Path with.
//
// It returns the shortest paths (at most MaxPaths, in a stable order) of at
// most maxHops edges between the nodes with IRIs from and to, through facts
// of the given kinds whose confidence is at least minConf. No path gives an
// empty list.
//
// The search is breadth first from both ends at once, always widening the
// smaller frontier, so it touches the neighbourhoods of both ends to about
// half the path's length instead of one end's to its whole length.
func (q *Service) pathRef(ctx context.Context, from, to string, maxHops int, kinds []string, minConf float64) ([]Path, error) {
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
	// per search cost more than the search); layers lists the forward
	// search's nodes by distance; depthF and depthT are how far each side
	// has searched.
	w := a.g.scratch()
	touched := []int32{src, dst}
	defer func() { a.g.release(w, touched) }()
	distF, distT, good := w.dist, w.distT, w.in
	distF[src], distT[dst] = 0, 0
	layers := [][]int32{{src}}
	frontF, frontT := []int32{src}, []int32{dst}
	depthF, depthT := 0, 0
	met := false
	for !met && depthF+depthT < maxHops && len(frontF) > 0 && len(frontT) > 0 {
		forward := len(frontT) >= len(frontF)
		front, dist, otherDist, depth := &frontF, distF, distT, &depthF
		if !forward {
			front, dist, otherDist, depth = &frontT, distT, distF, &depthT
		}
		*depth++
		var next []int32
		for _, n := range *front {
			for _, l := range a.g.adj[n] {
				o := l.other(n)
				if o < 0 || !a.follows(l) {
					continue
				}
				if dist[o] < 0 {
					dist[o] = int8(*depth)
					next = append(next, o)
					touched = append(touched, o)
					if otherDist[o] >= 0 {
						met = true
					}
				}
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		*front = next
		if forward {
			layers = append(layers, next)
		}
	}
	if !met {
		return nil, nil
	}
	// Every shortest path crosses the layer depthF of the forward search at
	// a node the backward search reached at depthT. Enumerate paths from
	// `from`, in edge order, stepping only to nodes that keep the path
	// shortest: forward layer by layer up to the meeting layer, then down
	// the backward search's distances to `to`.
	length := depthF + depthT
	// good marks the forward search's nodes that lead to a meeting node, so
	// the enumeration below never walks into a dead end.
	for _, n := range layers[depthF] {
		if int(distT[n]) == depthT {
			good[n] = true
		}
	}
	for k := depthF - 1; k >= 0; k-- {
		for _, n := range layers[k] {
			for _, l := range a.g.adj[n] {
				if o := l.other(n); o >= 0 && a.follows(l) && int(distF[o]) == k+1 && good[o] {
					good[n] = true
					break
				}
			}
		}
	}
	var paths []Path
	var nodes []int32
	var edges []link
	var step func(n int32, i int) error
	step = func(n int32, i int) error {
		if len(paths) >= MaxPaths {
			return nil
		}
		if i == length {
			if n == dst {
				paths = append(paths, a.path(nodes, edges))
			}
			return nil
		}
		for _, l := range a.g.adj[n] {
			o := l.other(n)
			if o < 0 || !a.follows(l) {
				continue
			}
			if i+1 <= depthF {
				if int(distF[o]) != i+1 || !good[o] {
					continue
				}
			} else if int(distT[o]) != length-i-1 {
				continue
			}
			nodes, edges = append(nodes, o), append(edges, l)
			err := step(o, i+1)
			nodes, edges = nodes[:len(nodes)-1], edges[:len(edges)-1]
			if err != nil {
				return err
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
