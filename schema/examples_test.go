package schema

import (
	"context"
	"strings"
	"sync"
	"testing"

	"kg/graph"
	"kg/ingest"
	"kg/queries"
)

// exampleSchema is the schema over a store built by ingesting the bundled
// example articles through the real pipeline, built once for the tests.
var exampleSchema = sync.OnceValues(func() (*Schema, error) {
	s, err := graph.Open("memory:", graph.Options{})
	if err != nil {
		return nil, err
	}
	ing := ingest.New(s, ingest.Options{})
	if _, err := ing.Run(context.Background(), []string{"../examples/articles"}); err != nil {
		return nil, err
	}
	return New(queries.New(s), Options{Ingest: ing})
})

// TestQueriesOnExampleArticles runs every query type against the graph the
// extractor builds from the example articles.
func TestQueriesOnExampleArticles(t *testing.T) {
	sch, err := exampleSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		desc, query string
		want        []string
	}{
		{"entity by name with its facts", `{ entity(id: "Paul Ostrander") { name type roles { nodes { role organization { name } } } articles { totalCount } } }`,
			[]string{`"name":"Paul Ostrander"`, `"type":"Person"`, `"role":"chief executive"`, `"name":"Nordvik Energy"`}},
		{"search with a typo", `{ search(text: "ostrandr") { nodes { name } } }`, []string{`"Paul Ostrander"`}},
		{"roles of an organization", `{ roles(organization: "Nordvik Energy") { person { name } role } }`, []string{`"Maren Eide"`, `"chief financial officer"`}},
		{"positions by stance", `{ positionsConnection(stance: DEMANDS) { totalCount nodes { party { name } issue { name } } } }`, []string{`"totalCount":`, `"issue"`}},
		{"events in a date range", `{ events(from: "2026-03", to: "2026-03") { name date place { name } } }`, []string{`"date":"2026-03`, `"Vienna"`}},
		{"neighbors", `{ neighbors(id: "Nordvik Energy", hops: 1) { nodes { name } } }`, []string{`"Maren Eide"`, `"Paul Ostrander"`}},
		{"path", `{ path(from: "Paul Ostrander", to: "Maren Eide") { length nodes { name } } }`, []string{`"length":2`, `"Nordvik Energy"`}},
		{"articles and one article's facts", `{ articles { totalCount } article(id: "briefs.jsonl") { file roles { role } } }`, []string{`"totalCount":10`, `"file":"briefs.jsonl"`}},
		{"stats", `{ stats { articles persons roles positions events } }`, []string{`"articles":10`}},
		{"export", `{ export(entity: "Maren Eide", format: NQUADS) }`, []string{`maren-eide`}},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			got := run(t, sch, tc.query)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer lacks %s:\n%.600s", w, got)
				}
			}
		})
	}
}
