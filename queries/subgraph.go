package queries

import (
	"bytes"
	"context"
	"fmt"
	"slices"

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
	parts, err := q.SubgraphParts(ctx, id, o)
	if err != nil {
		return nil, err
	}
	return sortDedupe(slices.Concat(parts...)), nil
}

// SubgraphParts returns the quads of Subgraph in parts (one a node), in no
// order, some perhaps more than once: for callers that order and
// deduplicate them anyway, as graph.EncodeJSONLDParts does, and need not
// join them into one slice.
func (q *Service) SubgraphParts(ctx context.Context, id string, o SubgraphOptions) ([][]quad.Quad, error) {
	if o.Hops < 1 || o.Hops > MaxExportHops {
		return nil, fmt.Errorf("hops must be from 1 to %d, not %d", MaxExportHops, o.Hops)
	}
	a, err := q.adjacency(ctx, o.Kinds, o.MinConfidence)
	if err != nil {
		return nil, err
	}
	facts := make(map[string]bool)
	var factList []string
	nodes, err := a.walk(id, o.Hops, func(e Edge, _ string) (bool, error) {
		if e.Kind == KindEvent {
			ev, err := a.l.node(e.Fact)
			if err != nil || !inRange(ev.Str(graph.PredStartDate), o.From, o.To) {
				return false, err
			}
		}
		if !facts[e.Fact] {
			facts[e.Fact] = true
			factList = append(factList, e.Fact)
		}
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	// The facts' own quads say their ends and evidence, and the evidence's
	// its article: read them once, for these links and for the output,
	// rather than building a Node of each.
	factQuads, err := q.store.SubjectsQuads(ctx, factList)
	if err != nil {
		return nil, err
	}
	// Every end of every fact comes along, so nothing refers to a node the
	// export does not describe.
	ends := map[quad.IRI]bool{}
	for _, p := range []string{graph.PredPerson, graph.PredOrganization, graph.PredParty, graph.PredIssue, graph.PredLocation, graph.PredParticipant} {
		ends[quad.IRI(p)] = true
	}
	evidence := make(map[string]bool)
	var evList []string
	for _, qs := range factQuads {
		for _, qd := range qs {
			obj, ok := qd.Object.(quad.IRI)
			if !ok {
				continue
			}
			switch pred, _ := qd.Predicate.(quad.IRI); {
			case ends[pred]:
				nodes[string(obj)] = true
			case pred == quad.IRI(graph.PredEvidence):
				if !evidence[string(obj)] {
					evidence[string(obj)] = true
					evList = append(evList, string(obj))
				}
			}
		}
	}
	evQuads, err := q.store.SubjectsQuads(ctx, evList)
	if err != nil {
		return nil, err
	}
	articles := make(map[string]bool)
	var arts []string
	for _, qs := range evQuads {
		for _, qd := range qs {
			if obj, ok := qd.Object.(quad.IRI); ok && qd.Predicate == quad.IRI(graph.PredArticle) && !articles[string(obj)] {
				articles[string(obj)] = true
				arts = append(arts, string(obj))
			}
		}
	}
	total := len(nodes) + len(facts) + len(evidence) + len(articles)
	if o.MaxNodes > 0 && total > o.MaxNodes {
		return nil, &ErrTooLarge{Nodes: total, Max: o.MaxNodes}
	}
	artQuads, err := q.store.SubjectsQuads(ctx, arts)
	if err != nil {
		return nil, err
	}
	nodeList := make([]string, 0, len(nodes))
	for n := range nodes {
		nodeList = append(nodeList, n)
	}
	// Only what the subgraph's articles state: an entity named in
	// thousands of articles would otherwise bring its name and type under
	// each of them.
	nodeQuads, err := q.store.SubjectsQuadsUnder(ctx, nodeList, arts)
	if err != nil {
		return nil, err
	}
	out := make([][]quad.Quad, 0, len(factQuads)+len(evQuads)+len(artQuads)+len(nodeQuads))
	// add adds the quads of subject s, but of an article only the mentions
	// of nodes of the subgraph (filtered in place: the store's answers are
	// ours).
	add := func(s string, qs []quad.Quad) {
		if articles[s] {
			kept := qs[:0]
			for _, qd := range qs {
				if qd.Predicate == quad.IRI(graph.PredMentions) {
					if iri, ok := qd.Object.(quad.IRI); !ok || !nodes[string(iri)] {
						continue
					}
				}
				kept = append(kept, qd)
			}
			qs = kept
		}
		if len(qs) > 0 {
			out = append(out, qs)
		}
	}
	for i, n := range nodeList {
		qs := nodeQuads[i]
		if len(qs) == 0 {
			// An entity none of the articles states (one with no facts)
			// keeps all its quads.
			if qs, err = q.store.SubjectQuads(ctx, n); err != nil {
				return nil, err
			}
		}
		add(n, qs)
	}
	// A node that is also a fact (an event), evidence or article came with
	// the nodes, under the articles only.
	for _, set := range []struct {
		iris []string
		qs   [][]quad.Quad
	}{{factList, factQuads}, {evList, evQuads}, {arts, artQuads}} {
		for i, s := range set.iris {
			if !nodes[s] {
				add(s, set.qs[i])
			}
		}
	}
	return out, nil
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
	return sortDedupe(out), true, nil
}

// quadKey is the key sortDedupe orders quads by: the four values as
// quad.ToString writes them, separated by NUL bytes.
func quadKey(q quad.Quad) string {
	return string(appendQuadKey(nil, q))
}

// appendQuadKey appends quadKey(q) to dst, writing IRIs, blank nodes and
// strings without quad.ToString's allocation.
func appendQuadKey(dst []byte, q quad.Quad) []byte {
	for i, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		if i > 0 {
			dst = append(dst, 0)
		}
		switch x := v.(type) {
		case nil:
		case quad.IRI:
			dst = append(append(append(dst, '<'), x...), '>')
		case quad.BNode:
			dst = append(append(dst, "_:"...), x...)
		case quad.String:
			dst = append(dst, x...)
		default:
			dst = append(dst, quad.ToString(v)...)
		}
	}
	return dst
}

// sortDedupe returns qs sorted by quadKey, of the quads with equal keys
// only the first. The keys are written once, into one array.
func sortDedupe(qs []quad.Quad) []quad.Quad {
	var arena []byte
	offs := make([]int, len(qs)+1) // key i is arena[offs[i]:offs[i+1]]
	for i, q := range qs {
		arena = appendQuadKey(arena, q)
		offs[i+1] = len(arena)
	}
	key := func(i int32) []byte { return arena[offs[i]:offs[i+1]] }
	perm := make([]int32, len(qs))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortStableFunc(perm, func(a, b int32) int { return bytes.Compare(key(a), key(b)) })
	out := make([]quad.Quad, 0, len(qs))
	for j, i := range perm {
		if j == 0 || !bytes.Equal(key(i), key(perm[j-1])) {
			out = append(out, qs[i])
		}
	}
	return out
}
