package extract

import (
	"sort"
	"strings"

	"kg/graph"
)

// Extractor turns an article into typed facts with rules over prose's
// tokens, tags and entity chunks. The zero value is not usable; call New.
// An Extractor is safe for concurrent use: it holds no state between calls
// besides the shared, read-only prose model.
type Extractor struct {
	nlp *NLP
}

// New returns an Extractor sharing the process-wide prose model.
func New() *Extractor { return &Extractor{nlp: NewNLP()} }

// Extract returns the facts a.Text states. Only a.Text is read for facts
// (a.Title is not), so every Evidence's Start and End are byte offsets into
// a.Text with Sentence == a.Text[Start:End]; a.Date resolves relative dates
// ("on Monday", "next year") and years left out ("30 November"); without it
// such dates become "--MM-DD" or are dropped. The result's Article is a.
//
// Entities lists every person, organization and place mentioned, each once,
// with the other surface forms seen as Aliases (issues appear only inside
// Positions). Roles, Positions and Events are each deduplicated: the same
// fact stated twice carries two Evidence entries, each with a Confidence in
// [0, 1]. Extract never panics and returns empty facts for empty text.
func (x *Extractor) Extract(a graph.Article) (f graph.Facts) {
	f.Article = a
	defer func() {
		if r := recover(); r != nil {
			// a rule tripped over odd input: better no facts than no process
			f = graph.Facts{Article: a}
		}
	}()
	raw := x.nlp.Analyze(a.Text)
	if len(raw) == 0 {
		return f
	}
	sents := make([]*sent, len(raw))
	for i, s := range raw {
		sents[i] = newSent(s, i)
	}
	docCaps := map[string]bool{}
	for _, st := range sents {
		for i := 1; i < len(st.w); i++ {
			if st.w[i].cap && st.w[i-1].lower != `"` {
				docCaps[st.w[i].lower] = true
			}
		}
	}
	for _, st := range sents {
		findMentions(st, docCaps)
	}
	ents := resolve(sents)

	// persons in text order, for pronouns
	type pm struct {
		at int
		e  *entity
	}
	var persons []pm
	for _, st := range sents {
		for _, m := range st.ments {
			if m.ent != nil && m.ent.typ == graph.Person {
				persons = append(persons, pm{st.w[m.s].Start, m.ent})
			}
		}
	}
	lastPerson := func(at int) *entity {
		i := sort.Search(len(persons), func(i int) bool { return persons[i].at >= at })
		if i == 0 {
			return nil
		}
		return persons[i-1].e
	}

	ev := func(st *sent, conf float64) graph.Evidence {
		return graph.Evidence{Sentence: st.Text, Start: st.Start, End: st.End, Confidence: clamp(conf)}
	}

	// roles
	var roles []*graph.Role
	roleIdx := map[string]*graph.Role{}
	asOf := graph.DayDate(a.Date)
	for _, st := range sents {
		hits := append(findRolesDoc(sents, st), namedAs(st)...)
		for _, h := range hits {
			key := phraseKey(h.person.name) + "|" + titleKey(h.title)
			r, ok := roleIdx[key]
			if !ok {
				r = &graph.Role{Person: h.person.graph(), Title: h.title, Former: h.former, AsOf: asOf}
				roleIdx[key] = r
				roles = append(roles, r)
			}
			if r.Org == nil && h.org != nil {
				o := h.org.graph()
				r.Org = &o
			}
			r.Former = r.Former && h.former
			r.Evidence = addEvidence(r.Evidence, ev(st, h.conf))
		}
	}

	// positions
	var positions []*graph.Position
	posIdx := map[string]*graph.Position{}
	pc := newPosCtx(sents, lastPerson)
	for _, st := range sents {
		for _, h := range pc.findPositions(st) {
			key := phraseKey(h.party.name) + "|" + string(h.stance) + "|" + phraseKey(h.issue)
			p, ok := posIdx[key]
			if !ok {
				p = &graph.Position{Party: h.party.graph(), Stance: h.stance,
					Issue: graph.Entity{Type: graph.Issue, Name: h.issue}, Quote: h.quote}
				posIdx[key] = p
				positions = append(positions, p)
			}
			p.Evidence = addEvidence(p.Evidence, ev(st, h.conf))
		}
	}

	// events
	var known []*evHit
	type evRec struct {
		hit *evHit
		ev  *graph.Event
	}
	var events []*evRec
	for si, st := range sents {
		dates := findDates(st, a.Date)
		var lead graph.Date
		if si < leadSentences {
			lead = graph.DayDate(a.Date)
		}
		for _, h := range findEvents(st, dates, known, lead) {
			h := h
			var into *evRec
			for _, r := range events {
				if sameEvent(r.hit, &h) {
					into = r
					break
				}
			}
			if into == nil {
				e := &graph.Event{Name: h.name, Date: h.date}
				if h.place != nil {
					p := h.place.graph()
					e.Place = &p
				}
				into = &evRec{hit: &h, ev: e}
				events = append(events, into)
				known = append(known, into.hit)
			} else {
				// fill in what the first telling left out
				if into.ev.Date.IsZero() && !h.date.IsZero() {
					into.ev.Date, into.hit.date = h.date, h.date
				}
				if into.ev.Place == nil && h.place != nil {
					p := h.place.graph()
					into.ev.Place, into.hit.place = &p, h.place
					into.ev.Name = h.name
				}
			}
			into.ev.Evidence = addEvidence(into.ev.Evidence, ev(st, h.conf))
		}
	}

	for _, e := range ents {
		if e.typ == graph.Issue || e.name == "" {
			continue
		}
		f.Entities = append(f.Entities, e.graph())
	}
	for _, r := range roles {
		f.Roles = append(f.Roles, *r)
	}
	// a role with an organization makes the same role without one redundant
	f.Roles = dropOrgless(f.Roles)
	for _, p := range positions {
		f.Positions = append(f.Positions, *p)
	}
	for _, r := range events {
		f.Events = append(f.Events, *r.ev)
	}
	return f
}

// leadSentences is how many opening sentences are taken to tell of the
// article's own day when they give no date.
const leadSentences = 2

// sameEvent reports whether two event mentions tell of one event: same kind
// of event, and dates and places that agree where both are known.
func sameEvent(a, b *evHit) bool {
	if a.group != b.group {
		return false
	}
	if !a.date.IsZero() && !b.date.IsZero() && a.date != b.date {
		return false
	}
	if a.place != nil && b.place != nil && a.place != b.place {
		return false
	}
	// at least one of date and place must be shared
	return (!a.date.IsZero() && a.date == b.date) || (a.place != nil && a.place == b.place) || complementary(a, b)
}

func dropOrgless(rs []graph.Role) []graph.Role {
	withOrg := map[string]bool{}
	for _, r := range rs {
		if r.Org != nil {
			withOrg[phraseKey(r.Person.Name)+"|"+titleKey(r.Title)] = true
		}
	}
	out := rs[:0]
	for _, r := range rs {
		if r.Org == nil && withOrg[phraseKey(r.Person.Name)+"|"+titleKey(r.Title)] {
			continue
		}
		out = append(out, r)
	}
	return out
}

// titleKey normalises a role title for deduplication.
func titleKey(t string) string {
	return strings.TrimSuffix(phraseKey(t), ".")
}

func addEvidence(list []graph.Evidence, e graph.Evidence) []graph.Evidence {
	for i, x := range list {
		if x.Start == e.Start && x.End == e.End {
			if e.Confidence > x.Confidence {
				list[i].Confidence = e.Confidence
			}
			return list
		}
	}
	return append(list, e)
}

func clamp(c float64) float64 {
	if c < 0 {
		return 0
	}
	if c > 1 {
		return 1
	}
	return c
}
