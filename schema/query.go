package schema

import (
	"github.com/graphql-go/graphql"

	"kg/queries"
)

func (s *Schema) queryType() *graphql.Object {
	t := s.t
	hopsDesc := "How many facts away, 1 to " + itoa(queries.MaxNeighborHops) + "."
	graphArgs := graphql.FieldConfigArgument{
		"kinds": {Type: graphql.NewList(graphql.NewNonNull(t.factKind)), Description: "Follow only these kinds of fact (all when omitted)."},
		"minConfidence": {Type: graphql.Float, DefaultValue: queries.DefaultMinConfidence,
			Description: "Follow only facts at least this sure (0 to 1)."},
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Query",
		Description: "Relationship queries over the knowledge graph. Entities are named by id (IRI) or by name or alias.",
		Fields: graphql.Fields{
			"entity": {
				Type:        t.entity,
				Description: "The entity with this id, or the one entity with this name or alias (an error lists the candidates when several have it). Null when there is none.",
				Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID), Description: "An entity IRI, name or alias."}},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					e, err := s.svc.One(p.Context, p.Args["id"].(string))
					if err != nil {
						if notFound(err) {
							return nil, nil
						}
						return nil, err
					}
					if e.Type == "Event" {
						return nil, nil
					}
					return e, nil
				},
			},
			"search": {
				Type:        graphql.NewNonNull(t.searchConn),
				Description: "Entities by name or alias: case-, accent- and alias-insensitive, by prefix and typo-tolerant, best first.",
				Args: graphql.FieldConfigArgument{
					"text":  {Type: nonNullString, Description: "What to look for."},
					"types": {Type: graphql.NewList(graphql.NewNonNull(t.entityType)), Description: "Only these kinds of entity."},
					"first": {Type: graphql.Int, Description: "At most this many results."},
					"after": {Type: graphql.String, Description: "Start after the result with this cursor."},
				},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					pg, err := s.page(p)
					if err != nil {
						return nil, err
					}
					var types []string
					if ts, ok := p.Args["types"].([]any); ok {
						for _, x := range ts {
							types = append(types, x.(string))
						}
					}
					l, err := s.svc.Search(p.Context, p.Args["text"].(string), types, pg)
					if err != nil {
						return nil, err
					}
					edges := make([]map[string]any, len(l.Items))
					nodes := make([]queries.Entity, len(l.Items))
					for i, h := range l.Items {
						edges[i] = map[string]any{"cursor": l.Cursor(i), "score": h.Score, "node": h.Entity}
						nodes[i] = h.Entity
					}
					c := connection(queries.Relist(l, nodes))
					c["edges"] = edges
					return c, nil
				},
			},
			"roles": {
				Type:        listOf(t.role),
				Description: "Person – role – organization facts, ordered by id. See rolesConnection for cursors and counts.",
				Args:        t.pageArgs(t.roleFilters()),
				Resolve:     listField(s, s.svc.Roles, false),
			},
			"positions": {
				Type:        listOf(t.position),
				Description: "Party – stance – issue facts, ordered by id. See positionsConnection for cursors and counts.",
				Args:        t.pageArgs(t.positionFilters()),
				Resolve:     listField(s, s.svc.Positions, false),
			},
			"events": {
				Type:        listOf(t.event),
				Description: "Event – date – place facts, ordered by id. See eventsConnection for cursors and counts.",
				Args:        t.pageArgs(t.eventFilters()),
				Resolve:     listField(s, s.svc.Events, false),
			},
			"rolesConnection": {
				Type:        graphql.NewNonNull(t.roleConn),
				Description: "The roles of `roles`, as a page with cursors and a total count.",
				Args:        t.pageArgs(t.roleFilters()),
				Resolve:     listField(s, s.svc.Roles, true),
			},
			"positionsConnection": {
				Type:        graphql.NewNonNull(t.positionConn),
				Description: "The positions of `positions`, as a page with cursors and a total count.",
				Args:        t.pageArgs(t.positionFilters()),
				Resolve:     listField(s, s.svc.Positions, true),
			},
			"eventsConnection": {
				Type:        graphql.NewNonNull(t.eventConn),
				Description: "The events of `events`, as a page with cursors and a total count.",
				Args:        t.pageArgs(t.eventFilters()),
				Resolve:     listField(s, s.svc.Events, true),
			},
			"neighbors": {
				Type:        graphql.NewNonNull(t.subgraph),
				Description: "The nodes within `hops` facts of an entity or event, and the edges among them.",
				Args: with(graphql.FieldConfigArgument{
					"id":   {Type: graphql.NewNonNull(graphql.ID), Description: "An entity or event IRI, or an entity name or alias."},
					"hops": {Type: graphql.Int, DefaultValue: 1, Description: hopsDesc},
					"first": {Type: graphql.Int,
						Description: "At most this many nodes (default " + itoa(queries.DefaultNeighborNodes) + ", at most the server's page limit): the nearest, and among those as near the most closely tied; `totalCount` and `truncated` tell what was left out."},
					"firstEdges": {Type: graphql.Int,
						Description: "At most this many edges (default " + itoa(queries.DefaultNeighborEdges) + ", at most the server's page limit): first one joining each node to a nearer one, then the nearest, most often stated facts; `edgeCount` and `truncated` tell what was left out."},
				}, graphArgs),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					first, err := s.bound(p.Args, "first", queries.DefaultNeighborNodes)
					if err != nil {
						return nil, err
					}
					firstEdges, err := s.bound(p.Args, "firstEdges", queries.DefaultNeighborEdges)
					if err != nil {
						return nil, err
					}
					e, err := s.svc.One(p.Context, p.Args["id"].(string))
					if err != nil {
						return nil, err
					}
					return s.svc.Neighbors(p.Context, e.ID, p.Args["hops"].(int), kinds(p), minConfidence(p), first, firstEdges)
				},
			},
			"path": {
				Type:        listOf(t.path),
				Description: "The shortest chains of facts between two entities (at most " + itoa(queries.MaxPaths) + "), empty when none is within maxHops.",
				Args: with(graphql.FieldConfigArgument{
					"from":    {Type: graphql.NewNonNull(graphql.ID), Description: "An entity IRI, name or alias."},
					"to":      {Type: graphql.NewNonNull(graphql.ID), Description: "An entity IRI, name or alias."},
					"maxHops": {Type: graphql.Int, DefaultValue: 3, Description: "Longest path to look for, 1 to " + itoa(queries.MaxPathHops) + "."},
				}, graphArgs),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					from, err := s.svc.One(p.Context, p.Args["from"].(string))
					if err != nil {
						return nil, err
					}
					to, err := s.svc.One(p.Context, p.Args["to"].(string))
					if err != nil {
						return nil, err
					}
					paths, err := s.svc.Path(p.Context, from.ID, to.ID, p.Args["maxHops"].(int), kinds(p), minConfidence(p))
					return nonNil(paths), err
				},
			},
			"articles": {
				Type:        graphql.NewNonNull(t.articleConn),
				Description: "The stored articles, ordered by file.",
				Args: graphql.FieldConfigArgument{
					"first": {Type: graphql.Int, Description: "At most this many articles."},
					"after": {Type: graphql.String, Description: "Start after the article with this cursor."},
					"file":  {Type: graphql.String, Description: "Only the articles of this file (path relative to the ingested folder)."},
				},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					pg, err := s.page(p)
					if err != nil {
						return nil, err
					}
					file, _ := p.Args["file"].(string)
					l, err := s.svc.Articles(p.Context, file, pg)
					return connection(l), err
				},
			},
			"article": {
				Type:        t.article,
				Description: "The article with this id, or the first article of this file. Null when there is none.",
				Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID), Description: "An article IRI or file."}},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					a, ok, err := s.svc.ArticleByRef(p.Context, p.Args["id"].(string))
					if err != nil || !ok {
						return nil, err
					}
					return a, nil
				},
			},
			"export": {
				Type: nonNullString,
				Description: "The subgraph around an entity (itself, its facts, their other ends, evidence and source articles, " +
					"out to `hops` facts away) as a JSON-LD document (or N-Quads), the same as kg export and GET /export.",
				Args: with(graphql.FieldConfigArgument{
					"entity": {Type: graphql.NewNonNull(graphql.ID), Description: "An entity or event IRI, or an entity name or alias."},
					"hops":   {Type: graphql.Int, DefaultValue: 1, Description: "How many facts away, 1 to " + itoa(queries.MaxExportHops) + "."},
					"from":   {Type: graphql.String, Description: "Keep only events on or after this date."},
					"to":     {Type: graphql.String, Description: "Keep only events on or before this date."},
					"format": {Type: t.exportFormat, DefaultValue: mediaJSONLD, Description: "JSONLD or NQUADS."},
				}, graphArgs),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					e, err := s.svc.One(p.Context, p.Args["entity"].(string))
					if err != nil {
						return nil, err
					}
					from, _ := p.Args["from"].(string)
					to, _ := p.Args["to"].(string)
					qs, err := s.svc.Subgraph(p.Context, e.ID, queries.SubgraphOptions{Hops: p.Args["hops"].(int), Kinds: kinds(p),
						From: from, To: to, MinConfidence: minConfidence(p), MaxNodes: queries.DefaultMaxNodes})
					if err != nil {
						return nil, err
					}
					b, err := encode(p.Args["format"].(string), qs)
					return string(b), err
				},
			},
			"stats": {
				Type:        graphql.NewNonNull(t.stats),
				Description: "How much the graph holds.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return s.svc.Stats(p.Context)
				},
			},
		},
	})
}
