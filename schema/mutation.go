package schema

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/graphql-go/graphql"

	"kg/graph"
	"kg/queries"
)

// Ingester stores and deletes articles for the mutations; *ingest.Ingester
// is one.
type Ingester interface {
	// Put cleans a's text, extracts its facts and stores them, replacing
	// what an article of the same file and record contributed before.
	// Unless force is set, an article stored already with the same hash by
	// the same extractor is left as it is, and extracted is false.
	Put(ctx context.Context, a graph.Article, force bool) (change graph.Change, extracted bool, err error)
	// Delete removes what the article with IRI id contributed; false when
	// there was no such article.
	Delete(ctx context.Context, id string) (bool, error)
}

func (s *Schema) mutationType() *graphql.Object {
	t := s.t
	input := graphql.NewInputObject(graphql.InputObjectConfig{
		Name:        "ArticleInput",
		Description: "An article to ingest. Its file (and record) identify it: ingesting the same file again replaces what it contributed.",
		Fields: graphql.InputObjectConfigFieldMap{
			"file":   {Type: nonNullString, Description: "A name for the article, like a path relative to an ingested folder."},
			"record": {Type: graphql.Int, DefaultValue: 0, Description: "Which article of the file, when a file holds several."},
			"title":  {Type: graphql.String, Description: "The headline."},
			"text":   {Type: nonNullString, Description: "The body text."},
			"date":   {Type: graphql.String, Description: "Publication date, YYYY-MM-DD; relative dates in the text are resolved against it."},
			"url":    {Type: graphql.String, Description: "Where it was published."},
			"source": {Type: graphql.String, Description: "The publisher."},
			"hash":   {Type: graphql.String, Description: "A digest of the article's source, to tell a changed article (default: one of the fields given)."},
		},
	})
	result := graphql.NewObject(graphql.ObjectConfig{
		Name:        "IngestResult",
		Description: "What ingesting an article did.",
		Fields: graphql.Fields{
			"article":   {Type: graphql.NewNonNull(t.article), Description: "The stored article, with the facts it states."},
			"change":    {Type: nonNullString, Description: "added, replaced or unchanged."},
			"extracted": {Type: graphql.NewNonNull(graphql.Boolean), Description: "Whether the extractor ran (not when the article was stored unchanged already)."},
			"roles":     {Type: listOf(t.role), Description: "The roles found (of any confidence)."},
			"positions": {Type: listOf(t.position), Description: "The positions found (of any confidence)."},
			"events":    {Type: listOf(t.event), Description: "The events found (of any confidence)."},
		},
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Mutation",
		Description: "Changes to the graph.",
		Fields: graphql.Fields{
			"ingestArticle": {
				Type:        graphql.NewNonNull(result),
				Description: "Extract and store the facts of one article.",
				Args: graphql.FieldConfigArgument{
					"input": {Type: graphql.NewNonNull(input), Description: "The article."},
					"force": {Type: graphql.Boolean, DefaultValue: false, Description: "Extract again even when the article is stored unchanged."},
				},
				Resolve: s.ingestArticle,
			},
			"deleteArticle": {
				Type:        graphql.NewNonNull(graphql.Boolean),
				Description: "Remove what one article contributed, and nothing else. False when there was no such article.",
				Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID), Description: "The article's IRI or file."}},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					a, ok, err := s.svc.ArticleByRef(p.Context, p.Args["id"].(string))
					if err != nil || !ok {
						return false, err
					}
					return s.opts.Ingest.Delete(p.Context, a.ID)
				},
			},
		},
	})
}

func (s *Schema) ingestArticle(p graphql.ResolveParams) (any, error) {
	in, _ := p.Args["input"].(map[string]any)
	str := func(k string) string { v, _ := in[k].(string); return v }
	a := graph.Article{File: str("file"), Title: str("title"), Text: str("text"), URL: str("url"), Source: str("source")}
	a.Record, _ = in["record"].(int)
	if a.File == "" {
		return nil, errors.New("input.file must not be empty")
	}
	if d := str("date"); d != "" {
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			return nil, fmt.Errorf("input.date %q is not a date of the form YYYY-MM-DD", d)
		}
		a.Date = t
	}
	if a.Hash = str("hash"); a.Hash == "" {
		h := sha256.New()
		for _, part := range []string{a.Title, str("date"), a.URL, a.Source, a.Text} {
			h.Write([]byte(part))
			h.Write([]byte{0})
		}
		a.Hash = hex.EncodeToString(h.Sum(nil))
	}
	force, _ := p.Args["force"].(bool)
	change, extracted, err := s.opts.Ingest.Put(p.Context, a, force)
	if err != nil {
		return nil, err
	}
	art, ok, err := s.svc.Article(p.Context, a.IRI())
	if err != nil || !ok {
		return nil, fmt.Errorf("read back article %s: %v", a.File, err)
	}
	f := queries.Filter{Article: art.ID}
	roles, err := s.svc.Roles(p.Context, f, queries.Page{})
	if err != nil {
		return nil, err
	}
	positions, err := s.svc.Positions(p.Context, f, queries.Page{})
	if err != nil {
		return nil, err
	}
	events, err := s.svc.Events(p.Context, f, queries.Page{})
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"article": art, "change": change.String(), "extracted": extracted,
		"roles": nonNil(roles.Items), "positions": nonNil(positions.Items), "events": nonNil(events.Items),
	}, nil
}
