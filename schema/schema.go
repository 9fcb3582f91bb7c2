package schema

import (
	"context"
	"errors"
	"fmt"
	"log"
	"runtime/debug"
	"strings"

	"github.com/graphql-go/graphql"

	"kg/queries"
)

// Options configure a Schema.
type Options struct {
	// MaxPage bounds `first` on every list; 0 means no bound. When bounded,
	// a list asked for without `first` gets DefaultPage items.
	MaxPage int
	// Ingest, when set, enables the mutations ingestArticle and
	// deleteArticle.
	Ingest Ingester
	// Log receives a line for every panic recovered in a resolver; the
	// standard logger when nil.
	Log *log.Logger
}

// DefaultPage is the page size of a bounded list asked for without `first`.
const DefaultPage = 100

// Schema is kg's GraphQL schema bound to one queries.Service. It is built
// once and safe for concurrent use.
type Schema struct {
	gql  graphql.Schema
	svc  *queries.Service
	opts Options
	t    *types
	docs preparedCache[prepared] // see prepared.go
	// direct holds the resolvers of String and ID fields as they were
	// before stringPointer: the fast executor writes strings as they are,
	// and the pointer would cost it an allocation a field.
	direct map[*graphql.FieldDefinition]graphql.FieldResolveFn
}

// New builds the schema for svc.
func New(svc *queries.Service, o Options) (*Schema, error) {
	s := &Schema{svc: svc, opts: o}
	s.t = newTypes(s)
	cfg := graphql.SchemaConfig{Query: s.queryType(), Types: []graphql.Type{s.t.person, s.t.organization, s.t.place, s.t.issue}}
	if o.Ingest != nil {
		cfg.Mutation = s.mutationType()
	}
	gql, err := graphql.NewSchema(cfg)
	if err != nil {
		return nil, fmt.Errorf("build GraphQL schema: %w", err)
	}
	s.gql = gql
	s.direct = make(map[*graphql.FieldDefinition]graphql.FieldResolveFn)
	for name, t := range gql.TypeMap() {
		if o, ok := t.(*graphql.Object); ok && !strings.HasPrefix(name, "__") {
			for fname, f := range o.Fields() {
				if f.Resolve != nil {
					f.Resolve = s.guard(name+"."+fname, f.Resolve)
					if isStringType(f.Type) {
						s.direct[f] = f.Resolve
						f.Resolve = stringPointer(f.Resolve)
					}
				}
			}
		}
	}
	return s, nil
}

// isStringType reports whether t is String or ID, maybe non-null.
func isStringType(t graphql.Type) bool {
	if nn, ok := t.(*graphql.NonNull); ok {
		t = nn.OfType
	}
	return t == graphql.String || t == graphql.ID
}

// stringPointer makes a String or ID field's resolver give a *string for
// a string. graphql-go serializes these types with fmt.Sprintf("%v") unless
// handed a *string, which it reads as is: on large lists that Sprintf was
// a twentieth of the server's time.
func stringPointer(resolve graphql.FieldResolveFn) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		v, err := resolve(p)
		if s, ok := v.(string); ok {
			return &s, err
		}
		return v, err
	}
}

// guard makes a panic in a resolver an error of that field and a log line.
// (graphql-go recovers panics itself, but silently.)
func (s *Schema) guard(field string, resolve graphql.FieldResolveFn) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (v any, err error) {
		defer func() {
			if r := recover(); r != nil {
				s.logf("panic in resolver %s: %v\n%s", field, r, debug.Stack())
				v, err = nil, fmt.Errorf("internal error in %s", field)
			}
		}()
		return resolve(p)
	}
}

func (s *Schema) logf(format string, args ...any) {
	if s.opts.Log != nil {
		s.opts.Log.Printf(format, args...)
		return
	}
	log.Printf(format, args...)
}

// GraphQL returns the underlying graphql-go schema.
func (s *Schema) GraphQL() graphql.Schema { return s.gql }

// Execute runs one GraphQL request.
func (s *Schema) Execute(ctx context.Context, query string, vars map[string]any, operation string) *graphql.Result {
	p := s.prepare(query)
	if p.errs != nil {
		return &graphql.Result{Errors: p.errs}
	}
	return graphql.Execute(graphql.ExecuteParams{
		Schema:        s.gql,
		AST:           p.doc,
		OperationName: operation,
		Args:          vars,
		Context:       ctx,
	})
}

// pageArgs are the arguments of every list: paging, a confidence bound, and
// the given filters.
func (t *types) pageArgs(filters graphql.FieldConfigArgument) graphql.FieldConfigArgument {
	args := graphql.FieldConfigArgument{
		"first": {Type: graphql.Int, Description: "At most this many items."},
		"after": {Type: graphql.String, Description: "Start after the item with this cursor."},
		"minConfidence": {Type: graphql.Float, DefaultValue: queries.DefaultMinConfidence,
			Description: "Leave out facts whose best evidence is less sure than this (0 to 1); 0 gives every fact."},
	}
	for k, v := range filters {
		args[k] = v
	}
	return args
}

func (t *types) confidenceArg() graphql.FieldConfigArgument {
	return graphql.FieldConfigArgument{
		"minConfidence": {Type: graphql.Float, DefaultValue: queries.DefaultMinConfidence,
			Description: "Leave out facts whose best evidence is less sure than this (0 to 1); 0 gives every fact."},
	}
}

func strArg(desc string) *graphql.ArgumentConfig {
	return &graphql.ArgumentConfig{Type: graphql.String, Description: desc}
}

func (t *types) roleFilters() graphql.FieldConfigArgument {
	return graphql.FieldConfigArgument{
		"person":       strArg("Only roles held by this person: a name, alias or id."),
		"organization": strArg("Only roles held in this organization or country: a name, alias or id."),
		"article":      strArg("Only roles stated by this article: its id or file."),
	}
}

func (t *types) positionFilters() graphql.FieldConfigArgument {
	return graphql.FieldConfigArgument{
		"party":   strArg("Only positions of this party: a name, alias or id."),
		"issue":   strArg("Only positions on this issue: a name or id."),
		"stance":  {Type: t.stance, Description: "Only positions with this stance."},
		"article": strArg("Only positions stated by this article: its id or file."),
	}
}

func (t *types) eventFilters() graphql.FieldConfigArgument {
	return graphql.FieldConfigArgument{
		"place":       strArg("Only events at this place: a name, alias or id."),
		"participant": strArg("Only events this entity took part in: a name, alias or id."),
		"from":        strArg("Only events dated on or after this date: YYYY, YYYY-MM or YYYY-MM-DD."),
		"to":          strArg("Only events dated on or before this date: YYYY, YYYY-MM or YYYY-MM-DD."),
		"article":     strArg("Only events stated by this article: its id or file."),
	}
}

// page reads the paging arguments, enforcing MaxPage.
func (s *Schema) page(p graphql.ResolveParams) (queries.Page, error) {
	var pg queries.Page
	first, given := p.Args["first"].(int)
	switch {
	case given && first < 0:
		return pg, fmt.Errorf("first must not be negative, not %d", first)
	case given && s.opts.MaxPage > 0 && first > s.opts.MaxPage:
		return pg, fmt.Errorf("first must be at most %d, not %d", s.opts.MaxPage, first)
	case !given && s.opts.MaxPage > 0:
		first = min(DefaultPage, s.opts.MaxPage)
	}
	pg.First = first
	pg.After, _ = p.Args["after"].(string)
	return pg, nil
}

func filter(p graphql.ResolveParams) queries.Filter {
	str := func(k string) string { v, _ := p.Args[k].(string); return v }
	f := queries.Filter{
		Person: str("person"), Organization: str("organization"), Party: str("party"), Issue: str("issue"),
		Stance: str("stance"), Place: str("place"), Participant: str("participant"),
		From: str("from"), To: str("to"), Article: str("article"),
	}
	if v, ok := p.Args["minConfidence"].(float64); ok {
		f.MinConfidence = v
	}
	return f
}

// connection turns a page into the map a Connection type resolves from.
func connection[T any](l queries.List[T]) map[string]any {
	edges := make([]map[string]any, len(l.Items))
	for i, it := range l.Items {
		edges[i] = map[string]any{"cursor": l.Cursor(i), "node": it}
	}
	return map[string]any{
		"totalCount": l.Total,
		"pageInfo": map[string]any{
			"hasNextPage": l.HasNext, "hasPreviousPage": l.HasPrev,
			"startCursor": nullable(l.StartCursor()), "endCursor": nullable(l.EndCursor()),
		},
		"edges": edges,
		"nodes": nonNil(l.Items),
	}
}

// lister is a queries method listing facts.
type lister[T any] func(context.Context, queries.Filter, queries.Page) (queries.List[T], error)

func listField[T any](s *Schema, list lister[T], asConnection bool) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		pg, err := s.page(p)
		if err != nil {
			return nil, err
		}
		l, err := list(p.Context, filter(p), pg)
		if err != nil {
			return nil, err
		}
		if asConnection {
			return connection(l), nil
		}
		return nonNil(l.Items), nil
	}
}

// entityFacts resolves an entity's roles, positions or events: the facts in
// which it stands at the end its type fits.
func (s *Schema) entityFacts(kind string) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		e, ok := p.Source.(queries.Entity)
		if !ok {
			return nil, errors.New("internal error: facts of a non-entity")
		}
		pg, err := s.page(p)
		if err != nil {
			return nil, err
		}
		f := filter(p)
		switch kind {
		case queries.KindRole:
			if e.Type == "Person" {
				f.Person = e.ID
			} else {
				f.Organization = e.ID
			}
			l, err := s.svc.Roles(p.Context, f, pg)
			return connection(l), err
		case queries.KindPosition:
			if e.Type == "Issue" {
				f.Issue = e.ID
			} else {
				f.Party = e.ID
			}
			l, err := s.svc.Positions(p.Context, f, pg)
			return connection(l), err
		default:
			if e.Type == "Place" {
				f.Place = e.ID
			} else {
				f.Participant = e.ID
			}
			l, err := s.svc.Events(p.Context, f, pg)
			return connection(l), err
		}
	}
}

func (s *Schema) entityArticles(p graphql.ResolveParams) (any, error) {
	e, _ := p.Source.(queries.Entity)
	pg, err := s.page(p)
	if err != nil {
		return nil, err
	}
	l, err := s.svc.ArticlesMentioning(p.Context, e.ID, pg)
	return connection(l), err
}

// articleFacts resolves the facts an article states.
func (s *Schema) articleFacts(kind string) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		a, _ := p.Source.(queries.Article)
		f := queries.Filter{Article: a.ID}
		if v, ok := p.Args["minConfidence"].(float64); ok {
			f.MinConfidence = v
		}
		switch kind {
		case queries.KindRole:
			l, err := s.svc.Roles(p.Context, f, queries.Page{})
			return nonNil(l.Items), err
		case queries.KindPosition:
			l, err := s.svc.Positions(p.Context, f, queries.Page{})
			return nonNil(l.Items), err
		default:
			l, err := s.svc.Events(p.Context, f, queries.Page{})
			return nonNil(l.Items), err
		}
	}
}

func kinds(p graphql.ResolveParams) []string {
	var out []string
	if ks, ok := p.Args["kinds"].([]any); ok {
		for _, k := range ks {
			if s, ok := k.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func minConfidence(p graphql.ResolveParams) float64 {
	if v, ok := p.Args["minConfidence"].(float64); ok {
		return v
	}
	return queries.DefaultMinConfidence
}
