package queries

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"kg/graph"
)

// factGraph is the graph Neighbors, Path and Subgraph walk, held in memory:
// entities and events are numbered nodes, and every fact is a link between
// its two ends, listed at both. It also lists the dated events by date for
// Events. It is built from the store in one pass over the facts and rebuilt
// when the store's generation moves on, like the entity index: walking
// facts through the store costs reads per node at every step, and a path
// search of four hops steps through a large part of the graph.
type factGraph struct {
	gen    uint64
	num    map[string]int32 // IRI → node number
	nodes  []Node           // by number
	facts  []string         // fact IRIs, by link.fact
	info   []factInfo       // by link.fact
	adj    [][]link         // by node number, sorted by edgeKey (see linkCmp)
	labels []string         // link labels, by link.label
	dated  [3][]datedEvent  // events with a year, by granularity (year, month, day), by date
	// factRank and nodeRank are the places of each fact's and node's IRI
	// in IRI order, so that links sort as their edges would without
	// building a string per edge; factByRank is factRank's inverse.
	factRank, nodeRank []int32
	factByRank         []int32
	pairs              pairTable // the pairs of nodes joined by links, for Neighbors
	walks              sync.Pool // of *walk, for Neighbors
}

// walk is the per-node scratch space of one Neighbors or Path call, kept between
// calls: allocating and clearing it for every node of the graph cost more
// than the walk itself.
type walk struct {
	dist   []int8  // -1: not reached
	distT  []int8  // -1: not reached (Path's backward search)
	ties   []int32 // 0
	in     []bool  // false
	parent []int32 // -1
}

// scratch returns a walk with every entry at its resting value.
func (g *factGraph) scratch() *walk {
	if w, ok := g.walks.Get().(*walk); ok {
		return w
	}
	n := len(g.nodes)
	w := &walk{dist: make([]int8, n), distT: make([]int8, n), ties: make([]int32, n), in: make([]bool, n), parent: make([]int32, n)}
	for i := range n {
		w.dist[i], w.distT[i], w.parent[i] = -1, -1, -1
	}
	return w
}

// release puts w back for another call once the entries of the nodes
// touched are back at their resting values.
func (g *factGraph) release(w *walk, touched []int32) {
	for _, n := range touched {
		w.dist[n], w.distT[n], w.ties[n], w.in[n], w.parent[n] = -1, -1, 0, false, -1
	}
	g.walks.Put(w)
}

// releaseDist is release for a walk that changed only dist, distT and in.
func (g *factGraph) releaseDist(w *walk, touched []int32) {
	for _, n := range touched {
		w.dist[n], w.distT[n], w.in[n] = -1, -1, false
	}
	g.walks.Put(w)
}

// degree is how many links the nodes have in all: what reading their
// links costs.
func (g *factGraph) degree(nodes []int32) int {
	n := 0
	for _, v := range nodes {
		n += len(g.adj[v])
	}
	return n
}

// link is one edge of the fact graph. from or to is -1 for a fact with one
// end (a role without organization).
//
// A link holds no pointers (its kind and label are numbers), so the
// collector need not scan the lists of them.
type link struct {
	from, to int32
	fact     int32 // index in factGraph.facts
	rank     int32 // place in edge order (see linkCmp) among all links
	label    int32 // index in factGraph.labels
	support  int32 // the fact's factInfo.support, here for Neighbors' ranking
	kind     kindCode
	strength int32   // place in Neighbors' order of strength (see stronger) among all links
	conf     float64 // the fact's confidence; +Inf when it has none
}

// kindCode numbers the fact kinds in links.
type kindCode uint8

const (
	codeRole kindCode = iota
	codePosition
	codeEvent
)

var kindNames = [...]string{codeRole: KindRole, codePosition: KindPosition, codeEvent: KindEvent}

// codeOf returns the code of a fact kind; ok is false for an unknown kind.
func codeOf(kind string) (kindCode, bool) {
	for c, k := range kindNames {
		if k == kind {
			return kindCode(c), true
		}
	}
	return 0, false
}

// factInfo is what Roles, Positions and Events filter a fact by.
type factInfo struct {
	kind    string
	label   string // the role title or the stance
	conf    float64
	support int32 // how many statements (evidence) the fact has
}

// datedEvent is an event with a date that has a year.
type datedEvent struct {
	lo, hi string // the first and last day the date covers, YYYY-MM-DD
	id     string
	fact   int32 // index in factGraph.facts
	conf   float64
}

// factGraphCache holds the fact graph of the latest generation built, and
// the build under way. A build is shared by every query that needs it and
// runs to its end whatever becomes of them: on a store read from disk or
// over the network it takes seconds to minutes (36 s for 1,000 articles on
// PostgreSQL), and a build tied to the first request's context was
// cancelled with it at the time limit, and so never finished.
type factGraphCache struct {
	mu       sync.Mutex
	g        *factGraph
	building *graphBuild // nil when no build is under way
	builds   int         // builds started, for tests
}

// graphBuild is one build of the fact graph; done is closed when g or err
// is set.
type graphBuild struct {
	gen  uint64
	done chan struct{}
	g    *factGraph
	err  error
}

// factGraph returns the fact graph of the store's current generation,
// building it when there is none, or waiting for the build under way. A
// caller whose ctx ends first gets its error; the build goes on for the
// next caller.
func (q *Service) factGraph(ctx context.Context) (*factGraph, error) {
	q.graphs.mu.Lock()
	gen := q.store.Generation()
	if g := q.graphs.g; g != nil && g.gen == gen {
		q.graphs.mu.Unlock()
		return g, nil
	}
	b := q.startGraph(ctx, gen)
	q.graphs.mu.Unlock()
	select {
	case <-b.done:
		if b.err != nil {
			return nil, fmt.Errorf("index facts: %w", b.err)
		}
		return b.g, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("index facts: %w (the index of facts is still being built; ask again shortly)", ctx.Err())
	}
}

// startGraph returns the build of generation gen under way, or starts one,
// detached from ctx's cancellation. The caller holds q.graphs.mu.
func (q *Service) startGraph(ctx context.Context, gen uint64) *graphBuild {
	if b := q.graphs.building; b != nil && b.gen == gen {
		return b
	}
	b := &graphBuild{gen: gen, done: make(chan struct{})}
	q.graphs.building = b
	q.graphs.builds++
	go func() {
		g, err := buildFactGraph(context.WithoutCancel(ctx), q.store, gen)
		q.graphs.mu.Lock()
		if err == nil && (q.graphs.g == nil || q.graphs.g.gen < gen) {
			q.graphs.g = g
		}
		if q.graphs.building == b {
			q.graphs.building = nil
		}
		q.graphs.mu.Unlock()
		b.g, b.err = g, err
		close(b.done)
	}()
	return b
}

func buildFactGraph(ctx context.Context, s *graph.Store, gen uint64) (*factGraph, error) {
	g := &factGraph{gen: gen, num: make(map[string]int32)}
	var pending []string // node IRIs whose name and type are still to read
	number := func(iri string) int32 {
		if iri == "" {
			return -1
		}
		if n, ok := g.num[iri]; ok {
			return n
		}
		n := int32(len(g.nodes))
		g.num[iri] = n
		g.nodes = append(g.nodes, Node{ID: iri})
		g.adj = append(g.adj, nil)
		pending = append(pending, iri)
		return n
	}
	ends := func(n graph.Node, pred string) []string {
		if l := n.Links(pred); len(l) > 0 {
			return l
		}
		return []string{""}
	}
	var links []link
	addLink := func(l link) { links = append(links, l) }
	labelNum := make(map[string]int32)
	label := func(s string) int32 {
		n, ok := labelNum[s]
		if !ok {
			n = int32(len(g.labels))
			labelNum[s] = n
			g.labels = append(g.labels, s)
		}
		return n
	}
	kinds := []struct {
		class, kind string
		code        kindCode
	}{
		{graph.ClassRole, KindRole, codeRole}, {graph.ClassPosition, KindPosition, codePosition}, {graph.ClassEvent, KindEvent, codeEvent},
	}
	for _, k := range kinds {
		ids, err := s.OfClass(ctx, k.class)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			n, _, err := s.Node(ctx, id)
			if err != nil {
				return nil, err
			}
			conf, ok := n.MaxFloat(graph.PredConfidence)
			if !ok {
				conf = math.Inf(1)
			}
			fact := int32(len(g.facts))
			g.facts = append(g.facts, id)
			info := factInfo{kind: k.kind, conf: conf, support: int32(len(n.Links(graph.PredEvidence)))}
			switch k.kind {
			case KindRole, KindPosition:
				here, there := graph.PredPerson, graph.PredOrganization
				title := n.Str(graph.PredRoleName)
				if k.kind == KindPosition {
					here, there, title = graph.PredParty, graph.PredIssue, n.Str(graph.PredStance)
				}
				info.label = title
				for _, a := range ends(n, here) {
					for _, b := range ends(n, there) {
						addLink(link{from: number(a), to: number(b), fact: fact, kind: k.code, label: label(title), conf: conf, support: info.support})
					}
				}
			case KindEvent:
				ev := number(id)
				for _, step := range []struct{ pred, label string }{
					{graph.PredLocation, "location"}, {graph.PredParticipant, "participant"},
				} {
					for _, p := range n.Links(step.pred) {
						addLink(link{from: ev, to: number(p), fact: fact, kind: codeEvent, label: label(step.label), conf: conf, support: info.support})
					}
				}
				if d := n.Str(graph.PredStartDate); d != "" && !strings.HasPrefix(d, "--") {
					gran := map[int]int{4: 0, 7: 1, 10: 2}[len(d)]
					g.dated[gran] = append(g.dated[gran], datedEvent{lo: pad(d, "00"), hi: pad(d, "99"), id: id, fact: fact, conf: conf})
				}
			}
			g.info = append(g.info, info)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	for _, iri := range pending {
		n, _, err := s.Node(ctx, iri)
		if err != nil {
			return nil, err
		}
		g.nodes[g.num[iri]] = nodeOf(iri, n)
	}
	// Number the links in edge order, so that every list of links sorts
	// by one int, and list them at their ends in that order.
	g.factRank = ranks(g.facts, func(s string) string { return s })
	g.factByRank = make([]int32, len(g.factRank))
	for f, r := range g.factRank {
		g.factByRank[r] = int32(f)
	}
	g.nodeRank = ranks(g.nodes, func(n Node) string { return n.ID })
	slices.SortStableFunc(links, g.linkCmp)
	for i := range links {
		links[i].rank = int32(i)
	}
	byStrength := make([]int32, len(links))
	for i := range byStrength {
		byStrength[i] = int32(i)
	}
	slices.SortFunc(byStrength, func(x, y int32) int { return strongerBy(&links[x], &links[y]) })
	for s, i := range byStrength {
		links[i].strength = int32(s)
	}
	for i := range links {
		l := &links[i]
		if l.from >= 0 {
			g.adj[l.from] = append(g.adj[l.from], *l)
		}
		if l.to >= 0 && l.to != l.from {
			g.adj[l.to] = append(g.adj[l.to], *l)
		}
	}
	g.pairs = buildPairs(links, len(g.nodes))
	for _, d := range g.dated {
		sort.Slice(d, func(i, j int) bool { return d[i].lo < d[j].lo || d[i].lo == d[j].lo && d[i].id < d[j].id })
	}
	return g, nil
}

// ranks returns the place of each element of s in the order of key.
func ranks[T any](s []T, key func(T) string) []int32 {
	order := make([]int32, len(s))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(key(s[a]), key(s[b])) })
	rank := make([]int32, len(s))
	for r, i := range order {
		rank[i] = int32(r)
	}
	return rank
}

// linkCmp orders links as edgeKey orders their edges: by fact IRI, then
// from and to IRI (a missing end first), then label.
func (g *factGraph) linkCmp(a, b link) int {
	if c := cmp.Compare(g.factRank[a.fact], g.factRank[b.fact]); c != 0 {
		return c
	}
	if c := cmp.Compare(g.rank(a.from), g.rank(b.from)); c != 0 {
		return c
	}
	if c := cmp.Compare(g.rank(a.to), g.rank(b.to)); c != 0 {
		return c
	}
	return strings.Compare(g.labels[a.label], g.labels[b.label])
}

// rank is the place of node n's IRI in IRI order, -1 for no node (whose
// IRI, "", comes first).
func (g *factGraph) rank(n int32) int32 {
	if n < 0 {
		return -1
	}
	return g.nodeRank[n]
}

// nodeOf is the Node (ID, type, name) of a stored node.
func nodeOf(iri string, n graph.Node) Node {
	out := Node{ID: iri, Name: n.Str(graph.PredName)}
	for _, c := range n.Links(graph.RDFType) {
		if t, ok := graph.TypeOfClass(c); ok {
			out.Type = string(t)
		} else if c == graph.ClassEvent {
			out.Type = "Event"
		}
	}
	return out
}

// iri returns the IRI of node n, "" for -1.
func (g *factGraph) iri(n int32) string {
	if n < 0 {
		return ""
	}
	return g.nodes[n].ID
}

// edge returns l as an Edge.
func (g *factGraph) edge(l link) Edge {
	return Edge{From: g.iri(l.from), To: g.iri(l.to), Kind: kindNames[l.kind], Label: g.labels[l.label], Fact: g.facts[l.fact]}
}

// other returns the end of l away from node n.
func (l link) other(n int32) int32 {
	if l.from == n {
		return l.to
	}
	return l.from
}

// Warm builds the entity index and, on a store held in memory, the fact
// graph, so that the first queries after a server starts do not wait for
// them. On a store read from disk or over the network, where the fact
// graph takes much longer to build, it starts building it and returns.
func (q *Service) Warm(ctx context.Context) error {
	if _, err := q.index(ctx); err != nil {
		return err
	}
	if q.store.Indexed() {
		if _, err := q.factGraph(ctx); err != nil {
			return err
		}
		return nil
	}
	q.graphs.mu.Lock()
	if g := q.graphs.g; g == nil || g.gen != q.store.Generation() {
		q.startGraph(ctx, q.store.Generation())
	}
	q.graphs.mu.Unlock()
	return nil
}
