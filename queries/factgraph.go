package queries

import (
	"context"
	"fmt"
	"math"
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
	gen   uint64
	num   map[string]int32 // IRI → node number
	nodes []Node           // by number
	facts []string         // fact IRIs, by link.fact
	info  []factInfo       // by link.fact
	adj   [][]link         // by node number, sorted by edgeKey
	dated [3][]datedEvent  // events with a year, by granularity (year, month, day), by date
}

// link is one edge of the fact graph. from or to is -1 for a fact with one
// end (a role without organization).
type link struct {
	from, to int32
	fact     int32 // index in factGraph.facts
	kind     string
	label    string
	conf     float64 // the fact's confidence; +Inf when it has none
}

// factInfo is what Roles, Positions and Events filter a fact by.
type factInfo struct {
	kind  string
	label string // the role title or the stance
	conf  float64
}

// datedEvent is an event with a date that has a year.
type datedEvent struct {
	lo, hi string // the first and last day the date covers, YYYY-MM-DD
	id     string
	conf   float64
}

type factGraphCache struct {
	mu sync.Mutex
	g  *factGraph
}

// factGraph returns the fact graph of the store's current generation,
// building it when there is none.
func (q *Service) factGraph(ctx context.Context) (*factGraph, error) {
	q.graphs.mu.Lock()
	defer q.graphs.mu.Unlock()
	gen := q.store.Generation()
	if q.graphs.g != nil && q.graphs.g.gen == gen {
		return q.graphs.g, nil
	}
	g, err := buildFactGraph(ctx, q.store, gen)
	if err != nil {
		return nil, fmt.Errorf("index facts: %w", err)
	}
	q.graphs.g = g
	return g, nil
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
	addLink := func(l link) {
		if l.from >= 0 {
			g.adj[l.from] = append(g.adj[l.from], l)
		}
		if l.to >= 0 && l.to != l.from {
			g.adj[l.to] = append(g.adj[l.to], l)
		}
	}
	kinds := []struct{ class, kind string }{
		{graph.ClassRole, KindRole}, {graph.ClassPosition, KindPosition}, {graph.ClassEvent, KindEvent},
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
			info := factInfo{kind: k.kind, conf: conf}
			switch k.kind {
			case KindRole, KindPosition:
				here, there := graph.PredPerson, graph.PredOrganization
				label := n.Str(graph.PredRoleName)
				if k.kind == KindPosition {
					here, there, label = graph.PredParty, graph.PredIssue, n.Str(graph.PredStance)
				}
				info.label = label
				for _, a := range ends(n, here) {
					for _, b := range ends(n, there) {
						addLink(link{from: number(a), to: number(b), fact: fact, kind: k.kind, label: label, conf: conf})
					}
				}
			case KindEvent:
				ev := number(id)
				for _, step := range []struct{ pred, label string }{
					{graph.PredLocation, "location"}, {graph.PredParticipant, "participant"},
				} {
					for _, p := range n.Links(step.pred) {
						addLink(link{from: ev, to: number(p), fact: fact, kind: KindEvent, label: step.label, conf: conf})
					}
				}
				if d := n.Str(graph.PredStartDate); d != "" && !strings.HasPrefix(d, "--") {
					gran := map[int]int{4: 0, 7: 1, 10: 2}[len(d)]
					g.dated[gran] = append(g.dated[gran], datedEvent{lo: pad(d, "00"), hi: pad(d, "99"), id: id, conf: conf})
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
	for _, links := range g.adj {
		sortBy(links, func(l link) string { return edgeKey(g.edge(l)) })
	}
	for _, d := range g.dated {
		sort.Slice(d, func(i, j int) bool { return d[i].lo < d[j].lo || d[i].lo == d[j].lo && d[i].id < d[j].id })
	}
	return g, nil
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
	return Edge{From: g.iri(l.from), To: g.iri(l.to), Kind: l.kind, Label: l.label, Fact: g.facts[l.fact]}
}

// other returns the end of l away from node n.
func (l link) other(n int32) int32 {
	if l.from == n {
		return l.to
	}
	return l.from
}

// eventsBetween returns, sorted, the IRIs of the events whose date overlaps
// [from, to] (see inRange; at least one bound is set) and whose confidence
// is at least minConf.
func (g *factGraph) eventsBetween(from, to string, minConf float64) []string {
	lo, hi := pad(from, "00"), pad(to, "99")
	var out []string
	for _, list := range g.dated {
		// Within one granularity, dates sorted by first day are also sorted
		// by last day, so the matches are one run.
		start := 0
		if from != "" {
			start = sort.Search(len(list), func(i int) bool { return list[i].hi >= lo })
		}
		for _, e := range list[start:] {
			if to != "" && e.lo > hi {
				break
			}
			if e.conf >= minConf {
				out = append(out, e.id)
			}
		}
	}
	sort.Strings(out)
	return out
}

// factIDs answers Service.factIDs for a store held in memory: the IRIs,
// sorted, of the facts of kind that f allows, every one of them of that
// kind and at least f.MinConfidence sure, so they need no further check.
// f must have no Article filter (the fact graph does not know articles).
func (g *factGraph) factIDs(idx *entityIndex, kind string, f Filter) []string {
	// end says which links at an entity count for a filter: the entity at
	// the from end (person, party) or the to end, with a label for events.
	type end struct {
		value, kind, typ, label string
		from                    bool
	}
	ends := []end{
		{f.Person, KindRole, "Person", "", true},
		{f.Organization, KindRole, "", "", false},
		{f.Party, KindPosition, "", "", true},
		{f.Issue, KindPosition, "Issue", "", false},
		{f.Place, KindEvent, "", "location", false},
		{f.Participant, KindEvent, "", "participant", false},
	}
	allows := func(fact int32) bool {
		in := g.info[fact]
		return in.kind == kind && in.conf >= f.MinConfidence &&
			(f.Stance == "" || kind != KindPosition || in.label == f.Stance) // only positions have a stance
	}
	var sets []map[string]bool
	for _, e := range ends {
		if e.value == "" {
			continue
		}
		var types []string
		if e.typ != "" {
			types = []string{e.typ}
		}
		set := make(map[string]bool)
		for _, ent := range idx.matchEntities(e.value, types) {
			n, ok := g.num[ent]
			if !ok || e.kind != kind {
				continue
			}
			for _, l := range g.adj[n] {
				at := l.to
				if e.from {
					at = l.from
				}
				if at == n && l.kind == e.kind && (e.label == "" || l.label == e.label) && allows(l.fact) {
					set[g.facts[l.fact]] = true
				}
			}
		}
		sets = append(sets, set)
	}
	if kind == KindEvent && (f.From != "" || f.To != "") {
		set := make(map[string]bool)
		for _, id := range g.eventsBetween(f.From, f.To, f.MinConfidence) {
			set[id] = true
		}
		sets = append(sets, set)
	}
	var out []string
	if len(sets) == 0 {
		for i, id := range g.facts {
			if allows(int32(i)) {
				out = append(out, id)
			}
		}
	} else {
		for id := range sets[0] {
			keep := true
			for _, s := range sets[1:] {
				keep = keep && s[id]
			}
			if keep {
				out = append(out, id)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Warm builds the entity index and, on a store held in memory, the fact
// graph, so that the first queries after a server starts do not wait for
// them.
func (q *Service) Warm(ctx context.Context) error {
	if _, err := q.index(ctx); err != nil {
		return err
	}
	if q.store.Indexed() {
		if _, err := q.factGraph(ctx); err != nil {
			return err
		}
	}
	return nil
}
