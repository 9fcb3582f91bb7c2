package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"kg/queries"
)

// field resolves a field of T from the source value.
func field[T any](get func(T) any) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		switch v := p.Source.(type) {
		case T:
			return get(v), nil
		case *T:
			return get(*v), nil
		}
		return nil, fmt.Errorf("internal error: field %s on %T", p.Info.FieldName, p.Source)
	}
}

var (
	nonNullString = graphql.NewNonNull(graphql.String)
	nonNullInt    = graphql.NewNonNull(graphql.Int)
)

func listOf(t graphql.Type) graphql.Output {
	return graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t)))
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func optEntity(e *queries.Entity) any {
	if e == nil {
		return nil
	}
	return *e
}

// types holds the schema's types; they are built once per schema.
type types struct {
	s *Schema

	entity                                   *graphql.Interface
	person, organization, place, issue       *graphql.Object
	article, evidence, role, position, event *graphql.Object
	stance, entityType, factKind             *graphql.Enum
	exportFormat                             *graphql.Enum
	pageInfo                                 *graphql.Object
	roleConn, positionConn, eventConn        *graphql.Object
	articleConn, searchConn                  *graphql.Object
	graphNode, graphEdge, subgraph, path     *graphql.Object
	stats                                    *graphql.Object
}

func newTypes(s *Schema) *types {
	t := &types{s: s}
	t.stance = graphql.NewEnum(graphql.EnumConfig{
		Name:        "Stance",
		Description: "A party's attitude to an issue.",
		Values: graphql.EnumValueConfigMap{
			"SUPPORTS": {Value: "SUPPORTS", Description: "Backs, endorses, welcomes."},
			"OPPOSES":  {Value: "OPPOSES", Description: "Is against, criticises."},
			"DEMANDS":  {Value: "DEMANDS", Description: "Demands, insists on, calls for."},
			"PROPOSES": {Value: "PROPOSES", Description: "Proposes, plans, offers."},
			"REJECTS":  {Value: "REJECTS", Description: "Rejects, refuses."},
		},
	})
	t.entityType = graphql.NewEnum(graphql.EnumConfig{
		Name:        "EntityType",
		Description: "The kinds of entity.",
		Values: graphql.EnumValueConfigMap{
			"Person":       {Value: "Person", Description: "A person."},
			"Organization": {Value: "Organization", Description: "A government body, company, party, committee."},
			"Place":        {Value: "Place", Description: "A country, region, city or venue."},
			"Issue":        {Value: "Issue", Description: "Something parties take stances on."},
		},
	})
	t.factKind = graphql.NewEnum(graphql.EnumConfig{
		Name:        "FactKind",
		Description: "The kinds of fact.",
		Values: graphql.EnumValueConfigMap{
			"roles":     {Value: queries.KindRole, Description: "Person – role – organization."},
			"positions": {Value: queries.KindPosition, Description: "Party – stance – issue."},
			"events":    {Value: queries.KindEvent, Description: "Event – date – place."},
		},
	})
	t.exportFormat = graphql.NewEnum(graphql.EnumConfig{
		Name:        "ExportFormat",
		Description: "How to write a subgraph.",
		Values: graphql.EnumValueConfigMap{
			"JSONLD": {Value: mediaJSONLD, Description: "JSON-LD with kg's context (application/ld+json)."},
			"NQUADS": {Value: mediaNQuads, Description: "N-Quads, one quad a line, the article as graph label (application/n-quads)."},
		},
	})
	t.pageInfo = graphql.NewObject(graphql.ObjectConfig{
		Name:        "PageInfo",
		Description: "Where a page sits in its list.",
		Fields: graphql.Fields{
			"hasNextPage":     {Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether items follow this page."},
			"hasPreviousPage": {Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether items precede this page."},
			"startCursor":     {Type: graphql.String, Description: "Cursor of the first item of the page."},
			"endCursor":       {Type: graphql.String, Description: "Cursor of the last item; pass it as `after` for the next page."},
		},
	})
	t.entity = graphql.NewInterface(graphql.InterfaceConfig{
		Name:        "Entity",
		Description: "A person, organization, place or issue.",
		Fields:      graphql.FieldsThunk(func() graphql.Fields { return t.entityFields(false) }),
		ResolveType: func(p graphql.ResolveTypeParams) *graphql.Object {
			e, _ := p.Value.(queries.Entity)
			switch e.Type {
			case "Person":
				return t.person
			case "Organization":
				return t.organization
			case "Place":
				return t.place
			}
			return t.issue
		},
	})
	t.person = t.entityObject("Person", "A person.")
	t.organization = t.entityObject("Organization", "An organization: a government body, company, party, committee.")
	t.place = t.entityObject("Place", "A country, region, city or venue. Countries also stand as the organization of roles (\"President of Russia\").")
	t.issue = t.entityObject("Issue", "Something parties take stances on.")
	t.article = t.newArticle()
	t.evidence = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Evidence",
		Description: "The sentence of an article that states a fact.",
		Fields: graphql.Fields{
			"article":    {Type: graphql.NewNonNull(t.article), Description: "The article.", Resolve: field(func(e queries.Evidence) any { return e.Article })},
			"sentence":   {Type: nonNullString, Description: "The sentence.", Resolve: field(func(e queries.Evidence) any { return e.Sentence })},
			"start":      {Type: nonNullInt, Description: "Byte offset of the sentence in the article's cleaned text.", Resolve: field(func(e queries.Evidence) any { return e.Start })},
			"end":        {Type: nonNullInt, Description: "Byte offset just past the sentence.", Resolve: field(func(e queries.Evidence) any { return e.End })},
			"confidence": {Type: graphql.NewNonNull(graphql.Float), Description: "How sure the extractor was, 0 to 1.", Resolve: field(func(e queries.Evidence) any { return e.Confidence })},
		},
	})
	t.role = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Role",
		Description: "A person holds a role title, optionally in an organization or country.",
		Fields: with(t.factFields(func(v any) queries.Fact { return v.(queries.Role).Fact }), graphql.Fields{
			"person":       {Type: graphql.NewNonNull(t.entity), Description: "Who holds the role.", Resolve: field(func(r queries.Role) any { return r.Person })},
			"role":         {Type: nonNullString, Description: "The title, as written.", Resolve: field(func(r queries.Role) any { return r.Title })},
			"organization": {Type: t.entity, Description: "Where the role is held, when the text says.", Resolve: field(func(r queries.Role) any { return optEntity(r.Organization) })},
			"former":       {Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether the person no longer holds it.", Resolve: field(func(r queries.Role) any { return r.Former })},
			"asOf":         {Type: graphql.String, Description: "The date the role is stated for (YYYY-MM-DD).", Resolve: field(func(r queries.Role) any { return nullable(r.AsOf) })},
		}),
	})
	t.position = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Position",
		Description: "A party (person, organization, country) takes a stance on an issue.",
		Fields: with(t.factFields(func(v any) queries.Fact { return v.(queries.Position).Fact }), graphql.Fields{
			"party":  {Type: graphql.NewNonNull(t.entity), Description: "Who takes the stance.", Resolve: field(func(r queries.Position) any { return r.Party })},
			"stance": {Type: graphql.NewNonNull(t.stance), Description: "The stance.", Resolve: field(func(r queries.Position) any { return r.Stance })},
			"issue":  {Type: graphql.NewNonNull(t.entity), Description: "What the stance is about.", Resolve: field(func(r queries.Position) any { return r.Issue })},
			"quote":  {Type: graphql.String, Description: "The party's own words, when quoted.", Resolve: field(func(r queries.Position) any { return nullable(r.Quote) })},
		}),
	})
	t.event = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Event",
		Description: "Something that happened or is planned, with its date and place.",
		Fields: with(t.factFields(func(v any) queries.Fact { return v.(queries.Event).Fact }), graphql.Fields{
			"name":         {Type: nonNullString, Description: "A short name.", Resolve: field(func(r queries.Event) any { return r.Name })},
			"date":         {Type: graphql.String, Description: "ISO 8601: YYYY-MM-DD, YYYY-MM, YYYY, or --MM-DD when the year is unknown.", Resolve: field(func(r queries.Event) any { return nullable(r.Date) })},
			"granularity":  {Type: graphql.String, Description: "How much of the date is known: day, month, year or monthday.", Resolve: field(func(r queries.Event) any { return nullable(r.Granularity) })},
			"place":        {Type: t.entity, Description: "Where it happened.", Resolve: field(func(r queries.Event) any { return optEntity(r.Place) })},
			"participants": {Type: listOf(t.entity), Description: "Who took part.", Resolve: field(func(r queries.Event) any { return nonNil(r.Participants) })},
		}),
	})
	t.roleConn = t.connection("Role", t.role)
	t.positionConn = t.connection("Position", t.position)
	t.eventConn = t.connection("Event", t.event)
	t.articleConn = t.connection("Article", t.article)
	t.searchConn = t.newSearchConnection()
	t.newGraphTypes()
	t.stats = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Stats",
		Description: "What the graph holds.",
		Fields: graphql.Fields{
			"articles":      {Type: nonNullInt, Description: "Articles stored.", Resolve: field(func(s queries.Stats) any { return s.Articles })},
			"persons":       {Type: nonNullInt, Description: "Persons.", Resolve: field(func(s queries.Stats) any { return s.Persons })},
			"organizations": {Type: nonNullInt, Description: "Organizations.", Resolve: field(func(s queries.Stats) any { return s.Organizations })},
			"places":        {Type: nonNullInt, Description: "Places.", Resolve: field(func(s queries.Stats) any { return s.Places })},
			"issues":        {Type: nonNullInt, Description: "Issues.", Resolve: field(func(s queries.Stats) any { return s.Issues })},
			"roles":         {Type: nonNullInt, Description: "Role facts (of any confidence).", Resolve: field(func(s queries.Stats) any { return s.Roles })},
			"positions":     {Type: nonNullInt, Description: "Position facts (of any confidence).", Resolve: field(func(s queries.Stats) any { return s.Positions })},
			"events":        {Type: nonNullInt, Description: "Event facts (of any confidence).", Resolve: field(func(s queries.Stats) any { return s.Events })},
			"quads":         {Type: graphql.NewNonNull(graphql.Float), Description: "Quads in the Cayley store.", Resolve: field(func(s queries.Stats) any { return float64(s.Quads) })},
		},
	})
	return t
}

// with adds the entries of more to m and returns m.
func with[M ~map[string]V, V any](m M, more M) M {
	for k, v := range more {
		m[k] = v
	}
	return m
}

// entityFields are the fields of every entity type; the interface gets them
// without resolvers.
func (t *types) entityFields(resolve bool) graphql.Fields {
	f := graphql.Fields{
		"id":      {Type: graphql.NewNonNull(graphql.ID), Description: "The entity's IRI."},
		"name":    {Type: nonNullString, Description: "The canonical name."},
		"aliases": {Type: listOf(graphql.String), Description: "Other names seen for the entity."},
		"type":    {Type: graphql.NewNonNull(t.entityType), Description: "The kind of entity."},
		"roles": {Type: graphql.NewNonNull(t.roleConn), Args: t.pageArgs(nil),
			Description: "Roles the entity takes part in: held by this person, or held in this organization or country."},
		"positions": {Type: graphql.NewNonNull(t.positionConn), Args: t.pageArgs(nil),
			Description: "Positions the entity takes (as party) or that are taken on it (as issue)."},
		"events": {Type: graphql.NewNonNull(t.eventConn), Args: t.pageArgs(nil),
			Description: "Events that happened at this place or that the entity took part in."},
		"articles": {Type: graphql.NewNonNull(t.articleConn), Args: t.pageArgs(nil),
			Description: "Articles that mention the entity."},
	}
	if !resolve {
		return f
	}
	f["id"].Resolve = field(func(e queries.Entity) any { return e.ID })
	f["name"].Resolve = field(func(e queries.Entity) any { return e.Name })
	f["aliases"].Resolve = field(func(e queries.Entity) any { return nonNil(e.Aliases) })
	f["type"].Resolve = field(func(e queries.Entity) any { return e.Type })
	f["roles"].Resolve = t.s.entityFacts(queries.KindRole)
	f["positions"].Resolve = t.s.entityFacts(queries.KindPosition)
	f["events"].Resolve = t.s.entityFacts(queries.KindEvent)
	f["articles"].Resolve = t.s.entityArticles
	return f
}

func (t *types) entityObject(name, desc string) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        name,
		Description: desc,
		Interfaces:  []*graphql.Interface{t.entity},
		Fields:      graphql.FieldsThunk(func() graphql.Fields { return t.entityFields(true) }),
	})
}

func (t *types) newArticle() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Article",
		Description: "A source article.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":     {Type: graphql.NewNonNull(graphql.ID), Description: "The article's IRI.", Resolve: field(func(a queries.Article) any { return a.ID })},
				"title":  {Type: graphql.String, Description: "The headline.", Resolve: field(func(a queries.Article) any { return nullable(a.Title) })},
				"date":   {Type: graphql.String, Description: "Publication date, YYYY-MM-DD.", Resolve: field(func(a queries.Article) any { return nullable(a.Date) })},
				"url":    {Type: graphql.String, Description: "Where the article was published.", Resolve: field(func(a queries.Article) any { return nullable(a.URL) })},
				"source": {Type: graphql.String, Description: "The publisher.", Resolve: field(func(a queries.Article) any { return nullable(a.Source) })},
				"file":   {Type: nonNullString, Description: "Path of the file relative to the ingested folder.", Resolve: field(func(a queries.Article) any { return a.File })},
				"roles": {Type: listOf(t.role), Description: "Roles the article states.", Args: t.confidenceArg(),
					Resolve: t.s.articleFacts(queries.KindRole)},
				"positions": {Type: listOf(t.position), Description: "Positions the article states.", Args: t.confidenceArg(),
					Resolve: t.s.articleFacts(queries.KindPosition)},
				"events": {Type: listOf(t.event), Description: "Events the article states.", Args: t.confidenceArg(),
					Resolve: t.s.articleFacts(queries.KindEvent)},
			}
		}),
	})
}

// factFields are the fields every fact type has.
func (t *types) factFields(get func(any) queries.Fact) graphql.Fields {
	return graphql.Fields{
		"id": {Type: graphql.NewNonNull(graphql.ID), Description: "The fact's IRI.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return get(p.Source).ID, nil }},
		"confidence": {Type: graphql.NewNonNull(graphql.Float), Description: "The highest confidence of its evidence, 0 to 1.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return get(p.Source).Confidence, nil }},
		"sources": {Type: listOf(t.article), Description: "The articles that state the fact.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(get(p.Source).Sources), nil }},
		"evidence": {Type: listOf(t.evidence), Description: "The sentences that state the fact.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(get(p.Source).Evidence), nil }},
	}
}

// connection is a Relay-style page of items of type node.
func (t *types) connection(name string, node *graphql.Object) *graphql.Object {
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name:        name + "Edge",
		Description: "One " + name + " of a page, with its cursor.",
		Fields: graphql.Fields{
			"cursor": {Type: nonNullString, Description: "Pass as `after` to continue after this item."},
			"node":   {Type: graphql.NewNonNull(node), Description: "The item."},
		},
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        name + "Connection",
		Description: "A page of " + name + " items.",
		Fields: graphql.Fields{
			"totalCount": {Type: nonNullInt, Description: "Items in the whole list."},
			"pageInfo":   {Type: graphql.NewNonNull(t.pageInfo), Description: "Where this page sits."},
			"edges":      {Type: listOf(edge), Description: "The items with their cursors."},
			"nodes":      {Type: listOf(node), Description: "The items."},
		},
	})
}

func (t *types) newSearchConnection() *graphql.Object {
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name:        "SearchEdge",
		Description: "One search result.",
		Fields: graphql.Fields{
			"cursor": {Type: nonNullString, Description: "Pass as `after` to continue after this result."},
			"score":  {Type: graphql.NewNonNull(graphql.Float), Description: "1 for an exact match of a name or alias, less for prefix and typo matches."},
			"node":   {Type: graphql.NewNonNull(t.entity), Description: "The entity."},
		},
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "SearchConnection",
		Description: "A page of search results, best first.",
		Fields: graphql.Fields{
			"totalCount": {Type: nonNullInt, Description: "Results in all."},
			"pageInfo":   {Type: graphql.NewNonNull(t.pageInfo), Description: "Where this page sits."},
			"edges":      {Type: listOf(edge), Description: "The results with score and cursor."},
			"nodes":      {Type: listOf(t.entity), Description: "The entities."},
		},
	})
}

func (t *types) newGraphTypes() {
	t.graphNode = graphql.NewObject(graphql.ObjectConfig{
		Name:        "GraphNode",
		Description: "A node of a neighbourhood or path: an entity, or an event (which joins its place and participants).",
		Fields: graphql.Fields{
			"id":   {Type: graphql.NewNonNull(graphql.ID), Description: "The node's IRI.", Resolve: field(func(n queries.Node) any { return n.ID })},
			"type": {Type: nonNullString, Description: "Person, Organization, Place, Issue or Event.", Resolve: field(func(n queries.Node) any { return n.Type })},
			"name": {Type: nonNullString, Description: "Its name.", Resolve: field(func(n queries.Node) any { return n.Name })},
		},
	})
	t.graphEdge = graphql.NewObject(graphql.ObjectConfig{
		Name:        "GraphEdge",
		Description: "Two nodes joined by a fact.",
		Fields: graphql.Fields{
			"from":  {Type: graphql.NewNonNull(graphql.ID), Description: "The node the fact starts from: person, party or event.", Resolve: field(func(e queries.Edge) any { return e.From })},
			"to":    {Type: graphql.NewNonNull(graphql.ID), Description: "The other node: organization, issue, place or participant.", Resolve: field(func(e queries.Edge) any { return e.To })},
			"kind":  {Type: graphql.NewNonNull(t.factKind), Description: "The kind of fact.", Resolve: field(func(e queries.Edge) any { return e.Kind })},
			"label": {Type: nonNullString, Description: "The role title, the stance, or location / participant.", Resolve: field(func(e queries.Edge) any { return e.Label })},
			"fact":  {Type: graphql.NewNonNull(graphql.ID), Description: "The fact's IRI.", Resolve: field(func(e queries.Edge) any { return e.Fact })},
		},
	})
	t.subgraph = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Subgraph",
		Description: "Nodes and the edges between them.",
		Fields: graphql.Fields{
			"nodes": {Type: listOf(t.graphNode), Description: "The nodes, sorted by IRI.", Resolve: field(func(g queries.Graph) any { return nonNil(g.Nodes) })},
			"edges": {Type: listOf(t.graphEdge), Description: "The edges, sorted by fact, from, to and label.", Resolve: field(func(g queries.Graph) any { return nonNil(g.Edges) })},
			"totalCount": {Type: nonNullInt, Description: "How many nodes the whole neighbourhood has.",
				Resolve: field(func(g queries.Graph) any { return g.TotalNodes })},
			"edgeCount": {Type: nonNullInt, Description: "How many edges join the nodes returned.",
				Resolve: field(func(g queries.Graph) any { return g.TotalEdges })},
			"truncated": {Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether nodes or edges were left out (see `first` and `firstEdges`).",
				Resolve: field(func(g queries.Graph) any { return g.Truncated() })},
		},
	})
	t.path = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Path",
		Description: "A chain of facts from one node to another.",
		Fields: graphql.Fields{
			"length": {Type: nonNullInt, Description: "Number of edges.", Resolve: field(func(p queries.Path) any { return len(p.Edges) })},
			"nodes":  {Type: listOf(t.graphNode), Description: "The nodes from start to end.", Resolve: field(func(p queries.Path) any { return nonNil(p.Nodes) })},
			"edges":  {Type: listOf(t.graphEdge), Description: "edges[i] joins nodes[i] and nodes[i+1].", Resolve: field(func(p queries.Path) any { return nonNil(p.Edges) })},
		},
	})
}
