package extract

import (
	"strings"

	"kg/graph"
)

// Positions (party – stance – issue) come from stance words in three frames:
//
//   - a verb with its subject: "X rejected the plan", "X called for talks",
//     "X voted against the budget", "X urged Y to act", "X refused to pay";
//   - a passive with its agent: "the plan was rejected by X";
//   - a noun with its owner: "X's demand for talks", "X issued a new call
//     for talks", "X's opposition to the plan".
//
// The party is the subject of the clause, found by walking left over the
// verb group (auxiliaries, adverbs, negation), appositions ("X, California
// Democrat,"), relative pronouns ("X, who opposes …"), infinitive chains ("X
// has continued to attack …", "X sued Y in an attempt to block …") and
// participles ("…, calling for …"). Pronouns resolve to the last person
// ("he", "she") or the last group ("they"); "I" and "we" inside a quotation to
// its speaker; titles ("the president") to the person last named with that
// title; group nouns ("GOP lawmakers", "three Democratic senators") and role
// nouns without a name ("a federal judge") become parties of their own.
// Negation between party and verb flips the stance; questions, conditionals
// ("whether X will insist", "if they refuse") and speculative modals ("could",
// "might") give nothing.

// stanceRule says how a stance word takes its issue.
type stanceRule struct {
	stance   graph.Stance
	verb     bool                    // the form may be a verb
	obj      bool                    // a noun phrase object: "rejected the plan"
	inf      bool                    // "to" and a verb: "refused to pay"
	that     bool                    // a clause: "insisted that …"
	objTo    bool                    // an object and "to": "urged Congress to act"
	planObj  bool                    // the object must be a plan-like noun: "unveiled a bill"
	needPrep bool                    // only with one of preps
	preps    map[string]graph.Stance // particles: "call for", "vote against"
	noun     map[string]bool         // as a noun, the words that may follow: "demand for"
}

// stanceWords maps a word form to its rule.
var stanceWords = map[string]*stanceRule{}

func stanceCode(c string) graph.Stance {
	switch c {
	case "S":
		return graph.Supports
	case "O":
		return graph.Opposes
	case "D":
		return graph.Demands
	case "P":
		return graph.Proposes
	case "R":
		return graph.Rejects
	}
	return ""
}

// defStance adds forms with a rule written as space-separated flags: obj,
// inf, that, objto, plan, need, verb; "p:for,against=O" particles (with an
// optional stance of their own); "n:for,that" noun complements.
func defStance(code, spec, forms string) {
	r := &stanceRule{stance: stanceCode(code), preps: map[string]graph.Stance{}, noun: map[string]bool{}}
	for _, f := range strings.Fields(spec) {
		switch {
		case f == "obj":
			r.obj, r.verb = true, true
		case f == "inf":
			r.inf, r.verb = true, true
		case f == "that":
			r.that, r.verb = true, true
		case f == "objto":
			r.objTo, r.verb = true, true
		case f == "plan":
			r.planObj, r.obj, r.verb = true, true, true
		case f == "need":
			r.needPrep, r.verb = true, true
		case strings.HasPrefix(f, "p:"):
			r.verb = true
			for _, p := range strings.Split(f[2:], ",") {
				w, c, ok := strings.Cut(p, "=")
				st := r.stance
				if ok {
					st = stanceCode(c)
				}
				r.preps[w] = st
			}
		case strings.HasPrefix(f, "n:"):
			for _, p := range strings.Split(f[2:], ",") {
				r.noun[p] = true
			}
		}
	}
	for _, w := range strings.Fields(forms) {
		if old, ok := stanceWords[w]; ok {
			// a form in two entries (a verb and a noun): merge
			if r.verb && !old.verb {
				r.noun = old.noun
				stanceWords[w] = r
			} else if !r.verb && old.verb {
				old.noun = r.noun
			}
			continue
		}
		stanceWords[w] = r
	}
}

func init() {
	// demands
	defStance("D", "obj that n:for,that", "demand demands demanded demanding")
	defStance("D", "objto", "urge urges urged urging")
	defStance("D", "that need p:on,upon", "insist insists insisted insisting")
	defStance("D", "obj inf", "seek seeks sought seeking")
	defStance("D", "obj objto n:for", "request requests requested requesting")
	defStance("D", "need objto p:for,on n:for", "call calls called calling")
	defStance("D", "need p:for n:for", "push pushes pushed pushing press presses pressed pressing lobby lobbies lobbied lobbying plead pleads pleaded pleading pled appeal appeals appealed appealing clamor clamored clamour clamoured")
	defStance("D", "need objto p:for", "ask asks asked asking")
	defStance("D", "objto", "order orders ordered ordering")
	defStance("D", "need p:for,against=O", "campaign campaigns campaigned campaigning fight fights fought fighting argue argues argued arguing")
	defStance("S", "obj inf objto", "want wants wanted")
	// supports
	defStance("S", "obj n:for,of", "support supports supported supporting backing")
	defStance("S", "obj", "back backs backed endorse endorses endorsed endorsing favor favors favored favoring favour favours favoured favouring praise praises praised praising defend defends defended defending approve approves approved approving welcome welcomes welcomed welcoming embrace embraces embraced embracing champion champions championed championing uphold upholds upheld upholding applaud applauds applauded applauding hail hails hailed hailing commend commends commended commending advocate advocates advocated advocating")
	defStance("S", "n:of", "endorsement endorsements")
	defStance("S", "need p:to,on", "agree agrees agreed agreeing")
	defStance("S", "plan", "pass passes passed passing adopt adopts adopted adopting ratify ratifies ratified ratifying sign signs signed signing")
	defStance("S", "need p:for,against=O,down=R", "vote votes voted voting")
	// opposes
	defStance("O", "obj n:to", "oppose opposes opposed opposing opposition")
	defStance("O", "obj n:of", "criticise criticises criticised criticising criticize criticizes criticized criticizing criticism")
	defStance("O", "obj", "condemn condemns condemned condemning denounce denounces denounced denouncing slam slams slammed slamming blast blasts blasted blasting block blocks blocked blocking resist resists resisted resisting challenge challenges challenged challenging decry decries decried decrying lambast lambasts lambasted lambasting assail assails assailed assailing boycott boycotts boycotted boycotting accuse accuses accused accusing sue sues sued suing")
	defStance("O", "need p:to", "object objects objected objecting")
	defStance("O", "need p:of", "disapprove disapproves disapproved disapproving")
	defStance("O", "need p:against", "warn warns warned warning")
	// rejects
	defStance("R", "obj n:of", "reject rejects rejected rejecting rejection")
	defStance("R", "obj", "dismiss dismisses dismissed dismissing veto vetoes vetoed vetoing rebuff rebuffs rebuffed rebuffing spurn spurns spurned spurning")
	defStance("R", "obj that", "deny denies denied denying")
	defStance("R", "inf obj", "refuse refuses refused refusing decline declines declined declining")
	defStance("R", "n:to", "refusal")
	defStance("R", "need p:aside,off", "brush brushes brushed brushing wave waves waved waving")
	defStance("R", "need p:down", "turn turns turned turning")
	defStance("R", "need p:out", "rule rules ruled ruling")
	// proposes
	defStance("P", "obj that n:to,for", "propose proposes proposed proposing proposal proposals")
	defStance("P", "obj that", "suggest suggests suggested suggesting recommend recommends recommended recommending")
	defStance("P", "obj inf n:to,of", "offer offers offered offering")
	defStance("P", "inf n:to,for", "plan plans planned planning")
	defStance("P", "inf n:to", "threaten threatens threatened threatening vow vows vowed vowing pledge pledges pledged pledging promise promises promised promising threat threats")
	defStance("P", "plan", "unveil unveils unveiled unveiling introduce introduces introduced introducing present presents presented presenting outline outlines outlined outlining draft drafts drafted drafting submit submits submitted submitting table tabled tabling")
	defStance("D", "n:for", "calls push")
	defStance("O", "n:against", "campaign")
}

// planNouns are the objects that make "introduced", "passed", "signed" a
// stance.
var planNouns = wordSet(`plan plans proposal proposals bill bills budget budgets measure measures legislation law laws
resolution resolutions amendment amendments framework initiative initiatives package packages deal deals reform
reforms scheme strategy blueprint policy policies motion motions treaty agreement agreements accord ordinance
regulation regulations rules rule tax taxes tariff tariffs ban cap cut cuts program programme programs act
roadmap road map ceasefire truce compromise settlement offer`)

// flip is the stance a negation turns a stance into.
var flip = map[graph.Stance]graph.Stance{
	graph.Supports: graph.Opposes, graph.Opposes: graph.Supports, graph.Demands: graph.Rejects,
	graph.Proposes: graph.Rejects, graph.Rejects: graph.Supports,
}

var negations = wordSet(`not n't never no`)

// hypothetical words before a party make its clause a question or a condition.
var hypothetical = wordSet(`whether if unless`)

// speculative modals in the verb group say nothing certain.
var speculative = wordSet(`could might may should`)

// auxWords may stand between a subject and its verb.
var auxWords = wordSet(`is are was were be been being am 's 're has have had having 've 'd do does did will would shall
can must 'll wo ca`)

// softAdverbs may stand inside a verb group or between a verb and its particle.
var softAdverbs = wordSet(`also again repeatedly strongly publicly firmly openly now still long already recently
previously initially later then immediately quickly swiftly formally officially reportedly effectively quietly
loudly sharply vehemently fiercely angrily flatly largely widely unanimously narrowly overwhelmingly just only
even further far more most aggressively explicitly expressly specifically personally jointly once twice first
finally eventually ultimately instead likewise similarly too all both each yet so very unequivocally`)

var subjectPreps = wordSet(`of in at from to with by for on against about into over under between among like as than`)

// determiners and possessives that open a noun phrase.
var npDets = wordSet(`the a an this that these those its his her their our my your some many several most few all
both three four five six seven eight nine ten two dozens hundreds thousands two-thirds`)

var possPronouns = wordSet(`his her their its our my your`)

// light verbs carry a stance noun: "issued a demand for", "made a proposal".
var lightVerbs = wordSet(`issue issued issues issuing make made makes making renew renewed renews renewing reiterate
reiterated reiterates reiterating repeat repeated repeats repeating voice voiced voices voicing express expressed
expresses expressing file filed files filing submit submitted submits put puts present presented presents lodge
lodged lodges send sent sends deliver delivered delivers step stepped steps stepping announce announced announces
unveil unveiled unveils restate restated restates drop dropped drops dropping withdraw withdrew withdraws
withdrawn has have had`)

// dropVerbs withdraw a stance noun: "dropped its demand for".
var dropVerbs = wordSet(`drop dropped drops dropping withdraw withdrew withdraws withdrawn abandon abandoned abandons`)

// purposeNouns introduce an infinitive whose subject is the clause's subject:
// "in an attempt to block", "in an effort to".
var purposeNouns = wordSet(`attempt attempts effort efforts bid move order way push drive`)

// junkIssues are infinitives that state no issue: "declined to comment".
var junkIssues = wordSet(`comment say elaborate discuss answer speak talk respond be do go see confirm disclose
specify reveal give provide know reply detail identify`)

// personalActs after "plans to", "vowed to" tell of a person's own doings.
var personalActs = wordSet(`visit travel meet attend go fly return leave stay retire resign step stand speak hold
run come arrive depart tour testify appear announce launch begin start continue remain take make spend
sit write publish release`)

// issueStop ends an issue phrase.
var issueStop = wordSet(`. ; : ! ? " — – -- ( ) but while because although though saying said says according who
whom whose which whereas unless citing adding arguing noting calling claiming insisting warning since after before
until when where if`)

// groupNouns are plural nouns that name a group of people acting together.
var groupNouns = wordSet(`lawmakers senators officials aides lawyers attorneys leaders protesters members
representatives supporters critics advisers advisors executives investors workers voters delegates negotiators
officers prosecutors regulators spokesmen allies republicans democrats conservatives liberals activists unions
ministers governments states countries nations farmers residents employees unions teachers doctors nurses
economists analysts campaigners opponents environmentalists demonstrators legislators congressmen
parliamentarians mps deputies governors mayors judges justices shareholders creditors companies carmakers
automakers automobile-makers banks airlines retailers manufacturers producers exporters importers employers
dockers miners pilots drivers students parents veterans diplomats envoys generals commanders rebels insurgents
militants separatists authorities officers`)

// orgNouns name an organization without naming it ("the union").
var orgNouns = wordSet(`government administration company firm union group party committee committees council
ministry department agency court parliament senate house congress cabinet coalition alliance campaign
commission board bank network federation association organization organisation opposition network
white-house presidency regime delegation team`)

// posHit is a position found in one sentence.
type posHit struct {
	party  *entity
	stance graph.Stance
	issue  string
	quote  string
	conf   float64
}

// posCtx is the document-level state the position rules need: the people
// named with a title (for "the president"), the groups (for "they") and the
// speaker of the last quotation (for a quotation that runs on).
type posCtx struct {
	lastPerson func(at int) *entity
	titled     []titledRef
	groups     []groupRef
	speaker    *entity // the speaker of the sentence being read
	st         *sent   // the sentence being read
	reporting  bool    // guards reporter against recursion
	lastQuote  *entity // the speaker of the last sentence with a quotation
	lastQIdx   int
	seen       map[string]string // party|stance|head word → the issue first given
}

type titledRef struct {
	at    int
	title string
	e     *entity
}

type groupRef struct {
	at int
	e  *entity
}

// newPosCtx prepares the state for the sentences of one article.
func newPosCtx(sents []*sent, lastPerson func(at int) *entity) *posCtx {
	c := &posCtx{lastPerson: lastPerson, lastQIdx: -10, seen: map[string]string{}}
	for _, st := range sents {
		for _, m := range st.ments {
			if m.ent == nil {
				continue
			}
			at := st.w[m.s].Start
			if m.ent.typ == graph.Person {
				// "President Donald Trump", "Finance Minister X": the title words before the name
				for k := m.s - 1; k >= 0 && k >= m.s-4; k-- {
					lw := st.lower(k)
					if titleHeads[lw] {
						c.titled = append(c.titled, titledRef{at, lw, m.ent})
						continue
					}
					if titleMods[lw] || titleOfDomains[lw] || lw == "of" || st.w[k].cap {
						continue
					}
					break
				}
				// "X, the chief executive of Y"
				if st.lower(m.e) == "," {
					for k := m.e + 1; k < len(st.w) && k <= m.e+6; k++ {
						lw := st.lower(k)
						if titleHeads[lw] {
							c.titled = append(c.titled, titledRef{at, lw, m.ent})
							break
						}
						if lw == "," || st.quote[k] {
							break
						}
					}
				}
			}
			if g := groupNoun(st, m); g != nil {
				c.groups = append(c.groups, groupRef{at, g})
			} else if m.ent.typ != graph.Place && strings.HasSuffix(strings.ToLower(m.surface), "s") && !strings.HasSuffix(strings.ToLower(m.surface), "'s") && m.e-m.s == 1 && !isAcronym(m.surface) {
				c.groups = append(c.groups, groupRef{at, m.ent})
			}
		}
	}
	return c
}

func isAcronym(s string) bool {
	return len(s) >= 2 && strings.ToUpper(s) == s
}

// byTitle returns the person last named with title before byte offset at.
func (c *posCtx) byTitle(title string, at int) *entity {
	var best *entity
	for _, t := range c.titled {
		if t.at >= at {
			break
		}
		if t.title == title {
			best = t.e
		}
	}
	return best
}

// lastGroup returns the group last mentioned before byte offset at.
func (c *posCtx) lastGroup(at int) *entity {
	var best *entity
	for _, g := range c.groups {
		if g.at >= at {
			break
		}
		best = g.e
	}
	return best
}

// findPositions returns the positions stated in st; sentences must be read
// in order.
func (c *posCtx) findPositions(st *sent) []posHit {
	c.speaker = speakerOf(st, c.lastPerson)
	c.st = st
	hasQuote := false
	for _, q := range st.quote {
		hasQuote = hasQuote || q
	}
	if c.speaker == nil && hasQuote && st.idx-c.lastQIdx <= 2 && (st.lower(0) == `"` || st.quote[0]) {
		c.speaker = c.lastQuote // a quotation running on from the sentence before
	}
	if hasQuote && c.speaker != nil {
		c.lastQuote, c.lastQIdx = c.speaker, st.idx
	}
	n := len(st.w)
	if n == 0 || st.lower(n-1) == "?" || (n >= 2 && st.lower(n-2) == "?") {
		return nil
	}
	var out []posHit
	covered := -1 // words up to here belong to an earlier stance's issue
	for i := 0; i < n; i++ {
		if i <= covered {
			continue
		}
		r, ok := stanceWords[st.w[i].lower]
		if !ok {
			continue
		}
		var hits []posHit
		var end int
		if c.nounUse(st, i, r) {
			hits, end = c.nounStance(st, i, r)
		} else if r.verb {
			hits, end = c.verbStance(st, i, r)
		}
		if len(hits) > 0 {
			out = append(out, hits...)
			covered = end
		}
	}
	// the same party and stance on an issue with the same head word is one
	// position told twice
	for i := range out {
		key := phraseKey(out[i].party.name) + "|" + string(out[i].stance) + "|" + issueHead(out[i].issue)
		if prev, ok := c.seen[key]; ok {
			out[i].issue = prev
		} else {
			c.seen[key] = out[i].issue
		}
	}
	return out
}

// issueHead is the first content word of an issue phrase.
func issueHead(s string) string {
	for _, f := range strings.Fields(strings.ToLower(s)) {
		if !issueEdge[f] && !npDets[f] && !auxWords[f] {
			return strings.Trim(f, `"',.`)
		}
	}
	return strings.ToLower(s)
}

// nounUse reports whether the stance word at i is used as a noun.
func (c *posCtx) nounUse(st *sent, i int, r *stanceRule) bool {
	if len(r.noun) == 0 {
		return false
	}
	if lw := st.lower(i); (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")) && lw != "backing" {
		return false
	}
	if !r.verb {
		return true
	}
	p := st.lower(i - 1)
	if npDets[p] || p == "'s" || p == "'" || possPronouns[p] {
		return true
	}
	t := ""
	if i > 0 {
		t = st.w[i-1].Tag
	}
	return t == "JJ" || t == "CD" || lightVerbs[p] && p != "has" && p != "have" && p != "had" || p == "new" || p == "renewed" || p == "fresh" || p == "repeated"
}

// nounStance reads "X's demand for Y", "X issued a new demand for Y".
func (c *posCtx) nounStance(st *sent, i int, r *stanceRule) ([]posHit, int) {
	k := i + 1
	if !r.noun[st.lower(k)] {
		return nil, 0
	}
	if st.lower(k) != "that" {
		k++
	}
	issues, end := issuePhrases(st, k)
	if len(issues) == 0 {
		return nil, 0
	}
	stance := r.stance
	// the owner: "X's (new) demand", "their demand"
	j := i - 1
	for j >= 0 && j >= i-3 && (st.w[j].Tag == "JJ" || st.w[j].Tag == "VBN" || softAdverbs[st.lower(j)] || st.lower(j) == "new" || st.lower(j) == "renewed") {
		j--
	}
	var parties []*entity
	neg, hyp := false, false
	switch lw := st.lower(j); {
	case lw == "'s" || lw == "'":
		if m := st.mentionEndingAt(j); m != nil && m.ent != nil {
			parties = []*entity{m.ent}
		} else if e := c.commonParty(st, j-1); e != nil {
			parties = []*entity{e}
		}
	case possPronouns[lw]:
		parties = c.pronounParty(st, j)
	case npDets[lw] || lightVerbs[lw]:
		// "X issued a demand for": the subject of the light verb
		v := j - 1
		if lightVerbs[lw] {
			v = j
		}
		if lightVerbs[st.lower(v)] {
			if dropVerbs[st.lower(v)] {
				neg = true
			}
			var n2, h2 bool
			parties, n2, h2 = c.verbSubject(st, v)
			neg, hyp = neg != n2, h2
		}
	}
	if len(parties) == 0 || hyp {
		return nil, 0
	}
	if neg {
		stance = flip[stance]
	}
	return c.hits(st, i, parties, stance, issues, 0.55), end
}

// verbStance reads a stance verb with its complement and subject.
func (c *posCtx) verbStance(st *sent, i int, r *stanceRule) ([]posHit, int) {
	n := len(st.w)
	stance := r.stance
	k := i + 1
	for k < n && k <= i+3 && softAdverbs[st.lower(k)] {
		k++
	}
	passive := false
	if st.w[i].Tag == "VBN" || strings.HasSuffix(st.w[i].lower, "ed") {
		j := i - 1
		for j >= 0 && softAdverbs[st.lower(j)] {
			j--
		}
		switch st.lower(j) {
		case "was", "were", "been", "be", "is", "are", "being":
			passive = true
		}
	}
	if passive {
		return c.passiveStance(st, i, k, stance)
	}
	var issues []string
	end := 0
	nx := st.lower(k)
	switch {
	case nx == "in" && (st.lower(k+1) == "favor" || st.lower(k+1) == "favour") && st.lower(k+2) == "of" && st.w[i].lower[0] == 'v':
		stance = graph.Supports
		issues, end = issuePhrases(st, k+3)
	case len(r.preps) > 0 && r.preps[nx] != "" && !(nx == "for" && st.lower(k+1) == "example"):
		stance = r.preps[nx]
		issues, end = issuePhrases(st, k+1)
	case len(r.preps) > 0 && r.needPrep && c.particleAfter(st, k, r) > 0:
		// "brushed those complaints aside", "voted the proposition down"
		p := c.particleAfter(st, k, r)
		stance = r.preps[st.lower(p)]
		if iss := cleanIssue(st, k, p); iss != "" {
			issues, end = []string{iss}, p
		}
	case nx == "that" && r.that:
		issues, end = issuePhrases(st, k+1)
	case r.needPrep && !r.objTo:
		return nil, 0
	case nx == "to" && r.inf:
		if r.stance == graph.Proposes && personalActs[st.lower(k+1)] {
			return nil, 0 // "plans to visit Paris" is an itinerary, not a stance
		}
		if ir, ok := stanceWords[st.lower(k+1)]; ok && ir.verb && r.stance != graph.Demands {
			return nil, 0 // "threatened to vote against X": the inner verb tells the stance
		}
		if junkIssues[st.lower(k+1)] && !(st.lower(k+1) == "see" && r.stance == graph.Supports && st.lower(k+2) != "") {
			return nil, 0
		}
		issues, end = issuePhrases(st, k+1)
	case nx == "that" && r.that:
		issues, end = issuePhrases(st, k+1)
	case r.objTo && c.toAfterObject(st, k) > 0:
		if st.w[i].lower[0] == 'w' {
			stance = graph.Demands // "wanted Congress to act"
		}
		issues, end = issuePhrases(st, k)
	case r.needPrep:
		return nil, 0
	case r.obj || r.that:
		if !r.obj && !r.that {
			return nil, 0
		}
		if nx == "to" || nx == "as" || nx == "by" || nx == "," || nx == "." || issueStop[nx] {
			if !(nx == "as" && r.stance == graph.Rejects) {
				return nil, 0
			}
		}
		if personPronouns[nx] && nx != "his" && nx != "her" || nx == "it" || nx == "them" || nx == "this" || nx == "that" || nx == "us" || nx == "me" || nx == "you" {
			if !(nx == "him" || nx == "her" || nx == "them") || !(st.lower(k+1) == "from" || st.lower(k+1) == "of" || st.lower(k+1) == "for") {
				return nil, 0
			}
		}
		if r.planObj && !planObjectAt(st, k) {
			return nil, 0
		}
		if r.planObj {
			for p := k; p < n && p <= k+6; p++ {
				if planNouns[st.lower(p)] {
					if ir, ok := stanceWords[st.lower(p+1)]; ok && ir.verb && isGerund(st, p+1) {
						return nil, 0 // "passed a resolution condemning X": the resolution's stance
					}
					break
				}
			}
		}
		issues, end = issuePhrases(st, k)
	default:
		return nil, 0
	}
	if len(issues) == 0 {
		return nil, 0
	}
	parties, neg, hyp := c.verbSubject(st, i)
	if len(parties) == 0 || hyp {
		return nil, 0
	}
	if neg {
		stance = flip[stance]
	}
	conf := 0.6
	return c.hits(st, i, parties, stance, issues, conf), end
}

// passiveStance reads "Y was rejected by X" and "Y was rejected in the Senate".
func (c *posCtx) passiveStance(st *sent, i, k int, stance graph.Stance) ([]posHit, int) {
	if st.lower(k) != "by" && st.lower(k) != "in" {
		return nil, 0
	}
	var parties []*entity
	pe := k + 1
	if m := st.mentionAt(pe); m != nil && m.ent != nil && m.s == pe {
		if st.lower(k) == "in" && m.ent.typ != graph.Organization {
			return nil, 0
		}
		parties = []*entity{m.ent}
	} else {
		for pe < len(st.w) && pe <= k+5 && st.mentionAt(pe) == nil && (npDets[st.lower(pe)] || st.w[pe].Tag == "JJ" || titleHeads[st.lower(pe)] || titleMods[st.lower(pe)] || titleOfDomains[st.lower(pe)] || honorifics[st.lower(pe)]) {
			pe++
		}
		if m := st.mentionAt(pe); m != nil && m.ent != nil && m.s == pe && st.lower(k) == "by" {
			parties = []*entity{m.ent}
		} else if st.lower(k) == "by" {
			e := pe
			for e < len(st.w) && strings.HasPrefix(st.w[e].Tag, "NN") && st.mentionAt(e) == nil {
				e++
			}
			if e > pe {
				if p := c.commonParty(st, e-1); p != nil {
					parties = []*entity{p}
				}
			}
		}
	}
	if len(parties) == 0 {
		return nil, 0
	}
	// the issue: the subject of the passive, from the clause start to the verb group
	j := i - 1
	neg, hyp := false, false
	for j >= 0 && (auxWords[st.lower(j)] || softAdverbs[st.lower(j)] || negations[st.lower(j)]) {
		neg = neg || negations[st.lower(j)]
		hyp = hyp || speculative[st.lower(j)]
		j--
	}
	if hyp || j < 0 {
		return nil, 0
	}
	s := j
	for s > 0 && j-s < 14 {
		lw := st.lower(s - 1)
		if lw == "," || lw == ";" || lw == ":" || lw == "--" || lw == "—" || lw == "that" || lw == "which" || lw == "after" || lw == "when" || lw == "because" || lw == "although" || lw == "though" || lw == "while" || lw == "if" || lw == "whether" || lw == "and" || lw == "but" || st.quote[s-1] != st.quote[i] {
			break
		}
		s--
	}
	for k := s; k > s-3 && k >= 0; k-- {
		if hypothetical[st.lower(k)] {
			return nil, 0
		}
	}
	// stop at the first stop word from the start
	e := s
	for e <= j && !issueStop[st.lower(e)] && st.lower(e) != "," {
		e++
	}
	iss := cleanIssue(st, s, e)
	if iss == "" || personPronouns[strings.ToLower(iss)] || strings.EqualFold(iss, "it") || strings.EqualFold(iss, "this") || strings.EqualFold(iss, "they") {
		return nil, 0
	}
	if neg {
		stance = flip[stance]
	}
	return c.hits(st, i, parties, stance, []string{iss}, 0.55), i
}

// particleAfter finds a particle of r ("aside", "down") a few words after k:
// "brushed those complaints aside".
func (c *posCtx) particleAfter(st *sent, k int, r *stanceRule) int {
	for p := k + 1; p < len(st.w) && p <= k+6; p++ {
		lw := st.lower(p)
		if issueStop[lw] || lw == "," {
			return 0
		}
		if (lw == "aside" || lw == "down" || lw == "off" || lw == "out") && r.preps[lw] != "" {
			return p
		}
	}
	return 0
}

// toAfterObject returns the "to" of "urged Congress to act", or 0.
func (c *posCtx) toAfterObject(st *sent, k int) int {
	if st.lower(k) == "to" || st.lower(k) == "that" {
		return 0
	}
	for p := k + 1; p < len(st.w) && p <= k+7; p++ {
		lw := st.lower(p)
		if lw == "to" && p > k {
			nt := ""
			if p+1 < len(st.w) {
				nt = st.w[p+1].Tag
			}
			if nt == "VB" || (p+1 < len(st.w) && !st.w[p+1].cap && !npDets[st.lower(p+1)] && !strings.HasPrefix(nt, "NN")) {
				return p
			}
			return 0
		}
		if issueStop[lw] || lw == "," || strings.HasPrefix(st.w[p].Tag, "VB") && st.w[p].Tag != "VBN" && st.w[p].Tag != "VBG" {
			return 0
		}
	}
	return 0
}

// planObjectAt reports whether a plan-like noun heads the phrase at k.
func planObjectAt(st *sent, k int) bool {
	for p := k; p < len(st.w) && p <= k+6; p++ {
		lw := st.lower(p)
		if planNouns[lw] {
			return true
		}
		if issueStop[lw] || lw == "," || lw == "to" || lw == "of" || lw == "for" || lw == "on" || lw == "in" {
			return false
		}
	}
	return false
}

// hits builds one position per party.
func (c *posCtx) hits(st *sent, i int, parties []*entity, stance graph.Stance, issues []string, conf float64) []posHit {
	quote := ""
	if st.quote[i] {
		quote = strings.TrimSpace(st.Text)
		conf -= 0.1
	}
	var out []posHit
	for _, p := range parties {
		if p == nil {
			continue
		}
		cf := conf
		if p.typ == graph.Person {
			cf += 0.05
		}
		for _, iss := range issues {
			if phraseKey(iss) == phraseKey(p.name) {
				continue
			}
			out = append(out, posHit{party: p, stance: stance, issue: iss, quote: quote, conf: cf})
		}
	}
	return out
}

// verbSubject finds the parties of the verb at i, the negation in its verb
// group and whether its clause is hypothetical.
func (c *posCtx) verbSubject(st *sent, i int) (parties []*entity, neg, hyp bool) {
	return c.verbSubjectDepth(st, i, 0)
}

func (c *posCtx) verbSubjectDepth(st *sent, i, depth int) (parties []*entity, neg, hyp bool) {
	if depth > 3 {
		return nil, false, false
	}
	j := i - 1
	sawAux := false
	for j >= 0 {
		lw := st.lower(j)
		if auxWords[lw] || speculative[lw] || softAdverbs[lw] || negations[lw] || lw == "longer" || (st.w[j].Tag == "RB" && !st.quote[j] && lw != "not" && !st.w[j].cap && st.mentionAt(j) == nil) {
			if negations[lw] && !(st.lower(j+1) == "just" || st.lower(j+1) == "only" || st.lower(j+1) == "merely" || st.lower(j+1) == "simply") {
				neg = true // "not just want X" still wants X
			}
			if speculative[lw] {
				hyp = true
			}
			if auxWords[lw] || speculative[lw] {
				sawAux = true
			}
			j--
			continue
		}
		break
	}
	if j < 0 {
		return nil, neg, hyp
	}
	// a quotation's party is inside it; outside, skip over quotations
	if st.quote[i] != st.quote[j] && !st.quote[i] {
		return nil, neg, hyp
	}
	lw := st.lower(j)
	switch {
	case lw == "to":
		v := j - 1
		for v >= 0 && softAdverbs[st.lower(v)] {
			v--
		}
		if v < 0 {
			return nil, neg, hyp
		}
		vl := st.lower(v)
		if purposeNouns[vl] || vl == "order" {
			p, n2, h2 := c.clauseSubject(st, v, depth)
			return p, neg != n2, hyp || h2
		}
		if strings.HasPrefix(st.w[v].Tag, "VB") || strings.HasPrefix(st.w[v].Tag, "JJ") || vl == "ready" || vl == "able" || vl == "unable" || vl == "expected" || vl == "likely" || vl == "set" {
			switch vl {
			case "failed", "fail", "fails", "unable", "refused", "refuse", "refuses", "declined", "decline", "declines":
				neg = !neg
			case "ask", "asked", "asks", "urged", "urge", "told", "tell", "pressed", "forced", "persuade", "persuaded":
				return nil, neg, hyp // someone else's stance: "asked X to"
			}
			if st.w[v].Tag == "VBG" && !auxWords[st.lower(v-1)] {
				p, n2, h2 := c.clauseSubject(st, v, depth)
				return p, neg != n2, hyp || h2
			}
			p, n2, h2 := c.verbSubjectDepth(st, v, depth+1)
			return p, neg != n2, hyp || h2
		}
		return nil, neg, hyp
	case lw == ",":
		// an apposition before the verb ("X, California Democrat, threatened")
		// or a verb joined to an earlier one
		if ps, h := c.partyEndingAt(st, j, depth); len(ps) > 0 {
			return ps, neg, hyp || h
		}
		p, n2, h2 := c.clauseSubject(st, j, depth)
		return p, n2 || neg, hyp || h2
	case lw == "and" || lw == "but" || lw == "or":
		// a verb joined to an earlier one shares its subject: "voted against X and called for Y"
		p, n2, h2 := c.clauseSubject(st, j, depth)
		return p, n2 || neg, hyp || h2
	}
	if isGerund(st, i) && !sawAux {
		// "with X criticizing Y"
		if m := st.mentionEndingAt(j + 1); m != nil && m.ent != nil && st.lower(m.s-1) == "with" {
			return []*entity{m.ent}, neg, hyp
		}
		if lw == "," || lw == "while" || lw == "by" || lw == "time" || lw == "also" {
			p, n2, h2 := c.clauseSubject(st, j, depth)
			return p, neg != n2, hyp || h2
		}
		if m := st.mentionEndingAt(j + 1); m == nil {
			p, n2, h2 := c.clauseSubject(st, j, depth)
			return p, neg != n2, hyp || h2
		}
	}
	parties, h := c.partyEndingAt(st, j, 0)
	return parties, neg, hyp || h
}

// isGerund reports whether word i is an -ing form (the tagger often calls
// such forms nouns).
func isGerund(st *sent, i int) bool {
	return st.w[i].Tag == "VBG" || strings.HasSuffix(st.lower(i), "ing") && len(st.lower(i)) > 5
}

// clauseSubject finds the finite verb before i and returns its subject:
// "IBM sued Y in an attempt to block …" → IBM.
func (c *posCtx) clauseSubject(st *sent, i, depth int) ([]*entity, bool, bool) {
	for v := i - 1; v >= 0 && v >= i-25; v-- {
		lw := st.lower(v)
		if lw == ";" || lw == ":" {
			break
		}
		if st.quote[v] && !st.quote[i] {
			continue
		}
		t := st.w[v].Tag
		if (t == "VBD" || t == "VBZ" || t == "VBP" || t == "MD") && !subordinate(st, v) {
			// the start of the verb group
			for v > 0 && (auxWords[st.lower(v-1)] || speculative[st.lower(v-1)] || softAdverbs[st.lower(v-1)] || negations[st.lower(v-1)]) {
				v--
			}
			return c.verbSubjectDepth(st, v, depth+1)
		}
	}
	return nil, false, false
}

var subordinators = wordSet(`as when after before because although though since if unless whether while until once`)

// subordinate reports whether the finite verb at v is in a subordinate
// clause: a subordinator opens its subject ("as ministers met").
func subordinate(st *sent, v int) bool {
	for k := v - 1; k >= 0 && k >= v-6; k-- {
		lw := st.lower(k)
		if subordinators[lw] {
			return true
		}
		if lw == "," || lw == ";" || strings.HasPrefix(st.w[k].Tag, "VB") || lw == "that" || lw == "who" || lw == "which" {
			return false
		}
	}
	return false
}

// partyEndingAt returns the parties of the noun phrase ending at word j,
// and whether the clause it opens is hypothetical.
func (c *posCtx) partyEndingAt(st *sent, j, depth int) ([]*entity, bool) {
	if j < 0 || depth > 3 {
		return nil, false
	}
	lw := st.lower(j)
	hypBefore := func(s int) bool {
		for k := s - 1; k >= 0 && k >= s-3; k-- {
			if hypothetical[st.lower(k)] {
				return true
			}
			if st.lower(k) == "," {
				break
			}
		}
		return false
	}
	switch {
	case lw == "he" || lw == "she":
		if st.quote[j] && c.speaker != nil && !c.quotedPerson(st, j) {
			// "he" inside a quotation is someone the speaker talks about
			return nil, false
		}
		if p := c.lastPerson(st.w[j].Start); p != nil {
			return []*entity{p}, hypBefore(j)
		}
		return nil, false
	case lw == "it" || lw == "they" && !st.quote[j]:
		// "X said (that) it would …": the reporter
		r := j - 1
		if st.lower(r) == "that" {
			r--
		}
		if reportVerbs[st.lower(r)] && !st.quote[r] {
			if ps, h := c.partyEndingAt(st, r-1, depth+1); len(ps) == 1 && ps[0].typ != graph.Person {
				return ps, h
			}
		}
		if lw == "it" {
			return nil, false
		}
		if g := c.lastGroup(st.w[j].Start); g != nil {
			return []*entity{g}, hypBefore(j)
		}
		return nil, false
	case lw == "they":
		if st.quote[j] {
			return nil, false
		}
		if g := c.lastGroup(st.w[j].Start); g != nil {
			return []*entity{g}, hypBefore(j)
		}
		return nil, false
	case lw == "i" || lw == "we":
		if st.quote[j] && c.speaker != nil {
			return []*entity{c.speaker}, hypBefore(j)
		}
		return nil, false
	case lw == "who" || lw == "which" || lw == "that":
		k := j - 1
		if st.lower(k) == "," {
			k--
		}
		if lw == "that" && st.lower(j+1) != "" && st.mentionEndingAt(k+1) == nil {
			return nil, false
		}
		if m := st.mentionEndingAt(k + 1); m != nil && m.ent != nil && m.ent.typ != graph.Place {
			return []*entity{m.ent}, false // "aides to X, who opposes …"
		}
		return c.partyEndingAt(st, k, depth+1)
	case lw == ")":
		for k := j - 1; k >= 0 && k >= j-8; k-- {
			if st.lower(k) == "(" {
				return c.partyEndingAt(st, k-1, depth+1)
			}
		}
		return nil, false
	case lw == ",":
		// an apposition: "X, California Democrat, …", "X, who heads Y, …",
		// "The union, led by X, …"
		for k := j - 1; k >= 0 && k >= j-14; k-- {
			if st.quote[k] != st.quote[j] || st.lower(k) == ";" {
				break
			}
			if st.lower(k) != "," {
				continue
			}
			// "The junior partner, the Y Party, threatened": the name in the apposition
			if m := st.mentionEndingAt(j); m != nil && m.ent != nil && m.ent.typ != graph.Place && (m.s == k+1 || m.s == k+2 && st.lower(k+1) == "the") && st.mentionEndingAt(k) == nil {
				if h := k - 1; h >= 0 && strings.HasPrefix(st.w[h].Tag, "NN") && st.mentionAt(h) == nil {
					return []*entity{m.ent}, hypBefore(k)
				}
			}
			if m := st.mentionEndingAt(k); m != nil && m.ent != nil {
				if ps, h := c.partyEndingAt(st, k-1, depth+1); len(ps) > 0 {
					return ps, h
				}
			}
			// "The union, led by X,"
			if st.lower(k+1) == "led" && st.lower(k+2) == "by" {
				if m := st.mentionAt(k + 3); m != nil && m.ent != nil {
					return []*entity{m.ent}, hypBefore(k)
				}
			}
			ps, h := c.partyEndingAt(st, k-1, depth+1)
			return ps, h
		}
		return nil, false
	}
	if m := st.mentionEndingAt(j + 1); m != nil && m.ent != nil {
		if m.ent.typ == graph.Place && !m.gazDemonymOrCountry() && st.lower(m.s-1) == "in" {
			return nil, false
		}
		if m.s > 0 && subjectPreps[st.lower(m.s-1)] && st.lower(m.s-1) != "with" {
			// "the leader of X": the party is the head before the preposition
			h := m.s - 2
			if h >= 0 && (titleHeads[st.lower(h)] || groupNouns[st.lower(h)] || orgNouns[st.lower(h)]) && st.lower(m.s-1) == "of" {
				return []*entity{m.ent}, hypBefore(h)
			}
			// a temporal or place phrase between subject and verb: "X on Monday said"
			return nil, false
		}
		out := []*entity{m.ent}
		s := m.s
		// coordinated parties: "Spain, Portugal and Germany"
		for s >= 2 && (st.lower(s-1) == "and" || st.lower(s-1) == ",") {
			p := st.mentionEndingAt(s - 1)
			if p == nil && st.lower(s-1) == "and" && st.lower(s-2) == "," {
				p = st.mentionEndingAt(s - 2)
			}
			if p == nil || p.ent == nil || p.ent.typ == graph.Place && m.ent.typ != graph.Place {
				break
			}
			out = append([]*entity{p.ent}, out...)
			s = p.s
		}
		return out, hypBefore(s)
	}
	// a common noun phrase: "the president", "GOP lawmakers", "a federal judge"
	if strings.HasPrefix(st.w[j].Tag, "NN") || groupNouns[lw] || titleHeads[lw] || orgNouns[lw] {
		if p := c.commonParty(st, j); p != nil {
			s := j
			for s > 0 && !npDets[st.lower(s-1)] && (strings.HasPrefix(st.w[s-1].Tag, "NN") || st.w[s-1].Tag == "JJ" || st.lower(s-1) == "'s") {
				s--
			}
			return []*entity{p}, hypBefore(s)
		}
		// "X on Monday demanded", "X last week said": skip a short time phrase
		for k := j; k >= 0 && k >= j-4; k-- {
			switch st.lower(k) {
			case "on", "last", "this", "earlier", "in", "at", "during":
				if k < j && st.lower(k-1) != "," {
					if ps, h := c.partyEndingAt(st, k-1, depth+1); len(ps) > 0 && timeWords(st, k+1, j+1) {
						return ps, h
					}
				}
			}
		}
	}
	if st.w[j].Tag == "CD" || timeWordSet[lw] {
		for k := j; k >= 0 && k >= j-4; k-- {
			switch st.lower(k) {
			case "on", "last", "this", "earlier", "in", "at", "during":
				if ps, h := c.partyEndingAt(st, k-1, depth+1); len(ps) > 0 && timeWords(st, k+1, j+1) {
					return ps, h
				}
			}
		}
	}
	return nil, false
}

// quotedPerson reports whether "he" at j inside a quotation is the speaker
// talking of someone else (always, in practice): kept for clarity.
func (c *posCtx) quotedPerson(st *sent, j int) bool { return false }

var timeWordSet = wordSet(`monday tuesday wednesday thursday friday saturday sunday week month year weekend morning
afternoon evening night today yesterday january february march april may june july august september october
november december day days weeks months years time`)

// timeWords reports whether words [s, e) are a date or time phrase.
func timeWords(st *sent, s, e int) bool {
	if s >= e {
		return false
	}
	for k := s; k < e; k++ {
		lw := st.lower(k)
		if !(timeWordSet[lw] || st.w[k].Tag == "CD" || lw == "last" || lw == "this" || lw == "next" || lw == "the" || lw == "early" || lw == "late") {
			return false
		}
	}
	return true
}

// gazDemonymOrCountry reports whether a mention names a country as a party
// could (always true for gazetteer places; kept separate for clarity).
func (m *mention) gazDemonymOrCountry() bool { return m.gaz != nil }

// commonParty turns a noun phrase without a name that ends at j into a
// party: a title resolves to the person last named with it ("the president"),
// a group noun or a role noun becomes a party of its own ("GOP lawmakers",
// "a federal judge").
func (c *posCtx) commonParty(st *sent, j int) *entity {
	if j < 0 {
		return nil
	}
	head := st.lower(j)
	s := j
	for s > 0 {
		p := st.lower(s - 1)
		t := st.w[s-1].Tag
		if npDets[p] || p == "," || p == "and" || issueStop[p] || st.quote[s-1] != st.quote[j] {
			break
		}
		if strings.HasPrefix(t, "NN") || t == "JJ" || p == "'s" || titleMods[p] || titleHeads[p] {
			s--
			continue
		}
		break
	}
	det := st.lower(s - 1)
	name := st.text(s, j+1)
	mk := func(t graph.EntityType, name string) *entity {
		return &entity{typ: t, name: name, aliases: map[string]bool{name: true}, votes: map[graph.EntityType]float64{}}
	}
	switch {
	case titleHeads[head] && !groupNouns[head]:
		if det == "the" || det == "" || possPronouns[det] {
			if p := c.byTitle(head, st.w[j].Start); p != nil && (j == s || st.mentionAt(s) == nil) {
				return p
			}
		}
		if det == "a" || det == "an" || det == "the" {
			if j-s >= 1 {
				return mk(graph.Person, name)
			}
		}
		return nil
	case groupNouns[head] && strings.HasSuffix(head, "s"):
		if m := st.mentionEndingAt(j); m != nil && m.ent != nil && m.ent.typ == graph.Organization {
			return m.ent // "GOP lawmakers": the party itself
		}
		if j == s && det != "the" && det != "" && !npDets[det] {
			return nil
		}
		if j == s {
			// "lawmakers" alone names nobody in particular
			if m := st.mentionAt(j); m != nil && m.ent != nil {
				return m.ent
			}
			return nil
		}
		return mk(graph.Organization, name)
	case orgNouns[head]:
		if st.mentionAt(j) != nil {
			return nil
		}
		if j == s || possPronouns[det] {
			// "X said the group opposed …": the group speaks through X
			if r := c.reporter(st, s); r != nil {
				return r
			}
			return nil
		}
		return mk(graph.Organization, name)
	}
	return nil
}

// reportVerbs attribute what follows to their subject.
var reportVerbs = wordSet(`said says told added stated announced explained noted confirmed insisted argued wrote`)

// reporter returns the person who reports the clause at word i: the subject
// of a reporting verb before it ("X, the spokesperson, said the group …").
func (c *posCtx) reporter(st *sent, i int) *entity {
	if c.reporting {
		return nil
	}
	c.reporting = true
	defer func() { c.reporting = false }()
	for k := i - 1; k >= 1 && k >= i-3; k-- {
		if !reportVerbs[st.lower(k)] || st.quote[k] {
			continue
		}
		ps, _ := c.partyEndingAt(st, k-1, 1)
		if len(ps) == 1 && ps[0].typ == graph.Person {
			return ps[0]
		}
		return nil
	}
	return nil
}

// pronounParty resolves a possessive pronoun owner ("their demand").
func (c *posCtx) pronounParty(st *sent, j int) []*entity {
	switch st.lower(j) {
	case "his", "her":
		if p := c.lastPerson(st.w[j].Start); p != nil {
			return []*entity{p}
		}
	case "their":
		if g := c.lastGroup(st.w[j].Start); g != nil {
			return []*entity{g}
		}
	case "our", "my":
		if st.quote[j] && c.speaker != nil {
			return []*entity{c.speaker}
		}
	}
	return nil
}

// issuePhrases reduces the words from k on to short issue phrases; a list of
// gerunds ("reforming X, working with Y and keeping Z") gives one each. It
// returns the phrases and the last word used.
func issuePhrases(st *sent, k int) ([]string, int) {
	n := len(st.w)
	for k < n && (st.lower(k) == "that" || st.lower(k) == "'") {
		k++
	}
	start := k
	gerunds := k < n && st.w[k].Tag == "VBG"
	var out []string
	limit := 14
	if gerunds {
		limit = 30
	}
	pieceStart := k
	inQ := false
	for k < n && k-start < limit {
		lw := st.lower(k)
		if lw == `"` {
			// scare quotes inside the phrase are kept; a quotation that opens
			// at its start or closes it ends it
			if !inQ && k > start && k+1 < n && st.quote[k+1] && closesSoon(st, k) {
				inQ = true
				k++
				continue
			}
			if inQ {
				inQ = false
				k++
				continue
			}
			if k == start {
				start++
				pieceStart++
				k++
				inQ = closesSoon(st, k-1)
				continue
			}
			break
		}
		if lw == "(" && k > start {
			// a short parenthesis inside the phrase is skipped over
			e := k + 1
			for e < n && e <= k+6 && st.lower(e) != ")" {
				e++
			}
			if st.lower(e) == ")" {
				k = e + 1
				continue
			}
		}
		if issueStop[lw] {
			break
		}
		if (lw == "that" || lw == "which" || lw == "who") && k > start && strings.HasPrefix(st.w[k-1].Tag, "NN") {
			break // a relative clause
		}
		if lw == "as" && k-start >= 2 {
			break
		}
		if (lw == "on" || lw == "by" || lw == "in" || lw == "at" || lw == "last" || lw == "this" || lw == "next") && k > start && k+1 < n && (timeWordSet[st.lower(k+1)] || st.w[k+1].Tag == "CD" && lw == "by" || lw != "on" && lw != "by" && lw != "in" && lw != "at" && timeWordSet[st.lower(k+1)]) {
			break // "on Wednesday", "by 97 votes", "last week"
		}
		if timeWordSet[lw] && (lw == "today" || lw == "yesterday") {
			break
		}
		if lw == "," || lw == "and" || lw == "or" {
			nk := k + 1
			if st.lower(nk) == "and" {
				nk++
			}
			if gerunds && nk < n && st.w[nk].Tag == "VBG" {
				out = append(out, st.text(pieceStart, k))
				pieceStart = nk
				k = nk
				continue
			}
			if nk < n && (strings.HasPrefix(st.w[nk].Tag, "VB") && st.w[nk].Tag != "VBG" && st.w[nk].Tag != "VBN" || st.w[nk].Tag == "MD" || auxWords[st.lower(nk)]) {
				break // a new clause: "… and called for …"
			}
			if r, ok := stanceWords[st.lower(nk)]; ok && r.verb && st.w[nk].Tag != "NN" && st.w[nk].Tag != "NNS" {
				break
			}
			if lw == "," && (k-start >= 3 || st.lower(nk) == "and" || npDets[st.lower(nk)] || st.mentionAt(nk) != nil || personPronouns[st.lower(nk)] || st.lower(nk) == "they" || st.lower(nk) == "we" || st.lower(nk) == "i") {
				break
			}
		}
		k++
	}
	if pieceStart < k {
		out = append(out, st.text(pieceStart, k))
	}
	var clean []string
	for _, o := range out {
		if c := trimIssue(o); c != "" {
			clean = append(clean, c)
		}
	}
	if len(clean) == 0 {
		return nil, k
	}
	// the whole phrase must say something
	if !hasContent(st, start, k) {
		return nil, k
	}
	return clean, k - 1
}

// closesSoon reports whether the quotation opening at k closes within a few
// words (scare quotes rather than speech).
func closesSoon(st *sent, k int) bool {
	for p := k + 1; p < len(st.w) && p <= k+5; p++ {
		if st.lower(p) == `"` {
			return p > k+1
		}
	}
	return false
}

// cleanIssue returns the trimmed text of words [s, e).
func cleanIssue(st *sent, s, e int) string {
	if s >= e || !hasContent(st, s, e) {
		return ""
	}
	return trimIssue(st.text(s, e))
}

func hasContent(st *sent, s, e int) bool {
	for i := s; i < e && i < len(st.w); i++ {
		t := st.w[i].Tag
		if (strings.HasPrefix(t, "NN") || strings.HasPrefix(t, "VB") || strings.HasPrefix(t, "JJ") || t == "CD") && !auxWords[st.lower(i)] {
			return true
		}
	}
	return false
}

var issueEdge = wordSet(`the a an and or to , of for on in at by with from as "  ' -- — its their his her`)

// trimIssue strips leading articles and trailing function words and
// punctuation from an issue phrase.
func trimIssue(s string) string {
	f := strings.Fields(s)
	for len(f) > 0 && (strings.EqualFold(f[0], "the") || strings.EqualFold(f[0], "a") || strings.EqualFold(f[0], "an") || f[0] == `"` || f[0] == "'" || f[0] == "“" || f[0] == ",") {
		f = f[1:]
	}
	for len(f) > 0 && (issueEdge[strings.ToLower(f[len(f)-1])] || softAdverbs[strings.ToLower(f[len(f)-1])] || f[len(f)-1] == "“" || f[len(f)-1] == "”") {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return ""
	}
	out := strings.Join(f, " ")
	out = strings.TrimRight(out, ",;:")
	lo := strings.ToLower(out)
	switch lo {
	case "it", "this", "that", "them", "him", "her", "so", "one", "those", "these", "there", "what", "everything", "anything", "something", "nothing", "everyone", "everybody", "anyone", "all":
		return ""
	}
	switch strings.ToLower(f[0]) {
	case "himself", "herself", "themselves", "itself", "everyone", "everybody", "me", "us", "you":
		return ""
	}
	if len(f) == 1 && junkIssues[lo] {
		return ""
	}
	return out
}

// groupNoun turns a mention followed by a plural group noun ("GOP
// lawmakers", "McCabe's lawyers") into a party of its own.
func groupNoun(st *sent, m *mention) *entity {
	k := m.e
	if st.lower(k) == "'s" || st.lower(k) == "'" {
		k++
	}
	if !groupNouns[st.lower(k)] || st.mentionAt(k) != nil {
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
		case "said", "says", "added", "told", "stated", "declared", "wrote", "asked", "insisted", "argued", "noted", "say", "tweeted", "explained", "continued", "warned":
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

func init() {
	// "ready for talks", "ready to negotiate"
	defStance("S", "need p:for,to", "ready willing prepared")
}
