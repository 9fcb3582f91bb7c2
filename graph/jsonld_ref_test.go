package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// encodeJSONLDRef is EncodeJSONLD as it was before it was made fast (maps
// of JSON texts, json.Indent of the whole document): the reference the
// tests compare the fast encoder with, byte for byte.
func encodeJSONLDRef(w io.Writer, qs []quad.Quad) error {
	type node struct {
		id    string
		types map[string]bool            // JSON texts of @type values
		props map[string]map[string]bool // key → JSON texts of values
	}
	type graphNodes map[string]*node // by @id
	graphs := make(map[string]graphNodes)
	e := &jsonldEncoder{checked: make(map[string]error)}

	for i, q := range qs {
		bad := func(format string, args ...any) error {
			return E(Invalid, "encode JSON-LD", "", fmt.Sprintf("quad %d (%s): ", i, q.NQuad())+fmt.Sprintf(format, args...))
		}
		sid, err := e.nodeID(q.Subject)
		if err != nil {
			return bad("subject: %v", err)
		}
		pred, ok := q.Predicate.(quad.IRI)
		if !ok {
			return bad("predicate must be an IRI")
		}
		if err := e.checkIRI(string(pred)); err != nil {
			return bad("predicate: %v", err)
		}
		gid := "" // the default graph
		if q.Label != nil {
			if gid, err = e.nodeID(q.Label); err != nil {
				return bad("label: %v", err)
			}
		}
		g := graphs[gid]
		if g == nil {
			g = make(graphNodes)
			graphs[gid] = g
		}
		n := g[sid]
		if n == nil {
			n = &node{id: sid, types: map[string]bool{}, props: map[string]map[string]bool{}}
			g[sid] = n
		}
		if class, ok := q.Object.(quad.IRI); ok && string(pred) == RDFType {
			if err := e.checkIRI(string(class)); err != nil {
				return bad("class: %v", err)
			}
			name := string(class)
			if t, ok := termByIRI[name]; ok {
				name = t.name
			}
			n.types[refJSONText(name)] = true
			continue
		}
		t, ok := termByIRI[string(pred)]
		key := t.name
		if !ok {
			key = string(pred)
		}
		val, err := e.value(q.Object, t.coerce)
		if err != nil {
			return bad("object: %v", err)
		}
		if n.props[key] == nil {
			n.props[key] = make(map[string]bool)
		}
		n.props[key][val] = true
	}

	var b bytes.Buffer
	writeNode := func(n *node) {
		b.WriteString(`{"@id":`)
		b.WriteString(refJSONText(n.id))
		if len(n.types) > 0 {
			b.WriteString(`,"@type":`)
			refWriteSet(&b, n.types)
		}
		for _, key := range slices.Sorted(maps.Keys(n.props)) {
			b.WriteByte(',')
			b.WriteString(refJSONText(key))
			b.WriteByte(':')
			refWriteSet(&b, n.props[key])
		}
		b.WriteByte('}')
	}
	writeNodes := func(g graphNodes) {
		b.WriteByte('[')
		for i, id := range slices.Sorted(maps.Keys(g)) {
			if i > 0 {
				b.WriteByte(',')
			}
			writeNode(g[id])
		}
		b.WriteByte(']')
	}

	b.WriteString(`{"@context":`)
	b.WriteString(refJSONText(ContextURL))
	b.WriteString(`,"@graph":[`)
	first := true
	if g := graphs[""]; g != nil {
		for _, id := range slices.Sorted(maps.Keys(g)) {
			if !first {
				b.WriteByte(',')
			}
			first = false
			writeNode(g[id])
		}
	}
	for _, gid := range slices.Sorted(maps.Keys(graphs)) {
		if gid == "" {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(`{"@id":`)
		b.WriteString(refJSONText(gid))
		b.WriteString(`,"@graph":`)
		writeNodes(graphs[gid])
		b.WriteByte('}')
	}
	b.WriteString("]}")

	var out bytes.Buffer
	out.Grow(b.Len() * 2)
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return fmt.Errorf("encode JSON-LD: internal error: %v", err)
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}

// writeSet writes the JSON texts of set: bare if there is one, else as an
// array sorted by text.
func refWriteSet(b *bytes.Buffer, set map[string]bool) {
	vals := slices.Sorted(maps.Keys(set))
	if len(vals) == 1 {
		b.WriteString(vals[0])
		return
	}
	b.WriteByte('[')
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(v)
	}
	b.WriteByte(']')
}

// jsonText is the JSON text of v (a string, number or boolean), without
// HTML escaping. Strings must be valid UTF-8 (the callers check).
func refJSONText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only finite numbers, strings and booleans are passed
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestEncodeJSONLDMatchesReference wants EncodeJSONLD to write what
// encodeJSONLDRef writes, byte for byte, and to fail with the same errors.
func TestEncodeJSONLDMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	odd := func(n int) string { // strings with every kind of character JSON escapes
		parts := []string{"a", "é", "😀", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\x00", "\x07", "\x1f", "\x7f",
			"\u2028", "\u2029", "<", ">", "&", " ", "\u00a0", "\ufeff"}
		var b strings.Builder
		for range n {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return b.String()
	}
	s := quad.IRI(Base + "thing/s")
	var many []quad.Quad
	for i := range 300 {
		subj := quad.Value(quad.IRI(fmt.Sprintf("%sthing/%d", Base, i%37)))
		if i%11 == 0 {
			subj = quad.BNode(fmt.Sprintf("b%d", i%5))
		}
		var label quad.Value
		if i%3 > 0 {
			label = quad.IRI(fmt.Sprintf("%sarticle/%d", Base, i%13))
		}
		objs := []quad.Value{quad.String(odd(i % 9)), quad.Int(i % 4), quad.Float(float64(i%5) / 4),
			quad.IRI(fmt.Sprintf("%sthing/%d", Base, i%7)), quad.Bool(i%2 == 0), quad.IRI(ClassPerson)}
		preds := []string{PredName, PredConfidence, PredRecord, PredMentions, PredFormer, RDFType, "https://example.org/ns#p"}
		many = append(many, quad.Quad{Subject: subj, Predicate: quad.IRI(preds[i%len(preds)]), Object: objs[i%len(objs)], Label: label})
	}
	sets := map[string][]quad.Quad{
		"empty":          nil,
		"export facts":   factsQuads(exportFacts()),
		"generated":      factsQuads(genExportFacts(40)),
		"large":          factsQuads(genExportFacts(400)), // written in many pieces
		"odd values":     ldOddQuads(),
		"mixed":          many,
		"mixed, doubled": append(slices.Clone(many), many...),
		"one quad":       {{Subject: s, Predicate: quad.IRI(PredName), Object: quad.String(odd(20))}},
		"only a type":    {{Subject: s, Predicate: quad.IRI(RDFType), Object: quad.IRI(ClassPerson), Label: quad.IRI(Base + "article/a")}},
		"unicode IRI":    {{Subject: quad.IRI("https://example.org/\u2028é"), Predicate: quad.IRI(PredName), Object: quad.IRI("https://example.org/ü")}},
	}
	bad := []quad.Quad{
		{Subject: quad.String("x"), Predicate: quad.IRI(PredName), Object: quad.String("y")},
		{Predicate: quad.IRI(PredName), Object: quad.String("y")},
		{Subject: s, Predicate: quad.BNode("p"), Object: quad.String("y")},
		{Subject: quad.IRI("person/x"), Predicate: quad.IRI(PredName), Object: quad.String("y")},
		{Subject: s, Predicate: quad.IRI(PredName), Object: quad.IRI("https://a.example/b c")},
		{Subject: s, Predicate: quad.IRI(PredName), Object: quad.String("y"), Label: quad.String("g")},
		{Subject: s, Predicate: quad.IRI(PredName), Object: quad.String("a\xffb")},
		{Subject: s, Predicate: quad.IRI(PredMentions), Object: quad.IRI("a\xffb:c")},
		{Subject: s, Predicate: quad.IRI(RDFType), Object: quad.IRI("not absolute")},
		{Subject: s, Predicate: quad.IRI("bad pred"), Object: quad.String("y")},
		{Subject: quad.BNode("a b"), Predicate: quad.IRI(PredName), Object: quad.String("y")},
		{Subject: s, Predicate: quad.IRI(PredName)},
	}
	for i, q := range bad {
		qs := slices.Clone(many[:20])
		sets[fmt.Sprintf("bad %d", i)] = append(qs, q, many[0])
	}
	for name, qs := range sets {
		t.Run(name, func(t *testing.T) {
			for seed := range uint64(3) {
				in := qs
				if seed > 0 {
					in = ldShuffled(qs, seed)
				}
				var want, got bytes.Buffer
				errWant := encodeJSONLDRef(&want, in)
				errGot := EncodeJSONLD(&got, in)
				if fmt.Sprint(errWant) != fmt.Sprint(errGot) {
					t.Fatalf("seed %d: error %v, want %v", seed, errGot, errWant)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Fatalf("seed %d: output differs from the reference:\ngot  %.2000s\nwant %.2000s", seed, got.Bytes(), want.Bytes())
				}
				// The same quads in parts, some empty, cut at random.
				var parts [][]quad.Quad
				for rest := in; len(rest) > 0; {
					n := min(len(rest), rng.IntN(8))
					parts = append(parts, rest[:n])
					rest = rest[n:]
				}
				var inParts bytes.Buffer
				errParts := EncodeJSONLDParts(&inParts, parts...)
				if fmt.Sprint(errParts) != fmt.Sprint(errWant) || !bytes.Equal(inParts.Bytes(), want.Bytes()) {
					t.Fatalf("seed %d: in %d parts: error %v, want %v, or the output differs", seed, len(parts), errParts, errWant)
				}
			}
		})
	}
}

// chunkWriter counts the writes it takes, failing those from fail on.
type chunkWriter struct {
	bytes.Buffer
	writes, fail int
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	c.writes++
	if c.fail > 0 && c.writes >= c.fail {
		return 0, errors.New("gone")
	}
	return c.Buffer.Write(p)
}

// TestEncodeJSONLDPieces wants a large document written in several pieces
// that make up the whole, and the writer's first error returned.
func TestEncodeJSONLDPieces(t *testing.T) {
	qs := factsQuads(genExportFacts(400))
	var whole bytes.Buffer
	if err := encodeJSONLDRef(&whole, qs); err != nil {
		t.Fatal(err)
	}
	var c chunkWriter
	if err := EncodeJSONLD(&c, qs); err != nil {
		t.Fatal(err)
	}
	if c.writes < 2 || !bytes.Equal(c.Bytes(), whole.Bytes()) {
		t.Errorf("%d writes of %d bytes in all, want several making up the %d bytes of the document", c.writes, c.Len(), whole.Len())
	}
	failing := chunkWriter{fail: 2}
	if err := EncodeJSONLD(&failing, qs); err == nil || err.Error() != "gone" {
		t.Errorf("a failing writer gave %v, want its error", err)
	}
}
