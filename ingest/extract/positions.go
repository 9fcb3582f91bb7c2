package extract

import (
	"strings"

	"kg/graph"
)

// stanceTrigger is a stance word and what it needs after it.
type stanceTrigger struct {
	stance graph.Stance
	prep   string // a word that must follow ("for" in "call for"), or ""
}

// stanceWords maps a word form to its stance. Forms with a required particle
// are listed with it.
var stanceWords = map[string]stanceTrigger{}

func init() {
	add := func(st graph.Stance, prep string, forms string) {
		for _, f := range strings.Fields(forms) {
			stanceWords[f] = stanceTrigger{stance: st, prep: prep}
		}
	}
	add(graph.Demands, "", "demand demands demanded demanding urge urges urged urging insist insists insisted insisting seek seeks sought seeking request requests requested requesting")
	add(graph.Demands, "for", "call calls called calling push pushes pushed pushing press pressed pressing ask asks asked asking")
	add(graph.Supports, "", "support supports supported supporting back backs backed backing endorse endorses endorsed endorsing favor favors favored favour favours favoured praise praises praised praising defend defends defended defending approve approves approved approving want wants wanted champion championed")
	add(graph.Supports, "to", "agree agrees agreed")
	add(graph.Opposes, "", "oppose opposes opposed opposing criticise criticises criticised criticising criticize criticizes criticized criticizing condemn condemns condemned condemning denounce denounces denounced denouncing slam slams slammed blast blasts blasted block blocks blocked blocking")
	add(graph.Opposes, "to", "object objects objected objecting")
	add(graph.Rejects, "", "reject rejects rejected rejecting dismiss dismisses dismissed dismissing deny denies denied denying veto vetoes vetoed refuse refuses refused refusing")
	add(graph.Demands, "", "order orders ordered")
	add(graph.Proposes, "to", "threaten threatens threatened vow vows vowed pledge pledges pledged promise promises promised")
	add(graph.Supports, "for", "ready")
	add(graph.Proposes, "", "propose proposes proposed proposing suggest suggests suggested suggesting recommend recommends recommended recommending offer offers offered unveil unveils unveiled")
}

// flip is the stance a negation turns a stance into.
var flip = map[graph.Stance]graph.Stance{
	graph.Supports: graph.Opposes, graph.Opposes: graph.Supports, graph.Demands: graph.Rejects,
	graph.Proposes: graph.Rejects, graph.Rejects: graph.Supports,
}

// clauseStop ends a subject search or an issue phrase.
var issueStop = wordSet(`. ; : ! ? " — – -- but while because although though saying said says according who which whereas unless`)

var negations = wordSet(`not n't never no`)

var hypothetical = wordSet(`whether if unless might could`)

var subjectPreps = wordSet(`of in at from to with by for on against about into over under between among like as than`)

// posHit is a position found in one sentence.
type posHit struct {
	party  *entity
	stance graph.Stance
	issue  string
	quote  string
	conf   float64
}

// findPositions returns the positions stated in st. last is the most recent
// person mentioned before st (for a sentence that starts with "He").
func findPositions(st *sent, lastPerson func(at int) *entity, speaker *entity) []posHit {
	var out []posHit
	n := len(st.w)
	covered := -1 // words up to here belong to an earlier stance's issue
	for i := 0; i < n; i++ {
		lw := st.w[i].lower
		trig, ok := stanceWords[lw]
		if !ok || i <= covered {
			continue
		}
		// a passive ("was rejected") names no party before the verb
		if st.w[i].Tag == "VBN" {
			switch st.lower(i - 1) {
			case "was", "were", "been", "be", "is", "are", "being":
				continue
			}
		}
		tag := st.w[i].Tag
		// nouns count only for demand/call/support/proposal forms followed by a complement
		isVerb := strings.HasPrefix(tag, "VB") || tag == "MD"
		k := i + 1
		if trig.prep != "" {
			switch {
			case st.lower(k) == trig.prep:
				k++
			case lw == "ready" && st.lower(k) == "to":
				k++
			case trig.prep == "for" && (lw == "call" || lw == "calls" || lw == "called") && st.lower(k) == "on":
				k++ // "called on X to Y": the issue is X to Y
			case trig.prep == "for" && strings.HasPrefix(lw, "ask") && st.mentionAt(k) != nil:
				// "asked the X to Y"
			case trig.prep == "for" && strings.HasPrefix(lw, "ask") && st.lower(k) == "the":
			default:
				continue
			}
		}
		if lw == "ready" && st.lower(i-1) != "was" && st.lower(i-1) != "is" && st.lower(i-1) != "are" && st.lower(i-1) != "were" && st.lower(i-1) != "be" {
			continue
		}
		if !isVerb && trig.prep == "" {
			// "demands that …", "support for …"
			nx := st.lower(k)
			if nx != "that" && nx != "for" && nx != "of" && nx != "to" {
				continue
			}
		}
		if lw == "plan" || lw == "plans" || lw == "planned" || lw == "planning" || lw == "refuse" || lw == "refuses" || lw == "refused" || lw == "refusing" || lw == "want" || lw == "wants" || lw == "wanted" {
			if st.lower(k) != "to" && !(lw == "want" || lw == "wants" || lw == "wanted") {
				continue
			}
		}
		if lw == "back" && st.lower(i-1) != "to" && !strings.HasPrefix(tag, "VB") {
			continue
		}
		stance := trig.stance
		_ = stance
		// the issue
		issue, issueEnd := issuePhrase(st, k)
		if issue == "" {
			continue
		}
		if (lw == "want" || lw == "wants" || lw == "wanted") && st.lower(k) != "to" && strings.Contains(" "+strings.ToLower(issue)+" ", " to ") {
			stance = graph.Demands // "wanted Bush to reserve …"
		}
		// the subject
		party, subjAt, neg, hyp := subjectOf(st, i, lastPerson, speaker)
		if party == nil || hyp {
			continue
		}
		_ = subjAt
		if neg {
			stance = flip[stance]
		}
		conf := 0.6
		if party.typ == graph.Person {
			conf = 0.65
		}
		quote := ""
		if st.quote[i] {
			quote = strings.Trim(st.text(0, n), " ")
			conf -= 0.1
		}
		covered = issueEnd
		out = append(out, posHit{party: party, stance: stance, issue: issue, quote: quote, conf: conf})
	}
	return out
}

// issuePhrase reduces the words from k on to a short issue phrase.
func issuePhrase(st *sent, k int) (string, int) {
	for k < len(st.w) && (st.lower(k) == `"` || st.lower(k) == "'" || st.lower(k) == "that" || st.lower(k) == "for" || st.lower(k) == "on" || st.lower(k) == "to" || st.lower(k) == "of" || st.lower(k) == "the" || st.lower(k) == "a" || st.lower(k) == "an") {
		k++
	}
	start := k
	for k < len(st.w) && k-start < 12 {
		lw := st.lower(k)
		if issueStop[lw] || lw == "," && k-start >= 3 {
			break
		}
		k++
	}
	for k > start && (st.lower(k-1) == "," || st.lower(k-1) == "and" || st.lower(k-1) == "the" || st.lower(k-1) == "to") {
		k--
	}
	if k-start == 0 {
		return "", k
	}
	content := 0
	for i := start; i < k; i++ {
		t := st.w[i].Tag
		if strings.HasPrefix(t, "NN") || strings.HasPrefix(t, "VB") || strings.HasPrefix(t, "JJ") {
			content++
		}
	}
	if content == 0 {
		return "", k
	}
	return st.text(start, k), k
}

// subjectOf finds the party of the stance word at i: the nearest mention
// before it in the same clause that is not the object of a preposition, or a
// pronoun resolved to the last person, or — inside a quotation, for "I" and
// "we" — the speaker. It also reports a negation between them and whether
// the clause is hypothetical.
func subjectOf(st *sent, i int, lastPerson func(at int) *entity, speaker *entity) (party *entity, at int, neg, hyp bool) {
	for k := i - 1; k >= 0 && k >= i-20; k-- {
		lw := st.lower(k)
		if negations[lw] && i-k <= 4 && st.lower(k+1) != "just" && st.lower(k+1) != "only" {
			neg = true
		}
		if hypothetical[lw] {
			hyp = true
		}
		if lw == ";" || lw == ":" {
			break
		}
		if st.quote[i] && !st.quote[k] {
			break // a quotation's own subject is inside it
		}
		if !st.quote[i] && st.quote[k] {
			continue
		}
		if lw == "," && k < i-1 {
			// a clause boundary unless an apposition ends here
			if m := st.mentionEndingAt(k); m == nil {
				if st.mentionAt(k-1) == nil {
					// keep looking past short appositions only
					if i-k > 6 {
						break
					}
				}
			}
		}
		if personPronouns[lw] && (lw == "he" || lw == "she") {
			if p := lastPerson(st.w[k].Start); p != nil {
				return p, k, neg, hyp
			}
			return nil, k, neg, hyp
		}
		if (lw == "i" || lw == "we") && st.quote[k] && speaker != nil {
			return speaker, k, neg, hyp
		}
		if lw == "they" && !st.quote[k] {
			// the group the sentence is about, if it opened with one
			for _, m := range st.ments {
				if m.s < k && m.ent != nil && m.ent.typ == graph.Organization && strings.HasSuffix(m.ent.name, "s") {
					return m.ent, k, neg, hyp
				}
			}
			return nil, k, neg, hyp
		}
		if m := st.mentionAt(k); m != nil && m.ent != nil {
			if m.s > 0 && subjectPreps[st.lower(m.s-1)] {
				k = m.s
				continue
			}
			if st.lower(m.e) == "'s" && m.e < i-1 {
				// "Putin's demand": the possessor is the party only right before the word
				k = m.s
				continue
			}
			// "X, California Democrat, threatened": the person before the apposition
			if m.s >= 2 && st.lower(m.s-1) == "," {
				if p := st.mentionEndingAt(m.s - 1); p != nil && p.ent != nil && p.ent.typ == graph.Person {
					return p.ent, p.s, neg, hyp
				}
			}
			// "whether Russia will insist": the clause is a question
			for j := m.s - 1; j >= 0 && j >= m.s-3; j-- {
				if hypothetical[st.lower(j)] {
					hyp = true
				}
			}
			if g := groupNoun(st, m); g != nil {
				return g, m.s, neg, hyp
			}
			return m.ent, m.s, neg, hyp
		}
	}
	return nil, -1, neg, hyp
}

var groupNouns = wordSet(`lawmakers senators officials aides lawyers attorneys leaders protesters members
representatives supporters critics advisers advisors executives investors workers voters delegates negotiators
officers prosecutors regulators spokesmen allies`)

// groupNoun turns a mention followed by a plural group noun ("GOP
// lawmakers", "McCabe's lawyers") into a party of its own.
func groupNoun(st *sent, m *mention) *entity {
	k := m.e
	if st.lower(k) == "'s" || st.lower(k) == "'" {
		k++
	}
	if !groupNouns[st.lower(k)] {
		return nil
	}
	name := st.text(m.s, k+1)
	return &entity{typ: graph.Organization, name: name, aliases: map[string]bool{name: true}, votes: map[graph.EntityType]float64{}}
}

// speakerOf returns the entity a sentence attributes its quotation to:
// `"…," X said`, `"…," said X`, `X said "…"`, or a pronoun for the last
// person.
func speakerOf(st *sent, lastPerson func(at int) *entity) *entity {
	hasQuote := false
	for _, q := range st.quote {
		if q {
			hasQuote = true
			break
		}
	}
	if !hasQuote {
		return nil
	}
	for i, w := range st.w {
		if st.quote[i] {
			continue
		}
		switch w.lower {
		case "said", "says", "added", "told", "stated", "declared", "wrote", "asked", "insisted", "argued", "noted":
		default:
			continue
		}
		// after: "said X", "said Senator X"
		j := i + 1
		for j < len(st.w) && (titleHeads[st.lower(j)] || titleMods[st.lower(j)] || honorifics[st.lower(j)]) {
			j++
		}
		if m := st.mentionAt(j); m != nil && m.ent != nil && m.ent.typ == graph.Person {
			return m.ent
		}
		// before: "X said"
		k := i - 1
		if m := st.mentionEndingAt(i); m != nil && m.ent != nil {
			return m.ent
		}
		if k >= 0 && (st.lower(k) == "he" || st.lower(k) == "she") {
			return lastPerson(st.w[k].Start)
		}
		// "the Secretary of State said": a title for a person seen before
		for j := k; j >= 0 && j >= k-4; j-- {
			if titleHeads[st.lower(j)] {
				return nil
			}
		}
	}
	return nil
}
