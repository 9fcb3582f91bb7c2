// Package examples holds kg's bundled examples: fictional articles in
// articles/ (see README.md) and example queries in queries/, which the
// playground opens with.
package examples

import (
	"embed"
	"path"
	"sort"
	"strings"
)

//go:embed queries/*.graphql
var queries embed.FS

// Query is one example query.
type Query struct {
	Name  string // the file's name without .graphql
	Query string // the GraphQL document
}

// Queries returns the example queries, the roles query first and the rest
// by name.
func Queries() []Query {
	ents, _ := queries.ReadDir("queries")
	var out []Query
	for _, e := range ents {
		b, err := queries.ReadFile(path.Join("queries", e.Name()))
		if err != nil {
			continue
		}
		out = append(out, Query{Name: strings.TrimSuffix(e.Name(), ".graphql"), Query: string(b)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Name == "roles") != (out[j].Name == "roles") {
			return out[i].Name == "roles"
		}
		return out[i].Name < out[j].Name
	})
	return out
}
