package schema

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"

	"kg/examples"
)

// slowAnswer is the answer graphql-go gives, encoded as the server writes it.
func slowAnswer(t *testing.T, sch *Schema, query string, vars map[string]any, op string) string {
	t.Helper()
	b, err := appendResult(nil, sch.Execute(context.Background(), query, vars, op))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fastQueries are queries of every kind the server gets: the harness's, the
// evaluation's, the playground's examples, and the shapes a client writes
// (aliases, fragments, inline fragments on entities, __typename, connections,
// variables with and without defaults).
var fastQueries = []struct {
	desc, query string
	vars        map[string]any
	op          string
	fast        bool // must take the fast path
}{
	{"harness search", `query($t: String!) { search(text: $t, first: 10) { totalCount edges { score node { id name type } } } }`,
		map[string]any{"t": "Maren"}, "", true},
	{"harness roles", `query($p: String) { roles(person: $p, first: 100) { id role person { name } organization { name } sources { file date } } }`,
		map[string]any{"p": "Paul Ostrander"}, "", true},
	{"harness positions", `query($p: String) { positions(party: $p, first: 100) { id stance party { name } issue { name } sources { file date } } }`,
		map[string]any{"p": "Nordvik Energy"}, "", true},
	{"harness events", `query($f: String, $t: String) { events(from: $f, to: $t, first: 100) { id name date place { name } sources { file } } }`,
		map[string]any{"f": "2026-01-01", "t": "2026-12-31"}, "", true},
	{"harness neighbors", `query($id: ID!) { neighbors(id: $id, hops: 2) { nodes { id name type } edges { from to kind label } } }`,
		map[string]any{"id": "Nordvik Energy"}, "", true},
	{"harness path", `query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 4) { length nodes { id name } edges { kind label } } }`,
		map[string]any{"a": "Paul Ostrander", "b": "Maren Eide"}, "", true},
	{"evaluation", `query Facts {
  roles(first: 100000) { person { name } role organization { name } sources { file } }
  positions(first: 100000) { party { name } stance issue { name } sources { file } }
  events(first: 100000) { name date place { name } sources { file } } }`, nil, "", true},
	{"evaluation by name", `query Facts { roles(first: 3) { role } }`, nil, "Facts", true},
	{"unknown operation name", `query Facts { roles(first: 3) { role } }`, nil, "Other", false},
	{"two operations, one named", `query A { stats { articles } } query B { stats { roles } }`, nil, "B", true},
	{"two operations, none named", `query A { stats { articles } } query B { stats { roles } }`, nil, "", false},
	{"aliases and __typename", `{ a: roles(first: 2) { __typename who: person { __typename name } } b: stats { quads } }`, nil, "", true},
	{"inline fragments on entities", `{ search(text: "Nordvik", first: 5) { nodes { __typename name ... on Person { roles { totalCount } } ... on Organization { aliases } } } }`, nil, "", true},
	{"named fragment", `query { entity(id: "Maren Eide") { ...E } } fragment E on Entity { id name type articles(first: 2) { nodes { file title } } }`, nil, "", true},
	{"connection with cursors", `{ rolesConnection(first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { role confidence } } } }`, nil, "", true},
	{"evidence", `{ roles(first: 3) { evidence { sentence start end confidence article { file date title url source } } } }`, nil, "", true},
	{"entity with facts", `{ entity(id: "Paul Ostrander") { name roles(first: 5) { nodes { role former asOf organization { name } } } positions { totalCount } events { totalCount } } }`, nil, "", true},
	{"article with facts", `{ article(id: "briefs.jsonl") { file roles { role person { name } } positions { stance } events { name participants { name } } } }`, nil, "", true},
	{"enum argument and variable", `query($s: Stance) { positions(stance: $s, first: 5) { stance } }`, map[string]any{"s": "DEMANDS"}, "", true},
	{"variable default", `query($n: Int = 2) { roles(first: $n) { role } }`, nil, "", true},
	{"int variable", `query($n: Int) { roles(first: $n) { role } }`, map[string]any{"n": float64(3)}, "", true},
	{"list argument", `{ neighbors(id: "Nordvik Energy", kinds: [roles, events]) { nodes { name } edges { kind } } }`, nil, "", true},
	{"nullable organization", `{ roles(first: 50, minConfidence: 0) { role organization { name } } }`, nil, "", true},
	{"null article", `{ article(id: "no-such-file.txt") { file } }`, nil, "", true},
	{"missing required variable", `query($id: ID!) { entity(id: $id) { name } }`, nil, "", false},
	{"unknown entity", `{ entity(id: "Atlantis") { name } }`, nil, "", true},
	{"resolver error", `{ path(from: "Atlantis", to: "Maren Eide") { length } }`, nil, "", false},
	{"page over the bound", `{ roles(first: -1) { role } }`, nil, "", false},
	{"introspection", `{ __schema { queryType { name } } }`, nil, "", false},
	{"directive", `{ stats { quads @include(if: true) } }`, nil, "", false},
	{"merged fields", `{ stats { quads } stats { roles } }`, nil, "", false},
	{"mutation", `mutation { deleteArticle(id: "none.txt") }`, nil, "", false},
	{"float variable as string", `query($c: Float) { roles(minConfidence: $c, first: 2) { role } }`, map[string]any{"c": "high"}, "", false},
}

// TestFastExecutorMatchesGraphQLGo checks that every query the fast executor
// answers gets the bytes graphql-go's answer encodes to, and that the
// queries it must take, it takes.
func TestFastExecutorMatchesGraphQLGo(t *testing.T) {
	sch, err := exampleSchema()
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, query string, vars map[string]any, op string) bool {
		t.Helper()
		got, ok := sch.executeFast(context.Background(), query, vars, op, []byte("prefix"))
		if !ok {
			if string(got) != "prefix" {
				t.Errorf("a refused query changed the buffer: %q", got)
			}
			return false
		}
		if want := slowAnswer(t, sch, query, vars, op); string(got) != "prefix"+want {
			t.Errorf("%s\nfast %.2000s\nslow %.2000s", query, got, want)
		}
		return true
	}
	for _, tc := range fastQueries {
		t.Run(tc.desc, func(t *testing.T) {
			if fast := check(t, tc.query, tc.vars, tc.op); fast != tc.fast {
				t.Errorf("fast path taken: %v, want %v", fast, tc.fast)
			}
		})
	}
	t.Run("playground examples", func(t *testing.T) {
		for _, q := range examples.Queries() {
			if !check(t, q.Query, nil, "") {
				t.Errorf("example %q not taken by the fast executor", q.Name)
			}
		}
	})
	t.Run("random queries", func(t *testing.T) {
		r := rand.New(rand.NewPCG(7, 11))
		g := queryGen{r: r, s: sch.gql}
		fast := 0
		const n = 400
		for range n {
			q := "{ " + g.selection(sch.gql.QueryType(), 0) + " }"
			if check(t, q, nil, "") {
				fast++
			}
			if t.Failed() {
				return
			}
		}
		t.Logf("%d of %d random queries took the fast path", fast, n)
		if fast < n/2 {
			t.Errorf("only %d of %d random queries took the fast path", fast, n)
		}
	})
}

// queryGen writes random queries over a schema: random fields with random
// arguments from a small pool, nested to depth 3, with aliases, __typename
// and inline fragments on interfaces.
type queryGen struct {
	r *rand.Rand
	s graphql.Schema
}

var argPool = map[string][]string{
	"id":            {`"Paul Ostrander"`, `"Nordvik Energy"`, `"Maren Eide"`, `"briefs.jsonl"`, `"Vienna"`},
	"entity":        {`"Maren Eide"`, `"Nordvik Energy"`},
	"from":          {`"Paul Ostrander"`, `"2026-01"`, `"2026-03-01"`},
	"to":            {`"Maren Eide"`, `"2026-12"`},
	"text":          {`"Nordvik"`, `"ostrandr"`, `"Maren"`},
	"first":         {`1`, `3`, `10`},
	"minConfidence": {`0`, `0.5`, `0.9`},
	"hops":          {`1`, `2`},
	"maxHops":       {`2`, `3`},
	"person":        {`"Paul Ostrander"`, `"Maren Eide"`},
	"organization":  {`"Nordvik Energy"`},
	"stance":        {`DEMANDS`, `SUPPORTS`},
	"kinds":         {`[roles]`, `[events, positions]`},
	"format":        {`JSONLD`, `NQUADS`},
}

func (g queryGen) selection(t any, depth int) string {
	var fields graphql.FieldDefinitionMap
	switch t := t.(type) {
	case *graphql.Object:
		fields = t.Fields()
	case *graphql.Interface:
		fields = t.Fields()
	}
	var names []string
	for name := range fields {
		names = append(names, name)
	}
	// Map order is random: sort, then let the seeded generator choose.
	slices.Sort(names)
	var parts []string
	if g.r.IntN(4) == 0 {
		parts = append(parts, "__typename")
	}
	used := map[string]bool{}
	for range 1 + g.r.IntN(4) {
		name := names[g.r.IntN(len(names))]
		f := fields[name]
		named := graphql.GetNamed(f.Type)
		_, leaf := named.(graphql.Leaf)
		if !leaf && depth >= 3 {
			continue
		}
		key := name
		if used[key] || g.r.IntN(5) == 0 {
			key = fmt.Sprintf("a%d", g.r.IntN(1000))
		}
		if used[key] {
			continue
		}
		used[key] = true
		var args []string
		for _, a := range f.Args {
			_, required := a.Type.(*graphql.NonNull)
			pool := argPool[a.Name()]
			if len(pool) > 0 && (required || g.r.IntN(3) == 0) {
				args = append(args, a.Name()+": "+pool[g.r.IntN(len(pool))])
			} else if required {
				args = nil
				key = ""
				break
			}
		}
		if key == "" {
			continue
		}
		s := key + ": " + name
		if len(args) > 0 {
			s += "(" + strings.Join(args, ", ") + ")"
		}
		if !leaf {
			sub := g.selection(named, depth+1)
			if abs, ok := named.(graphql.Abstract); ok && g.r.IntN(2) == 0 {
				for _, pt := range g.s.PossibleTypes(abs) {
					if g.r.IntN(2) == 0 {
						sub += " ... on " + pt.Name() + " { " + g.selection(pt, depth+1) + " }"
					}
				}
			}
			s += " { " + sub + " }"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "__typename"
	}
	return strings.Join(parts, " ")
}

// serve sends a POST /graphql with body to srv and returns the answer.
func serve(t *testing.T, srv *server, body string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	srv.graphql(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	return rec.Body.String()
}

// The server answers through the fast executor with the same bytes.
func TestServerAnswersFastAsSlow(t *testing.T) {
	sch, err := exampleSchema()
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := newServer(sch, ServerOptions{Limits: DefaultLimits})
	for _, tc := range fastQueries[:8] {
		body, _ := json.Marshal(map[string]any{"query": tc.query, "variables": tc.vars, "operationName": tc.op})
		got := serve(t, srv, string(body))
		if want := slowAnswer(t, sch, tc.query, tc.vars, tc.op) + "\n"; got != want {
			t.Errorf("%s:\nserver %.500s\nslow   %.500s", tc.desc, got, want)
		}
	}
}

// The fast executor leaves to graphql-go whatever graphql-go answers with
// an error or handles its own way: null for a non-null field or list item,
// a thunk, a value that is not a list.
func TestFastExecutorRefusesWhatGraphQLGoReports(t *testing.T) {
	field := func(typ graphql.Output, v any) *graphql.Field {
		return &graphql.Field{Type: typ, Resolve: func(graphql.ResolveParams) (any, error) { return v, nil }}
	}
	q, err := graphql.NewSchema(graphql.SchemaConfig{Query: graphql.NewObject(graphql.ObjectConfig{
		Name: "Query",
		Fields: graphql.Fields{
			"ok":        field(graphql.String, "fine"),
			"nullable":  field(graphql.String, nil),
			"nonNull":   field(graphql.NewNonNull(graphql.String), nil),
			"nullItem":  field(graphql.NewList(graphql.NewNonNull(graphql.Int)), []any{1, nil}),
			"thunk":     field(graphql.String, func() any { return "later" }),
			"notAList":  field(graphql.NewList(graphql.Int), 5),
			"nanFloat":  field(graphql.Float, math.NaN()),
			"badEnum":   field(graphql.NewNonNull(graphql.NewEnum(graphql.EnumConfig{Name: "E", Values: graphql.EnumValueConfigMap{"A": {Value: "a"}}})), "b"),
			"items":     field(graphql.NewList(graphql.Int), []int{1, 2}),
			"nullItems": field(graphql.NewList(graphql.Int), []any{1, nil}),
		},
	})})
	if err != nil {
		t.Fatal(err)
	}
	sch := &Schema{gql: q}
	for _, tc := range []struct {
		query string
		fast  bool
	}{
		{`{ ok nullable items nullItems nanFloat }`, true},
		{`{ nonNull }`, false},
		{`{ nullItem }`, false},
		{`{ thunk }`, false},
		{`{ notAList }`, false},
		{`{ badEnum }`, false},
	} {
		got, ok := sch.executeFast(context.Background(), tc.query, nil, "", nil)
		if ok != tc.fast {
			t.Errorf("%s: fast %v, want %v", tc.query, ok, tc.fast)
		}
		if ok {
			if want := slowAnswer(t, sch, tc.query, nil, ""); string(got) != want {
				t.Errorf("%s:\nfast %s\nslow %s", tc.query, got, want)
			}
		}
	}
}
