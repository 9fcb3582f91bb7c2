package schema

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"kg/graph"
	"kg/queries"
)

func testSchema(t *testing.T) *Schema {
	t.Helper()
	s, err := graph.Open("memory:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	norway := graph.Entity{Type: graph.Place, Name: "Norway"}
	minister := graph.Entity{Type: graph.Person, Name: "Ivar Lunde", Aliases: []string{"Lunde"}}
	ev := []graph.Evidence{{Sentence: "Norwegian Foreign Minister Ivar Lunde spoke.", End: 44, Confidence: 0.8}}
	for _, file := range []string{"a.txt", "b.txt"} {
		_, err := s.PutArticle(context.Background(), graph.Facts{
			Article: graph.Article{File: file, Title: "T " + file, Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Text: "x"},
			Roles:   []graph.Role{{Person: minister, Title: "Foreign Minister", Org: &norway, Evidence: ev}},
			Positions: []graph.Position{{Party: minister, Stance: graph.Rejects,
				Issue: graph.Entity{Type: graph.Issue, Name: "the tariff"}, Evidence: ev}},
			Events: []graph.Event{{Name: "talks", Date: graph.Date{Value: "2026-03-01", Granularity: graph.Day}, Evidence: ev},
				{Name: "rumoured visit", Evidence: []graph.Evidence{{Sentence: "A visit may follow.", Start: 50, End: 69, Confidence: 0.3}}}},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sch, err := New(queries.New(s))
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestFactsQuery(t *testing.T) {
	sch := testSchema(t)
	for _, tc := range []struct {
		desc, query, want string
	}{
		{"role with both ends and its two sources",
			`{ roles(first: 10) { person { name aliases } role organization { name } sources { file } } }`,
			`{"roles":[{"organization":{"name":"Norway"},"person":{"aliases":["Lunde"],"name":"Ivar Lunde"},"role":"Foreign Minister","sources":[{"file":"a.txt"},{"file":"b.txt"}]}]}`},
		{"entity types resolve through the interface",
			`{ roles { person { __typename } organization { __typename } } positions { issue { __typename } } }`,
			`{"positions":[{"issue":{"__typename":"Issue"}}],"roles":[{"organization":{"__typename":"Place"},"person":{"__typename":"Person"}}]}`},
		{"position stance is an enum",
			`{ positions { party { name } stance issue { name } } }`,
			`{"positions":[{"issue":{"name":"the tariff"},"party":{"name":"Ivar Lunde"},"stance":"REJECTS"}]}`},
		{"event without a place gives null",
			`{ events { name date place { name } } }`,
			`{"events":[{"date":"2026-03-01","name":"talks","place":null}]}`},
		{"evidence carries sentence and offsets",
			`{ events { evidence { article { file date } sentence start end confidence } } }`,
			`{"events":[{"evidence":[{"article":{"date":"2026-03-02","file":"a.txt"},"confidence":0.8,"end":44,"sentence":"Norwegian Foreign Minister Ivar Lunde spoke.","start":0},{"article":{"date":"2026-03-02","file":"b.txt"},"confidence":0.8,"end":44,"sentence":"Norwegian Foreign Minister Ivar Lunde spoke.","start":0}]}]}`},
		{"facts below the default confidence are left out",
			`{ events { name confidence } }`,
			`{"events":[{"confidence":0.8,"name":"talks"}]}`},
		{"minConfidence 0 gives every fact",
			`{ events(minConfidence: 0) { name } }`,
			`{"events":[{"name":"rumoured visit"},{"name":"talks"}]}`},
		{"offset past the end gives an empty list",
			`{ roles(first: 1, offset: 5) { role } }`,
			`{"roles":[]}`},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			res := sch.Execute(context.Background(), tc.query, nil, "")
			if res.HasErrors() {
				t.Fatalf("errors: %v", res.Errors)
			}
			got, _ := json.Marshal(res.Data)
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	sch := testSchema(t)
	for _, tc := range []struct{ desc, query string }{
		{"unknown field", `{ roles { salary } }`},
		{"malformed", `{ roles { `},
		{"wrong argument type", `{ roles(first: "ten") { role } }`},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			if res := sch.Execute(context.Background(), tc.query, nil, ""); !res.HasErrors() {
				t.Errorf("no error for %s", tc.query)
			}
		})
	}
}
