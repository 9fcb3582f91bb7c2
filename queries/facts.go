package queries

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"kg/graph"
)

// Service answers queries over one store. It is safe for concurrent use.
type Service struct {
	store  *graph.Store
	cache  indexCache
	graphs factGraphCache // see factgraph.go
	nodes  nodeCache      // nodes read by earlier queries, see nodecache.go
	built  factCache      // facts built by earlier queries, see factcache.go
}

// New returns a Service reading s.
func New(s *graph.Store) *Service { return &Service{store: s} }

// Store returns the store the service reads.
func (q *Service) Store() *graph.Store { return q.store }

// DefaultMinConfidence is the confidence below which facts are left out of
// answers unless asked for: the extractor's guesses below it are wrong more
// often than right on the evaluation sets.
const DefaultMinConfidence = 0.5

// Filter narrows a list of facts. Entity filters take an entity's IRI, or a
// name or alias (case- and accent-insensitive, exact); a name that matches
// no entity matches no fact. Each filter applies only to the kinds of fact
// that have that end; all given filters must hold.
type Filter struct {
	Person       string // roles: who holds it
	Organization string // roles: where
	Party        string // positions: who takes the stance
	Issue        string // positions: on what
	Stance       string // positions: SUPPORTS, OPPOSES, DEMANDS, PROPOSES or REJECTS
	Place        string // events: where
	Participant  string // events: who took part
	// From and To bound event dates, inclusive: YYYY, YYYY-MM or
	// YYYY-MM-DD. An event matches when its date overlaps the range;
	// events without a date, or without a year, do not.
	From, To      string
	Article       string  // facts stated by this article: its IRI or file
	MinConfidence float64 // facts whose best evidence is less sure are left out
}

// loader reads nodes once per query.
type loader struct {
	ctx    context.Context
	store  *graph.Store
	shared *nodeCache
	nodes  map[string]graph.Node
	idx    *entityIndex // when already built for this generation, else nil
}

func (q *Service) loader(ctx context.Context) *loader {
	l := &loader{ctx: ctx, store: q.store, shared: &q.nodes, nodes: make(map[string]graph.Node)}
	q.cache.mu.Lock()
	if idx := q.cache.idx; idx != nil && idx.gen == q.store.Generation() {
		l.idx = idx
	}
	q.cache.mu.Unlock()
	return l
}

func (l *loader) node(iri string) (graph.Node, error) {
	if n, ok := l.nodes[iri]; ok {
		return n, nil
	}
	n, err := l.shared.node(l.ctx, l.store, iri)
	if err != nil {
		return n, fmt.Errorf("read %s: %w", iri, err)
	}
	l.nodes[iri] = n
	return n, nil
}

func (l *loader) entity(iri string) (Entity, error) {
	if l.idx != nil {
		// An entity named in thousands of articles has thousands of quads;
		// the entity index has what an Entity needs.
		if i, ok := l.idx.byID[iri]; ok {
			return l.idx.entities[i].Entity, nil
		}
	}
	n, err := l.node(iri)
	if err != nil {
		return Entity{}, err
	}
	e := Entity{ID: iri, Name: n.Str(graph.PredName), Aliases: n.Strs(graph.PredAlternateName)}
	for _, c := range n.Links(graph.RDFType) {
		if t, ok := graph.TypeOfClass(c); ok {
			e.Type = string(t)
		}
	}
	return e, nil
}

func (l *loader) optEntity(iri string) (*Entity, error) {
	if iri == "" {
		return nil, nil
	}
	e, err := l.entity(iri)
	return &e, err
}

func (l *loader) article(iri string) (Article, error) {
	n, err := l.node(iri)
	if err != nil {
		return Article{}, err
	}
	return Article{
		ID:     iri,
		Title:  n.Str(graph.PredHeadline),
		Date:   n.Str(graph.PredDatePublished),
		URL:    n.Str(graph.PredURL),
		Source: n.Str(graph.PredPublisher),
		File:   n.Str(graph.PredFile),
	}, nil
}

func (l *loader) fact(n graph.Node) (Fact, error) {
	f := Fact{ID: n.IRI}
	seen := make(map[string]bool)
	for _, ev := range n.Links(graph.PredEvidence) {
		en, err := l.node(ev)
		if err != nil {
			return f, err
		}
		art, err := l.article(en.Link(graph.PredArticle))
		if err != nil {
			return f, err
		}
		e := Evidence{
			Article:    art,
			Sentence:   en.Str(graph.PredSentence),
			Start:      int(en.Int(graph.PredStart)),
			End:        int(en.Int(graph.PredEnd)),
			Confidence: en.Float(graph.PredConfidence),
		}
		f.Evidence = append(f.Evidence, e)
		f.Confidence = max(f.Confidence, e.Confidence)
		if !seen[art.ID] {
			seen[art.ID] = true
			f.Sources = append(f.Sources, art)
		}
	}
	sort.Slice(f.Evidence, func(i, j int) bool {
		a, b := f.Evidence[i], f.Evidence[j]
		if a.Article.File != b.Article.File {
			return a.Article.File < b.Article.File
		}
		return a.Start < b.Start
	})
	sort.Slice(f.Sources, func(i, j int) bool { return f.Sources[i].File < f.Sources[j].File })
	return f, nil
}

// factIDs returns, sorted, the IRIs of the facts that f's entity, article
// and date filters allow: those of class, and maybe some of other classes.
func (q *Service) factIDs(ctx context.Context, class string, f Filter) ([]string, error) {
	var sets [][]string
	ends := []struct{ value, pred, typ string }{
		{f.Person, graph.PredPerson, "Person"},
		{f.Organization, graph.PredOrganization, ""},
		{f.Party, graph.PredParty, ""},
		{f.Issue, graph.PredIssue, "Issue"},
		{f.Place, graph.PredLocation, ""},
		{f.Participant, graph.PredParticipant, ""},
	}
	for _, e := range ends {
		if e.value == "" {
			continue
		}
		idx, err := q.index(ctx)
		if err != nil {
			return nil, err
		}
		var types []string
		if e.typ != "" {
			types = []string{e.typ}
		}
		var ids []string
		for _, ent := range idx.matchEntities(e.value, types) {
			sub, err := q.store.Subjects(ctx, e.pred, ent)
			if err != nil {
				return nil, err
			}
			ids = append(ids, sub...)
		}
		sets = append(sets, ids)
	}
	if f.Article != "" {
		arts, err := q.articleIDs(ctx, f.Article)
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, a := range arts {
			evs, err := q.store.Subjects(ctx, graph.PredArticle, a)
			if err != nil {
				return nil, err
			}
			for _, ev := range evs {
				facts, err := q.store.Subjects(ctx, graph.PredEvidence, ev)
				if err != nil {
					return nil, err
				}
				ids = append(ids, facts...)
			}
		}
		sets = append(sets, ids)
	}
	if len(sets) == 0 {
		return q.store.OfClass(ctx, class)
	}
	// Sets may hold facts of other classes (an article's facts); facts
	// drops them when it reads each one.
	out := sets[0]
	for _, s := range sets[1:] {
		out = intersect(out, s)
	}
	sort.Strings(out)
	return slices.Compact(out), nil
}

func intersect(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if in[x] {
			out = append(out, x)
		}
	}
	return out
}

// facts lists the facts of class that f allows, as T, one page of them.
func facts[T any](ctx context.Context, q *Service, class string, f Filter, p Page,
	keep func(graph.Node) bool, build func(*loader, graph.Node) (T, error)) (List[T], error) {
	gen := q.store.Generation()
	var page List[string]
	if g, ok, err := q.memoryGraph(ctx, f); err != nil {
		return List[T]{}, err
	} else if ok {
		idx, err := q.index(ctx)
		if err != nil {
			return List[T]{}, err
		}
		ranks, sorted := g.factRanks(idx, kindOf[class], f)
		if page, err = g.pageRanks(ranks, sorted, p); err != nil {
			return List[T]{}, err
		}
	} else {
		kept, err := q.checkedFactIDs(ctx, class, f, keep)
		if err != nil {
			return List[T]{}, err
		}
		if page, err = pageByKey(kept, kept, p); err != nil {
			return List[T]{}, err
		}
	}
	l := q.loader(ctx)
	out := Relist(page, []T(nil))
	for _, id := range page.Items {
		if v, ok := q.built.get(gen, id); ok {
			if t, ok := v.(T); ok {
				out.Items = append(out.Items, t)
				continue
			}
		}
		n, err := l.node(id)
		if err != nil {
			return List[T]{}, err
		}
		t, err := build(l, n)
		if err != nil {
			return List[T]{}, err
		}
		q.built.put(gen, q.store.Generation(), id, t)
		out.Items = append(out.Items, t)
	}
	return out, nil
}

// kindOf is the fact kind of each fact class.
var kindOf = map[string]string{graph.ClassRole: KindRole, graph.ClassPosition: KindPosition, graph.ClassEvent: KindEvent}

// memoryGraph returns the fact graph when the store is held in memory and f
// can be answered from it alone; ok is false otherwise.
func (q *Service) memoryGraph(ctx context.Context, f Filter) (g *factGraph, ok bool, err error) {
	if !q.store.Indexed() || f.Article != "" {
		return nil, false, nil
	}
	g, err = q.factGraph(ctx)
	return g, err == nil, err
}

// checkedFactIDs returns, sorted, the IRIs of the facts of class that f and
// keep allow, reading each candidate from the store.
func (q *Service) checkedFactIDs(ctx context.Context, class string, f Filter, keep func(graph.Node) bool) ([]string, error) {
	ids, err := q.factIDs(ctx, class, f)
	if err != nil {
		return nil, err
	}
	l := q.loader(ctx)
	kept := ids[:0:0]
	for _, id := range ids {
		n, err := l.node(id)
		if err != nil {
			return nil, err
		}
		if !hasClass(n, class) {
			continue
		}
		if c, ok := n.MaxFloat(graph.PredConfidence); ok && c < f.MinConfidence {
			continue
		}
		if keep != nil && !keep(n) {
			continue
		}
		kept = append(kept, id)
	}
	return kept, nil
}

func hasClass(n graph.Node, class string) bool { return slices.Contains(n.Links(graph.RDFType), class) }

// Roles returns a page of the roles f allows, ordered by IRI.
func (q *Service) Roles(ctx context.Context, f Filter, p Page) (List[Role], error) {
	return facts(ctx, q, graph.ClassRole, f, p, nil, func(l *loader, n graph.Node) (Role, error) {
		r := Role{Title: n.Str(graph.PredRoleName), Former: n.Bool(graph.PredFormer), AsOf: n.Str(graph.PredAsOf)}
		var err error
		if r.Fact, err = l.fact(n); err != nil {
			return r, err
		}
		if r.Person, err = l.entity(n.Link(graph.PredPerson)); err != nil {
			return r, err
		}
		r.Organization, err = l.optEntity(n.Link(graph.PredOrganization))
		return r, err
	})
}

// Positions returns a page of the positions f allows, ordered by IRI.
func (q *Service) Positions(ctx context.Context, f Filter, p Page) (List[Position], error) {
	keep := func(n graph.Node) bool { return f.Stance == "" || n.Str(graph.PredStance) == f.Stance }
	return facts(ctx, q, graph.ClassPosition, f, p, keep, func(l *loader, n graph.Node) (Position, error) {
		r := Position{Stance: n.Str(graph.PredStance), Quote: n.Str(graph.PredQuote)}
		var err error
		if r.Fact, err = l.fact(n); err != nil {
			return r, err
		}
		if r.Party, err = l.entity(n.Link(graph.PredParty)); err != nil {
			return r, err
		}
		r.Issue, err = l.entity(n.Link(graph.PredIssue))
		return r, err
	})
}

// Events returns a page of the events f allows, ordered by IRI.
func (q *Service) Events(ctx context.Context, f Filter, p Page) (List[Event], error) {
	keep := func(n graph.Node) bool { return inRange(n.Str(graph.PredStartDate), f.From, f.To) }
	return facts(ctx, q, graph.ClassEvent, f, p, keep, func(l *loader, n graph.Node) (Event, error) {
		r := Event{Name: n.Str(graph.PredName), Date: n.Str(graph.PredStartDate), Granularity: n.Str(graph.PredGranularity)}
		var err error
		if r.Fact, err = l.fact(n); err != nil {
			return r, err
		}
		if r.Place, err = l.optEntity(n.Link(graph.PredLocation)); err != nil {
			return r, err
		}
		for _, p := range n.Links(graph.PredParticipant) {
			e, err := l.entity(p)
			if err != nil {
				return r, err
			}
			r.Participants = append(r.Participants, e)
		}
		return r, nil
	})
}

// inRange reports whether the ISO date d (of any granularity) overlaps
// [from, to]; empty bounds are open. With a bound set, a date without a year
// never matches.
func inRange(d, from, to string) bool {
	if from == "" && to == "" {
		return true
	}
	if d == "" || strings.HasPrefix(d, "--") {
		return false
	}
	if from != "" && pad(d, "99") < pad(from, "00") {
		return false
	}
	if to != "" && pad(d, "00") > pad(to, "99") {
		return false
	}
	return true
}

// pad completes a YYYY or YYYY-MM date to YYYY-MM-DD with fill, so dates of
// different granularity compare as strings.
func pad(d, fill string) string {
	for len(d) < len("2006-01-02") && len(d) >= 4 {
		d += "-" + fill
	}
	return d
}

// sortBy sorts s by the string key of each element, keeping the order of
// equal keys. Each key is made once, not once per comparison.
func sortBy[T any](s []T, key func(T) string) {
	keys := make([]string, len(s))
	for i, x := range s {
		keys[i] = key(x)
	}
	sort.Stable(byKey[T]{s, keys})
}

type byKey[T any] struct {
	items []T
	keys  []string
}

func (b byKey[T]) Len() int           { return len(b.items) }
func (b byKey[T]) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byKey[T]) Swap(i, j int) {
	b.items[i], b.items[j] = b.items[j], b.items[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}
