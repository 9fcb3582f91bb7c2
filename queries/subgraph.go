package queries

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"

	"kg/graph"
)

// SubgraphOptions shape Subgraph.
type SubgraphOptions struct {
	Hops          int      // 1 to MaxExportHops
	Kinds         []string // follow only these kinds of fact; all when empty
	From, To      string   // keep only events dated within (see Filter); other facts are not dated
	MinConfidence float64  // follow only facts at least this sure
	MaxNodes      int      // fail when the subgraph has more nodes; 0 for no bound
}

// MaxExportHops bounds Subgraph.
const MaxExportHops = 4

// DefaultMaxNodes is the usual bound on the size of a subgraph.
const DefaultMaxNodes = 100000

// ErrTooLarge says a subgraph has more nodes than allowed.
type ErrTooLarge struct{ Nodes, Max int }

func (e *ErrTooLarge) Error() string {
	return fmt.Sprintf("the subgraph has %d nodes, more than the limit of %d; use fewer hops or a higher limit", e.Nodes, e.Max)
}

// Subgraph returns, sorted, the quads of the subgraph around the entity or
// event with IRI id: the nodes within o.Hops facts of it, the facts on the
// way and every end of those facts, their evidence, and the articles that
// give it (their own properties, and which of these entities they mention),
// each quad under every one of these articles that states it.
func (q *Service) Subgraph(ctx context.Context, id string, o SubgraphOptions) ([]quad.Quad, error) {
	if o.Hops < 1 || o.Hops > MaxExportHops {
		return nil, fmt.Errorf("hops must be from 1 to %d, not %d", MaxExportHops, o.Hops)
	}
	a, err := q.adjacency(ctx, o.Kinds, o.MinConfidence)
	if err != nil {
		return nil, err
	}
	facts := make(map[string]bool)
	nodes, err := a.walk(id, o.Hops, func(e Edge, _ string) (bool, error) {
		if e.Kind == KindEvent {
			ev, err := a.l.node(e.Fact)
			if err != nil || !inRange(ev.Str(graph.PredStartDate), o.From, o.To) {
				return false, err
			}
		}
		facts[e.Fact] = true
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	// Every end of every fact comes along, so nothing refers to a node the
	// export does not describe.
	ends := []string{graph.PredPerson, graph.PredOrganization, graph.PredParty, graph.PredIssue, graph.PredLocation, graph.PredParticipant}
	evidence := make(map[string]bool)
	articles := make(map[string]bool)
	for f := range facts {
		n, err := a.l.node(f)
		if err != nil {
			return nil, err
		}
		for _, p := range ends {
			for _, e := range n.Links(p) {
				nodes[e] = true
			}
		}
		for _, ev := range n.Links(graph.PredEvidence) {
			evidence[ev] = true
			en, err := a.l.node(ev)
			if err != nil {
				return nil, err
			}
			for _, art := range en.Links(graph.PredArticle) {
				articles[art] = true
			}
		}
	}
	total := len(nodes) + len(facts) + len(evidence) + len(articles)
	if o.MaxNodes > 0 && total > o.MaxNodes {
		return nil, &ErrTooLarge{Nodes: total, Max: o.MaxNodes}
	}
	arts := make([]string, 0, len(articles))
	for a := range articles {
		arts = append(arts, a)
	}
	var out []quad.Quad
	for _, set := range []map[string]bool{nodes, facts, evidence, articles} {
		for s := range set {
			var qs []quad.Quad
			var err error
			if nodes[s] {
				// Only what the subgraph's articles state: an entity named
				// in thousands of articles would otherwise bring its name
				// and type under each of them. An entity none of them
				// states (one with no facts) keeps all its quads.
				qs, err = q.store.SubjectQuadsUnder(ctx, s, arts)
				if err == nil && len(qs) == 0 {
					qs, err = q.store.SubjectQuads(ctx, s)
				}
			} else {
				qs, err = q.store.SubjectQuads(ctx, s)
			}
			if err != nil {
				return nil, err
			}
			for _, qd := range qs {
				if articles[s] && qd.Predicate == quad.IRI(graph.PredMentions) {
					if iri, ok := qd.Object.(quad.IRI); !ok || !nodes[string(iri)] {
						continue
					}
				}
				out = append(out, qd)
			}
		}
	}
	sortQuads(out)
	return dedupe(out), nil
}

// NodeQuads returns, sorted, the quads describing the node with IRI id and
// one hop around it: for an entity or event, its subgraph of one hop; for
// anything else (a fact, an article, evidence), its own quads and those of
// the nodes it refers to. ok is false when there is no such node.
func (q *Service) NodeQuads(ctx context.Context, id string, minConf float64) (qs []quad.Quad, ok bool, err error) {
	own, err := q.store.Quads(ctx, id)
	if err != nil || len(own) == 0 {
		return nil, false, err
	}
	n, _, err := q.store.Node(ctx, id)
	if err != nil {
		return nil, false, err
	}
	for _, c := range n.Links(graph.RDFType) {
		if _, entity := graph.TypeOfClass(c); entity || c == graph.ClassEvent {
			qs, err := q.Subgraph(ctx, id, SubgraphOptions{Hops: 1, MinConfidence: minConf})
			return qs, true, err
		}
	}
	out := own
	for _, qd := range own {
		if iri, isIRI := qd.Object.(quad.IRI); isIRI && qd.Predicate != quad.IRI(graph.RDFType) {
			more, err := q.store.Quads(ctx, string(iri))
			if err != nil {
				return nil, false, err
			}
			out = append(out, more...)
		}
	}
	sortQuads(out)
	return dedupe(out), true, nil
}

func sortQuads(qs []quad.Quad) { sortBy(qs, quadKey) }

func quadKey(q quad.Quad) string {
	return quad.ToString(q.Subject) + "\x00" + quad.ToString(q.Predicate) + "\x00" + quad.ToString(q.Object) + "\x00" + quad.ToString(q.Label)
}

func dedupe(qs []quad.Quad) []quad.Quad {
	out := qs[:0]
	for i, q := range qs {
		if i == 0 || quadKey(q) != quadKey(qs[i-1]) {
			out = append(out, q)
		}
	}
	return out
}
