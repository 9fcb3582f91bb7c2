package extract

import (
	"os"
	"strings"
	"testing"
	"time"

	"kg/graph"
)

var x = New()

func article(text string, date string) graph.Article {
	a := graph.Article{File: "t.txt", Text: text}
	if date != "" {
		a.Date, _ = time.Parse("2006-01-02", date)
	}
	return a
}

func orgName(e *graph.Entity) string {
	if e == nil {
		return ""
	}
	return e.Name
}

func hasRole(f graph.Facts, person, title, org string, former bool) bool {
	for _, r := range f.Roles {
		if strings.HasSuffix(r.Person.Name, person) && strings.EqualFold(r.Title, title) && orgName(r.Org) == org && r.Former == former {
			return true
		}
	}
	return false
}

// roleCase is one sentence and the role it must yield, or none (absent).
type roleCase struct {
	desc, text         string
	person, title, org string
	former, absent     bool
}

// runRoleCases extracts each case's text as an article of the given date
// and checks its role.
func runRoleCases(t *testing.T, date string, cases []roleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			f := x.Extract(article(c.text, date))
			if c.absent {
				if len(f.Roles) != 0 {
					t.Errorf("want no role, got %+v", f.Roles)
				}
				return
			}
			if !hasRole(f, c.person, c.title, c.org, c.former) {
				t.Errorf("want %s – %s – %q (former %v), got %+v", c.person, c.title, c.org, c.former, f.Roles)
			}
		})
	}
}

func TestRoles(t *testing.T) {
	runRoleCases(t, "2024-03-06", []roleCase{
		{"title before name", "Secretary of Commerce Jane Holloway spoke to reporters.", "Jane Holloway", "Secretary of Commerce", "", false, false},
		{"demonym gives the country", "French President Alain Marchetti arrived late.", "Alain Marchetti", "President", "France", false, false},
		{"short form gives the country", "The talks were attended by US special envoy Tom Briggs.", "Tom Briggs", "special envoy", "United States", false, false},
		{"company before title", "Microsoft CEO Paula Grant unveiled the device.", "Paula Grant", "CEO", "Microsoft", false, false},
		{"apposition with of", "Ivan Petrenko, the chairman of the National Energy Council, said the plan was ready.", "Ivan Petrenko", "chairman", "National Energy Council", false, false},
		{"apposition with at", "Sara Lind, an analyst at Nordbank, expects more cuts.", "Sara Lind", "analyst", "Nordbank", false, false},
		{"who heads", "The report was written by Omar Haddad, who heads the Arab League.", "Omar Haddad", "head", "Arab League", false, false},
		{"led by", "The Canadian delegation was led by Claire Dubois.", "Claire Dubois", "leader", "Canada", false, false},
		{"resigned as", "Peter Novak resigned as minister after the vote.", "Peter Novak", "minister", "", true, false},
		{"former marks the role", "Former Prime Minister Laura Benz criticized the budget.", "Laura Benz", "Prime Minister", "", true, false},
		{"possessive organization", "Boeing's chief executive, Mark Tull, declined to comment.", "Mark Tull", "chief executive", "Boeing", false, false},
		{"served as title of org", "Anna Berg served as president of the Riverside Hospital until 2019.", "Anna Berg", "president", "Riverside Hospital", false, false},
		{"organization never invented", "Governor Tim Walsh signed the bill.", "Tim Walsh", "Governor", "", false, false},
		{"a title without a name gives no role", "The president said the talks were useful.", "", "president", "", false, true},
		{"a name without a title gives no role", "Maria Lopez arrived in Madrid on Monday.", "Maria Lopez", "", "", false, true},
	})
}

func TestPositions(t *testing.T) {
	cases := []struct {
		desc, text string
		party      string
		stance     graph.Stance
		issueHas   string
		absent     bool
	}{
		{"demand", "Senator Ruth Adler demanded a full inquiry into the contract.", "Ruth Adler", graph.Demands, "inquiry", false},
		{"call for", "The European Union called for an immediate ceasefire.", "European Union", graph.Demands, "ceasefire", false},
		{"reject", "Germany rejected the proposal to raise tariffs.", "Germany", graph.Rejects, "tariffs", false},
		{"negation flips support", "Mayor Ken Oduya did not support the new stadium plan.", "Ken Oduya", graph.Opposes, "stadium", false},
		{"pronoun resolves to the last person", "Governor Lisa Tran spoke on Friday. She opposed the pipeline expansion.", "Lisa Tran", graph.Opposes, "pipeline", false},
		{"propose", "Japan proposed a joint patrol of the strait.", "Japan", graph.Proposes, "patrol", false},
		{"demands that, after a quotation", `Premier Olaf Brandt said he was ready for talks but reiterated demands that the rebels must disarm first.`, "Olaf Brandt", graph.Demands, "disarm", false},
		{"hypothetical is not a stance", "Analysts asked whether China will insist on a new treaty.", "", "", "", true},
		{"passive has no party", "The bill was rejected by a narrow margin.", "", "", "", true},
		{"quote inside a quote is attributed to the speaker", `"We support the 'clean air' bill," said Senator Amy Cole.`, "Amy Cole", graph.Supports, "clean air", false},
	}
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			f := x.Extract(article(c.text, "2024-03-06"))
			if c.absent {
				if len(f.Positions) != 0 {
					t.Errorf("want no position, got %+v", f.Positions)
				}
				return
			}
			for _, p := range f.Positions {
				if strings.HasSuffix(p.Party.Name, c.party) && p.Stance == c.stance && strings.Contains(p.Issue.Name, c.issueHas) {
					if p.Issue.Type != graph.Issue {
						t.Errorf("issue typed %s", p.Issue.Type)
					}
					return
				}
			}
			t.Errorf("want %s %s %q, got %+v", c.party, c.stance, c.issueHas, f.Positions)
		})
	}
}

func TestEvents(t *testing.T) {
	cases := []struct {
		desc, text, date string
		nameHas          string
		wantDate, place  string
	}{
		{"absolute date and place", "Later in the year, the two leaders held a summit in Geneva on March 3, 2021.", "", "summit", "2021-03-03", "Geneva"},
		{"day and month resolved against the article date", "Delegates met in Vienna on 28 February to discuss the deal.", "2024-03-06", "met", "2024-02-28", "Vienna"},
		{"day and month without an article date", "Delegates met in Vienna on 28 February to discuss the deal.", "", "met", "--02-28", "Vienna"},
		{"weekday in the past", "The company announced a recall on Monday.", "2024-03-06", "announced", "2024-03-04", ""},
		{"weekday in the future", "The ministers will fly to Tokyo on Monday.", "2024-03-06", "fly", "2024-03-11", "Tokyo"},
		{"yesterday", "Protesters held a rally in Berlin yesterday.", "2024-03-06", "rally", "2024-03-05", "Berlin"},
		{"next year", "Later, the firm said the release would come next year.", "2024-03-06", "release", "2025", ""},
		{"year only", "Later, the invasion of the island in 1982 was recalled.", "2024-03-06", "invasion", "1982", ""},
		{"month and year", "Later, the election was held in November 2019.", "2024-03-06", "election", "2019-11", ""},
	}
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			text := "This first sentence is filler text. So is this second sentence here.\n" + c.text
			f := x.Extract(article(text, c.date))
			for _, e := range f.Events {
				if strings.Contains(e.Name, c.nameHas) && e.Date.Value == c.wantDate && orgName(e.Place) == c.place {
					return
				}
			}
			t.Errorf("want %q %s %q, got %+v", c.nameHas, c.wantDate, c.place, f.Events)
		})
	}
}

func TestRelativeToEvent(t *testing.T) {
	text := "Filler sentence one is here. Filler two.\nThe delegations met in Oslo on 12 May.\nA day before the delegations met in Oslo, rebels attacked Kabul."
	f := x.Extract(article(text, "2023-05-20"))
	for _, e := range f.Events {
		if e.Date.Value == "2023-05-11" && orgName(e.Place) == "Kabul" {
			return
		}
	}
	t.Errorf("no attack on 2023-05-11 in Kabul: %+v", f.Events)
}

func TestSameEventMerged(t *testing.T) {
	text := "Filler sentence one is here. Filler two.\nTalks in Doha on 3 June ended early.\nThe talks in Doha were tense."
	f := x.Extract(article(text, "2023-06-05"))
	n := 0
	for _, e := range f.Events {
		if orgName(e.Place) == "Qatar" || orgName(e.Place) == "Doha" {
			n++
			if len(e.Evidence) != 2 {
				t.Errorf("want 2 pieces of evidence, got %+v", e.Evidence)
			}
		}
	}
	if n != 1 {
		t.Errorf("want one event in Doha, got %+v", f.Events)
	}
}

func TestEntitiesAndAliases(t *testing.T) {
	text := "Secretary of State Marta Ruiz met Russian officials. Ruiz said the U.S. wants peace. Mr. Ruiz left for Britain."
	f := x.Extract(article(text, ""))
	byName := map[string]graph.Entity{}
	for _, e := range f.Entities {
		byName[e.Name] = e
	}
	if e, ok := byName["Marta Ruiz"]; !ok || e.Type != graph.Person || !contains(e.Aliases, "Ruiz") {
		t.Errorf("Marta Ruiz: %+v", byName["Marta Ruiz"])
	}
	for _, c := range []string{"Russia", "United States", "United Kingdom"} {
		if e, ok := byName[c]; !ok || e.Type != graph.Place {
			t.Errorf("%s missing or mistyped: %+v", c, f.Entities)
		}
	}
	if _, ok := byName["State Marta Ruiz"]; ok {
		t.Error("title left on a name")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestEvidenceOffsets(t *testing.T) {
	text := "Filler first. Filler second.\n\u201cWe reject the deal,\u201d said Senator Tom Ash.\nPresident Ana Bell visited Lima on Monday."
	f := x.Extract(article(text, "2024-01-10"))
	check := func(evs []graph.Evidence) {
		for _, e := range evs {
			if e.Start < 0 || e.End > len(text) || text[e.Start:e.End] != e.Sentence || e.Confidence < 0 || e.Confidence > 1 {
				t.Errorf("bad evidence %+v", e)
			}
		}
	}
	for _, r := range f.Roles {
		check(r.Evidence)
	}
	for _, p := range f.Positions {
		check(p.Evidence)
	}
	for _, e := range f.Events {
		check(e.Evidence)
	}
	if len(f.Roles) == 0 || len(f.Events) == 0 {
		t.Errorf("expected roles and events: %+v", f)
	}
}

// exampleArticle reads the project's example article from ../shared, with a
// crude cut of its front matter and repeated title (package ingest does
// this properly).
func exampleArticle(t testing.TB) graph.Article {
	const path = "../../../shared/data/dev/articles/euromaidan-us-ukraine-talks.txt"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("example article not available (%v): the shared data set is absent", err)
	}
	s := string(b)
	if strings.HasPrefix(s, "---\n") {
		if i := strings.Index(s[4:], "\n---\n"); i >= 0 {
			s = s[4+i+5:]
		}
	}
	s = strings.TrimLeft(s, "\n")
	title, body, _ := strings.Cut(s, "\n")
	a := article(body, "2025-12-01")
	a.Title = title
	return a
}

func TestExampleArticle(t *testing.T) {
	f := x.Extract(exampleArticle(t))
	if !hasRole(f, "Marco Rubio", "Secretary of State", "", false) && !hasRole(f, "Marco Rubio", "Secretary of State", "United States", false) {
		t.Errorf("Marco Rubio – Secretary of State missing: %+v", f.Roles)
	}
	if !hasRole(f, "Steve Witkoff", "special envoy", "United States", false) {
		t.Errorf("Steve Witkoff – special envoy – United States missing: %+v", f.Roles)
	}
	if !hasRole(f, "Vladimir Putin", "President", "Russia", false) {
		t.Errorf("Vladimir Putin – President – Russia missing: %+v", f.Roles)
	}
	found := false
	for _, p := range f.Positions {
		if p.Party.Name == "Vladimir Putin" && p.Stance == graph.Demands && strings.Contains(p.Issue.Name, "withdraw") {
			found = true
		}
	}
	if !found {
		t.Errorf("Putin DEMANDS withdraw… missing: %+v", f.Positions)
	}
	found = false
	for _, e := range f.Events {
		if (strings.Contains(e.Name, "talks") || strings.Contains(e.Name, "negotiations")) && e.Date.Value == "2025-11-30" && orgName(e.Place) == "Florida" {
			found = true
		}
	}
	if !found {
		t.Errorf("talks on 2025-11-30 in Florida missing: %+v", f.Events)
	}
}
