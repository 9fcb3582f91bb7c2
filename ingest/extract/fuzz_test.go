package extract

import (
	"testing"
	"time"

	"kg/graph"
)

// FuzzExtract checks that no input makes Extract panic and that evidence
// offsets always point into the text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"",
		"\n\n",
		"Secretary of State Jane Doe said \"we will win\" on Monday.",
		"X, the secretary of the Y Council of Z, resigned as chairman.",
		"A day before the talks in Oslo, rebels attacked.",
		"\u201cQuote\u201d \u2018inner\u2019 \u2014 dash\u2013 &rsquo; May 5, 2020 31 February 1999",
		"R. . . Mr. Mr. Mr. , , who heads led by",
		"\xff\xfe invalid utf8 \xc3",
		"Ukraine's Ukrainian US U.S. UK demands demanded that that that",
	} {
		f.Add(s, true)
	}
	x := New()
	f.Fuzz(func(t *testing.T, text string, dated bool) {
		a := graph.Article{Text: text}
		if dated {
			a.Date = time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
		}
		facts := x.Extract(a)
		var evs []graph.Evidence
		for _, r := range facts.Roles {
			evs = append(evs, r.Evidence...)
		}
		for _, p := range facts.Positions {
			evs = append(evs, p.Evidence...)
		}
		for _, e := range facts.Events {
			evs = append(evs, e.Evidence...)
		}
		for _, e := range evs {
			if e.Start < 0 || e.End > len(text) || e.Start > e.End {
				t.Fatalf("evidence offsets [%d:%d] outside text of %d bytes", e.Start, e.End, len(text))
			}
		}
	})
}
