package extract

import (
	"strings"

	"kg/graph"
)

// eventGroups maps an event word to its group: words of one group name the
// same kind of event ("talks", "negotiations", "met"), so one event told
// with two of them is merged.
var eventGroups = map[string]string{}

// verbEvents are the groups whose words are verbs; their direct object may
// be the place ("bombarded Ukraine", "visited Moscow").
var objectPlaceVerbs = wordSet(`attacked bombarded bombed shelled invaded struck hit visited visits visit visiting toured raided`)

// travelWords take their place after "to": "fly to Russia", "a visit to Moscow".
var travelWords = wordSet(`fly flew flies flying travel travels traveled travelled traveling visit visits visited trip trips arrive arrived arrives return returned returns go went head headed`)

func init() {
	add := func(group, words string) {
		for _, w := range strings.Fields(words) {
			eventGroups[w] = group
		}
	}
	add("talks", "talks negotiations negotiation meeting meetings met meet meets discussions summit")
	add("visit", "visit visits visited trip trips fly flew flies travel travelled traveled tour toured arrived")
	add("attack", "attack attacks attacked assault assaults bombarded bombardment bombing bombings bombed shelling offensive raid raids cyberattack")
	add("strike", "strike strikes stoppage walkout walkouts")
	add("invasion", "invasion invaded invade")
	add("vote", "vote votes voted election elections referendum ballot primary")
	add("launch", "launch launched launches unveiled unveiling")
	add("release", "release released releases")
	add("announcement", "announcement announced announces")
	add("conference", "keynote conference convention forum congress")
	add("protest", "protest protests protested rally rallies demonstration demonstrations stormed sit-in march")
	add("hearing", "hearing hearings deposition testimony testified testify trial")
	add("filing", "filing filed files lawsuit sued")
	add("appointment", "appointment appointed named")
	add("resignation", "resignation resigned resigns")
	add("bankruptcy", "bankruptcy")
	add("bailout", "bailout rescue")
	add("crisis", "crisis")
	add("sale", "sale sold sells")
	add("deal", "merger acquisition acquired bought takeover agreement treaty signed")
	add("ruling", "ruling ruled verdict sentenced convicted")
	add("crash", "crash crashed collapse collapsed explosion")
	add("suspension", "suspended suspension halted")
	add("market", "fell dropped rose plunged plummeted surged gained closed")
	add("death", "died killed death deaths")
	add("arrest", "arrested arrest")
	add("ceremony", "ceremony funeral inauguration inaugurated wedding")
	add("disaster", "earthquake flood floods hurricane storm fire wildfire")
	add("resignation", "stand step departure left")
	add("dismissal", "fired firing dismissal dismissed ousted ouster")
	add("speech", "speech speeches address spoke")
	add("nomination", "nominated nomination confirmed confirmation")
	add("selection", "selected selection awarded")
	add("leak", "leak leaked")
}

// heldVerbs tie an event noun to the place that follows: "the talks will
// resume in X", "the summit was held in Y".
var heldVerbs = wordSet(`held resume resumed resumes take took takes convene convened convenes reconvene`)

// evHit is an event found in one sentence.
type evHit struct {
	group string
	name  string
	date  graph.Date
	place *entity
	conf  float64
}

// trig is an event word in a sentence.
type trig struct {
	i     int
	group string
	date  graph.Date
	place *entity
	dDist int
	pDist int
}

// happenings are past-tense verbs that tell of something happening in
// themselves: a lead sentence's first one is an event even when no event
// word names it. (Any first verb was tried: "brought", "drew", "halted"
// made events no reader would record.)
var happenings = wordSet(`won lost fell rose dropped climbed surged plunged slumped jumped
	died killed crashed exploded erupted struck collapsed sank burned resigned retired opened
	closed merged acquired bought sold signed approved passed ratified vetoed elected appointed
	fired sacked arrested charged convicted sentenced released freed kidnapped attacked invaded
	bombed shelled raided evacuated landed launched unveiled announced declared agreed settled
	sued banned shut suspended cut raised hiked slashed defeated beat scored qualified withdrew`)

// conditional reports whether the word at i stands in a clause opened by
// "if", "unless" or "whether": a condition or a question, not a happening.
func conditional(st *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-10; k-- {
		switch lw := st.lower(k); {
		case hypothetical[lw]:
			return true
		case lw == "," || lw == ";" || lw == ":" || lw == "." || lw == "but":
			return false
		}
	}
	return false
}

// findEvents returns the events of st: every event word with a date or a
// place in the same sentence. known holds the events of earlier sentences,
// for dates such as "a day before the delegations met".
func findEvents(st *sent, dates []dateMention, known []*evHit, lead graph.Date) []evHit {
	var trigs []*trig
	inDate := func(i int) bool {
		for _, d := range dates {
			if i >= d.s && i < d.e {
				return true
			}
		}
		return false
	}
	for i, w := range st.w {
		g, ok := eventGroups[w.lower]
		if !ok || inDate(i) {
			continue
		}
		// "stand down", "step down": only with "down"
		if (w.lower == "stand" || w.lower == "step") && st.lower(i+1) != "down" {
			continue
		}
		if st.quote[i] {
			continue
		}
		if w.lower == "left" && !strings.HasPrefix(w.Tag, "VB") {
			continue
		}
		if w.lower == "address" && !strings.HasPrefix(w.Tag, "NN") {
			continue
		}
		if m := st.mentionAt(i); m != nil && w.cap && !(i == 0 && m.s == 0 && m.e == 1) {
			continue // part of a name: "Developers Conference", "Congress"
		}
		if conditional(st, i) {
			continue // "if no agreement is reached": nothing happened
		}
		trigs = append(trigs, &trig{i: i, group: g, dDist: 1 << 30, pDist: 1 << 30})
	}
	// "a hearing on the attack": the event word after "on the" is the topic
	// of the event before it, not a second event
	kept := trigs[:0]
	for _, t := range trigs {
		topic := false
		if st.lower(t.i-1) == "the" && (st.lower(t.i-2) == "on" || st.lower(t.i-2) == "into" || st.lower(t.i-2) == "about" || st.lower(t.i-2) == "over") {
			for _, u := range trigs {
				if u.i < t.i-2 && u.i >= t.i-5 {
					topic = true
				}
			}
		}
		if !topic {
			kept = append(kept, t)
		}
	}
	trigs = kept
	if !lead.IsZero() && len(dates) == 0 {
		// a lead sentence without a date tells of the day of the article:
		// its first past-tense verb is an event even if no list names it.
		for i, w := range st.w {
			if w.Tag == "VBD" && !st.quote[i] && happenings[w.lower] {
				found := false
				for _, t := range trigs {
					if t.i == i {
						found = true
					}
				}
				if !found {
					trigs = append(trigs, &trig{i: i, group: "lead:" + w.lower, dDist: 1 << 30, pDist: 1 << 30})
				}
				break
			}
		}
	}
	if len(trigs) == 0 {
		return nil
	}
	commaCost := 3
	nearest := func(s, e int, skip func(*trig) bool) (*trig, int) {
		var best *trig
		bd := 1 << 30
		for _, t := range trigs {
			if skip != nil && skip(t) {
				continue
			}
			d := 0
			if t.i < s {
				d = s - t.i
			} else if t.i >= e {
				d = t.i - e + 1
			}
			// a clause boundary between them costs
			lo, hi := t.i, s
			if hi < lo {
				lo, hi = e, t.i
			}
			for k := lo; k < hi; k++ {
				if st.lower(k) == "," || st.lower(k) == ";" {
					d += commaCost
				}
			}
			if d < bd {
				best, bd = t, d
			}
		}
		return best, bd
	}
	for _, dm := range dates {
		skip := func(*trig) bool { return false }
		date := dm.date
		if dm.rel {
			// the anchor: the first event word after the expression
			var anchor *trig
			for _, t := range trigs {
				if t.i >= dm.e && t.i-dm.e <= 10 {
					anchor = t
					break
				}
			}
			if anchor == nil {
				continue
			}
			var ad graph.Date
			for k := len(known) - 1; k >= 0; k-- {
				if known[k].group == anchor.group && !known[k].date.IsZero() {
					ad = known[k].date
					break
				}
			}
			if ad.IsZero() {
				continue
			}
			date = shiftDate(ad, dm.offset)
			if date.IsZero() {
				continue
			}
			// the event dated is outside the anchor clause
			end := len(st.w)
			for k := anchor.i; k < len(st.w); k++ {
				if st.lower(k) == "," {
					end = k
					break
				}
			}
			skip = func(t *trig) bool { return t.i >= dm.s && t.i < end }
		}
		if t, d := nearest(dm.s, dm.e, skip); t != nil && d < t.dDist && (d <= 12 || (len(trigs) == 1 && d <= 16 && dm.date.Granularity != graph.Year)) {
			t.date, t.dDist = date, d
		}
	}
	commaCost = 8
	for _, m := range st.ments {
		if m.ent == nil || m.ent.typ != graph.Place || m.s == 0 {
			continue
		}
		prep := st.lower(m.s - 1)
		if prep == "the" && m.s >= 2 && st.w[m.s-1].cap {
			prep = st.lower(m.s - 2) // "in the Hague"
		}
		var t *trig
		d := 0
		switch prep {
		case "in", "at", "near", "outside":
			t, d = nearest(m.s, m.e, nil)
			// "talks are expected to resume in X": the subject event is held there
			if (t == nil || d > 10) && m.s >= 3 && (heldVerbs[st.lower(m.s-2)] || (heldVerbs[st.lower(m.s-3)] && st.lower(m.s-2) == "place")) {
				for _, u := range trigs {
					if u.i < m.s && strings.HasPrefix(st.w[u.i].Tag, "NN") {
						t, d = u, 0
						break
					}
				}
			}
		case "to":
			t, d = nearest(m.s, m.e, func(t *trig) bool { return !travelWords[st.lower(t.i)] })
		default:
			if m.s > 0 && objectPlaceVerbs[prep] {
				t, d = nearest(m.s, m.e, func(t *trig) bool { return t.i != m.s-1 })
			}
		}
		if t != nil && d < t.pDist && d <= 10 {
			t.place, t.pDist = m.ent, d
		}
	}
	if !lead.IsZero() && len(dates) == 0 {
		for _, t := range trigs {
			if strings.HasPrefix(st.w[t.i].Tag, "VBD") || strings.HasPrefix(t.group, "lead:") {
				t.date = lead
			}
		}
	}
	// "will travel to Belgrade next Tuesday for talks": one happening told
	// with two event words shares its date and place
	for _, t := range trigs {
		if t.date.IsZero() || t.place != nil {
			continue
		}
		for _, u := range trigs {
			if u == t || u.place == nil || !u.date.IsZero() {
				continue
			}
			d := t.i - u.i
			if d < 0 {
				d = -d
			}
			if d <= 8 && !clauseBreak(st, t.i, u.i) {
				t.place, t.pDist = u.place, u.pDist
				u.place = nil // told once
				break
			}
		}
	}
	var out []evHit
	for _, t := range trigs {
		if t.date.IsZero() && t.place == nil {
			continue
		}
		conf := 0.5
		switch {
		case !t.date.IsZero() && t.place != nil:
			conf = 0.85
		case !t.date.IsZero():
			conf = 0.7
		}
		out = append(out, evHit{group: t.group, name: eventName(st, t), date: t.date, place: t.place, conf: conf})
	}
	return out
}

// eventName is a short phrase around the event word: its modifiers for a
// noun ("US-Ukraine talks", "air assault"), its subject for a verb ("Jobs
// announced"), and the place.
func eventName(st *sent, t *trig) string {
	w := st.w[t.i]
	var parts []string
	if strings.HasPrefix(w.Tag, "VB") {
		for k := t.i - 1; k >= 0 && k >= t.i-4; k-- {
			if m := st.mentionAt(k); m != nil && m.ent != nil {
				parts = append(parts, m.ent.name)
				break
			}
			if st.lower(k) == "," {
				break
			}
		}
		parts = append(parts, w.Text)
		if p := st.lower(t.i + 1); p == "down" || p == "out" || p == "off" || p == "up" {
			parts = append(parts, p)
		}
	} else {
		s := t.i
		for s > 0 && t.i-s < 2 {
			p := st.w[s-1]
			if strings.HasPrefix(p.Tag, "JJ") || strings.HasPrefix(p.Tag, "NN") || p.Tag == "VBN" {
				s--
				continue
			}
			break
		}
		parts = append(parts, st.text(s, t.i+1))
		// "of X" right after: "visit of US special envoy Steve Witkoff"
		if st.lower(t.i+1) == "of" || st.lower(t.i+1) == "on" || st.lower(t.i+1) == "with" || st.lower(t.i+1) == "to" {
			if m := st.mentionAt(t.i + 2); m != nil && m.s == t.i+2 && m.ent != nil && m.ent != t.place {
				parts = append(parts, st.lower(t.i+1), m.ent.name)
			}
		}
	}
	if t.place != nil {
		parts = append(parts, "in", t.place.name)
	}
	return strings.Join(parts, " ")
}

// clauseBreak reports whether a comma or semicolon stands between words a and b.
func clauseBreak(st *sent, a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for k := a + 1; k < b; k++ {
		if st.lower(k) == ";" || st.lower(k) == "," {
			return true
		}
	}
	return false
}

// complementary reports whether two tellings of one kind of event each give
// what the other leaves out (one only a date, the other only a place): the
// same happening told twice ("a vote on Tuesday" … "the vote in Prague").
func complementary(a, b *evHit) bool {
	if strings.HasPrefix(a.group, "lead:") {
		return false
	}
	return (a.place == nil && b.date.IsZero() && !a.date.IsZero() && b.place != nil) ||
		(b.place == nil && a.date.IsZero() && !b.date.IsZero() && a.place != nil)
}
