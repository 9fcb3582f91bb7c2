package schema

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kg/graph"
	"kg/ingest"
	"kg/queries"
)

// exampleServer serves a memory store (held in memory with index) of the
// example articles as kg serve does, and returns the store, its Service and
// the server's URL.
func exampleServer(t *testing.T, index bool) (*graph.Store, *queries.Service, string) {
	t.Helper()
	s, err := graph.Open("memory:", graph.Options{Index: index})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if sum, err := ingest.New(s, ingest.Options{}).Run(context.Background(), []string{"../examples/articles"}); err != nil || sum.Added == 0 {
		t.Fatalf("ingest examples: %v, %+v", err, sum)
	}
	svc := queries.New(s)
	sch, err := New(svc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(NewHandler(sch, ServerOptions{Limits: DefaultLimits, MaxExportNodes: queries.DefaultMaxNodes}))
	t.Cleanup(ts.Close)
	return s, svc, ts.URL
}

// TestHTTPExportMatchesSubgraph wants /export, which encodes the subgraph's
// quads unsorted straight into the response, to answer with exactly what
// encoding the sorted Subgraph gives, for every entity of the example
// articles, on a store read from Cayley and on one held in memory, in both
// formats.
func TestHTTPExportMatchesSubgraph(t *testing.T) {
	ctx := context.Background()
	bodies := make(map[string]string) // by request, from the first store
	for _, index := range []bool{false, true} {
		s, svc, srv := exampleServer(t, index)
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
					path := "/export?entity=" + url.QueryEscape(id) + "&hops=" + string(rune('0'+hops)) + "&format=" + format + "&first=0"
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

// TestHTTPExportPages follows the Link headers of /export, and of /id/…,
// from the first page of a subgraph to its last and wants the pages to
// hold, between them, every fact of the whole export and nothing it lacks,
// each page saying the same total.
func TestHTTPExportPages(t *testing.T) {
	ctx := context.Background()
	s, svc, srv := exampleServer(t, true)
	// The entity with the most facts one hop away.
	people, err := s.OfClass(ctx, graph.ClassPerson)
	if err != nil {
		t.Fatal(err)
	}
	id, most := "", 0
	for _, p := range people {
		_, page, err := svc.SubgraphPageSelection(ctx, p, queries.SubgraphOptions{Hops: 1, MinConfidence: queries.DefaultMinConfidence})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total > most {
			id, most = p, page.Total
		}
	}
	if most < 3 {
		t.Fatalf("no person of the examples has 3 facts (%d at most)", most)
	}
	get := func(path string) (*http.Response, []string) {
		t.Helper()
		resp, err := http.Get(srv + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		return resp, strings.Split(strings.TrimSpace(string(body)), "\n")
	}
	subject := func(line string) string { return line[:strings.IndexByte(line, ' ')] }
	isFact := func(subj string) bool {
		return strings.Contains(subj, "/role/") || strings.Contains(subj, "/position/") || strings.Contains(subj, "/event/")
	}
	resp, whole := get("/export?format=nquads&first=0&entity=" + url.QueryEscape(id))
	if resp.Header.Get("Link") != "" || resp.Header.Get("X-Total-Count") != strconv.Itoa(most) {
		t.Errorf("whole export: Link %q, X-Total-Count %q; want none and %d", resp.Header.Get("Link"), resp.Header.Get("X-Total-Count"), most)
	}
	inWhole := make(map[string]bool)
	wantFacts := make(map[string]bool)
	for _, l := range whole {
		inWhole[l] = true
		if isFact(subject(l)) {
			wantFacts[subject(l)] = true
		}
	}
	// Walked from /export and from the entity's own IRI, /id/…, the pages
	// hold the same.
	for _, start := range []string{"/export?format=nquads&first=1&entity=" + url.QueryEscape(id),
		"/id/" + strings.TrimPrefix(id, graph.Base) + "?format=nquads&first=1"} {
		next := start
		gotFacts := make(map[string]bool)
		pages := 0
		for next != "" {
			pages++
			if pages > most+1 {
				t.Fatalf("%s: more pages than facts", start)
			}
			resp, lines := get(next)
			if n := resp.Header.Get("X-Total-Count"); n != strconv.Itoa(most) {
				t.Errorf("%s: page %d: X-Total-Count %q, want %d", start, pages, n, most)
			}
			for _, l := range lines {
				if !inWhole[l] {
					t.Errorf("%s: page %d holds a line the whole export lacks: %s", start, pages, l)
				}
				if isFact(subject(l)) {
					gotFacts[subject(l)] = true
				}
			}
			next = ""
			if link := resp.Header.Get("Link"); link != "" {
				path := start[:strings.IndexByte(start, '?')+1]
				if !strings.HasPrefix(link, "<"+path) || !strings.HasSuffix(link, `>; rel="next"`) {
					t.Fatalf("%s: page %d: Link %q", start, pages, link)
				}
				next = strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
			}
		}
		if pages < 2 || len(gotFacts) != len(wantFacts) {
			t.Errorf("%s: %d pages hold %d facts, want at least 2 pages and the whole export's %d", start, pages, len(gotFacts), len(wantFacts))
		}
	}
	for _, bad := range []string{"-1", "x"} {
		resp, err := http.Get(srv + "/export?first=" + bad + "&entity=" + url.QueryEscape(id))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("first=%s: %d, want 400", bad, resp.StatusCode)
		}
	}
}
