package schema

import (
	"context"
	"fmt"

	"github.com/graphql-go/graphql"

	"kg/queries"
)

// Schema is kg's GraphQL schema bound to one queries.Service.
type Schema struct {
	gql graphql.Schema
	svc *queries.Service
	t   *types
}

// New builds the schema for svc.
func New(svc *queries.Service) (*Schema, error) {
	s := &Schema{svc: svc, t: newTypes()}
	gql, err := graphql.NewSchema(graphql.SchemaConfig{Query: s.queryType(), Types: s.t.entityTypes()})
	if err != nil {
		return nil, fmt.Errorf("build GraphQL schema: %w", err)
	}
	s.gql = gql
	return s, nil
}

// Execute runs one GraphQL request.
func (s *Schema) Execute(ctx context.Context, query string, vars map[string]any, operation string) *graphql.Result {
	return graphql.Do(graphql.Params{
		Schema:         s.gql,
		RequestString:  query,
		VariableValues: vars,
		OperationName:  operation,
		Context:        ctx,
	})
}

var pageArgs = graphql.FieldConfigArgument{
	"first":  {Type: graphql.Int, Description: "At most this many items (all when omitted)."},
	"offset": {Type: graphql.Int, Description: "Skip this many items first.", DefaultValue: 0},
	"minConfidence": {Type: graphql.Float, DefaultValue: queries.DefaultMinConfidence,
		Description: "Leave out facts whose best evidence is less sure than this (0 to 1); 0 gives every fact."},
}

func page(p graphql.ResolveParams) queries.Page {
	var pg queries.Page
	if v, ok := p.Args["first"].(int); ok {
		pg.First = v
	}
	if v, ok := p.Args["offset"].(int); ok {
		pg.Offset = v
	}
	if v, ok := p.Args["minConfidence"].(float64); ok {
		pg.MinConfidence = v
	}
	return pg
}

func (s *Schema) queryType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Query",
		Description: "Relationship queries over the knowledge graph.",
		Fields: graphql.Fields{
			"roles": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(s.t.role))),
				Description: "Person – role – organization facts.",
				Args:        pageArgs,
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return s.svc.Roles(p.Context, page(p))
				},
			},
			"positions": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(s.t.position))),
				Description: "Party – stance – issue facts.",
				Args:        pageArgs,
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return s.svc.Positions(p.Context, page(p))
				},
			},
			"events": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(s.t.event))),
				Description: "Event – date – place facts.",
				Args:        pageArgs,
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return s.svc.Events(p.Context, page(p))
				},
			},
		},
	})
}
