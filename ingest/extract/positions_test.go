package extract

import (
	"fmt"
	"strings"
	"testing"

	"kg/graph"
)

// wantPos is one expected position: the party's name ends with party, the
// stance is equal and the issue contains issueHas.
type wantPos struct {
	party    string
	stance   graph.Stance
	issueHas string
}

func (w wantPos) String() string { return fmt.Sprintf("%s %s %q", w.party, w.stance, w.issueHas) }

func findPos(f graph.Facts, w wantPos) bool {
	for _, p := range f.Positions {
		if strings.HasSuffix(p.Party.Name, w.party) && p.Stance == w.stance && strings.Contains(p.Issue.Name, w.issueHas) {
			return true
		}
	}
	return false
}

func TestPositionPatterns(t *testing.T) {
	cases := []struct {
		desc string
		text string
		want []wantPos
		// none lists positions that must not be found (a party name suffix
		// and a stance); noneAtAll asks for no position whatever.
		none      []wantPos
		noneAtAll bool
	}{
		{desc: "verb with a noun phrase object",
			text: "Norway rejected the fishing quota.",
			want: []wantPos{{"Norway", graph.Rejects, "fishing quota"}}},
		{desc: "call for",
			text: "The Red Cross called for a humanitarian corridor.",
			want: []wantPos{{"Red Cross", graph.Demands, "humanitarian corridor"}}},
		{desc: "adverbs between a verb and its particle",
			text: "Senator Mara Vance has pushed far more aggressively for a new audit of the port authority.",
			want: []wantPos{{"Mara Vance", graph.Demands, "new audit"}}},
		{desc: "vote against and a second verb sharing the subject",
			text: "The Farmers Party voted against the water levy and called for a public hearing.",
			want: []wantPos{{"Farmers Party", graph.Opposes, "water levy"}, {"Farmers Party", graph.Demands, "public hearing"}}},
		{desc: "urge an object to act",
			text: "Chancellor Ilse Maren urged parliament to approve the rail budget.",
			want: []wantPos{{"Ilse Maren", graph.Demands, "approve the rail budget"}}},
		{desc: "infinitive complement kept as the issue",
			text: "Mayor Tomas Greer pledged to cut bus fares.",
			want: []wantPos{{"Tomas Greer", graph.Proposes, "cut bus fares"}}},
		{desc: "insist that",
			text: "Quentin Hale insisted that the refinery stay open.",
			want: []wantPos{{"Quentin Hale", graph.Demands, "refinery stay open"}}},
		{desc: "gerund list gives one position per item",
			text: "Governor Ada Lind proposed raising the minimum wage, expanding night buses and freezing rents.",
			want: []wantPos{{"Ada Lind", graph.Proposes, "raising the minimum wage"}, {"Ada Lind", graph.Proposes, "expanding night buses"}, {"Ada Lind", graph.Proposes, "freezing rents"}}},
		{desc: "several parties, one position each",
			text: "Chile, Peru and Bolivia supported the lithium accord.",
			want: []wantPos{{"Chile", graph.Supports, "lithium accord"}, {"Peru", graph.Supports, "lithium accord"}, {"Bolivia", graph.Supports, "lithium accord"}}},
		{desc: "possessive noun: X's demand for",
			text: "Nadia Orlov's demand for a recount angered the commission.",
			want: []wantPos{{"Nadia Orlov", graph.Demands, "recount"}}},
		{desc: "light verb with a stance noun",
			text: "The Teachers Union issued a fresh call for smaller classes.",
			want: []wantPos{{"Teachers Union", graph.Demands, "smaller classes"}}},
		{desc: "opposition to",
			text: "Kasper Lund repeated his opposition to the toll road.",
			want: []wantPos{{"Kasper Lund", graph.Opposes, "toll road"}}},
		{desc: "relative clause: X, who opposes Y",
			text: "The plan was drafted by aides to Paula Brandt, who opposes the new airport runway.",
			want: []wantPos{{"Paula Brandt", graph.Opposes, "airport runway"}}},
		{desc: "passive with an agent",
			text: "The dam project was rejected by Environment Minister Olga Sten.",
			want: []wantPos{{"Olga Sten", graph.Rejects, "dam project"}}},
		{desc: "passive with a long-standing demand",
			text: "The inquiry had long been demanded by Senator Hugo Marsh.",
			want: []wantPos{{"Hugo Marsh", graph.Demands, "inquiry"}}},
		{desc: "apposition between party and verb",
			text: "Representative Lena Voss, Oregon Democrat, vowed to block the pipeline permit.",
			want: []wantPos{{"Lena Voss", graph.Opposes, "pipeline permit"}}},
		{desc: "a named apposition wins over a common noun",
			text: "The smaller coalition partner, the Green League, threatened to vote against the coal subsidy.",
			want: []wantPos{{"Green League", graph.Opposes, "coal subsidy"}}},
		{desc: "participle shares the clause subject",
			text: "The minister is proposing a tax on sugary drinks, while at the same time calling for lower fuel duty.",
			want: nil, noneAtAll: true}, // "the minister" with no named minister before: no party
		{desc: "title resolves to the person named with it",
			text: "Finance Minister Rolf Aas spoke on Monday. The minister is proposing a tax on sugary drinks, while at the same time calling for lower fuel duty.",
			want: []wantPos{{"Rolf Aas", graph.Proposes, "tax on sugary drinks"}, {"Rolf Aas", graph.Demands, "lower fuel duty"}}},
		{desc: "infinitive after a purpose noun takes the main subject",
			text: "Veltro Motors sued Jan Kolb in an attempt to block the merger.",
			want: []wantPos{{"Veltro Motors", graph.Opposes, "Jan Kolb"}}},
		{desc: "group noun with a party",
			text: "GOP senators dismissed the report.",
			want: []wantPos{{"Republicans", graph.Rejects, "report"}}},
		{desc: "role noun without a name becomes the party",
			text: "A federal judge ordered the agency to release the records.",
			want: []wantPos{{"federal judge", graph.Demands, "release the records"}}},
		{desc: "reported speech: the group speaks through its spokesperson",
			text: "Ruth Kamau, the spokesperson for the alliance, said the group opposed the quarry.",
			want: []wantPos{{"Ruth Kamau", graph.Opposes, "quarry"}}},
		{desc: "reported speech: a named party inside said-that",
			text: "Officials said Denmark supported the fishing ban.",
			want: []wantPos{{"Denmark", graph.Supports, "fishing ban"}}},
		{desc: "pronoun resolves to the last person",
			text: "Governor Lisa Tran spoke on Friday. She opposed the pipeline expansion.",
			want: []wantPos{{"Lisa Tran", graph.Opposes, "pipeline expansion"}}},
		{desc: "they resolves to the last group",
			text: "Local Democrats met on Tuesday. They demanded a recount.",
			want: []wantPos{{"Democrats", graph.Demands, "recount"}}},
		{desc: "we inside a quotation is the speaker",
			text: `"We support the wind farm," said Mayor Ivo Tamm.`,
			want: []wantPos{{"Ivo Tamm", graph.Supports, "wind farm"}}},
		{desc: "a quotation running on takes the last speaker",
			text: "\"The levy is fair,\" Mayor Ivo Tamm said.\n\"And we want the new tram depot built soon.\"",
			want: []wantPos{{"Ivo Tamm", graph.Supports, "tram depot"}}},
		{desc: "a quote inside a quote is attributed to the speaker",
			text: `"We back the 'clean harbour' pledge," said Councillor Ana Ruiz.`,
			want: []wantPos{{"Ana Ruiz", graph.Supports, "clean harbour"}}},
		{desc: "scare quotes stay inside the issue",
			text: `Moldova said it was ready for "serious" negotiations on the border.`,
			want: []wantPos{{"Moldova", graph.Supports, "negotiations"}}},
		{desc: "brushed aside with the object between",
			text: "Fiona Hart brushed those complaints aside.",
			want: []wantPos{{"Fiona Hart", graph.Rejects, "complaints"}}},
		{desc: "a resolution condemning something states its sponsors' stance",
			text: "The Senate passed a resolution condemning the border closure.",
			want: []wantPos{{"Senate", graph.Opposes, "border closure"}}},

		// traps
		{desc: "negation flips support",
			text: "Mayor Ken Oduya did not support the stadium plan.",
			want: []wantPos{{"Ken Oduya", graph.Opposes, "stadium"}},
			none: []wantPos{{"Ken Oduya", graph.Supports, ""}}},
		{desc: "refused to back is opposition",
			text: "Greta Holm refused to back the merger.",
			want: []wantPos{{"Greta Holm", graph.Opposes, "merger"}},
			none: []wantPos{{"Greta Holm", graph.Supports, ""}}},
		{desc: "not just wanting is still wanting",
			text: `"We don't just want to end the strike," Omar Said said.`,
			none: []wantPos{{"Omar Said", graph.Opposes, ""}}},
		{desc: "whether clause is a question, not a stance",
			text:      "It is unclear whether Hungary will insist on a veto.",
			noneAtAll: true},
		{desc: "if clause is a condition, not a stance",
			text:      "If Austria rejects the treaty, the talks will end.",
			noneAtAll: true},
		{desc: "speculative modal gives nothing",
			text:      "Brazil could oppose the tariff.",
			noneAtAll: true},
		{desc: "question gives nothing",
			text:      "Will Canada back the deal?",
			noneAtAll: true},
		{desc: "a stance verb without a party gives nothing",
			text:      "Critics of every stripe rejected the deal.",
			noneAtAll: true},
		{desc: "a passive without an agent gives nothing",
			text:      "The bill was rejected by a narrow margin.",
			noneAtAll: true},
		{desc: "declined to comment is no stance",
			text:      "Victor Lamb declined to comment.",
			noneAtAll: true},
		{desc: "a plan to travel is no stance",
			text:      "Premier Olaf Brandt plans to visit Oslo next week.",
			noneAtAll: true},
		{desc: "welcoming people is no stance",
			text:      "Director Sven Ek welcomed everyone to the opening.",
			noneAtAll: true},
		{desc: "introduce needs a plan-like object",
			text:      "Anita Berg introduced the speakers.",
			noneAtAll: true},
	}
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			f := x.Extract(article(c.text, "2024-03-06"))
			if c.noneAtAll && len(f.Positions) != 0 {
				t.Errorf("want no position, got %+v", f.Positions)
			}
			for _, w := range c.want {
				if !findPos(f, w) {
					t.Errorf("want %v, got %+v", w, f.Positions)
				}
			}
			for _, w := range c.none {
				if findPos(f, w) {
					t.Errorf("do not want %v, got %+v", w, f.Positions)
				}
			}
			for _, p := range f.Positions {
				if p.Issue.Type != graph.Issue || p.Issue.Name == "" || p.Party.Name == "" {
					t.Errorf("malformed position %+v", p)
				}
			}
		})
	}
}

// TestPositionsDeterministic checks that the same text always gives the same
// positions in the same order.
func TestPositionsDeterministic(t *testing.T) {
	text := "Chile, Peru and Bolivia supported the lithium accord. Governor Ada Lind proposed raising the minimum wage, expanding night buses and freezing rents. GOP senators dismissed the report."
	first := fmt.Sprintf("%+v", x.Extract(article(text, "2024-03-06")).Positions)
	for i := 0; i < 5; i++ {
		if got := fmt.Sprintf("%+v", x.Extract(article(text, "2024-03-06")).Positions); got != first {
			t.Fatalf("run %d differs:\n%s\n%s", i, got, first)
		}
	}
}

// TestPositionsOddInput feeds fragments that stop right after a stance word.
func TestPositionsOddInput(t *testing.T) {
	for _, s := range []string{
		"demanded", "X demanded", "the demand for", "was rejected by", "called on", "\" we support \"",
		"brushed aside", "voted", ", who opposes", "in an attempt to block", "They", "whether",
		"Spain, and", "( ) , demanded ( that", "\"", "'s demand for",
	} {
		_ = x.Extract(article(s, ""))
	}
}
