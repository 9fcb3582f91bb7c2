package schema

import (
	"bytes"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/graphql-go/graphql"

	"kg/ingest"
	"kg/queries"
)

// testServer serves the hand-made graph over real HTTP with the given
// limits and token; logs go to the returned buffer.
func testServer(t *testing.T, lim Limits, token string) (*httptest.Server, *Schema, *bytes.Buffer) {
	t.Helper()
	s := testStore(t)
	var logs bytes.Buffer
	logger := log.New(&logs, "", 0)
	sch, err := New(queries.New(s), Options{MaxPage: 5, Ingest: ingest.New(s, ingest.Options{}), Log: logger})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(NewHandler(sch, ServerOptions{Limits: lim, Token: token, Log: logger}))
	t.Cleanup(srv.Close)
	return srv, sch, &logs
}

type answer struct {
	code   int
	Data   map[string]any
	Errors []struct{ Message string }
}

func post(t *testing.T, srv *httptest.Server, body string, header ...string) answer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) answer {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{code: resp.StatusCode}
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("answer is not JSON (%s): %s", resp.Status, raw)
	}
	return a
}

func q(query string) string {
	b, _ := json.Marshal(map[string]any{"query": query})
	return string(b)
}

func TestHTTPLimitsAndErrors(t *testing.T) {
	lim := Limits{MaxDepth: 6, MaxAliases: 2, MaxBody: 2048, Timeout: 5 * time.Second}
	srv, _, _ := testServer(t, lim, "")
	for _, tc := range []struct {
		desc string
		body string
		code int
		want string // in the first error; "" for none
	}{
		{"a query runs", q(`{ stats { articles } }`), 200, ""},
		{"depth within the limit", q(`{ roles { person { roles { nodes { person { name } } } } } }`), 200, ""},
		{"too deep", q(`{ roles { person { roles { nodes { person { roles { totalCount } } } } } } }`), 400, "levels deep"},
		{"too deep through a fragment", q(`{ roles { ...R } } fragment R on Role { person { roles { nodes { person { roles { totalCount } } } } } }`), 400, "levels deep"},
		{"too many aliases", q(`{ a: stats { articles } b: stats { articles } c: stats { articles } }`), 400, "aliases"},
		{"page over the bound", q(`{ roles(first: 6) { role } }`), 400, "at most 5"},
		{"body over the limit", q(`{ stats { articles } }` + strings.Repeat(" ", 3000)), 413, "over the limit"},
		{"malformed query", q(`{ roles { `), 400, "Syntax Error"},
		{"unknown field", q(`{ roles { salary } }`), 400, `Cannot query field "salary"`},
		{"wrong variable type", `{"query":"query($n: Int) { roles(first: $n) { role } }","variables":{"n":"many"}}`, 400, "$n"},
		{"body not JSON", `{query`, 400, "not a JSON object"},
		{"no query", `{}`, 400, "no query"},
		{"hops over the bound", q(`{ neighbors(id: "Ivar Lunde", hops: 4) { nodes { name } } }`), 400, "hops must be from 1 to 3"},
		{"maxHops over the bound", q(`{ path(from: "Ivar Lunde", to: "Kari Berg", maxHops: 5) { length } }`), 400, "maxHops must be from 1 to 4"},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			a := post(t, srv, tc.body)
			if a.code != tc.code {
				t.Errorf("status %d, want %d (errors %v)", a.code, tc.code, a.Errors)
			}
			switch {
			case tc.want == "" && len(a.Errors) > 0:
				t.Errorf("errors %v, want none", a.Errors)
			case tc.want != "" && (len(a.Errors) == 0 || !strings.Contains(a.Errors[0].Message, tc.want)):
				t.Errorf("errors %v, want one containing %q", a.Errors, tc.want)
			}
		})
	}
}

func TestHTTPIntrospectionWithinDefaultDepth(t *testing.T) {
	srv, _, _ := testServer(t, DefaultLimits, "")
	// The introspection query GraphiQL sends on start (abridged only in
	// whitespace of the type reference chain it ends with).
	const introspection = `query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
	  types { ...FullType } directives { name description locations args { ...InputValue } } } }
	fragment FullType on __Type { kind name description
	  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
	  inputFields { ...InputValue } interfaces { ...TypeRef }
	  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
	fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
	fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
	  ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }`
	if a := post(t, srv, q(introspection)); a.code != 200 || len(a.Errors) > 0 {
		t.Fatalf("introspection: %d %v", a.code, a.Errors)
	}
}

func TestHTTPGet(t *testing.T) {
	srv, _, _ := testServer(t, DefaultLimits, "")
	v := url.Values{"query": {`query($p: String) { roles(person: $p) { role } }`}, "variables": {`{"p":"Kari Berg"}`}}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/graphql?"+v.Encode(), nil)
	a := do(t, req)
	if a.code != 200 || len(a.Errors) > 0 || !strings.Contains(toJSON(a.Data), "Trade Minister") {
		t.Errorf("GET: %d %v %v", a.code, a.Errors, a.Data)
	}
	v = url.Values{"query": {`mutation { deleteArticle(id: "a.txt") }`}}
	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/graphql?"+v.Encode(), nil)
	if a := do(t, req); a.code != http.StatusMethodNotAllowed {
		t.Errorf("mutation by GET: status %d, want 405", a.code)
	}
	req, _ = http.NewRequest(http.MethodPut, srv.URL+"/graphql", nil)
	if a := do(t, req); a.code != http.StatusMethodNotAllowed {
		t.Errorf("PUT: status %d, want 405", a.code)
	}
}

func toJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestHTTPTokenGuardsMutations(t *testing.T) {
	srv, _, _ := testServer(t, DefaultLimits, "s3cret")
	mut := q(`mutation { deleteArticle(id: "a.txt") }`)
	if a := post(t, srv, mut); a.code != http.StatusUnauthorized {
		t.Errorf("mutation without token: %d, want 401", a.code)
	}
	if a := post(t, srv, mut, "Authorization", "Bearer wrong"); a.code != http.StatusUnauthorized {
		t.Errorf("mutation with a wrong token: %d, want 401", a.code)
	}
	if a := post(t, srv, q(`{ stats { articles } }`)); a.code != 200 {
		t.Errorf("query without token: %d, want 200", a.code)
	}
	if a := post(t, srv, mut, "Authorization", "Bearer s3cret"); a.code != 200 || toJSON(a.Data) != `{"deleteArticle":true}` {
		t.Errorf("mutation with the token: %d %v %v", a.code, a.Data, a.Errors)
	}
}

func TestHTTPTimeout(t *testing.T) {
	srv, sch, _ := testServer(t, Limits{Timeout: 50 * time.Millisecond}, "")
	// A resolver that outlasts the request's time, as a slow store would.
	sch.gql.QueryType().Fields()["stats"].Resolve = func(p graphql.ResolveParams) (any, error) {
		<-p.Context.Done()
		return nil, p.Context.Err()
	}
	a := post(t, srv, q(`{ stats { articles } }`))
	if a.code != http.StatusGatewayTimeout || len(a.Errors) == 0 || !strings.Contains(toJSON(a.Errors), "longer than 50ms") {
		t.Errorf("slow request: %d %v", a.code, a.Errors)
	}
}

func TestHTTPPanicInResolver(t *testing.T) {
	srv, sch, logs := testServer(t, DefaultLimits, "")
	sch.gql.QueryType().Fields()["stats"].Resolve = sch.guard("Query.stats", func(graphql.ResolveParams) (any, error) {
		panic("boom")
	})
	a := post(t, srv, q(`{ stats { articles } }`))
	if len(a.Errors) == 0 || !strings.Contains(a.Errors[0].Message, "internal error in Query.stats") {
		t.Errorf("answer %d %v, want an internal error", a.code, a.Errors)
	}
	if !strings.Contains(logs.String(), "panic in resolver Query.stats: boom") {
		t.Errorf("no log line for the panic: %q", logs.String())
	}
	// The server still answers.
	if a := post(t, srv, q(`{ articles { totalCount } }`)); a.code != 200 || len(a.Errors) > 0 {
		t.Errorf("after the panic: %d %v", a.code, a.Errors)
	}
}

func TestHTTPHealthAndMetrics(t *testing.T) {
	srv, _, _ := testServer(t, DefaultLimits, "")
	post(t, srv, q(`{ stats { articles } }`))
	post(t, srv, q(`{ roles { salary } }`))
	for path, want := range map[string][]string{
		"/healthz": {"ok"},
		"/metrics": {
			`kg_http_requests_total{code="200",path="/graphql"} 1`,
			`kg_http_requests_total{code="400",path="/graphql"} 1`,
			`kg_http_request_duration_seconds_count{path="/graphql"} 2`,
			"kg_graphql_errors_total 1",
			"kg_store_quads ",
		},
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %s", path, resp.Status)
		}
		for _, w := range want {
			if !strings.Contains(string(body), w) {
				t.Errorf("%s lacks %q:\n%s", path, w, body)
			}
		}
	}
}

func httpGet(t *testing.T, u string, header ...string) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

func TestHTTPExport(t *testing.T) {
	srv, _, _ := testServer(t, DefaultLimits, "")
	for _, tc := range []struct {
		desc   string
		path   string
		header []string
		code   int
		ctype  string
		want   string
	}{
		{"JSON-LD by default", "/export?entity=Ivar+Lunde", nil, 200, mediaJSONLD, `"@context": "https://kg.localhost/context.jsonld"`},
		{"N-Quads by Accept", "/export?entity=Ivar+Lunde&hops=2", []string{"Accept", mediaNQuads}, 200, mediaNQuads, "<https://kg.localhost/id/person/ivar-lunde> <https://schema.org/name> \"Ivar Lunde\""},
		{"N-Quads by format", "/export?entity=Ivar+Lunde&format=nquads&kinds=roles", nil, 200, mediaNQuads, "Foreign Minister"},
		{"unknown entity", "/export?entity=Atlantis", nil, 404, "text/plain", "no entity is named"},
		{"hops out of range", "/export?entity=Ivar+Lunde&hops=7", nil, 400, "text/plain", "hops must be from 1 to 4"},
		{"no entity", "/export", nil, 400, "text/plain", "give the entity"},
		{"bad format", "/export?entity=Ivar+Lunde&format=xml", nil, 400, "text/plain", "jsonld or nquads"},
		{"a node's IRI resolves", "/id/person/ivar-lunde", nil, 200, mediaJSONLD, `"roleName": "Foreign Minister"`},
		{"an article's IRI resolves", "/id/" + strings.TrimPrefix(graphArticleIRI("a.txt"), "https://kg.localhost/id/"), nil, 200, mediaJSONLD, `"headline": "Talks in Oslo"`},
		{"an unknown IRI", "/id/person/nobody", nil, 404, "text/plain", "no node"},
		{"the context", "/context.jsonld", nil, 200, mediaJSONLD, `"roleName"`},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			code, ctype, body := httpGet(t, srv.URL+tc.path, tc.header...)
			if code != tc.code || !strings.HasPrefix(ctype, tc.ctype) || !strings.Contains(body, tc.want) {
				t.Errorf("%d %s: %.400s\nwant %d %s containing %q", code, ctype, body, tc.code, tc.ctype, tc.want)
			}
		})
	}
}

func TestGraphQLExportField(t *testing.T) {
	sch := testSchema(t)
	got := run(t, sch, `{ export(entity: "Kari Berg", format: NQUADS) }`)
	if !strings.Contains(got, "Trade Minister") || !strings.Contains(got, "b.txt") {
		t.Errorf("export field: %.300s", got)
	}
}
