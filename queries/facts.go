package queries

import (
	"context"
	"fmt"
	"sort"

	"kg/graph"
)

// Service answers queries over one store. It is safe for concurrent use.
type Service struct {
	store *graph.Store
}

// New returns a Service reading s.
func New(s *graph.Store) *Service { return &Service{store: s} }

// Store returns the store the service reads.
func (q *Service) Store() *graph.Store { return q.store }

// DefaultMinConfidence is the confidence below which facts are left out of
// answers unless asked for: the extractor's guesses below it are wrong more
// often than right on the evaluation sets.
const DefaultMinConfidence = 0.5

// Page selects a window of a list: at most First items (all when First <= 0)
// after skipping Offset, of the facts whose confidence is at least
// MinConfidence.
type Page struct {
	First         int
	Offset        int
	MinConfidence float64
}

func (p Page) window(n int) (lo, hi int) {
	lo = min(max(p.Offset, 0), n)
	hi = n
	if p.First > 0 && lo+p.First < hi {
		hi = lo + p.First
	}
	return lo, hi
}

// loader reads nodes once per query.
type loader struct {
	ctx   context.Context
	store *graph.Store
	nodes map[string]graph.Node
}

func (q *Service) loader(ctx context.Context) *loader {
	return &loader{ctx: ctx, store: q.store, nodes: make(map[string]graph.Node)}
}

func (l *loader) node(iri string) (graph.Node, error) {
	if n, ok := l.nodes[iri]; ok {
		return n, nil
	}
	n, _, err := l.store.Node(l.ctx, iri)
	if err != nil {
		return n, fmt.Errorf("read %s: %w", iri, err)
	}
	l.nodes[iri] = n
	return n, nil
}

func (l *loader) entity(iri string) (Entity, error) {
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

// facts reads every node of class and turns the selected page into T.
func facts[T any](ctx context.Context, q *Service, class string, p Page, build func(*loader, graph.Node) (T, error)) ([]T, error) {
	ids, err := q.store.OfClass(ctx, class)
	if err != nil {
		return nil, err
	}
	l := q.loader(ctx)
	if p.MinConfidence > 0 {
		kept := ids[:0:0]
		for _, id := range ids {
			n, err := l.node(id)
			if err != nil {
				return nil, err
			}
			if c, ok := n.MaxFloat(graph.PredConfidence); !ok || c >= p.MinConfidence {
				kept = append(kept, id)
			}
		}
		ids = kept
	}
	lo, hi := p.window(len(ids))
	out := make([]T, 0, hi-lo)
	for _, id := range ids[lo:hi] {
		n, err := l.node(id)
		if err != nil {
			return nil, err
		}
		t, err := build(l, n)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// Roles returns a page of roles, ordered by IRI.
func (q *Service) Roles(ctx context.Context, p Page) ([]Role, error) {
	return facts(ctx, q, graph.ClassRole, p, func(l *loader, n graph.Node) (Role, error) {
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

// Positions returns a page of positions, ordered by IRI.
func (q *Service) Positions(ctx context.Context, p Page) ([]Position, error) {
	return facts(ctx, q, graph.ClassPosition, p, func(l *loader, n graph.Node) (Position, error) {
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

// Events returns a page of events, ordered by IRI.
func (q *Service) Events(ctx context.Context, p Page) ([]Event, error) {
	return facts(ctx, q, graph.ClassEvent, p, func(l *loader, n graph.Node) (Event, error) {
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
