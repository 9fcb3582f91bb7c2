package schema

import (
	"context"
	"net/http/httptest"
	"net/url"
	"testing"

	"kg/graph"
	"kg/ingest"
	"kg/queries"
)

// TestHTTPExportMatchesSubgraph wants /export, which encodes the subgraph's
// quads unsorted straight into the response, to answer with exactly what
// encoding the sorted Subgraph gives, for every entity of the example
// articles, on a store read from Cayley and on one held in memory, in both
// formats.
func TestHTTPExportMatchesSubgraph(t *testing.T) {
	ctx := context.Background()
	bodies := make(map[string]string) // by request, from the first store
	for _, index := range []bool{false, true} {
		s, err := graph.Open("memory:", graph.Options{Index: index})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if sum, err := ingest.New(s, ingest.Options{}).Run(ctx, []string{"../examples/articles"}); err != nil || sum.Added == 0 {
			t.Fatalf("ingest examples: %v, %+v", err, sum)
		}
		svc := queries.New(s)
		sch, err := New(svc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(NewHandler(sch, ServerOptions{Limits: DefaultLimits, MaxExportNodes: queries.DefaultMaxNodes}))
		t.Cleanup(ts.Close)
		srv := ts.URL
		var ids []string
		for _, class := range []string{graph.ClassPerson, graph.ClassOrganization, graph.ClassPlace} {
			more, err := s.OfClass(ctx, class)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, more[:min(len(more), 8)]...)
		}
		if len(ids) < 10 {
			t.Fatalf("only %d entities in the examples", len(ids))
		}
		for _, id := range ids {
			for _, hops := range []int{1, 2} {
				qs, err := svc.Subgraph(ctx, id, queries.SubgraphOptions{Hops: hops, MinConfidence: queries.DefaultMinConfidence})
				if err != nil {
					t.Fatal(err)
				}
				for _, format := range []string{"jsonld", "nquads"} {
					media := mediaJSONLD
					if format == "nquads" {
						media = mediaNQuads
					}
					want, err := encode(media, qs)
					if err != nil {
						t.Fatal(err)
					}
					path := "/export?entity=" + url.QueryEscape(id) + "&hops=" + string(rune('0'+hops)) + "&format=" + format
					code, ctype, body := httpGet(t, srv+path)
					if code != 200 || ctype != media+"; charset=utf-8" || body != string(want) {
						t.Errorf("index %v: %s: %d %s, %d bytes, want 200 and the %d bytes of the encoded Subgraph",
							index, path, code, ctype, len(body), len(want))
					}
					if first, ok := bodies[path]; ok && first != body {
						t.Errorf("%s: the store held in memory answers otherwise than the one read from Cayley", path)
					}
					bodies[path] = body
				}
			}
		}
	}
}
