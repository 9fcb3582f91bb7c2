package extract

import (
	"strings"

	"kg/graph"
)

// roleHit is a role found in one sentence, before it is merged with the
// same role stated elsewhere.
type roleHit struct {
	person *entity
	title  string
	org    *entity
	former bool
	conf   float64
}

// isTitleWord reports whether word i may be part of a role title.
func (st *sent) isTitleWord(i int) bool {
	if i < 0 || i >= len(st.w) {
		return false
	}
	lw := st.w[i].lower
	if (lw == "&" || lw == "and") && i > 0 && titleHeads[st.w[i-1].lower] && i+1 < len(st.w) && (titleHeads[st.w[i+1].lower] || titleMods[st.w[i+1].lower]) {
		return true
	}
	return titleHeads[lw] || titleMods[lw]
}

// titleBefore finds a title that ends just before word e (the start of a
// name): "Secretary of State", "special envoy", "Defense Department
// official". It returns the first word of the title, the title, whether it
// is marked former, and the word just before it (where an organization may
// end).
func titleBefore(st *sent, e int) (start int, title []string, former bool, ok bool) {
	k := e - 1
	// "Secretary of State" / "Minister of Foreign Affairs": domain words after "of"
	domEnd := k
	for k >= 0 && titleOfDomains[st.w[k].lower] && k < e-1 || (k == e-1 && k >= 0 && titleOfDomains[st.w[k].lower]) {
		k--
	}
	if k < domEnd && k >= 1 && (st.w[k].lower == "of" || st.w[k].lower == "for") && titleHeads[st.w[k-1].lower] {
		k--
	} else {
		k = domEnd
	}
	hasHead := false
	for k >= 0 {
		lw := st.w[k].lower
		if m := st.mentionAt(k); m != nil && m.s < k && m.e == k+1 && m.e <= e {
			break // the last word of a longer name: "Nordvik Energy chief executive"
		}
		if titleHeads[lw] {
			hasHead = true
			k--
			continue
		}
		if titleMods[lw] && hasHead {
			k--
			continue
		}
		if lw == "and" && hasHead && k > 0 && titleHeads[st.w[k-1].lower] {
			k--
			continue
		}
		break
	}
	start = k + 1
	if !hasHead || start >= e {
		return 0, nil, false, false
	}
	// "Mining Minister": a capitalised portfolio word before the head
	if start > 0 && domainHeads[st.lower(start)] && st.w[start-1].cap {
		if pm := st.mentionAt(start - 1); pm != nil && pm.s == start-1 && pm.e == start && pm.gaz == nil && pm.ent != nil && !pm.ent.fixed && pm.ent.typ != graph.Person && !st.quote[start-1] {
			start--
		}
	}
	// a head must be at the end (next to the name) or be followed by "of X"
	if !titleHeads[st.w[e-1].lower] && !titleOfDomains[st.w[e-1].lower] {
		return 0, nil, false, false
	}
	for i := start; i < e; i++ {
		if st.w[i].lower == "former" {
			former = true
			continue
		}
		title = append(title, st.w[i].Text)
	}
	if start > 0 && (st.lower(start-1) == "former" || st.lower(start-1) == "ex") {
		former = true
		start--
	}
	// never an honorific alone
	if len(title) == 1 && honorifics[strings.ToLower(title[0])] {
		return 0, nil, false, false
	}
	return start, title, former, len(title) > 0
}

// orgBefore returns the entity that qualifies a title starting at word s:
// "Russian President", "US special envoy", "GM's chief executive",
// "Apple Computer CEO".
func orgBefore(st *sent, s int) *entity {
	k := s
	for k > 0 && (st.lower(k-1) == "new" || st.lower(k-1) == "then" || st.lower(k-1) == "current") {
		k--
	}
	if k > 0 && (st.lower(k-1) == "'s" || st.lower(k-1) == "'") {
		if m := st.mentionEndingAt(k - 1); m != nil && m.ent != nil {
			return m.ent
		}
		return nil
	}
	if m := st.mentionEndingAt(k); m != nil && m.ent != nil {
		if m.ent.typ != graph.Person {
			return m.ent
		}
		// "Uralsib analyst X": a one-word name nobody called a person
		if m.e-m.s == 1 && !m.ent.fixed && m.ent.votes[graph.Person] < 1 && len(m.ent.aliases) <= 2 {
			m.ent.typ = graph.Organization
			return m.ent
		}
		// "Skyrail Launch chief executive X": a name with little evidence
		// of a person, in front of a lower-case title
		if m.e-m.s >= 2 && !m.ent.fixed && weakOrg(m.ent) && !st.w[s].cap && !firstNames[st.lower(m.s)] {
			m.ent.typ = graph.Organization
			return m.ent
		}
	}
	return nil
}

// weakNonPerson reports whether e was typed as a non-person on little
// evidence (an unknown one-word name), so that a role pattern may retype it.
func weakNonPerson(e *entity) bool {
	return !e.fixed && e.votes[graph.Organization] < 1 && e.votes[graph.Place] < 1 && !strings.Contains(e.name, " ")
}

// orgWithin returns an organization or place named inside a title
// ("Senate Majority Leader", "FBI Deputy Director").
func orgWithin(st *sent, s, e int) *entity {
	for _, m := range st.ments {
		if m.s >= s && m.e <= e && m.ent != nil && m.ent.typ != graph.Person {
			return m.ent
		}
	}
	return nil
}

// splitTitles splits "CEO and co-founder" into its titles.
func splitTitles(words []string) []string {
	var out []string
	var cur []string
	for _, w := range words {
		if strings.EqualFold(w, "and") || w == "&" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
			}
			cur = nil
			continue
		}
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

// findRolesDoc returns the roles stated in st; sents is the whole article
// (st among them), read to resolve "its president", "the company's chief
// executive" and "the spokesperson for the alliance" to the organization
// named before.
func findRolesDoc(sents []*sent, st *sent) []roleHit {
	dc := &docCtx{sents: sents}
	var out []roleHit
	add := func(p *entity, titleWords []string, org *entity, former bool, conf float64) {
		if p == nil {
			return
		}
		if p.typ != graph.Person {
			if !weakNonPerson(p) {
				return
			}
			p.typ = graph.Person // a title makes it a person
		}
		if org == p {
			org = nil
		}
		for _, t := range splitTitles(titleWords) {
			t = strings.Trim(t, " ,")
			if t == "" || honorifics[strings.ToLower(t)] {
				continue
			}
			o := org
			if o == nil && mayorTitle(t) {
				o = dc.cityBefore(st)
			}
			out = append(out, roleHit{person: p, title: t, org: o, former: former, conf: conf})
		}
	}
	for mi, m := range st.ments {
		if m.ent == nil || (m.ent.typ != graph.Person && !weakNonPerson(m.ent)) {
			continue
		}
		// a name does not follow "the": "the Azores regional service"
		if m.s > 0 && st.lower(m.s-1) == "the" && (m.ent.typ != graph.Person || (!m.ent.fixed && m.ent.votes[graph.Person] < 2)) {
			continue
		}
		// 1. title in front: "Secretary of State Marco Rubio"
		if s, title, former, ok := titleBefore(st, m.s); ok {
			org := orgBefore(st, s)
			if org == nil {
				org = orgWithin(st, s, m.s)
			}
			if org == nil {
				org = dc.possRefBefore(st, s)
			}
			add(m.ent, title, org, former, 0.85)
		} else if m.s >= 2 && st.lower(m.s-1) == "," {
			// 3. "The deputy mayor for transport, X", "Its president, X",
			// "her Serbian counterpart, X"
			if ts, ok := titleBeforeComma(dc, st, m, mi); ok {
				add(m.ent, ts.words, ts.org, ts.former, 0.7)
			} else if s, title, former, ok := titleBefore(st, m.s-1); ok && len(title) > 0 {
				// "That diplomat, William Taylor"
				add(m.ent, title, orgBefore(st, s), former, 0.6)
			}
		}
		// 2. apposition: "X, the secretary of the Y Council", "X, an analyst at Y"
		if m.e < len(st.w) && st.lower(m.e) == "," {
			appositionRole(dc, st, m, add)
		}
		// 4. "X, who heads Y" / "X resigned as Y" / "X was named Y"
		verbRole(dc, st, m, add)
	}
	// 5. "Y was led by X", "Y, led by councillor X"
	for i := 0; i+2 < len(st.w); i++ {
		lw := st.lower(i)
		if (lw == "led" || lw == "headed" || lw == "chaired") && st.lower(i+1) == "by" {
			j := i + 2
			for j < len(st.w) && j-i < 6 && st.mentionAt(j) == nil && st.isTitleWord(j) {
				j++
			}
			p := st.mentionAt(j)
			if p == nil || p.s != j || p.ent == nil || (p.ent.typ != graph.Person && !weakNonPerson(p.ent)) {
				continue
			}
			// the subject: the nearest non-person mention before, or "the union"
			var org *entity
			for k := i - 1; k >= 0 && k >= i-6; k-- {
				if st.lower(k) == "the" && orgRefNouns[st.lower(k+1)] && (k+2 >= len(st.w) || st.lower(k+2) == "," || st.lower(k+2) == "was" || st.lower(k+2) == "is" || st.lower(k+2) == "led") {
					org = dc.refOrg(st, k, st.lower(k+1))
					break
				}
				if m := st.mentionAt(k); m != nil && m.ent != nil && m.ent.typ != graph.Person {
					org = m.ent
					break
				}
				if m := st.mentionAt(k); m != nil && m.ent != nil && weakOrg(m.ent) && k+1 < len(st.w) && (st.lower(k+1) == "," || st.lower(k+1) == "was") {
					org = m.ent
					break
				}
			}
			title := map[string]string{"led": "leader", "headed": "head", "chaired": "chair"}[lw]
			add(p.ent, []string{title}, org, false, 0.5)
		}
	}
	// 6. "Y was founded in 2003 by X, Z and W", "X founded Y"
	out = append(out, foundedBy(dc, st, add)...)
	return out
}

// docCtx is the article around a sentence, for references to what came
// before ("its", "the company").
type docCtx struct {
	sents []*sent
}

// orgRefNouns are the common nouns that refer back to a named
// organization: "the company", "the union's", "the alliance".
var orgRefNouns = wordSet(`company firm group union council alliance association network party ministry committee
federation agency bank coalition organisation organization institute board club team operator airline carrier
movement charity commission authority league bloc delegation society foundation corporation conglomerate
manufacturer maker insurer lender retailer broadcaster newspaper publisher university college school hospital
utility startup start-up government`)

// genericOrgNouns may refer to any organization, named with the word or not.
var genericOrgNouns = wordSet(`company firm group organisation organization operator corporation conglomerate
manufacturer maker insurer lender retailer startup start-up`)

// weakOrg reports whether e may be an organization although it was not typed
// so: an unknown name with little evidence of being a person.
func weakOrg(e *entity) bool {
	if e == nil || e.fixed {
		return e != nil && e.typ == graph.Organization
	}
	if e.typ == graph.Organization {
		return true
	}
	return e.votes[graph.Person] < 1.5
}

// refOrg resolves a reference to an organization at word at of st: the
// nearest organization named before it, in st or up to a few sentences
// back, preferring one whose name holds noun ("the alliance" → "Clean River
// Alliance"). It returns nil when nothing fits.
func (dc *docCtx) refOrg(st *sent, at int, noun string) *entity {
	if dc == nil {
		return nil
	}
	var cur *sent
	var curM *mention
	named := func(e *entity) bool {
		if noun == "" || genericOrgNouns[noun] {
			return true
		}
		// "the dockers' union Havenbond": the noun just before the name
		if cur != nil && curM != nil && curM.s > 0 && strings.TrimSuffix(cur.lower(curM.s-1), "s") == noun {
			return true
		}
		for _, w := range strings.Fields(phraseKey(e.name)) {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
			if w == noun || w == noun+"s" {
				return true
			}
		}
		return false
	}
	for pass := 0; pass < 2; pass++ {
		need := named
		if pass == 1 {
			if noun == "" || genericOrgNouns[noun] {
				break
			}
			need = func(*entity) bool { return true }
		}
		// this sentence, nearest first
		var weak *entity
		for i := len(st.ments) - 1; i >= 0; i-- {
			m := st.ments[i]
			if m.e > at || m.ent == nil {
				continue
			}
			cur, curM = st, m
			if (m.ent.typ == graph.Organization || orgCue(st, m)) && need(m.ent) {
				return m.ent
			}
			if weak == nil && weakOrg(m.ent) && !m.ent.fixed && m.ent.typ != graph.Person && need(m.ent) {
				weak = m.ent
			}
		}
		if weak != nil {
			return weak
		}
		back := 3
		if noun != "" && !genericOrgNouns[noun] && pass == 0 {
			back = 8
		}
		for si := st.idx - 1; si >= 0 && si >= st.idx-back && si < len(dc.sents); si-- {
			ps := dc.sents[si]
			var weak *entity
			for _, m := range ps.ments {
				cur, curM = ps, m
				if m.ent == nil || !need(m.ent) {
					continue
				}
				if m.ent.typ == graph.Organization || orgCue(ps, m) {
					return m.ent
				}
				if weak == nil && weakOrg(m.ent) && !m.ent.fixed && m.ent.typ != graph.Person {
					weak = m.ent
				}
			}
			if weak != nil {
				return weak
			}
		}
	}
	return nil
}

// orgCue reports whether the word before m calls it an organization: "the
// cycling association X", "the opposition group X".
func orgCue(st *sent, m *mention) bool {
	return m.s > 0 && orgRefNouns[st.lower(m.s-1)] && m.ent != nil && !(m.ent.fixed && m.ent.typ != graph.Organization)
}

// possRefBefore resolves "its" or "the company's" just before a title that
// starts at word s: "the company's chief executive X".
func (dc *docCtx) possRefBefore(st *sent, s int) *entity {
	k := s
	for k > 0 && (st.lower(k-1) == "new" || st.lower(k-1) == "then" || st.lower(k-1) == "current" || st.lower(k-1) == "former") {
		k--
	}
	if k > 0 && (st.lower(k-1) == "its" || st.lower(k-1) == "their") {
		return dc.refOrg(st, k-1, "")
	}
	if k > 2 && (st.lower(k-1) == "'s" || st.lower(k-1) == "'") && orgRefNouns[st.lower(k-2)] && st.lower(k-3) == "the" {
		return dc.refOrg(st, k-3, st.lower(k-2))
	}
	return nil
}

// countryNames holds the canonical names of the countries of the gazetteer.
var countryNames = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range countryData {
		names, _, _ := strings.Cut(line, ";")
		canon, _, _ := strings.Cut(names, "|")
		m[canon] = true
	}
	return m
}()

func mayorTitle(t string) bool {
	k := strings.Fields(strings.ToLower(t))
	return len(k) > 0 && k[len(k)-1] == "mayor"
}

// cityBefore is the nearest place that is not a country named in st or the
// few sentences before it: the city of a mayor whose city the title leaves
// out.
func (dc *docCtx) cityBefore(st *sent) *entity {
	if dc == nil {
		return nil
	}
	pick := func(s *sent) *entity {
		var weak *entity
		for _, m := range s.ments {
			if m.ent != nil && m.ent.typ == graph.Place && !countryNames[m.ent.name] && (m.gaz == nil || !m.gaz.Demonym) {
				if m.ent.fixed {
					return m.ent
				}
				if weak == nil {
					weak = m.ent
				}
			}
		}
		return weak
	}
	if e := pick(st); e != nil {
		return e
	}
	for si := st.idx - 1; si >= 0 && si >= st.idx-3 && si < len(dc.sents); si-- {
		if e := pick(dc.sents[si]); e != nil {
			return e
		}
	}
	return nil
}

// titleSpan is a role title read by parseTitle.
type titleSpan struct {
	words  []string
	org    *entity
	former bool
	end    int // the first word after the phrase
}

// domainHeads take a capitalised portfolio word in front: "Science
// Minister", "Culture Secretary".
var domainHeads = wordSet(`minister secretary commissioner spokesperson spokesman spokeswoman director chief`)

// titleEnders may follow a title phrase that stands in apposition.
var titleEnders = wordSet(`, . ; : who which whose and said says told added ) -- - " ' leading since until from by
during while when as in on at`)

// parseTitle reads a title phrase starting at word k: "[the|a|its]
// [former] [Org's|Org|demonym] [modifiers] head [of|for|at Org | of
// lower-case complement]". p is the person the title belongs to (an org
// in front is never p). ok is false when no head word is found.
func parseTitle(dc *docCtx, st *sent, k int, p *entity) (ts titleSpan, ok bool) {
	n := len(st.w)
	ref := false
	for k < n {
		switch st.lower(k) {
		case "the", "a", "an", "his", "her":
			k++
			continue
		case "its", "their":
			ref = true
			k++
			continue
		}
		break
	}
	for k < n {
		switch st.lower(k) {
		case "former", "ex", "ex-":
			ts.former = true
			k++
			continue
		case "then", "new", "current", "longtime", "long-time", "newly", "top", "veteran":
			k++
			continue
		}
		break
	}
	if ref {
		ts.org = dc.refOrg(st, k, "")
	}
	// the organization in front
	if om := st.mentionAt(k); om != nil && om.s == k && om.ent != nil && om.ent != p {
		after := om.e
		poss := st.lower(after) == "'s" || st.lower(after) == "'"
		if poss {
			after++
		}
		single := om.e-om.s == 1 && !om.ent.fixed && domainHeads[st.lower(om.e)] && st.w[om.s].cap
		// "a former Trump campaign adviser": a person's name before a
		// lower-case noun and a title
		personMod := om.ent.typ == graph.Person && !poss && after < n && !st.w[after].cap && strings.HasPrefix(st.w[after].Tag, "NN") && !titleHeads[st.lower(after)]
		if personMod && titleAhead(st, after) {
			ts.org = om.ent
			k = after
		} else if !single && (poss || om.ent.typ != graph.Person || weakOrg(om.ent)) && titleAhead(st, after) {
			ts.org = om.ent
			if om.ent.typ == graph.Person && !om.ent.fixed {
				om.ent.typ = graph.Organization
			}
			k = after
		}
	} else if orgRefNouns[st.lower(k)] && (st.lower(k+1) == "'s" || st.lower(k+1) == "'") && k > 0 && st.lower(k-1) == "the" {
		ts.org = dc.refOrg(st, k-1, st.lower(k))
		k += 2
	}
	start := k
	lastHead := -1
	lowerMods := 0
	for k < n && k-start < 7 {
		lw := st.lower(k)
		if m := st.mentionAt(k); m != nil && m.ent != nil && m.ent.typ == graph.Person && !titleHeads[lw] && !titleMods[lw] {
			break
		}
		if titleHeads[lw] {
			lastHead = k
			k++
			continue
		}
		if titleMods[lw] {
			k++
			continue
		}
		if (lw == "and" || lw == "&") && lastHead == k-1 && (titleHeads[st.lower(k+1)] || titleMods[st.lower(k+1)]) {
			k++
			continue
		}
		// "Science Minister": a capitalised portfolio before a head
		if st.w[k].cap && k+1 < n && domainHeads[st.lower(k+1)] && st.mentionAt(k) != nil && st.mentionAt(k).e == k+1 && st.mentionAt(k).e-st.mentionAt(k).s == 1 && st.mentionAt(k).gaz == nil {
			k++
			continue
		}
		// "operations director", "budget spokesperson": a lower-case noun
		if !st.w[k].cap && lowerMods < 2 && (strings.HasPrefix(st.w[k].Tag, "NN") || st.w[k].Tag == "JJ") && lastHead < 0 && !st.quote[k] {
			lowerMods++
			k++
			continue
		}
		break
	}
	if lastHead < 0 {
		return ts, false
	}
	for i := start; i <= lastHead; i++ {
		if st.lower(i) == "former" {
			ts.former = true
			continue
		}
		ts.words = append(ts.words, st.w[i].Text)
	}
	k = lastHead + 1
	// the complement: "of the National Security Council", "at Uralsib",
	// "for transport", "of the automation programme"
	for again := true; again; {
		again = false
		pr := st.lower(k)
		if !(pr == "of" || pr == "at" || pr == "for" || pr == "with" || pr == "in" || pr == "to") {
			break
		}
		j := k + 1
		the := false
		for j < n && (st.lower(j) == "the" || st.lower(j) == "a") {
			the = true
			j++
		}
		om := st.mentionAt(j)
		switch {
		case om != nil && om.s == j && om.ent != nil && om.ent != p && (st.lower(om.e) == "'s" || st.lower(om.e) == "'") && st.mentionAt(om.e+1) != nil && st.mentionAt(om.e+1).s == om.e+1:
			// "at Romania's Ministry of Energy"
			o2 := st.mentionAt(om.e + 1)
			if o2.ent != nil && o2.ent.typ != graph.Person {
				ts.org = o2.ent
				k = o2.e
			}
		case om != nil && om.s == j && om.ent != nil && om.ent != p && (om.ent.typ != graph.Person || (pr != "to" && pr != "with" && weakOrg(om.ent))):
			if pr == "to" || pr == "with" {
				if om.ent.typ == graph.Place {
					break
				}
			}
			if ts.org == nil || pr != "in" {
				ts.org = om.ent
				if om.ent.typ == graph.Person {
					om.ent.typ = graph.Organization
				}
			}
			k = om.e
			// "the Azores regional weather service": a name and common nouns
			q := k
			for q < n && q-k < 4 && !st.w[q].cap && (strings.HasPrefix(st.w[q].Tag, "NN") || st.w[q].Tag == "JJ") && !titleHeads[st.lower(q)] {
				q++
			}
			if q > k && (pr == "of" || pr == "at") && strings.HasPrefix(st.w[q-1].Tag, "NN") {
				ts.org = &entity{typ: graph.Organization, name: st.text(om.s, q), aliases: map[string]bool{st.text(om.s, q): true}, votes: map[graph.EntityType]float64{}}
				k = q
			}
		case om == nil && the && orgRefNouns[st.lower(j)] && (j+1 >= n || titleEnders[st.lower(j+1)]):
			// "the spokesperson for the alliance"
			if o := dc.refOrg(st, j, st.lower(j)); o != nil && o != p {
				ts.org = o
			}
			k = j + 1
		case om == nil && (pr == "of" || pr == "for"):
			// "head of security", "deputy mayor for transport": a short
			// lower-case complement belongs to the title
			q := j
			for q < n && q-j < 4 && !st.w[q].cap && (strings.HasPrefix(st.w[q].Tag, "NN") || st.w[q].Tag == "JJ") && !complementEnd[st.lower(q)] {
				q++
			}
			if q > j && strings.HasPrefix(st.w[q-1].Tag, "NN") && !orgRefNouns[st.lower(q-1)] {
				for i := k; i < q; i++ {
					ts.words = append(ts.words, st.w[i].Text)
				}
				k = q
				again = ts.org == nil
			}
		case om == nil && (pr == "in" || pr == "at") && the:
			// "state secretary in the finance ministry": skip the unnamed organization
			q := j
			for q < n && q-j < 3 && !st.w[q].cap && (strings.HasPrefix(st.w[q].Tag, "NN") || st.w[q].Tag == "JJ") {
				q++
			}
			if q > j && orgRefNouns[st.lower(q-1)] {
				k = q
			}
		}
	}
	ts.end = k
	return ts, true
}

// titleAhead reports whether a title word comes within a few words of k.
func titleAhead(st *sent, k int) bool {
	for i := k; i < len(st.w) && i < k+4; i++ {
		if titleHeads[st.lower(i)] {
			return true
		}
		if !titleMods[st.lower(i)] && (st.w[i].cap || !strings.HasPrefix(st.w[i].Tag, "NN") && st.w[i].Tag != "JJ") {
			return false
		}
	}
	return false
}

// titleBeforeComma reads "TITLE, X": a title phrase that starts a clause
// and ends at the comma just before the name m ("Its president, X", "said
// the company's chief executive, X", "with her Serbian counterpart, X").
func titleBeforeComma(dc *docCtx, st *sent, m *mention, mi int) (titleSpan, bool) {
	comma := m.s - 1
	// the name must end the apposition
	if m.e < len(st.w) {
		switch st.lower(m.e) {
		case ",", ".", ";", ":", ")", "--", "\u2014", "\u2013", `"`, "said", "says", "told", "who":
		default:
			if !strings.HasPrefix(st.w[m.e].Tag, "VB") {
				return titleSpan{}, false
			}
		}
	}
	_ = mi
	for b := comma - 1; b >= 0 && b >= comma-10; b-- {
		if st.lower(b) == "," && b < comma-1 {
			break
		}
		prev := st.lower(b - 1)
		if b > 0 {
			switch prev {
			case ",", `"`, "said", "says", "added", "with", "and", "by", "to", "from", "--", "\u2014", "\u2013", ":", "(", "according", "told", "for", "as":
			default:
				continue
			}
		}
		// the phrase must start with a determiner, a possessive or a title word
		fw := st.lower(b)
		if !(fw == "the" || fw == "its" || fw == "their" || fw == "his" || fw == "her" || fw == "a" || fw == "an" || titleHeads[fw] || titleMods[fw] || st.mentionAt(b) != nil) {
			continue
		}
		if ts, ok := parseTitle(dc, st, b, m.ent); ok && ts.end == comma {
			return ts, true
		}
	}
	return titleSpan{}, false
}

// appositionRole reads "X, [the|a] [former] [Org's] title [of|at|for Org]".
func appositionRole(dc *docCtx, st *sent, m *mention, add func(*entity, []string, *entity, bool, float64)) {
	ts, ok := parseTitle(dc, st, m.e+1, m.ent)
	if !ok {
		return
	}
	k := ts.end
	// the apposition must end here
	if k < len(st.w) && !titleEnders[st.lower(k)] {
		t := st.w[k].Tag
		if t != "VBD" && t != "VBZ" && t != "VBG" && t != "VBN" {
			return
		}
	}
	add(m.ent, ts.words, ts.org, ts.former, 0.75)
}

// complementEnd ends a title's complement: "head of security last year".
var complementEnd = wordSet(`last next this year month week day today yesterday tomorrow morning evening night
since until after before`)

// roleAdverbs may stand between "was" and a title: "was previously head of".
var roleAdverbs = wordSet(`previously formerly once later also currently now briefly then still long recently already`)

var headVerbs = map[string]string{"heads": "head", "headed": "head", "leads": "leader", "led": "leader",
	"chairs": "chair", "chaired": "chair", "runs": "head", "ran": "head", "founded": "founder",
	"co-founded": "co-founder", "directs": "director", "directed": "director", "cofounded": "co-founder"}

// verbRole reads "X, who heads Y", "X resigned as Y", "X was named Y of Z",
// "X is the Y of Z", "X, a Z politician who resigned as Y" after the person
// mention m.
func verbRole(dc *docCtx, st *sent, m *mention, add func(*entity, []string, *entity, bool, float64)) {
	n := len(st.w)
	k := m.e
	if st.lower(k) == "," {
		k++
		// skip an apposition up to "who" or its closing comma
		for j := k; j < n && j-k < 12; j++ {
			lw := st.lower(j)
			if lw == "who" {
				k = j
				break
			}
			if lw == "," {
				if j+1 < n && strings.HasPrefix(st.w[j+1].Tag, "VB") {
					k = j + 1
				}
				break
			}
			if lw == "." || lw == ";" || strings.HasPrefix(st.w[j].Tag, "VB") {
				break
			}
			if pm := st.mentionAt(j); pm != nil && pm.ent != nil && pm.ent.typ == graph.Person && pm.ent != m.ent {
				break
			}
		}
	}
	if st.lower(k) == "who" {
		k++
		if st.lower(k) == "also" || st.lower(k) == "now" || st.lower(k) == "currently" {
			k++
		}
		if t, ok := headVerbs[st.lower(k)]; ok {
			j := k + 1
			for st.lower(j) == "the" {
				j++
			}
			if om := st.mentionAt(j); om != nil && om.s == j && om.ent != nil && om.ent != m.ent && (om.ent.typ != graph.Person || weakOrg(om.ent)) {
				add(m.ent, []string{t}, om.ent, false, 0.7)
			}
			return
		}
	}
	former := false
	switch st.lower(k) {
	case "resigned", "resigns", "retired", "retires", "quit", "quits":
		former = true
		k++
		if st.lower(k) != "as" {
			return
		}
	case "serves", "served", "serving", "works", "worked", "acts", "acted":
		if st.lower(k+1) != "as" {
			return
		}
		k++
	case "currently", "now", "also":
		if st.lower(k+1) != "serves" && st.lower(k+1) != "is" {
			return
		}
		k++
		if st.lower(k) == "serves" {
			k++
		}
	case "stepped", "steps", "stood", "stands":
		if st.lower(k+1) != "down" {
			return
		}
		former = true
		k += 2
		if st.lower(k) != "as" {
			return
		}
	case "was", "is", "has", "had", "became", "becomes", "will":
		for st.lower(k) == "was" || st.lower(k) == "is" || st.lower(k) == "has" || st.lower(k) == "had" || st.lower(k) == "been" || st.lower(k) == "be" || st.lower(k) == "will" || roleAdverbs[st.lower(k)] {
			k++
		}
		switch st.lower(k) {
		case "named", "appointed", "elected", "promoted", "nominated", "made":
			k++
		case "became", "becomes", "the", "a", "an", "its", "their":
		default:
			if !st.isTitleWord(k) {
				return
			}
		}
	default:
		return
	}
	if st.lower(k) == "became" || st.lower(k) == "becomes" {
		k++
	}
	if st.lower(k) == "as" {
		k++
	}
	ts, ok := parseTitle(dc, st, k, m.ent)
	if !ok {
		return
	}
	add(m.ent, ts.words, ts.org, former || ts.former, 0.65)
}

// namedAs reads "Org named|appointed X [as] [its] [new] title": the subject
// organization gives the org of the role.
func namedAs(st *sent) []roleHit {
	var out []roleHit
	for i := 1; i+1 < len(st.w); i++ {
		switch st.lower(i) {
		case "named", "appointed", "names", "appoints", "hired", "hires", "picked", "chose", "chosen", "elected":
		default:
			continue
		}
		p := st.mentionAt(i + 1)
		if p == nil || p.s != i+1 || p.ent == nil || p.ent.typ != graph.Person {
			continue
		}
		k := p.e
		if st.lower(k) == "as" {
			k++
		}
		ts, ok := parseTitle(nil, st, k, p.ent)
		if !ok {
			continue
		}
		org := ts.org
		if org == nil {
			for j := i - 1; j >= 0 && j >= i-8; j-- {
				if om := st.mentionAt(j); om != nil && om.ent != nil && om.ent != p.ent && (om.ent.typ == graph.Organization || (weakOrg(om.ent) && om.ent.typ != graph.Place)) {
					org = om.ent
					break
				}
			}
		}
		for _, t := range splitTitles(ts.words) {
			out = append(out, roleHit{person: p.ent, title: t, org: org, former: ts.former, conf: 0.7})
		}
	}
	return out
}

// foundedBy reads "Y was founded in 2003 by X, Z and W" and "X founded Y":
// each X is a founder of Y.
func foundedBy(dc *docCtx, st *sent, add func(*entity, []string, *entity, bool, float64)) []roleHit {
	n := len(st.w)
	for i := 0; i < n; i++ {
		lw := st.lower(i)
		if lw != "founded" && lw != "co-founded" && lw != "cofounded" && lw != "established" {
			continue
		}
		title := "founder"
		if lw != "founded" && lw != "established" {
			title = "co-founder"
		}
		// passive: "was founded (in 2003) by X"
		if i > 0 && (st.lower(i-1) == "was" || st.lower(i-1) == "were" || st.lower(i-1) == ",") {
			j := i + 1
			for j < n && j-i < 6 && st.lower(j) != "by" && st.lower(j) != "," && st.lower(j) != "." {
				j++
			}
			if st.lower(j) != "by" {
				continue
			}
			var org *entity
			for k := i - 1; k >= 0 && k >= i-5; k-- {
				if om := st.mentionAt(k); om != nil && om.ent != nil && (om.ent.typ != graph.Person || weakOrg(om.ent)) {
					org = om.ent
					break
				}
				if orgRefNouns[st.lower(k)] && k > 0 && st.lower(k-1) == "the" {
					org = dc.refOrg(st, k-1, st.lower(k))
					break
				}
			}
			if org == nil {
				continue
			}
			for k := j + 1; k < n; {
				pm := st.mentionAt(k)
				if pm == nil || pm.s != k || pm.ent == nil || pm.ent == org || pm.ent.typ != graph.Person {
					break
				}
				add(pm.ent, []string{title}, org, false, 0.6)
				k = pm.e
				if st.lower(k) == "," || st.lower(k) == "and" {
					k++
					if st.lower(k) == "and" {
						k++
					}
					continue
				}
				break
			}
			continue
		}
		// active: "X founded Y"
		if lw == "established" {
			continue
		}
		pm := st.mentionEndingAt(i)
		if pm == nil || pm.ent == nil || pm.ent.typ != graph.Person {
			continue
		}
		j := i + 1
		if st.lower(j) == "the" {
			j++
		}
		if om := st.mentionAt(j); om != nil && om.s == j && om.ent != nil && om.ent != pm.ent && (om.ent.typ == graph.Organization || (weakOrg(om.ent) && om.ent.typ != graph.Place)) {
			add(pm.ent, []string{title}, om.ent, false, 0.6)
		}
	}
	return nil
}
