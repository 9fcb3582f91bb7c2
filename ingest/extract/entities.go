package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"kg/graph"
)

// word is a token with the facts the rules ask of it again and again.
type word struct {
	Token
	lower string // lower case, curly quotes straightened
	cap   bool   // starts with an upper-case letter
}

// sent is a sentence being worked on: its words and the entity mentions
// found in it, ordered by position.
type sent struct {
	Sentence
	idx   int
	w     []word
	ments []*mention
	quote []bool // quote[i]: word i is inside quotation marks
}

// mention is a span of words naming an entity.
type mention struct {
	s, e    int // word range [s, e)
	surface string
	votes   map[graph.EntityType]float64
	gaz     *gazEntry // set when the gazetteer knows the phrase
	ent     *entity   // set by resolution
}

// entity is one real-world thing an article mentions, after resolution.
type entity struct {
	typ     graph.EntityType
	name    string
	aliases map[string]bool
	votes   map[graph.EntityType]float64
	fixed   bool // the gazetteer decided name and type
	first   int  // order of first mention
}

func (e *entity) graph() graph.Entity {
	out := graph.Entity{Type: e.typ, Name: e.name}
	for a := range e.aliases {
		if a != e.name {
			out.Aliases = append(out.Aliases, a)
		}
	}
	sort.Strings(out.Aliases)
	return out
}

// normWord lower-cases a token and straightens curly quotes.
func normWord(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`).Replace(s)
	return s
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func newSent(s Sentence, idx int) *sent {
	s.Tokens = mergeInitials(s.Tokens, s.Text, s.Start)
	st := &sent{Sentence: s, idx: idx, w: make([]word, len(s.Tokens))}
	inQ := false
	st.quote = make([]bool, len(s.Tokens))
	for i, t := range s.Tokens {
		st.w[i] = word{Token: t, lower: normWord(t.Text), cap: isCap(t.Text)}
		if st.w[i].lower == `"` || t.Text == "\u201c" || t.Text == "\u201d" {
			switch t.Text {
			case "\u201c":
				inQ = true
			case "\u201d":
				inQ = false
			default:
				inQ = !inQ
			}
			st.quote[i] = true
			continue
		}
		st.quote[i] = inQ
	}
	return st
}

// mergeInitials joins an initial and its period ("R" "." → "R.") so that
// "Joseph R. Biden" stays one name. text is the sentence text starting at
// byte offset base.
func mergeInitials(toks []Token, text string, base int) []Token {
	var out []Token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && len(t.Text) == 1 && t.Text[0] >= 'A' && t.Text[0] <= 'Z' &&
			toks[i+1].Text == "." && toks[i+1].Start == t.End && i+2 < len(toks) && isCap(toks[i+2].Text) {
			t.End = toks[i+1].End
			if s, e := t.Start-base, t.End-base; s >= 0 && e <= len(text) {
				t.Text = text[s:e]
			}
			t.Tag = "NNP"
			i++
		}
		out = append(out, t)
	}
	return out
}

// text returns the words [s, e) as they appear, single-spaced.
func (st *sent) text(s, e int) string {
	if s < 0 {
		s = 0
	}
	if e > len(st.w) {
		e = len(st.w)
	}
	var b strings.Builder
	for i := s; i < e; i++ {
		if i > s && st.w[i].Start > st.w[i-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(st.w[i].Text)
	}
	return strings.TrimSpace(b.String())
}

func (st *sent) lower(i int) string {
	if i < 0 || i >= len(st.w) {
		return ""
	}
	return st.w[i].lower
}

// mentionAt returns the mention covering word i, or nil.
func (st *sent) mentionAt(i int) *mention {
	for _, m := range st.ments {
		if i >= m.s && i < m.e {
			return m
		}
	}
	return nil
}

// mentionEndingAt returns the mention whose last word is i-1, or nil.
func (st *sent) mentionEndingAt(e int) *mention {
	for _, m := range st.ments {
		if m.e == e {
			return m
		}
	}
	return nil
}

// isNameWord reports whether word i may be part of a name.
func (st *sent) isNameWord(i int, docCaps map[string]bool) bool {
	w := st.w[i]
	if !w.cap || (nonNameCaps[w.lower] && !(len(w.Text) >= 2 && strings.ToUpper(w.Text) == w.Text && i > 0)) {
		return false
	}
	if strings.ContainsAny(w.Text, "0123456789") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w.Text)
	if !unicode.IsLetter(r) {
		return false
	}
	if i == 0 || (i > 0 && (st.w[i-1].lower == `"` || st.w[i-1].lower == "(")) {
		// sentence-initial capitals say nothing; ask for more.
		if w.Tag == "NNP" || w.Tag == "NNPS" || firstNames[w.lower] || docCaps[w.lower] {
			return true
		}
		if _, ok := gazetteer[w.lower]; ok {
			return true
		}
		if titleHeads[w.lower] || honorifics[w.lower] {
			return true
		}
		return i+1 < len(st.w) && st.w[i+1].cap && !nonNameCaps[st.w[i+1].lower] && (st.w[i+1].Tag == "NNP" || st.w[i+1].Tag == "NNPS")
	}
	return true
}

// connector words may join the capitalised words of one name.
var connectors = wordSet(`of and & for the de la von van der du al bin el`)

// findMentions fills st.ments.
func findMentions(st *sent, docCaps map[string]bool) {
	n := len(st.w)
	for i := 0; i < n; {
		if !st.isNameWord(i, docCaps) {
			i++
			continue
		}
		// a run of name words joined by connectors
		j := i + 1
		for j < n {
			if st.isNameWord(j, docCaps) && !st.quote[j] == !st.quote[i] {
				j++
				continue
			}
			if connectors[st.w[j].lower] && !st.w[j].cap && j+1 < n && st.isNameWord(j+1, docCaps) {
				j += 2
				continue
			}
			// "Shippers' Council", "Fishermen's Association": a possessive
			// inside an organization's name
			if (st.w[j].lower == "'" || st.w[j].lower == "'s") && j+1 < n && st.w[j+1].cap && orgSuffixes[st.w[j+1].lower] && !st.quote[j+1] {
				if _, known := gazetteer[st.w[j-1].lower]; !known {
					j += 2
					continue
				}
			}
			// initials such as "R." are name words; "-" joins nothing
			break
		}
		processRun(st, i, j)
		i = j
	}
	sort.Slice(st.ments, func(a, b int) bool { return st.ments[a].s < st.ments[b].s })
}

// processRun splits the capitalised run [s, e) into mentions.
func processRun(st *sent, s, e int) {
	for s < e {
		// whole-run gazetteer match first, then the longest prefix match
		if g, k := gazMatch(st, s, e); k > 0 {
			m := st.addMention(s, s+k)
			m.gaz = g
			m.vote(g.Type, 10)
			s += k
			for s < e && connectors[st.w[s].lower] && !st.w[s].cap {
				s++ // "Portugal and Germany": the connector joins two names
			}
			continue
		}
		// the longest piece up to a connector that splits names
		pe := s + 1
		for pe < e {
			lw := st.w[pe].lower
			if lw == "and" || lw == "&" || lw == "for" || lw == "the" {
				if runIsOrg(st, s, e) {
					pe++
					continue
				}
				break
			}
			if lw == "of" && !(orgHeadWords[st.w[pe-1].lower] || orgSuffixes[st.w[pe-1].lower] || titleHeads[st.w[pe-1].lower] || runIsOrg(st, s, e)) {
				break
			}
			if g, _ := gazMatch(st, pe, e); g != nil && !connectors[st.w[pe-1].lower] && !titleHeads[st.w[pe-1].lower] && !titleMods[st.w[pe-1].lower] && !runIsOrg(st, s, e) {
				break // "Britain Germany" never; a known name starts a new piece
			}
			pe++
		}
		splitTitle(st, s, pe)
		s = pe
		for s < e && connectors[st.w[s].lower] && !st.w[s].cap {
			s++
		}
	}
}

// runIsOrg reports whether the run [s, e) ends in an organization word.
func runIsOrg(st *sent, s, e int) bool {
	for k := e - 1; k >= s; k-- {
		lw := st.w[k].lower
		if orgSuffixes[lw] {
			return true
		}
		if !connectors[lw] && !isCountry(lw) {
			return false
		}
	}
	return false
}

func isCountry(lw string) bool {
	g, ok := gazetteer[lw]
	return ok && g.Type == graph.Place
}

// gazMatch finds the longest gazetteer phrase starting at word s within e.
func gazMatch(st *sent, s, e int) (*gazEntry, int) {
	max := gazMaxLen
	if e-s < max {
		max = e - s
	}
	for k := max; k >= 1; k-- {
		if !st.w[s+k-1].cap && k > 1 {
			continue
		}
		key := phraseKey(st.text(s, s+k))
		if g, ok := gazetteer[key]; ok {
			// a name going on after it is a different, longer name:
			// "Georgia Tech", "Washington Post"
			// "Austrian Aid Network": a demonym starting an organization's name
			if g.Type == graph.Place && e-s >= k+2 && orgSuffixes[st.w[e-1].lower] && !titleHeads[st.w[s+k].lower] && !titleMods[st.w[s+k].lower] && !connectors[st.w[s+k].lower] {
				return nil, 0
			}
			if s+k < e && !connectors[st.w[s+k].lower] && !titleHeads[st.w[s+k].lower] && !titleMods[st.w[s+k].lower] {
				if g.Type == graph.Place && !g.Demonym && !orgSuffixes[st.w[e-1].lower] {
					if _, ok2 := gazetteer[st.w[s+k].lower]; !ok2 {
						return nil, 0
					}
				}
			}
			return &g, k
		}
	}
	return nil, 0
}

// splitTitle handles a piece [s, e) of a run: a title in front ("Secretary of
// State", "Russian President") is left out of the name; the rest becomes a
// mention with type votes.
func splitTitle(st *sent, s, e int) {
	if s >= e {
		return
	}
	// an organization name ("Justice Department", "National Security
	// Council") is never split.
	if orgSuffixes[st.w[e-1].lower] || (e-s >= 2 && orgHeadWords[st.w[s].lower]) {
		m := st.addMention(s, e)
		m.vote(graph.Organization, 3)
		return
	}
	// the last title region inside the piece
	nameStart := s
	for k := s; k < e; k++ {
		lw := st.w[k].lower
		if titleHeads[lw] || honorifics[lw] {
			end := k + 1
			// "Secretary of State", "Minister for Foreign Affairs"
			if end+1 < e && (st.w[end].lower == "of" || st.w[end].lower == "for") && titleOfDomains[st.w[end+1].lower] {
				end += 2
				for end < e && (titleOfDomains[st.w[end].lower] || st.w[end].lower == "and") && end+1 < e {
					end++
				}
			}
			if end < e {
				nameStart = end
			}
		}
	}
	if nameStart > s {
		// the words before the title: an organization or place, if any
		ts := nameStart - 1
		for ts > s && (titleHeads[st.w[ts-1].lower] || titleMods[st.w[ts-1].lower] || honorifics[st.w[ts-1].lower] || st.w[ts-1].lower == "of" || titleOfDomains[st.w[ts-1].lower]) {
			ts--
		}
		if ts > s {
			splitTitle(st, s, ts)
		}
		m := st.addMention(nameStart, e)
		if honorifics[st.w[nameStart-1].lower] || titleHeads[st.w[nameStart-1].lower] || titleOfDomains[st.w[nameStart-1].lower] {
			m.vote(graph.Person, 3)
		}
		nameVotes(st, m)
		return
	}
	m := st.addMention(s, e)
	nameVotes(st, m)
}

// nameVotes adds the evidence a mention's words and context give for its type.
func nameVotes(st *sent, m *mention) {
	n := m.e - m.s
	first := st.w[m.s].lower
	if n >= 2 && firstNames[first] {
		m.vote(graph.Person, 2)
	}
	if n >= 2 && n <= 4 {
		m.vote(graph.Person, 0.5)
	}
	for k := m.s; k < m.e; k++ {
		if orgSuffixes[st.w[k].lower] {
			m.vote(graph.Organization, 1.5)
		}
	}
	// prose's opinion, a weak vote
	for k := m.s; k < m.e; k++ {
		_, label, _ := strings.Cut(st.w[k].Label, "-")
		switch label {
		case "PERSON":
			m.vote(graph.Person, 0.3)
		case "GPE", "LOCATION":
			m.vote(graph.Place, 0.3)
		case "ORGANIZATION":
			m.vote(graph.Organization, 0.3)
		}
	}
	if m.e < len(st.w) {
		switch st.w[m.e].lower {
		case "said", "says", "told", "added", "noted", "explained", "argued", "wrote", "insisted":
			m.vote(graph.Person, 0.7)
		}
	}
	if m.s > 0 {
		switch st.w[m.s-1].lower {
		case "in", "near", "across", "throughout":
			m.vote(graph.Place, 0.8)
		}
	}
	if n == 1 && strings.ToUpper(st.w[m.s].Text) == st.w[m.s].Text && len(st.w[m.s].Text) >= 2 {
		m.vote(graph.Organization, 1) // an acronym
	}
}

func (st *sent) addMention(s, e int) *mention {
	m := &mention{s: s, e: e, surface: st.text(s, e), votes: map[graph.EntityType]float64{}}
	st.ments = append(st.ments, m)
	return m
}

func (m *mention) vote(t graph.EntityType, v float64) { m.votes[t] += v }

// resolve groups the mentions of all sentences into entities: gazetteer
// names to their canonical entity, a later short form of a person ("Rubio",
// "Mr. Trump") to the full name seen before, an acronym to the name whose
// initials it spells, and then one type per entity by vote.
func resolve(sents []*sent) []*entity {
	byKey := map[string]*entity{}
	var order []*entity
	get := func(name string) *entity {
		k := phraseKey(name)
		if e, ok := byKey[k]; ok {
			return e
		}
		e := &entity{name: name, aliases: map[string]bool{}, votes: map[graph.EntityType]float64{}, first: len(order)}
		byKey[k] = e
		order = append(order, e)
		return e
	}
	// pass 1: gazetteer and multi-word names
	var all []*mention
	for _, st := range sents {
		all = append(all, st.ments...)
	}
	for _, m := range all {
		if m.gaz != nil {
			e := get(m.gaz.Name)
			e.fixed, e.typ = true, m.gaz.Type
			m.ent = e
		}
	}
	for _, m := range all {
		if m.ent == nil && m.e-m.s >= 2 {
			m.ent = get(m.surface)
		}
	}
	// pass 1b: multi-word names that extend a shorter one ("Joseph R. Biden"
	// and "Joseph Biden") become one: the longest wins.
	// pass 2: one-word names
	for _, m := range all {
		if m.ent != nil {
			continue
		}
		w := phraseKey(m.surface)
		var best *entity
		for _, e := range order {
			if e.fixed && e.typ != graph.Organization {
				continue
			}
			toks := strings.Fields(phraseKey(e.name))
			if len(toks) < 2 {
				continue
			}
			if toks[len(toks)-1] == w || (toks[0] == w && firstNames[w]) || acronymOf(m.surface, e.name) {
				if best == nil || e.votes[graph.Person] >= 0 {
					best = e
				}
			}
		}
		if best == nil && len(w) > 2 {
			// "Westhaven" after "Westhaven Terminals": a name's first word
			// alone, when only one longer name starts with it
			var only *entity
			n := 0
			for _, e := range order {
				toks := strings.Fields(phraseKey(e.name))
				if len(toks) >= 2 && toks[0] == w && !(e.fixed && e.typ != graph.Organization) && orgLike(all, e) {
					only = e
					n++
				}
			}
			if n == 1 {
				best = only
			}
		}
		if best != nil {
			m.ent = best
		} else {
			m.ent = get(m.surface)
		}
	}
	for _, m := range all {
		m.ent.aliases[m.surface] = true
		for t, v := range m.votes {
			m.ent.votes[t] += v
		}
	}
	for _, e := range order {
		if e.fixed {
			continue
		}
		e.typ = graph.Person
		best := -1.0
		for _, t := range []graph.EntityType{graph.Person, graph.Organization, graph.Place} {
			if e.votes[t] > best {
				best, e.typ = e.votes[t], t
			}
		}
		if best <= 0 {
			e.typ = graph.Organization
		}
	}
	return order
}

// acronymOf reports whether short (e.g. "GAO") spells the initials of the
// capitalised words of long ("Government Accountability Office").
func acronymOf(short, long string) bool {
	if len(short) < 2 || strings.ToUpper(short) != short {
		return false
	}
	var b strings.Builder
	for _, f := range strings.Fields(long) {
		if isCap(f) {
			r, _ := utf8.DecodeRuneInString(f)
			b.WriteRune(r)
		}
	}
	return b.String() == strings.ReplaceAll(short, ".", "")
}

// orgLike reports whether the mentions already resolved to e vote for an
// organization rather than a person.
func orgLike(all []*mention, e *entity) bool {
	var org, per float64
	for _, m := range all {
		if m.ent == e {
			org += m.votes[graph.Organization]
			per += m.votes[graph.Person]
		}
	}
	return org > per
}
