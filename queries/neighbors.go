package queries

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"kg/graph"
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
}

// Bounds of Neighbors and Path: a neighbourhood grows fast with its radius,
// a path search only until it meets its end.
const (
	MaxNeighborHops = 3
	MaxPathHops     = 4
)

// adjacency finds the edges at one node. It reads facts through the store's
// indexes, so its cost grows with the node's degree, not the graph's size.
type adjacency struct {
	q       *Service
	l       *loader
	kinds   map[string]bool
	minConf float64
}

func (q *Service) adjacency(ctx context.Context, kinds []string, minConf float64) *adjacency {
	a := &adjacency{q: q, l: q.loader(ctx), kinds: make(map[string]bool), minConf: minConf}
	if len(kinds) == 0 {
		kinds = []string{KindRole, KindPosition, KindEvent}
	}
	for _, k := range kinds {
		a.kinds[k] = true
	}
	return a
}

func (a *adjacency) confident(n graph.Node) bool {
	c, ok := n.MaxFloat(graph.PredConfidence)
	return !ok || c >= a.minConf
}

// edges returns the edges at the node with IRI id, sorted. A fact with no
// other end (a role without organization) gives an edge whose other end is
// "".
func (a *adjacency) edges(id string) ([]Edge, error) {
	ctx := a.l.ctx
	var out []Edge
	// pair adds the edges of facts that have id at end `here` and another
	// node at end `there`.
	pair := func(kind, here, there string, label func(graph.Node) string, reverse bool) error {
		if !a.kinds[kind] {
			return nil
		}
		facts, err := a.q.store.Subjects(ctx, here, id)
		if err != nil {
			return err
		}
		for _, f := range facts {
			n, err := a.l.node(f)
			if err != nil {
				return err
			}
			if !a.confident(n) {
				continue
			}
			if kind == KindEvent {
				// The event itself is the other node.
				if reverse {
					out = append(out, Edge{From: f, To: id, Kind: kind, Label: label(n), Fact: f})
				}
				continue
			}
			others := n.Links(there)
			if len(others) == 0 {
				others = []string{""} // a fact with one end: a role without organization
			}
			for _, other := range others {
				e := Edge{From: id, To: other, Kind: kind, Label: label(n), Fact: f}
				if reverse {
					e.From, e.To = other, id
				}
				out = append(out, e)
			}
		}
		return nil
	}
	roleName := func(n graph.Node) string { return n.Str(graph.PredRoleName) }
	stance := func(n graph.Node) string { return n.Str(graph.PredStance) }
	steps := []struct {
		kind, here, there string
		label             func(graph.Node) string
		reverse           bool
	}{
		{KindRole, graph.PredPerson, graph.PredOrganization, roleName, false},
		{KindRole, graph.PredOrganization, graph.PredPerson, roleName, true},
		{KindPosition, graph.PredParty, graph.PredIssue, stance, false},
		{KindPosition, graph.PredIssue, graph.PredParty, stance, true},
		{KindEvent, graph.PredLocation, "", func(graph.Node) string { return "location" }, true},
		{KindEvent, graph.PredParticipant, "", func(graph.Node) string { return "participant" }, true},
	}
	for _, s := range steps {
		if err := pair(s.kind, s.here, s.there, s.label, s.reverse); err != nil {
			return nil, err
		}
	}
	// An event node reaches its place and participants.
	if a.kinds[KindEvent] {
		n, err := a.l.node(id)
		if err != nil {
			return nil, err
		}
		if hasClass(n, graph.ClassEvent) && a.confident(n) {
			for _, p := range n.Links(graph.PredLocation) {
				out = append(out, Edge{From: id, To: p, Kind: KindEvent, Label: "location", Fact: id})
			}
			for _, p := range n.Links(graph.PredParticipant) {
				out = append(out, Edge{From: id, To: p, Kind: KindEvent, Label: "participant", Fact: id})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return edgeKey(out[i]) < edgeKey(out[j]) })
	return out, nil
}

func edgeKey(e Edge) string { return e.Fact + "\x00" + e.From + "\x00" + e.To + "\x00" + e.Label }

func other(e Edge, id string) string {
	if e.From == id {
		return e.To
	}
	return e.From
}

func (a *adjacency) node(id string) (Node, error) {
	n, err := a.l.node(id)
	if err != nil {
		return Node{}, err
	}
	out := Node{ID: id, Name: n.Str(graph.PredName)}
	for _, c := range n.Links(graph.RDFType) {
		if t, ok := graph.TypeOfClass(c); ok {
			out.Type = string(t)
		} else if c == graph.ClassEvent {
			out.Type = "Event"
		}
	}
	return out, nil
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
			es, err := a.edges(n)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
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

// Neighbors returns the nodes within hops (1 to MaxNeighborHops) of the node with IRI
// id, and the edges among them found on the way, through facts of the given
// kinds (all when empty) whose confidence is at least minConf.
func (q *Service) Neighbors(ctx context.Context, id string, hops int, kinds []string, minConf float64) (Graph, error) {
	if hops < 1 || hops > MaxNeighborHops {
		return Graph{}, fmt.Errorf("hops must be from 1 to %d, not %d", MaxNeighborHops, hops)
	}
	a := q.adjacency(ctx, kinds, minConf)
	edges := make(map[string]Edge)
	seen, err := a.walk(id, hops, func(e Edge, other string) (bool, error) {
		if other == "" {
			return false, nil
		}
		edges[edgeKey(e)] = e
		return true, nil
	})
	if err != nil {
		return Graph{}, err
	}
	var g Graph
	ids := make([]string, 0, len(seen))
	for n := range seen {
		ids = append(ids, n)
	}
	sort.Strings(ids)
	for _, n := range ids {
		node, err := a.node(n)
		if err != nil {
			return Graph{}, err
		}
		g.Nodes = append(g.Nodes, node)
	}
	for _, e := range edges {
		g.Edges = append(g.Edges, e)
	}
	sort.Slice(g.Edges, func(i, j int) bool { return edgeKey(g.Edges[i]) < edgeKey(g.Edges[j]) })
	return g, nil
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
func (q *Service) Path(ctx context.Context, from, to string, maxHops int, kinds []string, minConf float64) ([]Path, error) {
	if maxHops < 1 || maxHops > MaxPathHops {
		return nil, fmt.Errorf("maxHops must be from 1 to %d, not %d", MaxPathHops, maxHops)
	}
	a := q.adjacency(ctx, kinds, minConf)
	if from == to {
		n, err := a.node(from)
		return []Path{{Nodes: []Node{n}}}, err
	}
	// Breadth-first from `from`, keeping every edge that reaches a node at
	// its shortest distance, until `to` is reached.
	dist := map[string]int{from: 0}
	parents := make(map[string][]Edge)
	frontier := []string{from}
	for d := 1; d <= maxHops && len(frontier) > 0 && dist[to] == 0; d++ {
		var next []string
		for _, n := range frontier {
			es, err := a.edges(n)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				o := other(e, n)
				if o == "" {
					continue
				}
				if od, ok := dist[o]; ok && od < d {
					continue
				}
				if _, ok := dist[o]; !ok {
					dist[o] = d
					next = append(next, o)
				}
				parents[o] = append(parents[o], e)
			}
		}
		frontier = next
	}
	if _, ok := dist[to]; !ok {
		return nil, nil
	}
	var paths []Path
	var walk func(n string, edges []Edge) error
	walk = func(n string, edges []Edge) error {
		if len(paths) >= MaxPaths {
			return nil
		}
		if n == from {
			p := Path{}
			cur := from
			node, err := a.node(cur)
			if err != nil {
				return err
			}
			p.Nodes = append(p.Nodes, node)
			for i := len(edges) - 1; i >= 0; i-- {
				cur = other(edges[i], cur)
				node, err := a.node(cur)
				if err != nil {
					return err
				}
				p.Nodes = append(p.Nodes, node)
				p.Edges = append(p.Edges, edges[i])
			}
			paths = append(paths, p)
			return nil
		}
		for _, e := range parents[n] {
			prev := other(e, n)
			if dist[prev] != dist[n]-1 {
				continue
			}
			if err := walk(prev, append(slices.Clone(edges), e)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(to, nil); err != nil {
		return nil, err
	}
	return paths, nil
}
