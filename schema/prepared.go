package schema

import (
	"sync"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
)

// maxPrepared bounds how many distinct query texts a cache keeps.
const maxPrepared = 1024

// preparedCache keeps what a query text costs to get ready for execution,
// keyed by the text: clients send the same few queries again and again with
// other variables, and graphql-go's validation alone costs more than
// answering most queries from the store. A full cache forgets a random
// tenth of its entries. Values are shared by concurrent requests and never
// changed after they are stored.
type preparedCache[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

// get returns the value for key, making and keeping it when there is none.
func (c *preparedCache[V]) get(key string, make func() V) V {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = make()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]V{}
	}
	if len(c.m) >= maxPrepared {
		drop := maxPrepared / 10
		for k := range c.m {
			delete(c.m, k)
			if drop--; drop <= 0 {
				break
			}
		}
	}
	c.m[key] = v
	return v
}

// prepared is a parsed and validated query text.
type prepared struct {
	doc  *ast.Document
	errs []gqlerrors.FormattedError // parse or validation errors; doc is nil or invalid
	fast map[string]*fastOp         // by operation name, the operations executeFast can run
}

// prepare parses and validates query against the schema, as graphql.Do
// does, once per distinct text.
func (s *Schema) prepare(query string) prepared {
	return s.docs.get(query, func() prepared {
		doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{
			Body: []byte(query), Name: "GraphQL request"})})
		if err != nil {
			return prepared{errs: gqlerrors.FormatErrors(err)}
		}
		if v := graphql.ValidateDocument(&s.gql, doc, nil); !v.IsValid {
			return prepared{errs: v.Errors}
		}
		return prepared{doc: doc, fast: s.compileFast(doc)}
	})
}
