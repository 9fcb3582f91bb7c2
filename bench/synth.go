// Package bench generates a synthetic news corpus for kg's benchmark harness
// (cmd/kgbench).
//
// Every article is invented: the people, organisations, parties, places and
// issues come from name lists written for this package (syllables combined
// into names no real person or firm is meant to carry), and every article's
// front matter says "source: kgbench synthetic". The generator is
// deterministic: the same seed gives byte-identical articles.
//
// The sentences follow the shapes kg's extractor recognises, so a corpus
// exercises all three kinds of fact: roles ("Nordhaven Energy chief executive
// Lena Tarnholt said …", "Ivo Kesswick, the spokesperson for the …",
// "Valdrian Foreign Minister …"), positions ("… demanded a cap on transit
// fees", "… rejected the port levy") and events ("talks in Korvel on
// Monday", "… will resume in Ostavia on 4 May"). Entities are drawn with a
// skewed distribution, so the same people and organisations recur across
// articles and the graph is connected, from a population that grows with
// the corpus as in real news (Options.Growth): new names keep appearing.
package bench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Source is the front-matter source of every synthetic article.
const Source = "kgbench synthetic"

// Options size a synthetic corpus.
type Options struct {
	Seed uint64
	// People, Organizations, Places and Issues are the populations the
	// first 1,000 articles draw from; 0 means 3000, 400, 250 and 30.
	People, Organizations, Places, Issues int
	// Growth is the exponent of Heaps' law by which the populations grow
	// with the corpus: article i draws from the first
	// People × ((i+1)/1000)^Growth people (at least a tenth of People, and
	// at least 10; at most the lists' capacity: 64,000 people, 7,200
	// organisations, 3,840 places and 450 issues, which the defaults reach
	// at about 30,000 articles), and likewise for organisations, places
	// and issues. New names and new issues keep appearing in real news: in
	// the 449 real articles of ../shared/data, in random orders, distinct
	// people grow as N^0.84, organisations as N^0.77, places as N^0.74 and
	// issues as N^0.84, so that the average entity is named in about
	// N^0.2 more articles rather than N. Countries (12) and parties (60),
	// closed classes, do not grow. 0 means DefaultGrowth.
	Growth float64
	// Fixed keeps every population at its size whatever the corpus's
	// (Growth is ignored), as the generator did before Growth: every
	// entity is then named in twenty times as many articles at 20,000 as
	// at 1,000.
	Fixed bool
}

// DefaultGrowth is Options.Growth unless set.
const DefaultGrowth = 0.8

func (o Options) withDefaults() Options {
	if o.People <= 0 {
		o.People = 3000
	}
	if o.Organizations <= 0 {
		o.Organizations = 400
	}
	if o.Places <= 0 {
		o.Places = 250
	}
	if o.Issues <= 0 {
		o.Issues = 30
	}
	if o.Growth <= 0 {
		o.Growth = DefaultGrowth
	}
	return o
}

// Article is one generated article.
type Article struct {
	Name string // file name, e.g. "a000123.txt"
	Text string // the whole file: front matter, title, body
}

// Generator produces synthetic articles from a fixed population of
// entities. It is deterministic: Article(i) depends only on the options and
// i, so articles can be generated in any order or in parallel.
type Generator struct {
	opts      Options
	people    []person
	orgs      []string
	parties   []string
	places    []string
	issues    []string
	countries []country
}

type person struct{ first, last string }

func (p person) full() string { return p.first + " " + p.last }

type country struct{ name, adj string }

// New returns a Generator for o.
func New(o Options) *Generator {
	o = o.withDefaults()
	g := &Generator{opts: o}
	r := rand.New(rand.NewPCG(o.Seed, 0x6b67))
	// Every name the lists can make, in an order fixed by the seed: the
	// first n of them are the population of size n.
	for _, f := range firstNames {
		for _, h := range surnameHeads {
			for _, t := range surnameTails {
				g.people = append(g.people, person{f, h + t})
			}
		}
	}
	g.orgs = combine(orgHeads, orgMids, []string{" "}, orgSectors)
	g.places = combine(placeHeads, placeMids, placeTails)
	for _, c := range countryRoots {
		g.countries = append(g.countries, country{c[0], c[1]})
		// A place may not take a country's name.
		g.places = slices.DeleteFunc(g.places, func(p string) bool { return p == c[0] || p == c[1] })
	}
	shuffle(r, g.people)
	shuffle(r, g.orgs)
	shuffle(r, g.places)
	// The plain issues first, then the qualified ones ("a regional cap on
	// transit fees") in an order fixed by the seed.
	g.issues = slices.Clone(issues)
	var qualified []string
	for _, q := range issueQualifiers {
		for _, is := range issues {
			switch det, rest, _ := strings.Cut(is, " "); det {
			case "the":
				qualified = append(qualified, "the "+q+" "+rest)
			case "a", "an":
				if strings.ContainsRune("aeiou", rune(q[0])) {
					det = "an"
				} else {
					det = "a"
				}
				qualified = append(qualified, det+" "+q+" "+rest)
			default:
				qualified = append(qualified, q+" "+is)
			}
		}
	}
	shuffle(r, qualified)
	g.issues = append(g.issues, qualified...)
	if o.Fixed {
		g.people = g.people[:min(o.People, len(g.people))]
		g.orgs = g.orgs[:min(o.Organizations, len(g.orgs))]
		g.places = g.places[:min(o.Places, len(g.places))]
		g.issues = g.issues[:min(o.Issues, len(g.issues))]
	}
	seen := map[string]bool{}
	for len(g.parties) < 60 {
		name := pick(r, partyAdjs) + " " + pick(r, partyNouns)
		if !seen[name] {
			seen[name] = true
			g.parties = append(g.parties, name)
		}
	}
	return g
}

// combine returns every concatenation of one part from each list, in order.
func combine(lists ...[]string) []string {
	out := []string{""}
	for _, l := range lists {
		var next []string
		for _, a := range out {
			for _, b := range l {
				next = append(next, a+b)
			}
		}
		out = next
	}
	return out
}

// population is how many of a population of base at 1,000 articles article
// i draws from (see Options.Growth), at most capacity.
func (g *Generator) population(base, capacity, i int) int {
	if g.opts.Fixed {
		return min(base, capacity)
	}
	n := int(math.Round(float64(base) * math.Pow(float64(i+1)/1000, g.opts.Growth)))
	return min(max(n, base/10, min(base, 10)), capacity)
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func shuffle[T any](r *rand.Rand, list []T) {
	r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
}

// skewed picks an index in [0, n) with a heavy head: a few entities appear in
// many articles, most in a handful.
func skewed(r *rand.Rand, n int) int {
	u := r.Float64()
	return min(int(float64(n)*u*u*u), n-1)
}

var epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// Article returns the i-th article of the corpus.
func (g *Generator) Article(i int) Article {
	r := rand.New(rand.NewPCG(g.opts.Seed, uint64(i)+1))
	date := epoch.AddDate(0, 0, r.IntN(730))
	a := &writer{r: r, g: g, date: date,
		people: g.population(g.opts.People, len(g.people), i),
		orgs:   g.population(g.opts.Organizations, len(g.orgs), i),
		places: g.population(g.opts.Places, len(g.places), i),
		issues: g.population(g.opts.Issues, len(g.issues), i)}
	a.body()
	title := a.title
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\ndate: %s\nsource: %s\nurl: https://synthetic.kgbench.example/%06d\n---\n\n%s\n\n",
		title, date.Format("2006-01-02"), Source, i, title)
	for _, p := range a.paras {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	return Article{Name: fmt.Sprintf("a%06d.txt", i), Text: b.String()}
}

// Write writes articles [0, n) into dir (created if missing), in
// subfolders of 1000 files each.
func (g *Generator) Write(dir string, n int) error {
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		a := g.Article(i)
		if err := os.WriteFile(filepath.Join(sub, a.Name), []byte(a.Text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writer builds one article.
type writer struct {
	r     *rand.Rand
	g     *Generator
	date  time.Time
	title string
	paras []string
	// the sizes of the populations this article draws from
	people, orgs, places, issues int
}

func (w *writer) person() person { return w.g.people[skewed(w.r, w.people)] }
func (w *writer) org() string    { return w.g.orgs[skewed(w.r, w.orgs)] }
func (w *writer) place() string  { return w.g.places[skewed(w.r, w.places)] }
func (w *writer) party() string  { return w.g.parties[skewed(w.r, len(w.g.parties))] }
func (w *writer) country() country {
	return w.g.countries[skewed(w.r, len(w.g.countries))]
}
func (w *writer) issue() string { return w.g.issues[w.r.IntN(w.issues)] }
func (w *writer) weekday() string {
	return pick(w.r, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"})
}

// later is a date after the article's, as "4 May".
func (w *writer) later() string {
	d := w.date.AddDate(0, 0, 3+w.r.IntN(60))
	return fmt.Sprintf("%d %s", d.Day(), d.Month())
}

func (w *writer) add(format string, args ...any) {
	w.paras = append(w.paras, fmt.Sprintf(format, args...))
}

// body writes the article: a lead with an event, then a mix of role,
// position and event paragraphs, with some plain background.
func (w *writer) body() {
	orgA, orgB := w.org(), w.org()
	city := w.place()
	iss := w.issue()
	w.title = fmt.Sprintf("%s and %s %s over %s in %s", orgA, orgB, pick(w.r, titleVerbs), iss, city)
	w.add("%s and %s held talks in %s on %s over %s, %s.", orgA, orgB, city, w.weekday(), iss, pick(w.r, leadTails))
	w.add("%s %s", pick(w.r, background), pick(w.r, background))
	n := 6 + w.r.IntN(5)
	for range n {
		switch w.r.IntN(9) {
		case 0:
			p := w.person()
			w.add("%s chief executive %s %s %s. \"%s,\" %s said.", orgA, p.full(), pick(w.r, stanceVerbs), w.issue(), pick(w.r, quotes), p.last)
		case 1:
			p, c := w.person(), w.country()
			w.add("%s %s Minister %s %s %s before any agreement is signed.", c.adj, pick(w.r, portfolios), p.full(), pick(w.r, stanceVerbs), w.issue())
		case 2:
			p := w.person()
			org := pick(w.r, []string{orgA, orgB, w.org()})
			w.add("%s, the %s of %s, said the company %s %s.", p.full(), pick(w.r, titles), org, pick(w.r, stanceVerbs), w.issue())
		case 3:
			p := w.person()
			w.add("%s, a spokesperson for the %s, said the party %s %s.", p.full(), w.party(), pick(w.r, stanceVerbs), w.issue())
		case 4:
			w.add("%s %s %s, %s.", w.party(), pick(w.r, stanceVerbs), w.issue(), pick(w.r, positionTails))
		case 5:
			w.add("Negotiations between the two sides will resume in %s on %s.", w.place(), w.later())
		case 6:
			p := w.person()
			w.add("%s, %s's %s, %s %s.", p.full(), orgB, pick(w.r, titles), pick(w.r, stanceVerbs), w.issue())
		case 7:
			p, c := w.person(), w.country()
			w.add("The summit, hosted by %s %s Minister %s, brought together delegations from %s and %s.", c.adj, pick(w.r, portfolios), p.full(), w.country().name, w.country().name)
		case 8:
			w.add("Workers at %s staged a protest in %s on %s. %s", w.org(), w.place(), w.weekday(), pick(w.r, background))
		}
	}
	w.add("%s", pick(w.r, background))
}

var titleVerbs = []string{"clash", "hold talks", "seek a deal", "trade blame", "split", "edge closer"}

var leadTails = []string{
	"the first meeting between the two sides this year",
	"although several questions remained open at the end of the day",
	"after weeks of public disagreement",
	"with a second round expected before the end of the month",
	"in a session that lasted well into the evening",
}

var stanceVerbs = []string{"demanded", "rejected", "supported", "opposed", "proposed", "called for", "backed", "condemned"}

var positionTails = []string{
	"according to a statement released after the meeting",
	"in a letter to members",
	"saying the matter could not wait another year",
	"in a vote at its annual congress",
}

var quotes = []string{
	"We cannot wait for another study while costs keep rising",
	"This is about the next twenty years, not the next quarter",
	"Nobody should be surprised that we want this settled",
	"A fair deal is still possible if both sides move",
	"We have been clear about this from the very start",
}

var background = []string{
	"Officials said a draft agreement could be ready within weeks.",
	"The dispute has weighed on the sector for most of the year.",
	"Analysts expect the talks to continue for several months.",
	"The proposal would need the approval of regional authorities.",
	"Several members of the board declined to comment on the plans.",
	"The figures were published in a report on the regional economy.",
	"Industry groups have warned for months that delays would push up prices for households and businesses.",
	"The plan has divided opinion among local councils, some of which want a larger share of the revenue.",
	"Trade unions said they would study the details before deciding whether to call further action.",
	"A spokesperson for the regulator said it would publish its own assessment later in the year.",
}

var titles = []string{"chief executive", "chief financial officer", "operations director", "chairman", "president", "general counsel", "head of strategy"}

var portfolios = []string{"Foreign", "Energy", "Finance", "Transport", "Labour", "Economy", "Health", "Trade", "Defence", "Interior"}

// issueQualifiers make new issues of the plain ones.
var issueQualifiers = []string{"regional", "national", "proposed", "revised", "northern", "southern", "coastal",
	"urban", "temporary", "emergency", "federal", "municipal", "cross-border", "rural"}

// issues are the plain issues.
var issues = []string{
	"a cap on transit fees", "the pipeline expansion", "a new port levy", "the merger", "higher tariffs on steel",
	"a ban on night flights", "the wind farm", "a carbon tax", "the coal subsidy", "a public inquiry",
	"the rail budget", "the fishing quota", "a minimum wage increase", "the new airport runway", "smaller classes",
	"rent controls", "the water levy", "the toll road", "a four-day week", "the mining licence",
	"automated cranes", "the border checks", "a full environmental impact assessment", "the data centre", "the tram extension",
	"an independent audit", "the pension reform", "lower fuel duty", "the hospital closure", "a recount",
}

var firstNames = []string{
	"Anna", "Lena", "Ivo", "Marta", "Tomas", "Ines", "Olga", "Hugo", "Pia", "Rolf", "Nadia", "Kasper", "Ada", "Ruth",
	"Omar", "Eva", "Dan", "Mara", "Sven", "Greta", "Ken", "Lisa", "Victor", "Fiona", "Ilse", "Paul", "Maren", "Daan",
	"Karin", "Jonas", "Elena", "Mikael", "Sara", "Andrei", "Petra", "Lukas", "Nora", "Felix", "Clara", "Emil",
	"Vera", "Oskar", "Helena", "Marek", "Alma", "Bruno", "Irene", "Stefan", "Tessa", "Viktor", "Jana", "Leon",
	"Rosa", "Henrik", "Livia", "Otto", "Sofia", "Arne", "Lotte", "Milan",
	"Agnes", "Boris", "Carla", "Dora", "Erik", "Frida", "Gustav", "Hanna", "Igor", "Julia", "Karl", "Linnea",
	"Mats", "Nina", "Olof", "Paula", "Rasmus", "Selma", "Tobias", "Ulla",
}

var surnameHeads = []string{
	"Brand", "Hal", "Kess", "Lind", "Mor", "Ost", "Vell", "Tarn", "Wick", "Dren", "Sol", "Farr", "Gunn", "Hark",
	"Jess", "Kell", "Lorn", "Marr", "Nors", "Pell", "Quill", "Ross", "Strand", "Thal", "Ulv", "Vard", "Wend", "Yarr",
	"Zell", "Ash", "Bell", "Carr", "Dahl", "Eck", "Fenn", "Grev", "Holm", "Isk", "Jarn", "Kolb",
}

var surnameTails = []string{"er", "man", "strom", "by", "ley", "ton", "sen", "wick", "field", "holt", "berg", "ard", "ing", "ow", "ick",
	"quist", "dal", "ness", "hurst", "mont"}

var orgHeads = []string{
	"Nord", "West", "Bright", "Tar", "Kall", "Dun", "Har", "Vel", "Pell", "Ost", "Sund", "Grey", "Silver", "Iron",
	"Blue", "Red", "High", "Stone", "Mar", "Lak", "Alder", "Birch", "Cold", "Elm", "Fair", "Glen", "Hollow",
	"Kings", "Long", "Oak",
}

var orgMids = []string{"haven", "vik", "water", "more", "low", "ford", "brook", "field", "gate", "mark", "dale", "crest",
	"wood", "bridge", "stone", "point"}

var orgSectors = []string{
	"Energy", "Shipping", "Foods", "Mining", "Motors", "Labs", "Bank", "Telecom", "Airlines", "Steel",
	"Logistics", "Insurance", "Terminals", "Pharma", "Rail",
}

var placeHeads = []string{
	"Kor", "Val", "Ost", "Bren", "Mar", "Tal", "Vesk", "Lun", "Dor", "Sar", "Hel", "Mir", "Nov", "Tor", "Ard",
	"Bel", "Cal", "Esk", "Fal", "Gar", "Hav", "Jor", "Kal", "Lor", "Mel", "Nor", "Pol", "Rav", "Sil", "Tren",
}

// placeMids go between a place's head and tail ("Kor" "an" "vel").
var placeMids = []string{"", "an", "en", "ar", "or", "il", "es", "un"}

var placeTails = []string{"vel", "dora", "avia", "holm", "burg", "ina", "stad", "ovo", "era", "ille", "mouth", "wick", "port", "ana",
	"dal", "ven"}

var partyAdjs = []string{"Green", "Liberal", "Social", "National", "Democratic", "Progressive", "Civic", "Rural", "Free", "United", "Workers"}

var partyNouns = []string{"Party", "League", "Alliance", "Union", "Movement", "Front", "Forum", "Coalition"}

// countryRoots are invented countries with their adjectives.
var countryRoots = [][2]string{
	{"Valdria", "Valdrian"}, {"Ostmark", "Ostmarkish"}, {"Korvenia", "Korvenian"}, {"Selvania", "Selvanian"},
	{"Brennland", "Brennish"}, {"Marovia", "Marovian"}, {"Taliska", "Taliskan"}, {"Nordheim", "Nordheimish"},
	{"Arvelia", "Arvelian"}, {"Dunmark", "Dunmarkish"}, {"Estoria", "Estorian"}, {"Felsland", "Felsish"},
}
