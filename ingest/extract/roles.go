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

// findRoles returns the roles stated in st.
func findRoles(st *sent) []roleHit {
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
			out = append(out, roleHit{person: p, title: t, org: org, former: former, conf: conf})
		}
	}
	for _, m := range st.ments {
		if m.ent == nil || (m.ent.typ != graph.Person && !weakNonPerson(m.ent)) {
			continue
		}
		// 1. title in front: "Secretary of State Marco Rubio"
		if s, title, former, ok := titleBefore(st, m.s); ok {
			org := orgBefore(st, s)
			if org == nil {
				org = orgWithin(st, s, m.s)
			}
			add(m.ent, title, org, former, 0.85)
		} else if m.s >= 2 && st.lower(m.s-1) == "," {
			// 3. "That diplomat, William Taylor"
			if s, title, former, ok := titleBefore(st, m.s-1); ok && len(title) > 0 {
				add(m.ent, title, orgBefore(st, s), former, 0.6)
			}
		}
		// 2. apposition: "X, the secretary of the Y Council", "X, an analyst at Y"
		if m.e < len(st.w) && st.lower(m.e) == "," {
			appositionRole(st, m, add)
		}
		// 4. "X, who heads Y" / "X resigned as Y" / "X was named Y"
		verbRole(st, m, add)
	}
	// 5. "Y was led by X", "Y, led by X"
	for i := 0; i+2 < len(st.w); i++ {
		lw := st.lower(i)
		if (lw == "led" || lw == "headed" || lw == "chaired") && st.lower(i+1) == "by" {
			p := st.mentionAt(i + 2)
			if p == nil || p.s != i+2 || p.ent == nil {
				continue
			}
			// the subject: the nearest non-person mention before
			var org *entity
			for k := i - 1; k >= 0 && k >= i-6; k-- {
				if m := st.mentionAt(k); m != nil && m.ent != nil && m.ent.typ != graph.Person {
					org = m.ent
					break
				}
			}
			title := map[string]string{"led": "leader", "headed": "head", "chaired": "chair"}[lw]
			add(p.ent, []string{title}, org, false, 0.5)
		}
	}
	return out
}

// appositionRole reads "X, [the|a] [former] [Org's] title [of|at|for Org]".
func appositionRole(st *sent, m *mention, add func(*entity, []string, *entity, bool, float64)) {
	k := m.e + 1
	former := false
	for k < len(st.w) && (st.lower(k) == "the" || st.lower(k) == "a" || st.lower(k) == "an" || st.lower(k) == "its" || st.lower(k) == "his" || st.lower(k) == "her") {
		k++
	}
	if st.lower(k) == "former" {
		former = true
		k++
	}
	var org *entity
	// "X, GM's chief executive", "X, a top White House economic adviser"
	for k < len(st.w) && titleMods[st.lower(k)] && !titleHeads[st.lower(k)] && !st.w[k].cap {
		k++
	}
	if om := st.mentionAt(k); om != nil && om.s == k && om.ent != nil && om.ent.typ != graph.Person {
		org = om.ent
		k = om.e
		if st.lower(k) == "'s" {
			k++
		}
	} else if om != nil && om.s == k && om.ent != nil && st.lower(om.e) == "'s" {
		org = om.ent
		k = om.e + 1
	} else if om != nil && om.s == k && om.ent != nil && !st.isTitleWord(om.e) && st.isTitleWord(om.e+1) && !st.w[om.e].cap && strings.HasPrefix(st.w[om.e].Tag, "NN") {
		// "a former Trump campaign adviser"
		org = om.ent
		k = om.e + 1
	}
	start := k
	hasHead := false
	for k < len(st.w) && st.isTitleWord(k) && k-start < 6 {
		if titleHeads[st.lower(k)] {
			hasHead = true
		}
		if st.mentionAt(k) != nil && st.mentionAt(k).ent != nil && st.mentionAt(k).ent.typ == graph.Person {
			break
		}
		k++
	}
	if !hasHead {
		return
	}
	// trim trailing modifiers so the title ends in a head
	end := k
	for end > start && !titleHeads[st.lower(end-1)] {
		end--
	}
	var title []string
	for i := start; i < end; i++ {
		title = append(title, st.w[i].Text)
	}
	k = end
	// "of the National Security Council", "at Uralsib", "for the company"
	if p := st.lower(k); p == "of" || p == "at" || p == "for" || p == "with" || p == "to" || p == "in" {
		j := k + 1
		for j < len(st.w) && (st.lower(j) == "the" || st.lower(j) == "a") {
			j++
		}
		om := st.mentionAt(j)
		switch {
		case om != nil && om.s == j && om.ent != nil && om.ent.typ != graph.Person:
			if org == nil || p != "in" {
				org = om.ent
			}
			k = om.e
		case om != nil && om.s == j && om.ent != nil && (p == "at" || p == "of") && om.e-om.s == 1 && !om.ent.fixed:
			// an unknown one-word name after "at" is an organization
			om.ent.typ = graph.Organization
			org = om.ent
			k = om.e
		case om == nil && p != "in":
			// "counsel for procurement law": a short lower-case complement
			q := k + 1
			for q < len(st.w) && q-k <= 4 && !st.w[q].cap && strings.HasPrefix(st.w[q].Tag, "NN") {
				q++
			}
			if q > k+1 && q-k <= 4 {
				for i := k; i < q; i++ {
					title = append(title, st.w[i].Text)
				}
				k = q
			}
		}
	}
	// the apposition must end here
	if k < len(st.w) {
		switch st.lower(k) {
		case ",", ".", ";", ":", "who", "and", "said", "says", ")", "--", "-", "\u2014", "\u2013", `"`:
		default:
			if st.w[k].Tag != "VBD" && st.w[k].Tag != "VBZ" {
				return
			}
		}
	}
	add(m.ent, title, org, former, 0.75)
}

var headVerbs = map[string]string{"heads": "head", "headed": "head", "leads": "leader", "led": "leader",
	"chairs": "chair", "chaired": "chair", "runs": "head", "ran": "head", "founded": "founder",
	"co-founded": "co-founder", "directs": "director", "directed": "director"}

// verbRole reads "X, who heads Y", "X resigned as Y", "X was named Y of Z",
// "X is the Y of Z" after the person mention m.
func verbRole(st *sent, m *mention, add func(*entity, []string, *entity, bool, float64)) {
	k := m.e
	if st.lower(k) == "," {
		k++
	}
	if st.lower(k) == "who" {
		k++
		if st.lower(k) == "also" {
			k++
		}
		if t, ok := headVerbs[st.lower(k)]; ok {
			j := k + 1
			for st.lower(j) == "the" {
				j++
			}
			if om := st.mentionAt(j); om != nil && om.s == j && om.ent != nil && om.ent.typ != graph.Person {
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
	case "was", "is", "has", "had", "became", "becomes", "will":
		for st.lower(k) == "was" || st.lower(k) == "is" || st.lower(k) == "has" || st.lower(k) == "had" || st.lower(k) == "been" || st.lower(k) == "be" || st.lower(k) == "will" {
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
	for st.lower(k) == "the" || st.lower(k) == "a" || st.lower(k) == "an" || st.lower(k) == "its" || st.lower(k) == "new" {
		k++
	}
	start := k
	for k < len(st.w) && st.isTitleWord(k) && k-start < 6 {
		k++
	}
	end := k
	for end > start && !titleHeads[st.lower(end-1)] {
		end--
	}
	if end == start {
		return
	}
	var title []string
	for i := start; i < end; i++ {
		title = append(title, st.w[i].Text)
	}
	var org *entity
	if p := st.lower(end); p == "of" || p == "at" || p == "for" {
		j := end + 1
		for st.lower(j) == "the" {
			j++
		}
		if om := st.mentionAt(j); om != nil && om.s == j && om.ent != nil && om.ent.typ != graph.Person {
			org = om.ent
		}
	}
	add(m.ent, title, org, former, 0.65)
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
		for st.lower(k) == "its" || st.lower(k) == "the" || st.lower(k) == "new" || st.lower(k) == "a" || st.lower(k) == "their" {
			k++
		}
		start := k
		for k < len(st.w) && st.isTitleWord(k) && k-start < 6 {
			k++
		}
		end := k
		for end > start && !titleHeads[st.lower(end-1)] {
			end--
		}
		if end == start {
			continue
		}
		var title []string
		for j := start; j < end; j++ {
			title = append(title, st.w[j].Text)
		}
		var org *entity
		for j := i - 1; j >= 0 && j >= i-8; j-- {
			if om := st.mentionAt(j); om != nil && om.ent != nil && om.ent.typ == graph.Organization {
				org = om.ent
				break
			}
		}
		for _, t := range splitTitles(title) {
			out = append(out, roleHit{person: p.ent, title: t, org: org, conf: 0.7})
		}
	}
	return out
}
