package queries

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

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
	First         int      // statements in a page (see SubgraphPage); 0 for all
	After         string   // the IRI of the previous page's last fact; "" for the first page
}

// MaxExportHops bounds Subgraph.
const MaxExportHops = 4

// DefaultMaxNodes is the usual bound on the size of a subgraph.
const DefaultMaxNodes = 100000

// DefaultExportStatements bounds a page of an export over HTTP unless
// asked otherwise (see SubgraphPage): the one-hop subgraph of most entities
// fits in one page of at most a few hundred kilobytes, while that of an
// entity named in thousands of articles, tens of megabytes whole, comes in
// pages a client can take one at a time.
const DefaultExportStatements = 100

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
// order: for callers that order them anyway, as graph.EncodeJSONLDParts
// does, and need not join them into one slice.
func (q *Service) SubgraphParts(ctx context.Context, id string, o SubgraphOptions) ([][]quad.Quad, error) {
	sel, err := q.SubgraphSelection(ctx, id, o)
	if err != nil {
		return nil, err
	}
	return q.store.SelectQuads(ctx, sel)
}

// EncodeJSONLD writes the quads sel selects to w as graph.EncodeJSONLD of
// them would (graph.Store.EncodeJSONLD): with SubgraphSelection, the
// document of Subgraph.
func (q *Service) EncodeJSONLD(ctx context.Context, w io.Writer, sel graph.Selection) error {
	return q.store.EncodeJSONLD(ctx, w, sel)
}

// subgraphEnds are the predicates of a fact's ends.
var subgraphEnds = []string{graph.PredPerson, graph.PredOrganization, graph.PredParty, graph.PredIssue, graph.PredLocation, graph.PredParticipant}

// SubgraphSelection returns which quads of the store Subgraph holds, with
// its errors, without reading them: the nodes (under the articles) and
// the facts, evidence and articles that are not nodes (all their quads),
// the articles' mentions pruned to the nodes.
//
// With o.First > 0 it selects one page of the subgraph (see SubgraphPage).
func (q *Service) SubgraphSelection(ctx context.Context, id string, o SubgraphOptions) (graph.Selection, error) {
	sel, _, err := q.SubgraphPageSelection(ctx, id, o)
	return sel, err
}

// SubgraphPage says which part of a subgraph's facts a page holds. The
// facts of a subgraph are taken in IRI order: a page holds the first facts
// after SubgraphOptions.After whose statements (evidence, one sentence of
// one article each) number at most SubgraphOptions.First, and at least one
// fact; with them, every end of those facts, their evidence and articles,
// and of the nodes, the quads those articles state, the articles' mentions
// pruned to the page's nodes. A page is bounded by statements rather than
// facts because each brings its sentence and article, and one fact can be
// stated by hundreds of articles. Together the pages hold every fact of
// the subgraph with its ends, evidence and articles; a node's quads stated
// only by articles of other pages come with those pages. On a page of more
// than one hop the start comes only as an end of the page's facts. A page
// that holds every fact is the whole subgraph.
type SubgraphPage struct {
	Facts int    // facts in this page
	Total int    // facts in the whole subgraph
	Next  string // After for the next page; "" on the last page
}

// SubgraphPageSelection is SubgraphSelection that also says which page of
// the subgraph's facts it selects. Paging bounds what one export costs:
// the whole one-hop subgraph of an entity named in thousands of articles
// is megabytes.
func (q *Service) SubgraphPageSelection(ctx context.Context, id string, o SubgraphOptions) (graph.Selection, SubgraphPage, error) {
	if o.Hops < 1 || o.Hops > MaxExportHops {
		return graph.Selection{}, SubgraphPage{}, fmt.Errorf("hops must be from 1 to %d, not %d", MaxExportHops, o.Hops)
	}
	if o.First < 0 {
		return graph.Selection{}, SubgraphPage{}, fmt.Errorf("first must be 0 (all facts) or more, not %d", o.First)
	}
	a, err := q.adjacency(ctx, o.Kinds, o.MinConfidence)
	if err != nil {
		return graph.Selection{}, SubgraphPage{}, err
	}
	ranks, err := a.subgraphFacts(id, o)
	if err != nil {
		return graph.Selection{}, SubgraphPage{}, err
	}
	page := SubgraphPage{Total: len(ranks)}
	if o.After != "" {
		// The facts after o.After, which need not be a fact any more.
		at, _ := slices.BinarySearchFunc(ranks, o.After, func(r int32, iri string) int {
			return strings.Compare(a.g.facts[a.g.factByRank[r]], iri)
		})
		if at < len(ranks) && a.g.facts[a.g.factByRank[ranks[at]]] == o.After {
			at++
		}
		ranks = ranks[at:]
	}
	if o.First > 0 {
		// Whole facts while their statements fit in o.First, and at least
		// one: a fact stated in hundreds of articles brings every one.
		n, stated := 0, 0
		for ; n < len(ranks); n++ {
			s := int(max(a.g.info[a.g.factByRank[ranks[n]]].support, 1))
			if n > 0 && stated+s > o.First {
				break
			}
			stated += s
		}
		if n < len(ranks) {
			ranks = ranks[:n]
			page.Next = a.g.facts[a.g.factByRank[ranks[n-1]]]
		}
	}
	page.Facts = len(ranks)
	factList := make([]string, len(ranks))
	for i, r := range ranks {
		factList[i] = a.g.facts[a.g.factByRank[r]]
	}
	// The nodes are the start and every end of the facts, events (facts
	// that are also nodes) among them: the walk reaches nothing else. A
	// page leaves out a start that none of its facts touch (two hops
	// away): none of its articles states it, and the selection would then
	// take all of its quads, stated by articles outside the subgraph.
	nodes := make(map[string]bool)
	if o.First == 0 || page.Total == 0 {
		nodes[id] = true
	}
	for _, r := range ranks {
		if f := a.g.factByRank[r]; a.g.info[f].kind == KindEvent {
			nodes[a.g.facts[f]] = true
		}
	}
	// The facts' own quads say their ends and evidence, and the evidence's
	// its article: read those links only, rather than a Node of each.
	// Every end of every fact comes along, so nothing refers to a node the
	// export does not describe.
	links, err := q.store.ObjectLinks(ctx, factList, append(subgraphEnds[:len(subgraphEnds):len(subgraphEnds)], graph.PredEvidence))
	if err != nil {
		return graph.Selection{}, SubgraphPage{}, err
	}
	evidence := make(map[string]bool)
	var evList []string
	for _, l := range links {
		switch {
		case l.Pred < len(subgraphEnds):
			nodes[l.Object] = true
		case !evidence[l.Object]:
			evidence[l.Object] = true
			evList = append(evList, l.Object)
		}
	}
	if links, err = q.store.ObjectLinks(ctx, evList, []string{graph.PredArticle}); err != nil {
		return graph.Selection{}, SubgraphPage{}, err
	}
	articles := make(map[string]bool)
	var arts []string
	for _, l := range links {
		if !articles[l.Object] {
			articles[l.Object] = true
			arts = append(arts, l.Object)
		}
	}
	total := len(nodes) + len(factList) + len(evidence) + len(articles)
	if o.MaxNodes > 0 && total > o.MaxNodes {
		return graph.Selection{}, SubgraphPage{}, &ErrTooLarge{Nodes: total, Max: o.MaxNodes}
	}
	sel := graph.Selection{Nodes: make([]string, 0, len(nodes)), Labels: arts, Pruned: arts, PrunePred: graph.PredMentions}
	for n := range nodes {
		sel.Nodes = append(sel.Nodes, n)
	}
	// A node that is also a fact (an event), evidence or article comes
	// with the nodes, under the articles only; an entity none of the
	// articles states (one with no facts) keeps all its quads.
	for _, set := range [][]string{factList, evList, arts} {
		for _, s := range set {
			if !nodes[s] {
				sel.Others = append(sel.Others, s)
			}
		}
	}
	return sel, page, nil
}

// subgraphFacts returns the facts within o.Hops of the node with IRI id
// that o follows, as their ranks in IRI order (factGraph.factRank), sorted.
// It walks links rather than edges: a hub has tens of thousands.
func (a *adjacency) subgraphFacts(id string, o SubgraphOptions) ([]int32, error) {
	start, ok := a.g.num[id]
	if !ok {
		return nil, nil
	}
	dated := o.From != "" || o.To != ""
	seen := map[int32]bool{start: true}
	frontier := []int32{start}
	var ranks []int32
	for hop := range o.Hops {
		var next []int32
		for _, n := range frontier {
			for _, l := range a.g.adj[n] {
				if !a.follows(l) {
					continue
				}
				if l.kind == codeEvent && dated { // without a range every event is in it: no need to read it
					ev, err := a.l.node(a.g.facts[l.fact])
					if err != nil {
						return nil, err
					}
					if !inRange(ev.Str(graph.PredStartDate), o.From, o.To) {
						continue
					}
				}
				ranks = append(ranks, a.g.factRank[l.fact])
				if m := l.other(n); hop < o.Hops-1 && m >= 0 && !seen[m] {
					seen[m] = true
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	slices.Sort(ranks)
	return slices.Compact(ranks), nil
}

// NodeQuads returns, sorted, the quads describing the node with IRI id and
// one hop around it: for an entity or event, its subgraph of one hop; for
// anything else (a fact, an article, evidence), its own quads and those of
// the nodes it refers to. ok is false when there is no such node.
func (q *Service) NodeQuads(ctx context.Context, id string, minConf float64) (qs []quad.Quad, ok bool, err error) {
	qs, _, ok, err = q.NodeQuadsPage(ctx, id, minConf, 0, "")
	return qs, ok, err
}

// NodeQuadsPage is NodeQuads with the subgraph of an entity or event in
// pages: first and after are SubgraphOptions.First and After, and page
// says which part of the subgraph's facts qs holds (the zero SubgraphPage
// for any other node, which has no pages).
func (q *Service) NodeQuadsPage(ctx context.Context, id string, minConf float64, first int, after string) (qs []quad.Quad, page SubgraphPage, ok bool, err error) {
	own, err := q.store.Quads(ctx, id)
	if err != nil || len(own) == 0 {
		return nil, page, false, err
	}
	n, _, err := q.store.Node(ctx, id)
	if err != nil {
		return nil, page, false, err
	}
	for _, c := range n.Links(graph.RDFType) {
		if _, entity := graph.TypeOfClass(c); entity || c == graph.ClassEvent {
			sel, page, err := q.SubgraphPageSelection(ctx, id, SubgraphOptions{Hops: 1, MinConfidence: minConf, First: first, After: after})
			if err != nil {
				return nil, page, true, err
			}
			parts, err := q.store.SelectQuads(ctx, sel)
			return sortDedupe(slices.Concat(parts...)), page, true, err
		}
	}
	out := own
	for _, qd := range own {
		if iri, isIRI := qd.Object.(quad.IRI); isIRI && qd.Predicate != quad.IRI(graph.RDFType) {
			more, err := q.store.Quads(ctx, string(iri))
			if err != nil {
				return nil, page, false, err
			}
			out = append(out, more...)
		}
	}
	return sortDedupe(out), page, true, nil
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

// SelectQuads returns the quads sel selects, in parts and no order
// (graph.Store.SelectQuads).
func (q *Service) SelectQuads(ctx context.Context, sel graph.Selection) ([][]quad.Quad, error) {
	return q.store.SelectQuads(ctx, sel)
}
