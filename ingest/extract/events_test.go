package extract

import (
	"strings"
	"testing"
	"time"
)

// TestEventPatterns covers the event patterns of events.go with invented
// sentences: one text in (after two filler sentences, so that the lead
// rule stays out of the way), the expected event or its absence out.
func TestEventPatterns(t *testing.T) {
	cases := []struct {
		desc, text, date string
		nameHas          string
		wantDate, place  string
		absent           bool // no event may carry wantDate/place
	}{
		{"sentence-initial event noun with a place after a held verb", "Negotiations between the two sides will resume in Lisbon on 4 May.", "2025-04-20", "Negotiations", "2025-05-04", "Lisbon", false},
		{"two event words of one happening share date and place", "The minister will travel to Madrid next Tuesday for talks with her counterpart.", "2025-06-11", "", "2025-06-17", "Madrid", false},
		{"a month after for is in the future", "The next launch is scheduled for February.", "2025-11-20", "launch", "2026-02", "", false},
		{"in June resolved against the article date", "Later, the committee will hold a vote in June.", "2025-03-02", "vote", "2025-06", "", false},
		{"day and month from a from-phrase", "Later, a consultation on the route runs from 1 April to 30 April.", "2025-03-17", "", "2025-04-01", "", true},
		{"a hearing on the attack is one event", "The committee will hold a hearing on the attack in Bergen on Thursday.", "2025-05-12", "hearing", "2025-05-15", "Bergen", false},
		{"weekday after will far back is future", "The regional parliament in the islands will debate and then hold a vote on the licence on Thursday.", "2025-03-02", "vote", "2025-03-06", "", false},
		{"trap: next week gives no date", "Later, officials said a deal could be signed next week.", "2025-06-11", "", "2025-06", "", true},
		{"trap: a place that is not the event's place", "Later, the Madrid-born banker announced his resignation on Monday.", "2025-06-11", "", "", "Madrid", true},
		{"relative date across a year boundary", "Later, the two leaders met in Oslo on 30 December.", "2026-01-03", "met", "2025-12-30", "Oslo", false},
		{"next January across a year boundary", "Later, the summit will take place in Rome next January.", "2025-11-20", "summit", "2026-01", "Rome", false},
	}
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			text := "This first sentence is filler text. So is this second sentence here.\n" + c.text
			f := x.Extract(article(text, c.date))
			found := false
			for _, e := range f.Events {
				if c.absent {
					if (c.wantDate != "" && strings.HasPrefix(e.Date.Value, c.wantDate)) || (c.place != "" && orgName(e.Place) == c.place) {
						found = true
					}
					continue
				}
				if strings.Contains(e.Name, c.nameHas) && e.Date.Value == c.wantDate && orgName(e.Place) == c.place {
					found = true
				}
			}
			if found == c.absent {
				t.Errorf("want %q %s %q (absent %v), got %+v", c.nameHas, c.wantDate, c.place, c.absent, f.Events)
			}
		})
	}
}

// TestEventTraps: hypotheticals and words that are not events.
func TestEventTraps(t *testing.T) {
	cases := []struct{ desc, text string }{
		{"a title without a name is no event", "The president said the plan was sound."},
		{"a verb that is not an event word", "Later, the river looked calm in Vienna."},
		{"a condition is no happening", "If the talks in Geneva fail on Friday, the ceasefire ends."},
		{"a question is no happening", "Nobody knows whether a summit in Oslo will follow next year."},
		{"an unless clause", "The dockers will stay at work unless a strike in Antwerp on Monday spreads."},
	}
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			text := "This first sentence is filler text. So is this second sentence here.\n" + c.text
			f := x.Extract(article(text, "2025-06-11"))
			if len(f.Events) != 0 {
				t.Errorf("want no event, got %+v", f.Events)
			}
		})
	}
}

// TestSameEventToldTwice: a dated mention and a placed mention of one
// happening in one article become one event with both.
func TestSameEventToldTwice(t *testing.T) {
	text := "Filler sentence one is here. Filler two.\nThe assembly approved the bill in a vote on Tuesday.\nBefore the vote in Prague, farmers rallied."
	f := x.Extract(article(text, "2025-06-11"))
	n := 0
	for _, e := range f.Events {
		if strings.Contains(e.Name, "vote") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want one vote event, got %+v", f.Events)
	}
}

func TestDates(t *testing.T) {
	cases := []struct {
		desc, text, pub string
		want            []string
	}{
		{"ISO date", "It opened on 2024-05-06.", "", []string{"2024-05-06"}},
		{"day month year", "It opened on 6 May 2024.", "", []string{"2024-05-06"}},
		{"month day year", "It opened on May 6, 2024.", "", []string{"2024-05-06"}},
		{"no year and no article date", "It opened on 6 May.", "", []string{"--05-06"}},
		{"no year across the year boundary", "It opened on 29 December.", "2025-01-04", []string{"2024-12-29"}},
		{"future across the year boundary", "It will open on 3 January.", "2025-12-28", []string{"2026-01-03"}},
		{"today", "It opened today.", "2025-01-04", []string{"2025-01-04"}},
		{"yesterday at the start of a year", "It opened yesterday.", "2025-01-01", []string{"2024-12-31"}},
		{"last Monday across a year", "It opened last Monday.", "2025-01-02", []string{"2024-12-30"}},
		{"next month across a year", "It opens next month.", "2025-12-10", []string{"2026-01"}},
		{"last year", "It opened last year.", "2025-12-10", []string{"2024"}},
		{"the verb may is no month", "It may open soon.", "2025-12-10", nil},
		{"next week gives no date", "It opens next week.", "2025-12-10", nil},
		{"a sum is no year", "It cost $2010 in all.", "2025-12-10", nil},
	}
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			var pub time.Time
			if c.pub != "" {
				pub, _ = time.Parse("2006-01-02", c.pub)
			}
			raw := x.nlp.Analyze(c.text)
			var got []string
			for _, s := range raw {
				st := newSent(s, 0)
				for _, d := range findDates(st, pub) {
					if !d.rel {
						got = append(got, d.date.Value)
					}
				}
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("want %v, got %v", c.want, got)
			}
		})
	}
}
