package schema

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"kg/graph"
	"kg/ingest"
	"kg/queries"
)

// testStore builds a small graph by hand, so answers can be checked exactly:
//
//	a.txt: Ivar Lunde – Foreign Minister – Norway; Lunde REJECTS the tariff;
//	       talks in Oslo on 2026-03-01 with Lunde
//	b.txt: the same role again; Kari Berg – Trade Minister – Sweden;
//	       Sweden SUPPORTS the tariff; a summit in Stockholm in 2026-04;
//	       a rumoured visit (confidence 0.3)
func testStore(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open("memory:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	norway := graph.Entity{Type: graph.Place, Name: "Norway"}
	sweden := graph.Entity{Type: graph.Place, Name: "Sweden"}
	lunde := graph.Entity{Type: graph.Person, Name: "Ivar Lunde", Aliases: []string{"Lunde"}}
	berg := graph.Entity{Type: graph.Person, Name: "Kari Berg"}
	tariff := graph.Entity{Type: graph.Issue, Name: "the tariff"}
	ev := func(s string, start int) []graph.Evidence {
		return []graph.Evidence{{Sentence: s, Start: start, End: start + len(s), Confidence: 0.8}}
	}
	day := func(d string) time.Time { t, _ := time.Parse("2006-01-02", d); return t }
	put := func(f graph.Facts) {
		if _, err := s.PutArticle(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	put(graph.Facts{
		Article: graph.Article{File: "a.txt", Title: "Talks in Oslo", Date: day("2026-03-02"), Text: "x"},
		Roles:   []graph.Role{{Person: lunde, Title: "Foreign Minister", Org: &norway, Evidence: ev("Norwegian Foreign Minister Ivar Lunde spoke.", 0)}},
		Positions: []graph.Position{{Party: lunde, Stance: graph.Rejects, Issue: tariff,
			Evidence: ev("Lunde rejected the tariff.", 45)}},
		Events: []graph.Event{{Name: "talks", Date: graph.Date{Value: "2026-03-01", Granularity: graph.Day}, Place: &graph.Entity{Type: graph.Place, Name: "Oslo"},
			Participants: []graph.Entity{lunde}, Evidence: ev("The talks in Oslo ended on Sunday.", 72)}},
	})
	put(graph.Facts{
		Article: graph.Article{File: "b.txt", Title: "Summit in Stockholm", Date: day("2026-04-10"), Text: "y"},
		Roles: []graph.Role{
			{Person: lunde, Title: "Foreign Minister", Org: &norway, Evidence: ev("Norwegian Foreign Minister Ivar Lunde spoke.", 0)},
			{Person: berg, Title: "Trade Minister", Org: &sweden, Evidence: ev("Swedish Trade Minister Kari Berg hosted.", 50)},
		},
		Positions: []graph.Position{{Party: sweden, Stance: graph.Supports, Issue: tariff, Evidence: ev("Sweden supports the tariff.", 100)}},
		Events: []graph.Event{
			{Name: "summit", Date: graph.Date{Value: "2026-04", Granularity: graph.Month}, Place: &graph.Entity{Type: graph.Place, Name: "Stockholm"},
				Participants: []graph.Entity{berg}, Evidence: ev("A summit in Stockholm in April.", 130)},
			{Name: "rumoured visit", Evidence: []graph.Evidence{{Sentence: "A visit may follow.", Start: 170, End: 189, Confidence: 0.3}}},
		},
	})
	return s
}

func testSchema(t *testing.T) *Schema {
	t.Helper()
	s := testStore(t)
	sch, err := New(queries.New(s), Options{Ingest: ingest.New(s, ingest.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func run(t *testing.T, sch *Schema, query string) string {
	t.Helper()
	res := sch.Execute(context.Background(), query, nil, "")
	if res.HasErrors() {
		t.Fatalf("%s: errors: %v", query, res.Errors)
	}
	b, _ := json.Marshal(res.Data)
	return string(b)
}

const lundeID = graph.Base + "person/ivar-lunde"

// TestQueries runs every query type against the hand-made graph.
func TestQueries(t *testing.T) {
	sch := testSchema(t)
	for _, tc := range []struct {
		desc, query, want string
	}{
		{"role with both ends and its two sources",
			`{ roles(person: "Ivar Lunde") { person { name aliases } role organization { name } sources { file } } }`,
			`{"roles":[{"organization":{"name":"Norway"},"person":{"aliases":["Lunde"],"name":"Ivar Lunde"},"role":"Foreign Minister","sources":[{"file":"a.txt"},{"file":"b.txt"}]}]}`},
		{"entity types resolve through the interface",
			`{ roles(first: 1) { person { __typename } organization { __typename } } positions(first: 1) { issue { __typename } } }`,
			`{"positions":[{"issue":{"__typename":"Issue"}}],"roles":[{"organization":{"__typename":"Place"},"person":{"__typename":"Person"}}]}`},
		{"filter positions by stance",
			`{ positions(stance: SUPPORTS) { party { name } stance issue { name } } }`,
			`{"positions":[{"issue":{"name":"the tariff"},"party":{"name":"Sweden"},"stance":"SUPPORTS"}]}`},
		{"filter positions by issue name",
			`{ positionsConnection(issue: "The Tariff") { totalCount } }`,
			`{"positionsConnection":{"totalCount":2}}`},
		{"filter roles by organization, case- and accent-insensitive",
			`{ roles(organization: "SWÉDEN") { person { name } } }`,
			`{"roles":[{"person":{"name":"Kari Berg"}}]}`},
		{"a name that matches nothing gives nothing",
			`{ roles(person: "Nobody Here") { role } }`,
			`{"roles":[]}`},
		{"events in a date range overlap by granularity",
			`{ events(from: "2026-04-05", to: "2026-04-30") { name date granularity } }`,
			`{"events":[{"date":"2026-04","granularity":"month","name":"summit"}]}`},
		{"events by place and participant",
			`{ a: events(place: "Oslo") { name } b: events(participant: "Kari Berg") { name } }`,
			`{"a":[{"name":"talks"}],"b":[{"name":"summit"}]}`},
		{"facts below the default confidence are left out",
			`{ eventsConnection { totalCount } }`,
			`{"eventsConnection":{"totalCount":2}}`},
		{"minConfidence 0 gives every fact",
			`{ eventsConnection(minConfidence: 0) { totalCount } }`,
			`{"eventsConnection":{"totalCount":3}}`},
		{"evidence carries article, sentence and offsets",
			`{ events(place: "Oslo") { evidence { article { file date } sentence start end confidence } } }`,
			`{"events":[{"evidence":[{"article":{"date":"2026-03-02","file":"a.txt"},"confidence":0.8,"end":106,"sentence":"The talks in Oslo ended on Sunday.","start":72}]}]}`},
		{"entity by name, with its facts",
			`{ entity(id: "lunde") { id name type roles { totalCount nodes { role } } positions { nodes { stance } } events { nodes { name } } articles { totalCount } } }`,
			`{"entity":{"articles":{"totalCount":2},"events":{"nodes":[{"name":"talks"}]},"id":"` + lundeID + `","name":"Ivar Lunde","positions":{"nodes":[{"stance":"REJECTS"}]},"roles":{"nodes":[{"role":"Foreign Minister"}],"totalCount":1},"type":"Person"}}`},
		{"entity by IRI; a place's roles are those held in it",
			`{ entity(id: "` + graph.Base + `place/sweden") { name roles { nodes { person { name } } } positions { nodes { issue { name } } } } }`,
			`{"entity":{"name":"Sweden","positions":{"nodes":[{"issue":{"name":"the tariff"}}]},"roles":{"nodes":[{"person":{"name":"Kari Berg"}}]}}}`},
		{"unknown entity is null",
			`{ entity(id: "Atlantis") { name } }`,
			`{"entity":null}`},
		{"search by prefix, typo and alias, ranked",
			`{ a: search(text: "iva") { nodes { name } } b: search(text: "Lunda") { edges { score node { name } } } c: search(text: "lunde", types: [Place]) { totalCount } }`,
			`{"a":{"nodes":[{"name":"Ivar Lunde"}]},"b":{"edges":[{"node":{"name":"Ivar Lunde"},"score":0.5}]},"c":{"totalCount":0}}`},
		{"neighbors within one hop",
			`{ neighbors(id: "Ivar Lunde") { nodes { name type } edges { kind label } } }`,
			`{"neighbors":{"edges":[{"kind":"events","label":"participant"},{"kind":"positions","label":"REJECTS"},{"kind":"roles","label":"Foreign Minister"}],"nodes":[{"name":"talks","type":"Event"},{"name":"the tariff","type":"Issue"},{"name":"Ivar Lunde","type":"Person"},{"name":"Norway","type":"Place"}]}}`},
		{"neighbors with fewer edges than facts",
			`{ neighbors(id: "Ivar Lunde", firstEdges: 2) { totalCount edgeCount truncated nodes { name } edges { kind label } } }`,
			`{"neighbors":{"edgeCount":3,"edges":[{"kind":"events","label":"participant"},{"kind":"positions","label":"REJECTS"}],"nodes":[{"name":"talks"},{"name":"the tariff"},{"name":"Ivar Lunde"},{"name":"Norway"}],"totalCount":4,"truncated":true}}`},
		{"neighbors of one kind, two hops",
			`{ neighbors(id: "Ivar Lunde", hops: 2, kinds: [positions]) { nodes { name } } }`,
			`{"neighbors":{"nodes":[{"name":"the tariff"},{"name":"Ivar Lunde"},{"name":"Sweden"}]}}`},
		{"path through facts",
			`{ path(from: "Ivar Lunde", to: "Kari Berg") { length nodes { name } edges { label } } }`,
			`{"path":[{"edges":[{"label":"REJECTS"},{"label":"SUPPORTS"},{"label":"Trade Minister"}],"length":3,"nodes":[{"name":"Ivar Lunde"},{"name":"the tariff"},{"name":"Sweden"},{"name":"Kari Berg"}]}]}`},
		{"no path within maxHops",
			`{ path(from: "Ivar Lunde", to: "Kari Berg", maxHops: 2) { length } }`,
			`{"path":[]}`},
		{"articles, and the facts of one",
			`{ articles { totalCount nodes { file } } article(id: "b.txt") { title roles { role } events(minConfidence: 0) { name } } }`,
			`{"article":{"events":[{"name":"rumoured visit"},{"name":"summit"}],"roles":[{"role":"Foreign Minister"},{"role":"Trade Minister"}],"title":"Summit in Stockholm"},"articles":{"nodes":[{"file":"a.txt"},{"file":"b.txt"}],"totalCount":2}}`},
		{"stats",
			`{ stats { articles persons places issues roles positions events } }`,
			`{"stats":{"articles":2,"events":3,"issues":1,"persons":2,"places":4,"positions":2,"roles":2}}`},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			if got := run(t, sch, tc.query); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestCursorPaging(t *testing.T) {
	sch := testSchema(t)
	var seen []string
	after := ""
	for range 5 {
		q := `{ rolesConnection(first: 1` + after + `) { totalCount pageInfo { hasNextPage endCursor } nodes { role } } }`
		var out struct {
			RolesConnection struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Nodes []struct{ Role string }
			}
		}
		json.Unmarshal([]byte(run(t, sch, q)), &out)
		c := out.RolesConnection
		if c.TotalCount != 2 || len(c.Nodes) != 1 {
			t.Fatalf("page: %+v", c)
		}
		seen = append(seen, c.Nodes[0].Role)
		if !c.PageInfo.HasNextPage {
			break
		}
		after = `, after: "` + c.PageInfo.EndCursor + `"`
	}
	if strings.Join(seen, ",") != "Foreign Minister,Trade Minister" {
		t.Errorf("pages gave %v", seen)
	}
}

func TestMutations(t *testing.T) {
	sch := testSchema(t)
	got := run(t, sch, `mutation { ingestArticle(input: {file: "c.txt", title: "Vote in Bergen", date: "2026-05-04",
		text: "Mayor Siri Dahl said the council of Bergen will vote on the harbour plan on Friday."}) {
		change article { file date } roles { person { name } role } } }`)
	if !strings.Contains(got, `"change":"added"`) || !strings.Contains(got, `"file":"c.txt"`) || !strings.Contains(got, "Siri Dahl") {
		t.Errorf("ingestArticle answered %s", got)
	}
	if got := run(t, sch, `{ articles { totalCount } }`); got != `{"articles":{"totalCount":3}}` {
		t.Errorf("after ingest: %s", got)
	}
	if got := run(t, sch, `mutation { deleteArticle(id: "c.txt") }`); got != `{"deleteArticle":true}` {
		t.Errorf("deleteArticle: %s", got)
	}
	if got := run(t, sch, `mutation { deleteArticle(id: "c.txt") }`); got != `{"deleteArticle":false}` {
		t.Errorf("second deleteArticle: %s", got)
	}
	// Deleting an article leaves the others' facts alone.
	if got := run(t, sch, `{ articles { totalCount } rolesConnection { totalCount } }`); got != `{"articles":{"totalCount":2},"rolesConnection":{"totalCount":2}}` {
		t.Errorf("after delete: %s", got)
	}
}

func TestQueryErrors(t *testing.T) {
	s := testStore(t)
	sch, err := New(queries.New(s), Options{MaxPage: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ desc, query, want string }{
		{"unknown field", `{ roles { salary } }`, "salary"},
		{"malformed", `{ roles { `, "Syntax Error"},
		{"wrong argument type", `{ roles(first: "ten") { role } }`, "first"},
		{"page over the bound", `{ roles(first: 11) { role } }`, "at most 10"},
		{"bad cursor", `{ rolesConnection(after: "nonsense") { totalCount } }`, "bad cursor"},
		{"hops out of range", `{ neighbors(id: "Ivar Lunde", hops: 9) { nodes { name } } }`, "hops must be from 1 to 3"},
		{"firstEdges below one", `{ neighbors(id: "Ivar Lunde", firstEdges: 0) { nodes { name } } }`, "firstEdges must be at least 1"},
		{"firstEdges over the bound", `{ neighbors(id: "Ivar Lunde", firstEdges: 11) { nodes { name } } }`, "firstEdges must be at most 10"},
		{"maxHops out of range", `{ path(from: "Ivar Lunde", to: "Kari Berg", maxHops: 0) { length } }`, "maxHops must be from 1 to 4"},
		{"unknown entity in a path", `{ path(from: "Atlantis", to: "Kari Berg") { length } }`, "no entity is named"},
		{"no mutations without an ingester", `mutation { deleteArticle(id: "a.txt") }`, "mutation"},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			res := sch.Execute(context.Background(), tc.query, nil, "")
			if !res.HasErrors() || !strings.Contains(strings.ToLower(res.Errors[0].Message), strings.ToLower(tc.want)) {
				t.Errorf("errors %v, want one mentioning %q", res.Errors, tc.want)
			}
		})
	}
}

func graphArticleIRI(file string) string { return graph.ArticleIRI(file, 0) }
