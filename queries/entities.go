package queries

import (
	"context"
	"fmt"
	"strings"

	"kg/graph"
)

// Entity returns the entity with the given IRI; ok is false when there is
// none.
func (q *Service) Entity(ctx context.Context, id string) (e Entity, ok bool, err error) {
	idx, err := q.index(ctx)
	if err != nil {
		return Entity{}, false, err
	}
	i, ok := idx.byID[id]
	if !ok {
		return Entity{}, false, nil
	}
	return idx.entities[i].Entity, true, nil
}

// Lookup returns the entities that ref names: the entity with that IRI, or
// those whose name or alias equals ref after normalising, of the given types
// (all when empty), sorted by IRI.
func (q *Service) Lookup(ctx context.Context, ref string, types []string) ([]Entity, error) {
	idx, err := q.index(ctx)
	if err != nil {
		return nil, err
	}
	var out []Entity
	for _, id := range idx.matchEntities(ref, types) {
		if i, ok := idx.byID[id]; ok {
			out = append(out, idx.entities[i].Entity)
		}
	}
	return out, nil
}

// ErrAmbiguous says a name fits several entities.
type ErrAmbiguous struct {
	Ref        string
	Candidates []Entity
}

func (e *ErrAmbiguous) Error() string {
	s := fmt.Sprintf("%q names %d entities:", e.Ref, len(e.Candidates))
	for i, c := range e.Candidates {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprintf(" %s (%s, %s)", c.Name, c.Type, c.ID)
	}
	return s + "; give an id"
}

// One returns the one entity ref names, a graph.NotFound error when none
// does, or an *ErrAmbiguous listing the candidates when several do. Events
// are nodes too: an event IRI names its event.
func (q *Service) One(ctx context.Context, ref string) (Entity, error) {
	if strings.HasPrefix(ref, graph.Base) {
		if e, ok, err := q.Entity(ctx, ref); err != nil || ok {
			return e, err
		}
		n, ok, err := q.store.Node(ctx, ref)
		if err != nil {
			return Entity{}, err
		}
		if ok && hasClass(n, graph.ClassEvent) {
			return Entity{ID: ref, Type: "Event", Name: n.Str(graph.PredName)}, nil
		}
		return Entity{}, graph.E(graph.NotFound, "", "", fmt.Sprintf("no entity or event %s", ref))
	}
	es, err := q.Lookup(ctx, ref, nil)
	switch {
	case err != nil:
		return Entity{}, err
	case len(es) == 0:
		return Entity{}, graph.E(graph.NotFound, "", "", fmt.Sprintf("no entity is named %q", ref))
	case len(es) > 1:
		return Entity{}, &ErrAmbiguous{Ref: ref, Candidates: es}
	}
	return es[0], nil
}

// Stats counts what the graph holds.
type Stats struct {
	Articles, Persons, Organizations, Places, Issues int
	Roles, Positions, Events                         int
	Quads, Nodes                                     int64
}

// Stats counts articles, entities and facts.
func (q *Service) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	for class, n := range map[string]*int{
		graph.ClassArticle: &s.Articles, graph.ClassPerson: &s.Persons, graph.ClassOrganization: &s.Organizations,
		graph.ClassPlace: &s.Places, graph.ClassIssue: &s.Issues, graph.ClassRole: &s.Roles,
		graph.ClassPosition: &s.Positions, graph.ClassEvent: &s.Events,
	} {
		ids, err := q.store.OfClass(ctx, class)
		if err != nil {
			return s, err
		}
		*n = len(ids)
	}
	st, err := q.store.Stats(ctx)
	s.Quads, s.Nodes = st.Quads, st.Nodes
	return s, err
}
