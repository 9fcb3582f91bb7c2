package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/piprate/json-gold/ld"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exportFacts is a realistic hand-made graph: three articles, two of which
// name the same people and places, with all three kinds of fact, aliases
// and evidence.
func exportFacts() []Facts {
	date := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	merkel := Entity{Type: Person, Name: "Angela Merkel", Aliases: []string{"Merkel", "Chancellor Merkel"}}
	cdu := Entity{Type: Organization, Name: "CDU", Aliases: []string{"Christian Democratic Union"}}
	germany := Entity{Type: Place, Name: "Germany"}
	berlin := Entity{Type: Place, Name: "Berlin"}
	macron := Entity{Type: Person, Name: "Emmanuel Macron", Aliases: []string{"Macron"}}
	climate := Entity{Type: Issue, Name: "climate protection"}
	a1 := Facts{
		Article: Article{File: "news/2021/a.json", Record: 0, Title: "Merkel \"looks back\" on 16 years",
			Date: date("2021-12-08"), URL: "https://example.com/a?x=1&y=<2>", Source: "Example Times",
			Author: "Jo Writer", Text: "Chancellor Merkel said farewell.\nShe looked back.", Hash: "abc123"},
		Entities: []Entity{merkel, cdu, germany},
		Roles: []Role{
			{Person: merkel, Title: "Chancellor", Org: &germany, Former: true, AsOf: Date{Value: "2021-12-08", Granularity: Day},
				Evidence: []Evidence{
					{Sentence: "Chancellor Merkel said farewell.", Start: 0, End: 32, Confidence: 0.9},
					{Sentence: "She looked back.", Start: 33, End: 49, Confidence: 0.30000000000000004},
				}},
			{Person: merkel, Title: "party leader", Org: &cdu, Evidence: []Evidence{
				{Sentence: "Chancellor Merkel said farewell.", Start: 0, End: 32, Confidence: 1}}},
		},
		Positions: []Position{{Party: merkel, Stance: Supports, Issue: climate, Quote: "We must act — now.",
			Evidence: []Evidence{{Sentence: "She looked back.", Start: 33, End: 49, Confidence: 0.75}}}},
		Events: []Event{{Name: "farewell ceremony", Date: Date{Value: "2021-12", Granularity: Month}, Place: &berlin,
			Participants: []Entity{merkel, cdu}, Evidence: []Evidence{{Sentence: "Chancellor Merkel said farewell.", Start: 0, End: 32, Confidence: 0}}}},
		Extractor: "kg-test/1",
	}
	a2 := Facts{
		Article: Article{File: "news/2021/b.jsonl", Record: 7, Title: "Macron meets Merkel",
			Date: date("2021-11-03"), Source: "Other Post", Text: "Macron met Merkel in Berlin.", Hash: "def456"},
		Entities: []Entity{{Type: Person, Name: "Angela Merkel", Aliases: []string{"Dr. Merkel"}}, macron, berlin},
		Roles:    []Role{{Person: macron, Title: "President", Evidence: []Evidence{{Sentence: "Macron met Merkel in Berlin.", Start: 0, End: 28, Confidence: 0.5}}}},
		Positions: []Position{{Party: macron, Stance: Demands, Issue: climate,
			Evidence: []Evidence{{Sentence: "Macron met Merkel in Berlin.", Start: 0, End: 28, Confidence: 0.625}}}},
		Events: []Event{{Name: "meeting", Date: Date{Value: "--11-03", Granularity: MonthDay}, Place: &berlin,
			Participants: []Entity{macron, merkel}, Evidence: []Evidence{{Sentence: "Macron met Merkel in Berlin.", Start: 0, End: 28, Confidence: 0.8}}}},
		Extractor: "kg-test/1",
	}
	a3 := Facts{ // no date, no roles: an article with little in it
		Article:   Article{File: "misc/c.txt", Title: "Kurzmeldung", Text: "Berlin.", Hash: "0"},
		Entities:  []Entity{berlin},
		Extractor: "kg-test/1",
	}
	return []Facts{a1, a2, a3}
}

func factsQuads(fs []Facts) []quad.Quad {
	var qs []quad.Quad
	for _, f := range fs {
		qs = append(qs, f.Quads()...)
	}
	return qs
}

// genExportFacts generates n articles about a shared pool of entities.
func genExportFacts(n int) []Facts {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	types := []EntityType{Person, Organization, Place}
	pool := make([]Entity, 60)
	for i := range pool {
		pool[i] = Entity{Type: types[i%3], Name: fmt.Sprintf("Entity %d Ñame", i), Aliases: []string{fmt.Sprintf("E%d", i)}}
	}
	issues := []Entity{{Type: Issue, Name: "taxes"}, {Type: Issue, Name: "migration"}, {Type: Issue, Name: "energy"}}
	pick := func() Entity { return pool[rng.IntN(len(pool))] }
	ev := func() []Evidence {
		var evs []Evidence
		for range 1 + rng.IntN(3) {
			start := rng.IntN(5000)
			evs = append(evs, Evidence{Sentence: fmt.Sprintf("Sentence at %d says \"something\".", start),
				Start: start, End: start + 10 + rng.IntN(200), Confidence: rng.Float64()})
		}
		return evs
	}
	var fs []Facts
	for i := range n {
		f := Facts{
			Article: Article{File: fmt.Sprintf("gen/%03d.jsonl", i/10), Record: i%10 + 1, Title: fmt.Sprintf("Article %d", i),
				Date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), Source: "Gen", Text: strings.Repeat("word ", i),
				Hash: fmt.Sprintf("%x", i*7919)},
			Extractor: "gen/1",
		}
		for range 3 {
			f.Entities = append(f.Entities, pick())
		}
		for range rng.IntN(3) {
			org := pick()
			f.Roles = append(f.Roles, Role{Person: pick(), Title: "minister", Org: &org, Former: rng.IntN(2) == 0, Evidence: ev()})
		}
		for range rng.IntN(3) {
			f.Positions = append(f.Positions, Position{Party: pick(), Stance: Stances[rng.IntN(len(Stances))],
				Issue: issues[rng.IntN(len(issues))], Evidence: ev()})
		}
		for range rng.IntN(2) {
			place := pick()
			f.Events = append(f.Events, Event{Name: fmt.Sprintf("summit %d", rng.IntN(20)),
				Date: Date{Value: fmt.Sprintf("2021-%02d", 1+rng.IntN(12)), Granularity: Month}, Place: &place,
				Participants: []Entity{pick(), pick()}, Evidence: ev()})
		}
		fs = append(fs, f)
	}
	return fs
}

// ldOddQuads are quads outside kg's data model that Cayley may still hold:
// values whose type does not match their term, predicates and classes
// without a term, other datatypes, language tags, the default graph, numbers
// JSON cannot carry, special characters.
func ldOddQuads() []quad.Quad {
	s := quad.IRI(Base + "thing/odd")
	l := quad.IRI(Base + "article/odd")
	p := func(iri string) quad.IRI { return quad.IRI(iri) }
	q := func(pred quad.IRI, o quad.Value, label quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: pred, Object: o, Label: label}
	}
	return []quad.Quad{
		q(p(RDFType), quad.IRI("https://example.org/ns#Thing"), l),
		q(p(RDFType), quad.IRI(ClassPerson), l),
		q(p(RDFType), quad.String("a literal type"), l),
		q(p(PredConfidence), quad.Int(3), l),
		q(p(PredConfidence), quad.String("high"), l),
		q(p(PredConfidence), quad.Float(1e300), l),
		q(p(PredConfidence), quad.Float(-2.5e-300), l),
		q(p(PredConfidence), quad.Float(math.Inf(1)), l),
		q(p(PredConfidence), quad.Float(math.Inf(-1)), l),
		q(p(PredConfidence), quad.Float(0.1+0.2), nil),
		q(p(PredRecord), quad.Int(1<<62+1), l),
		q(p(PredRecord), quad.Int(-(1<<53)-1), l),
		q(p(PredRecord), quad.Int(-7), l),
		q(p(PredRecord), quad.Float(2), l),
		q(p(PredFormer), quad.String("yes"), l),
		q(p(PredMentions), quad.String("not an IRI"), l),
		q(p(PredName), quad.IRI("urn:isbn:0451450523"), l),
		q(p(PredName), quad.Int(42), l),
		q(p(PredName), quad.Float(0.5), l),
		q(p(PredName), quad.Bool(false), l),
		q(p(PredName), quad.LangString{Value: "Zürich", Lang: "de-ch"}, l),
		q(p(PredName), quad.TypedString{Value: "2021-12-08", Type: "http://www.w3.org/2001/XMLSchema#date"}, l),
		q(p(PredName), quad.TypedString{Value: "abc", Type: "xsd:token"}, l),
		q(p(PredName), quad.String("tab\tnewline\nquote\" backslash\\ cr\r bell\x07 del\x7f bs\b ff\f é 😀 </script>"), l),
		q(p("https://example.org/ns#unknownPredicate"), quad.String("x"), l),
		q(p("https://example.org/ns#unknownPredicate"), quad.Int(12), l),
		q(p("https://example.org/ns#unknownPredicate"), quad.Bool(true), l),
		q(p(PredName), quad.String("in the default graph"), nil),
		{Subject: quad.IRI("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"), Predicate: p(PredName), Object: quad.String("urn subject"), Label: quad.IRI("urn:x-graph:1")},
	}
}

// key is a quad with the Go type of every term, so that quad.Int(1) and
// quad.Float(1) differ.
func ldQuadKey(q quad.Quad) string {
	t := func(v quad.Value) string { return fmt.Sprintf("%T %s", v, nqTerm(v)) }
	return t(q.Subject) + " | " + t(q.Predicate) + " | " + t(q.Object) + " | " + t(q.Label)
}

func ldQuadSet(qs []quad.Quad) map[string]bool {
	m := make(map[string]bool)
	for _, q := range qs {
		m[ldQuadKey(q)] = true
	}
	return m
}

func ldDiffSets(t *testing.T, got, want []quad.Quad) {
	t.Helper()
	g, w := ldQuadSet(got), ldQuadSet(want)
	var missing, extra []string
	for k := range w {
		if !g[k] {
			missing = append(missing, k)
		}
	}
	for k := range g {
		if !w[k] {
			extra = append(extra, k)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	for i, k := range missing {
		if i == 10 {
			t.Errorf("... %d more missing", len(missing)-10)
			break
		}
		t.Errorf("missing: %s", k)
	}
	for i, k := range extra {
		if i == 10 {
			t.Errorf("... %d more extra", len(extra)-10)
			break
		}
		t.Errorf("extra:   %s", k)
	}
}

type ldCase struct {
	name string
	qs   []quad.Quad
}

func ldRoundTripCases(articles int) []ldCase {
	return []ldCase{
		{"hand-made", factsQuads(exportFacts())},
		{fmt.Sprintf("%d articles", articles), factsQuads(genExportFacts(articles))},
		{"odd values", ldOddQuads()},
		{"empty", nil},
	}
}

// jsonGoldQuads converts a JSON-LD document to quads with json-gold's Expand
// and ToRDF, as any consumer would: JSON-LD 1.1, DocumentLoader (so no
// network), and SafeMode, which makes expansion fail instead of dropping
// anything it does not understand.
func jsonGoldQuads(t *testing.T, doc []byte) []quad.Quad {
	t.Helper()
	input, err := ld.DocumentFromReader(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = DocumentLoader()
	opts.SafeMode = true
	expanded, err := ld.NewJsonLdProcessor().Expand(input, opts)
	if err != nil {
		t.Fatalf("expand: %v", err)
	}
	ds, err := ld.NewJsonLdApi().ToRDF(expanded, opts)
	if err != nil {
		t.Fatalf("to RDF: %v", err)
	}
	qs, err := datasetQuads(ds)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestJSONLDRoundTripJSONGold is issue 5's "Done when": every exported
// document, expanded and converted to RDF by json-gold, gives back exactly
// the quads it was made from.
func TestJSONLDRoundTripJSONGold(t *testing.T) {
	t.Parallel() // json-gold is slow, with -race very slow
	for _, tc := range ldRoundTripCases(300) {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := EncodeJSONLD(&buf, tc.qs); err != nil {
				t.Fatal(err)
			}
			ldDiffSets(t, jsonGoldQuads(t, buf.Bytes()), tc.qs)
		})
	}
}

// TestJSONLDRoundTripDecode: DecodeJSONLD reads back what EncodeJSONLD
// writes. (The large graph is TestJSONLDRoundTripJSONGold's: the same
// json-gold conversion.)
func TestJSONLDRoundTripDecode(t *testing.T) {
	t.Parallel()
	for _, tc := range ldRoundTripCases(60) {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := EncodeJSONLD(&buf, tc.qs); err != nil {
				t.Fatal(err)
			}
			got, err := DecodeJSONLD(&buf)
			if err != nil {
				t.Fatal(err)
			}
			ldDiffSets(t, got, tc.qs)
			if len(got) != len(ldQuadSet(tc.qs)) {
				t.Errorf("decoded %d quads, want %d distinct", len(got), len(ldQuadSet(tc.qs)))
			}
			// And again: encode(decode(encode(x))) == encode(x).
			var again bytes.Buffer
			if err := EncodeJSONLD(&again, got); err != nil {
				t.Fatal(err)
			}
			var first bytes.Buffer
			_ = EncodeJSONLD(&first, tc.qs)
			if !bytes.Equal(again.Bytes(), first.Bytes()) {
				t.Error("re-encoding the decoded quads gives a different document")
			}
		})
	}
}

// TestJSONLDKgDataIsPlain checks that kg's own data needs none of the
// explicit forms: every value fits its term, so the document stays readable.
func TestJSONLDKgDataIsPlain(t *testing.T) {
	var buf bytes.Buffer
	if err := EncodeJSONLD(&buf, factsQuads(append(exportFacts(), genExportFacts(50)...))); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{`"@value"`, `"@language"`, `"https://schema.org/`, `"https://kg.localhost/vocab#`, `{"@id"`} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %s", bad)
		}
	}
}

// TestContextCoversVocab checks that Context has a term for every class and
// predicate kg writes, typed as the values Facts.Quads writes for it.
func TestContextCoversVocab(t *testing.T) {
	want := map[string]string{}
	for _, q := range factsQuads(append(exportFacts(), genExportFacts(20)...)) {
		p := string(q.Predicate.(quad.IRI))
		if p == RDFType {
			c := string(q.Object.(quad.IRI))
			if _, ok := termByIRI[c]; !ok {
				t.Errorf("no term for class %s", c)
			}
			continue
		}
		var coerce string
		switch q.Object.(type) {
		case quad.IRI:
			coerce = "@id"
		case quad.Int:
			coerce = xsdInteger
		case quad.Float:
			coerce = xsdDouble
		case quad.Bool:
			coerce = xsdBoolean
		}
		if prev, ok := want[p]; ok && prev != coerce {
			t.Errorf("%s holds values of two kinds", p)
		}
		want[p] = coerce
	}
	for p, coerce := range want {
		tm, ok := termByIRI[p]
		if !ok {
			t.Errorf("no term for predicate %s", p)
		} else if tm.coerce != coerce {
			t.Errorf("term %s: @type %q, kg writes %q", tm.name, tm.coerce, coerce)
		}
	}
	for _, iri := range []string{ClassPerson, ClassOrganization, ClassPlace, ClassIssue, ClassArticle, ClassRole,
		ClassPosition, ClassEvent, ClassEvidence, PredName, PredAlternateName, PredMentions, PredHeadline,
		PredDatePublished, PredURL, PredPublisher, PredAuthor, PredFile, PredRecord, PredContentHash, PredExtractor,
		PredWordCount, PredPerson, PredRoleName, PredOrganization, PredFormer, PredAsOf, PredParty, PredStance,
		PredIssue, PredQuote, PredStartDate, PredGranularity, PredLocation, PredParticipant, PredEvidence,
		PredArticle, PredSentence, PredStart, PredEnd, PredConfidence} {
		if _, ok := termByIRI[iri]; !ok {
			t.Errorf("no term for %s", iri)
		}
	}
	// The context is valid JSON-LD that json-gold accepts.
	var doc any
	if err := json.Unmarshal(Context, &doc); err != nil {
		t.Fatal(err)
	}
	if _, err := ld.NewContext(nil, ld.NewJsonLdOptions("")).Parse(doc.(map[string]any)["@context"]); err != nil {
		t.Errorf("json-gold rejects the context: %v", err)
	}
}

func ldShuffled(qs []quad.Quad, seed uint64) []quad.Quad {
	out := slices.Clone(qs)
	out = append(out, out[:len(out)/3]...) // and some duplicates
	rng := rand.New(rand.NewPCG(seed, 7))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func TestEncodeDeterministic(t *testing.T) {
	qs := append(factsQuads(append(exportFacts(), genExportFacts(40)...)), ldOddQuads()...)
	for _, enc := range []struct {
		name string
		fn   func(*bytes.Buffer, []quad.Quad) error
	}{
		{"jsonld", func(b *bytes.Buffer, qs []quad.Quad) error { return EncodeJSONLD(b, qs) }},
		{"nquads", func(b *bytes.Buffer, qs []quad.Quad) error { return EncodeNQuads(b, qs) }},
	} {
		t.Run(enc.name, func(t *testing.T) {
			var first bytes.Buffer
			if err := enc.fn(&first, qs); err != nil {
				t.Fatal(err)
			}
			for seed := range uint64(5) {
				var b bytes.Buffer
				if err := enc.fn(&b, ldShuffled(qs, seed)); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(b.Bytes(), first.Bytes()) {
					t.Fatalf("seed %d: output differs for ldShuffled input", seed)
				}
			}
		})
	}
}

func TestDocumentLoader(t *testing.T) {
	dl := DocumentLoader()
	for _, u := range []string{ContextURL, "http://kg.localhost/context.jsonld"} {
		rd, err := dl.LoadDocument(u)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		var want any
		_ = json.Unmarshal(Context, &want)
		if !reflect.DeepEqual(rd.Document, want) {
			t.Errorf("%s: served document is not Context", u)
		}
		if rd.DocumentURL != u {
			t.Errorf("DocumentURL %q", rd.DocumentURL)
		}
	}
	for _, u := range []string{"https://schema.org/", "https://kg.localhost/context.jsonld?x", "https://kg.localhost/other.jsonld",
		"file:///etc/passwd", "/etc/passwd", "context.jsonld", "ftp://kg.localhost/context.jsonld", ""} {
		_, err := dl.LoadDocument(u)
		if err == nil {
			t.Errorf("%q: loaded", u)
		} else if !strings.Contains(err.Error(), "refusing "+u+" ") {
			t.Errorf("%q: error does not name the URL: %v", u, err)
		}
	}
}

func TestGolden(t *testing.T) {
	fs := exportFacts()
	// A small subgraph: the second article and what it says.
	qs := fs[1].Quads()
	for _, g := range []struct {
		file string
		enc  func(*bytes.Buffer, []quad.Quad) error
		dec  func(*bytes.Buffer) ([]quad.Quad, error)
	}{
		{"small.jsonld", func(b *bytes.Buffer, qs []quad.Quad) error { return EncodeJSONLD(b, qs) },
			func(b *bytes.Buffer) ([]quad.Quad, error) { return DecodeJSONLD(b) }},
		{"small.nq", func(b *bytes.Buffer, qs []quad.Quad) error { return EncodeNQuads(b, qs) },
			func(b *bytes.Buffer) ([]quad.Quad, error) { return DecodeNQuads(b) }},
	} {
		t.Run(g.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := g.enc(&b, qs); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", g.file)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./graph -run Golden -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("output differs from %s (run go test ./graph -run Golden -update if intended):\n%s", path, b.String())
			}
			// The golden file itself reads back as the subgraph.
			got, err := g.dec(bytes.NewBuffer(want))
			if err != nil {
				t.Fatal(err)
			}
			ldDiffSets(t, got, qs)
		})
	}
}

func TestEncodeJSONLDRejects(t *testing.T) {
	s, p := quad.IRI(Base+"x"), quad.IRI(PredName)
	for _, tc := range []struct {
		name string
		q    quad.Quad
		want string
	}{
		{"literal subject", quad.Quad{Subject: quad.String("x"), Predicate: p, Object: quad.String("y")}, "subject"},
		{"missing subject", quad.Quad{Predicate: p, Object: quad.String("y")}, "subject: missing"},
		{"blank predicate", quad.Quad{Subject: s, Predicate: quad.BNode("p"), Object: quad.String("y")}, "predicate must be an IRI"},
		{"relative IRI", quad.Quad{Subject: quad.IRI("person/x"), Predicate: p, Object: quad.String("y")}, "not absolute"},
		{"IRI with space", quad.Quad{Subject: s, Predicate: p, Object: quad.IRI("https://a.example/b c")}, "contains"},
		{"IRI read as compact IRI", quad.Quad{Subject: quad.IRI("name:x"), Predicate: p, Object: quad.String("y")}, "compact IRI"},
		{"literal label", quad.Quad{Subject: s, Predicate: p, Object: quad.String("y"), Label: quad.String("g")}, "label"},
		{"bad UTF-8", quad.Quad{Subject: s, Predicate: p, Object: quad.String("a\xffb")}, "UTF-8"},
		{"bad language", quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: "x", Lang: "en us"}}, "language tag"},
		{"bad blank node", quad.Quad{Subject: quad.BNode("a b"), Predicate: p, Object: quad.String("y")}, "blank node"},
		{"missing object", quad.Quad{Subject: s, Predicate: p}, "object: missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for name, enc := range map[string]func(*bytes.Buffer, []quad.Quad) error{
				"jsonld": func(b *bytes.Buffer, qs []quad.Quad) error { return EncodeJSONLD(b, qs) },
				"nquads": func(b *bytes.Buffer, qs []quad.Quad) error { return EncodeNQuads(b, qs) },
			} {
				if name == "nquads" && tc.name == "IRI read as compact IRI" {
					continue // a fine IRI in N-Quads
				}
				var b bytes.Buffer
				good := quad.Quad{Subject: s, Predicate: p, Object: quad.String("ok")}
				err := enc(&b, []quad.Quad{good, tc.q})
				if err == nil {
					t.Errorf("%s: no error", name)
					continue
				}
				if !Is(Invalid, err) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "quad 1") {
					t.Errorf("%s: error %v, want Kind Invalid naming quad 1 and %q", name, err, tc.want)
				}
				if b.Len() != 0 {
					t.Errorf("%s: wrote %d bytes before failing", name, b.Len())
				}
			}
		})
	}
}

func TestDecodeJSONLDErrors(t *testing.T) {
	var full bytes.Buffer
	if err := EncodeJSONLD(&full, exportFacts()[2].Quads()); err != nil {
		t.Fatal(err)
	}
	truncated := full.Bytes()[:full.Len()/2]
	tLines := bytes.Count(truncated, []byte("\n")) + 1
	for _, tc := range []struct {
		name     string
		in       string
		want     string
		line, co int // position, if a syntax error
	}{
		{"truncated", string(truncated), "unexpected end of JSON input", tLines, 0},
		{"empty", "", "empty input", 1, 1},
		{"syntax", "{\n  \"@graph\": [\n    {\"@id\": \"x\",, }\n  ]\n}", "invalid character ','", 3, 18},
		{"trailing data", "{}\n{}", "data after the JSON document", 2, 1},
		{"not an object", "\n  5", "must be a JSON object or array", 2, 3},
		{"unknown remote context", `{"@context": "https://example.org/ctx.jsonld", "@id": "https://a.example/x", "name": "y"}`,
			"https://example.org/ctx.jsonld", 0, 0},
		{"remote context in array", `{"@context": ["https://kg.localhost/context.jsonld", "http://schema.org/"], "@id": "https://a.example/x"}`,
			"http://schema.org/", 0, 0},
		{"@import", `{"@context": {"@version": 1.1, "@import": "https://example.org/import.jsonld"}, "@id": "https://a.example/x"}`,
			"https://example.org/import.jsonld", 0, 0},
		{"bad @id", `{"@id": 5, "https://a.example/p": "x"}`, "invalid @id value", 0, 0},
		{"bad language", `{"@id": "https://a.example/x", "https://a.example/p": {"@value": "x", "@language": 5}}`, "language", 0, 0},
		{"context not an object", `{"@context": 5}`, "invalid local context", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeJSONLD(strings.NewReader(tc.in))
			if err == nil {
				t.Fatal("no error")
			}
			if !Is(Invalid, err) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want Kind Invalid containing %q", err, tc.want)
			}
			var ie *InputError
			if tc.line > 0 {
				if !errors.As(err, &ie) {
					t.Fatalf("error %v has no position", err)
				}
				if ie.Line != tc.line || (tc.co > 0 && ie.Column != tc.co) {
					t.Errorf("position %d:%d, want %d:%d", ie.Line, ie.Column, tc.line, tc.co)
				}
			}
		})
	}
}

// TestDecodeJSONLDForeign reads JSON-LD kg did not write: inline context,
// @vocab, native values, language maps, relative IRIs.
func TestDecodeJSONLDForeign(t *testing.T) {
	doc := `{
  "@context": {"@vocab": "https://a.example/v#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "born": {"@type": "xsd:date"}, "label": {"@container": "@language"}},
  "@id": "https://a.example/x",
  "@type": "Thing",
  "count": 5,
  "ratio": 5.5,
  "ok": true,
  "title": {"@value": "Hallo", "@language": "de-DE"},
  "born": "1954-07-17",
  "big": {"@value": "123456789012345678901234567890", "@type": "xsd:integer"},
  "dec": {"@value": "1.25", "@type": "xsd:decimal"},
  "label": {"en": "Hello", "fr": "Bonjour"},
  "friend": {"@id": "relative/iri", "name": "dropped: relative subject"},
  "knows": {"name": "a blank node"}
}`
	got, err := DecodeJSONLD(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	x := quad.IRI("https://a.example/x")
	v := func(s string) quad.IRI { return quad.IRI("https://a.example/v#" + s) }
	var bnode quad.BNode
	for _, q := range got {
		if q.Subject == x && q.Predicate == v("knows") {
			bnode, _ = q.Object.(quad.BNode)
		}
	}
	if bnode == "" {
		t.Fatalf("no blank node in %v", got)
	}
	want := []quad.Quad{
		{Subject: x, Predicate: quad.IRI(RDFType), Object: v("Thing")},
		{Subject: x, Predicate: v("count"), Object: quad.Int(5)},
		{Subject: x, Predicate: v("ratio"), Object: quad.Float(5.5)},
		{Subject: x, Predicate: v("ok"), Object: quad.Bool(true)},
		{Subject: x, Predicate: v("title"), Object: quad.LangString{Value: "Hallo", Lang: "de-de"}},
		{Subject: x, Predicate: v("born"), Object: quad.TypedString{Value: "1954-07-17", Type: "http://www.w3.org/2001/XMLSchema#date"}},
		{Subject: x, Predicate: v("big"), Object: quad.TypedString{Value: "123456789012345678901234567890", Type: xsdInteger}},
		{Subject: x, Predicate: v("dec"), Object: quad.Float(1.25)},
		{Subject: x, Predicate: v("label"), Object: quad.LangString{Value: "Hello", Lang: "en"}},
		{Subject: x, Predicate: v("label"), Object: quad.LangString{Value: "Bonjour", Lang: "fr"}},
		{Subject: x, Predicate: v("knows"), Object: bnode},
		{Subject: bnode, Predicate: v("name"), Object: quad.String("a blank node")},
	}
	ldDiffSets(t, got, want)
}

// TestDecodeJSONLDNoPanic feeds json-gold odd documents: each must give
// quads or an error, never a panic.
func TestDecodeJSONLDNoPanic(t *testing.T) {
	for _, in := range []string{
		`5`, `"x"`, `null`, `[]`, `[5, "x", null]`, `{"@graph": 5}`, `{"@context": null}`,
		`{"@context": {"p": {"@id": 5}}}`, `{"@context": {"@language": 5}, "@id": "https://a.example/x"}`,
		`{"@id": "https://a.example/x", "https://a.example/p": {"@value": {"a": 1}}}`,
		`{"@id": "https://a.example/x", "https://a.example/p": {"@value": "x", "@type": 5}}`,
		`{"@id": "https://a.example/x", "https://a.example/p": {"@list": [1, {"@list": [2]}]}}`,
		`{"@id": "https://a.example/x", "@reverse": {"https://a.example/p": "x"}}`,
		`{"@context": {"@base": 5}}`, `{"@context": {"@vocab": 5}}`, `{"@context": [{"a": "@id"}, null, {}]}`,
		`{"@id": "https://a.example/x", "https://a.example/p": {"@value": 1, "@language": "en"}}`,
		`{"@id": "https://a.example/x", "@type": 5}`,
		`{"@included": 5}`, `{"@nest": 5}`, `{"@context": {"@propagate": 5}}`,
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panic %v", in, p)
				}
			}()
			_, _ = DecodeJSONLD(strings.NewReader(in))
		}()
	}
}

func TestJSONLDSample(t *testing.T) {
	// The document shape promised by EncodeJSONLD's contract.
	qs := exportFacts()[2].Quads()
	qs = append(qs, quad.Quad{Subject: quad.IRI(Base + "place/berlin"), Predicate: quad.IRI(PredName), Object: quad.String("Berlin")})
	var b bytes.Buffer
	if err := EncodeJSONLD(&b, qs); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Context string           `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Context != ContextURL || len(doc.Graph) != 2 {
		t.Fatalf("document %s", b.String())
	}
	if _, ok := doc.Graph[0]["@graph"]; ok || doc.Graph[0]["name"] != "Berlin" {
		t.Errorf("first entry should be the default graph's node: %v", doc.Graph[0])
	}
	art := exportFacts()[2].Article.IRI()
	if doc.Graph[1]["@id"] != art {
		t.Errorf("named graph %v, want %s", doc.Graph[1]["@id"], art)
	}
	nodes := doc.Graph[1]["@graph"].([]any)
	a := nodes[0].(map[string]any)
	if a["@type"] != "NewsArticle" || a["record"] != 0.0 || a["wordCount"] != 1.0 || a["mentions"] != Base+"place/berlin" {
		t.Errorf("article node %v", a)
	}
	if !strings.HasSuffix(b.String(), "}\n") || !strings.Contains(b.String(), "\n  \"@graph\": [\n") {
		t.Errorf("not indented:\n%s", b.String())
	}
}

// TestJSONLDBlankNodes: JSON-LD processors rename blank nodes, so the round
// trip holds up to their labels.
func TestJSONLDBlankNodes(t *testing.T) {
	name := quad.IRI(PredName)
	g := quad.BNode("graph1")
	x := quad.IRI(Base + "x")
	in := []quad.Quad{
		{Subject: quad.BNode("a"), Predicate: name, Object: quad.String("A"), Label: g},
		{Subject: quad.BNode("a"), Predicate: quad.IRI(PredMentions), Object: quad.BNode("b"), Label: g},
		{Subject: quad.BNode("b"), Predicate: name, Object: quad.String("B"), Label: g},
		{Subject: x, Predicate: quad.IRI(RDFType), Object: quad.BNode("c"), Label: g},
		{Subject: quad.BNode("c"), Predicate: name, Object: quad.String("C"), Label: nil},
		{Subject: x, Predicate: name, Object: quad.BNode("a"), Label: g},
	}
	var buf bytes.Buffer
	if err := EncodeJSONLD(&buf, in); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeJSONLD(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// Map the processor's labels back: blank nodes by their name, the graph
	// by being the only blank graph name.
	rename := map[quad.Value]quad.Value{}
	for _, q := range got {
		if s, ok := q.Object.(quad.String); ok && q.Predicate == name {
			rename[q.Subject] = quad.BNode(strings.ToLower(string(s)))
		}
		if b, ok := q.Label.(quad.BNode); ok {
			rename[b] = g
		}
	}
	for i, q := range got {
		for _, d := range []quad.Direction{quad.Subject, quad.Object, quad.Label} {
			if v, ok := rename[q.Get(d)]; ok {
				q.Set(d, v)
			}
		}
		got[i] = q
	}
	ldDiffSets(t, got, in)
}

func BenchmarkEncodeJSONLD(b *testing.B) {
	qs := factsQuads(genExportFacts(300))
	for b.Loop() {
		_ = EncodeJSONLD(io.Discard, qs)
	}
}

func BenchmarkDecodeJSONLD(b *testing.B) {
	var buf bytes.Buffer
	_ = EncodeJSONLD(&buf, factsQuads(genExportFacts(300)))
	for b.Loop() {
		_, _ = DecodeJSONLD(bytes.NewReader(buf.Bytes()))
	}
}

func BenchmarkNQuads(b *testing.B) {
	qs := factsQuads(genExportFacts(300))
	for b.Loop() {
		var buf bytes.Buffer
		_ = EncodeNQuads(&buf, qs)
		_, _ = DecodeNQuads(&buf)
	}
}
