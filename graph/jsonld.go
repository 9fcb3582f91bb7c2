package graph

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/piprate/json-gold/ld"

	"kg/internal/jsontext"
)

// ContextURL is where `kg serve` publishes Context. Documents written by
// EncodeJSONLD refer to the context by this IRI, but it is never fetched:
// DocumentLoader serves it from the binary.
const ContextURL = "https://kg.localhost/context.jsonld"

// Context is the one JSON-LD context of kg, a document of the form
// {"@context": {...}}. It defines a term for every class and predicate of
// vocab.go: schema.org terms where they fit, kg vocabulary terms
// (https://kg.localhost/vocab#) for the rest. It defines no prefixes and no
// @vocab, so a key or value that is not one of its terms is read as a full
// IRI or dropped, never silently re-mapped. Terms whose values are IRIs are
// typed "@id"; record, wordCount, startOffset and endOffset are typed
// xsd:integer, confidence xsd:double and former xsd:boolean, so a native
// JSON number or boolean under them converts back to the same datatype
// whatever its JSON spelling (1 under confidence is 1.0E0^^xsd:double, not
// an xsd:integer).
//
//go:embed context.jsonld
var Context []byte

// XSD datatype IRIs in full, as they appear in N-Quads and JSON-LD.
const (
	xsdNS       = "http://www.w3.org/2001/XMLSchema#"
	xsdString   = xsdNS + "string"
	xsdInteger  = xsdNS + "integer"
	xsdDouble   = xsdNS + "double"
	xsdDecimal  = xsdNS + "decimal"
	xsdBoolean  = xsdNS + "boolean"
	xsdDateTime = xsdNS + "dateTime"
	rdfLang     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
)

// term is one term of Context: its name and its type coercion ("" for none,
// "@id", or a datatype IRI).
type term struct {
	name, coerce string
}

var (
	termByIRI  map[string]term // predicate or class IRI → term
	termByName map[string]bool
)

func init() {
	var err error
	termByIRI, termByName, err = parseContext(Context)
	if err != nil {
		panic("graph: bad embedded context.jsonld: " + err.Error())
	}
}

// parseContext reads the term definitions of a context document that uses
// only simple terms and expanded definitions with @id and @type.
func parseContext(doc []byte) (map[string]term, map[string]bool, error) {
	var top struct {
		Context map[string]json.RawMessage `json:"@context"`
	}
	if err := json.Unmarshal(doc, &top); err != nil {
		return nil, nil, err
	}
	byIRI := make(map[string]term)
	names := make(map[string]bool)
	for name, raw := range top.Context {
		var t term
		t.name = name
		var iri string
		if err := json.Unmarshal(raw, &iri); err != nil {
			var def struct {
				ID   string `json:"@id"`
				Type string `json:"@type"`
			}
			if err := json.Unmarshal(raw, &def); err != nil {
				return nil, nil, fmt.Errorf("term %q: %v", name, err)
			}
			iri, t.coerce = def.ID, def.Type
		}
		if strings.ContainsRune(name, ':') || strings.HasPrefix(name, "@") {
			return nil, nil, fmt.Errorf("term %q: only simple terms are allowed", name)
		}
		if _, dup := byIRI[iri]; dup {
			return nil, nil, fmt.Errorf("term %q: IRI %s has two terms", name, iri)
		}
		byIRI[iri] = t
		names[name] = true
	}
	return byIRI, names, nil
}

// DocumentLoader returns the json-gold document loader kg uses for every
// JSON-LD operation. It serves Context for ContextURL (and for the same URL
// with http: instead of https:), and refuses every other URL with an error
// naming it. It never touches the network or the file system.
func DocumentLoader() ld.DocumentLoader { return offlineLoader{} }

type offlineLoader struct{}

func (offlineLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if u != ContextURL && u != "http:"+strings.TrimPrefix(ContextURL, "https:") {
		return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed,
			fmt.Sprintf("kg loads no remote documents: refusing %s (only %s is available)", u, ContextURL))
	}
	// A fresh copy for every caller: json-gold may modify what it is given.
	doc, err := ld.DocumentFromReader(bytes.NewReader(Context))
	if err != nil {
		return nil, err
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: doc}, nil
}

// EncodeJSONLD writes qs to w as one JSON-LD document:
//
//	{"@context": ContextURL, "@graph": [...]}
//
// The top-level @graph holds first the node objects of the quads without a
// label (the default graph), sorted by @id, then one named-graph object
// {"@id": label, "@graph": [node objects]} per label, sorted by label. A
// node object has "@id" (the full IRI, or "_:name" for a blank node),
// "@type" (the classes, as Context terms where there is one), then its
// properties in key order, keyed by Context term or, for a predicate
// without one, by full IRI. A property with one value has it bare, with
// several an array sorted by its JSON text. Values are written so that JSON-LD
// to RDF conversion gives back the same RDF term: quad.String as a JSON
// string, quad.Int as a JSON integer and quad.Float as a JSON number under
// the terms Context types xsd:integer and xsd:double, quad.Bool as a JSON
// boolean, IRIs as strings under terms typed "@id"; a number JSON cannot
// carry exactly (an integer beyond ±2^53, a float whose 16-digit canonical
// form differs from it, NaN, ±Inf) as its XSD lexical form in a JSON string
// under the same term. Every other combination (a value whose Go type does
// not match its term, a predicate without a term, quad.TypedString,
// quad.LangString, quad.Time) is an explicit value object {"@value",
// "@type"|"@language"} or node reference {"@id"}.
//
// The output depends only on the set of quads: it is byte-identical for
// any order of qs, and duplicates are ignored. Converting it to RDF with
// json-gold and DocumentLoader (DecodeJSONLD) gives back the same set of
// quads, with the type normalisation DecodeJSONLD documents; blank nodes
// come back with labels the processor chooses.
//
// EncodeJSONLD returns an *Error of Kind Invalid, and writes nothing, for a
// quad JSON-LD cannot carry: a literal or missing subject, a predicate that
// is not an IRI, a literal label, an IRI that is not absolute (or contains
// characters IRIs may not, or that json-gold would drop), a string that is
// not valid UTF-8, a bad language tag, a value of an unknown type.
// Otherwise the document is written as it is made, in pieces of about
// jsonldChunk bytes (a large export is never held whole), and the first
// error of w is returned.
func EncodeJSONLD(w io.Writer, qs []quad.Quad) error { return EncodeJSONLDParts(w, qs) }

// EncodeJSONLDParts is EncodeJSONLD of the quads of parts end to end (the
// quad numbers of its errors count through them all), without joining
// them into one slice.
func EncodeJSONLDParts(w io.Writer, parts ...[]quad.Quad) error {
	n := 0
	for _, qs := range parts {
		n += len(qs)
	}
	d := newJSONLDDoc(n)
	for _, qs := range parts {
		if err := d.gather(qs); err != nil {
			return err
		}
	}
	return d.write(w)
}

// EncodeJSONLD writes the quads sel selects (see SelectQuads) to w as
// graph.EncodeJSONLD of them would, byte for byte, with its errors (but
// for the numbers of the quads errors name, which count the quads in an
// order of the store's choosing). A store held in memory encodes them from
// the index's own ids, without making a quad.Quad of each, under the read
// lock, and writes the document after releasing it.
func (s *Store) EncodeJSONLD(ctx context.Context, w io.Writer, sel Selection) error {
	s.mu.RLock()
	if s.idx == nil {
		parts, err := s.selectFiltered(ctx, sel)
		s.mu.RUnlock()
		if err != nil {
			return err
		}
		return EncodeJSONLDParts(w, parts...)
	}
	got := s.idx.selection(sel)
	d := newJSONLDDoc(len(got.slots))
	err := d.gatherSelected(s.idx, got)
	s.mu.RUnlock()
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return err
	}
	return d.write(w)
}

// jsonldChunk is about how many bytes EncodeJSONLD passes to each Write.
const jsonldChunk = 64 << 10

// jsonldDoc is what EncodeJSONLD gathers from the quads: every node's
// @type and property values, as entries, with the strings they refer to
// kept once.
type jsonldDoc struct {
	e        *jsonldEncoder
	entries  []jsonldEntry
	done     int              // quads gathered before the current part
	text     []byte           // the JSON texts of the entries' values, end to end
	subjects map[string]int32 // "@id" of a node → index of subjectIDs
	subjIDs  []string
	// subjSorted says subjIDs are in order (gatherSelected gathers the
	// subjects so): their ranks are their indexes.
	subjSorted bool
	graphs     map[string]int32 // "@id" of a named graph ("" for the default graph) → index of graphIDs
	graphIDs   []string
	preds      map[quad.IRI]jsonldPred
	keys       []string          // property keys, by index
	floats     map[uint64]string // JSON texts of xsd:double values, by their bits
}

// newJSONLDDoc returns an empty document with room for n entries.
func newJSONLDDoc(n int) *jsonldDoc {
	return &jsonldDoc{e: &jsonldEncoder{checked: make(map[string]error)},
		subjects: make(map[string]int32), graphs: map[string]int32{"": 0}, graphIDs: []string{""},
		preds: make(map[quad.IRI]jsonldPred), floats: make(map[uint64]string),
		entries: make([]jsonldEntry, 0, n)}
}

// jsonldEntry is one @type or property value of a node in a graph. It
// holds no pointers, so the garbage collector does not scan the entries
// of a large export.
type jsonldEntry struct {
	g, s   int32  // graph and subject: indexes of graphIDs and subjIDs (ranks, once write has ranked them)
	k      int32  // jsonldTypeKey, or an index of keys (a rank, once ranked)
	v, end uint32 // the value's JSON text is text[v:end]
}

// jsonldTypeKey is the key of @type entries, which come before every
// property.
const jsonldTypeKey = -1

// jsonldPred is what a predicate becomes: a property key and its term's
// type coercion, or @type.
type jsonldPred struct {
	key    int32
	coerce string
	isType bool
}

// errTooLarge is the error of a document whose values do not fit the
// entries' offsets.
func errTooLarge() error {
	return E(Invalid, "encode JSON-LD", "", "the document would hold more than 4 GB of values")
}

// gather reads qs into d, checking every quad as EncodeJSONLD documents;
// quads are numbered from d.done, which it advances.
func (d *jsonldDoc) gather(qs []quad.Quad) error {
	defer func() { d.done += len(qs) }()
	var (
		last  quad.IRI // the subject IRI of the quad before, usually that of this one
		lastS int32    // its index, -1 for none
		lastL quad.IRI // the label IRI of the quad before
		lastG int32    // its index, -1 for none
		s, g  int32
		err   error
	)
	lastS, lastG = -1, -1
	for i, q := range qs {
		if len(d.text) > math.MaxUint32 {
			return errTooLarge()
		}
		if iri, ok := q.Subject.(quad.IRI); ok && lastS >= 0 && iri == last {
			s = lastS
		} else if s, err = d.subject(q.Subject); err != nil {
			return badQuad(d.done+i, q, "subject: %v", err)
		} else if ok {
			last, lastS = iri, s
		}
		pred, ok := q.Predicate.(quad.IRI)
		if !ok {
			return badQuad(d.done+i, q, "predicate must be an IRI")
		}
		p, err := d.pred(pred)
		if err != nil {
			return badQuad(d.done+i, q, "predicate: %v", err)
		}
		if q.Label == nil {
			g = 0 // the default graph
		} else if iri, ok := q.Label.(quad.IRI); ok && lastG >= 0 && iri == lastL {
			g = lastG
		} else if g, err = d.graph(q.Label); err != nil {
			return badQuad(d.done+i, q, "label: %v", err)
		} else if ok {
			lastL, lastG = iri, g
		}
		v := uint32(len(d.text))
		if class, ok := q.Object.(quad.IRI); ok && p.isType {
			if err := d.class(string(class)); err != nil {
				return badQuad(d.done+i, q, "class: %v", err)
			}
			d.entries = append(d.entries, jsonldEntry{g: g, s: s, k: jsonldTypeKey, v: v, end: uint32(len(d.text))})
			continue
		}
		if err := d.value(q.Object, p.coerce); err != nil {
			return badQuad(d.done+i, q, "object: %v", err)
		}
		d.entries = append(d.entries, jsonldEntry{g: g, s: s, k: p.key, v: v, end: uint32(len(d.text))})
	}
	if len(d.text) > math.MaxUint32 {
		return errTooLarge()
	}
	return nil
}

// pred returns what predicate pred becomes, checking it the first time it
// comes.
func (d *jsonldDoc) pred(pred quad.IRI) (jsonldPred, error) {
	if p, ok := d.preds[pred]; ok {
		return p, nil
	}
	if err := d.e.checkIRI(string(pred)); err != nil {
		return jsonldPred{}, err
	}
	t, ok := termByIRI[string(pred)]
	key := t.name
	if !ok {
		key = string(pred)
	}
	p := jsonldPred{key: int32(len(d.keys)), coerce: t.coerce, isType: string(pred) == RDFType}
	d.keys = append(d.keys, key)
	d.preds[pred] = p
	return p, nil
}

// class appends the JSON text of the @type value of class IRI class to
// d.text.
func (d *jsonldDoc) class(class string) error {
	if err := d.e.checkIRI(class); err != nil {
		return err
	}
	name := class
	if t, ok := termByIRI[name]; ok {
		name = t.name
	}
	d.text = jsontext.AppendString(d.text, name, false)
	return nil
}

// gatherSelected reads the quads of sel from x into d, as gather would
// read them as quads, with the checks EncodeJSONLD documents; quads are
// numbered in sel's order. It takes the values' texts from the index's
// keys, never making a quad.Value of the usual IRIs, strings and numbers,
// and looks each subject, predicate, label and class up once. The caller
// holds the store's read lock.
func (d *jsonldDoc) gatherSelected(x *quadIndex, sel selected) error {
	d.subjSorted = true // sel's subjects are distinct and sorted by IRI
	keys := x.vals.keys
	// Predicates are few: a direct-mapped cache by id, the map behind it.
	var predCache [64]struct {
		id uint32
		p  jsonldPred
	}
	preds := make(map[uint32]jsonldPred)
	graphs := make(map[uint32]int32)
	classes := make(map[uint32][2]uint32) // the text of a class, once
	var (
		lastL uint32 // the label of the quad before, 0 for none
		lastG int32  // its index
		g     int32
		n     int // quads gathered
	)
	for i, sid := range sel.subjects {
		list := sel.slots[sel.ends[i]:sel.ends[i+1]]
		if len(list) == 0 {
			continue
		}
		if len(d.text) > math.MaxUint32 {
			return errTooLarge()
		}
		iri := x.vals.iri(sid) // a subject of sel is an IRI
		if err := d.e.checkIRI(iri); err != nil {
			return badQuad(n, x.quad(list[0]), "subject: %v", err)
		}
		s := int32(len(d.subjIDs))
		d.subjIDs = append(d.subjIDs, iri)
		for j, slot := range list {
			k := x.quads[slot]
			c := &predCache[k[1]%uint32(len(predCache))]
			p, ok := c.p, c.id == k[1]
			if !ok {
				p, ok = preds[k[1]]
			}
			if !ok {
				pred := x.vals.iri(k[1])
				if pred == "" {
					return badQuad(n+j, x.quad(slot), "predicate must be an IRI")
				}
				var err error
				if p, err = d.pred(quad.IRI(pred)); err != nil {
					return badQuad(n+j, x.quad(slot), "predicate: %v", err)
				}
				preds[k[1]] = p
			}
			c.id, c.p = k[1], p
			switch {
			case k[3] == 0:
				g = 0 // the default graph
			case k[3] == lastL:
				g = lastG
			default:
				if g, ok = graphs[k[3]]; !ok {
					var err error
					if g, err = d.graph(x.vals.value(k[3])); err != nil {
						return badQuad(n+j, x.quad(slot), "label: %v", err)
					}
					graphs[k[3]] = g
				}
				lastL, lastG = k[3], g
			}
			obj := keys[k[2]]
			if p.isType && obj[0] == kindIRI {
				t, ok := classes[k[2]]
				if !ok {
					t[0] = uint32(len(d.text))
					if err := d.class(obj[1:]); err != nil {
						return badQuad(n+j, x.quad(slot), "class: %v", err)
					}
					t[1] = uint32(len(d.text))
					classes[k[2]] = t
				}
				d.entries = append(d.entries, jsonldEntry{g: g, s: s, k: jsonldTypeKey, v: t[0], end: t[1]})
				continue
			}
			v := uint32(len(d.text))
			if err := d.keyValue(x, k[2], p.coerce); err != nil {
				return badQuad(n+j, x.quad(slot), "object: %v", err)
			}
			d.entries = append(d.entries, jsonldEntry{g: g, s: s, k: p.key, v: v, end: uint32(len(d.text))})
		}
		n += len(list)
	}
	if len(d.text) > math.MaxUint32 {
		return errTooLarge()
	}
	return nil
}

// keyValue is value of the value with index id of x, read from its key
// for the usual kinds and coercions.
func (d *jsonldDoc) keyValue(x *quadIndex, id uint32, coerce string) error {
	key := x.vals.keys[id]
	switch key[0] {
	case kindIRI:
		if coerce == "@id" {
			if ownIRI(key[1:]) { // valid, and nothing in it to escape
				d.text = append(append(append(d.text, '"'), key[1:]...), '"')
				return nil
			}
			if err := d.e.checkIRI(key[1:]); err != nil {
				return err
			}
			d.text = jsontext.AppendString(d.text, key[1:], false)
			return nil
		}
	case kindString:
		if coerce == "" {
			if !utf8.ValidString(key[1:]) {
				return errors.New("string is not valid UTF-8")
			}
			d.text = jsontext.AppendString(d.text, key[1:], false)
			return nil
		}
	case kindInt:
		if n := int64(keyBits(key)); coerce == xsdInteger && n <= maxExactInt && n >= -maxExactInt {
			d.text = strconv.AppendInt(d.text, n, 10)
			return nil
		}
	}
	return d.value(x.vals.value(id), coerce)
}

// keyBits is the eight bytes after the kind byte of a number's key.
func keyBits(key string) uint64 {
	var u uint64
	for i := 1; i < 9; i++ {
		u = u<<8 | uint64(key[i])
	}
	return u
}

// badQuad is the error of quad i, q.
func badQuad(i int, q quad.Quad, format string, args ...any) error {
	return E(Invalid, "encode JSON-LD", "", fmt.Sprintf("quad %d (%s): ", i, q.NQuad())+fmt.Sprintf(format, args...))
}

// subject returns the index of the "@id" of subject v, checking v the
// first time it comes.
func (d *jsonldDoc) subject(v quad.Value) (int32, error) {
	if iri, ok := v.(quad.IRI); ok {
		if i, ok := d.subjects[string(iri)]; ok {
			return i, nil
		}
	}
	id, err := d.e.nodeID(v)
	if err != nil {
		return 0, err
	}
	i, ok := d.subjects[id]
	if !ok {
		i = int32(len(d.subjIDs))
		d.subjects[id] = i
		d.subjIDs = append(d.subjIDs, id)
	}
	return i, nil
}

// graph returns the index of the "@id" of label v, checking v the first
// time it comes.
func (d *jsonldDoc) graph(v quad.Value) (int32, error) {
	if iri, ok := v.(quad.IRI); ok {
		if i, ok := d.graphs[string(iri)]; ok {
			return i, nil
		}
	}
	id, err := d.e.nodeID(v)
	if err != nil {
		return 0, err
	}
	i, ok := d.graphs[id]
	if !ok {
		i = int32(len(d.graphIDs))
		d.graphs[id] = i
		d.graphIDs = append(d.graphIDs, id)
	}
	return i, nil
}

// value appends the JSON text of object o under a term with type
// coercion coerce to d.text: jsonldEncoder.value's text, written without
// its allocations for the usual IRIs, strings and numbers.
func (d *jsonldDoc) value(o quad.Value, coerce string) error {
	switch x := o.(type) {
	case quad.IRI:
		if coerce == "@id" {
			if err := d.e.checkIRI(string(x)); err != nil {
				return err
			}
			d.text = jsontext.AppendString(d.text, string(x), false)
			return nil
		}
	case quad.String:
		if coerce == "" {
			if !utf8.ValidString(string(x)) {
				return errors.New("string is not valid UTF-8")
			}
			d.text = jsontext.AppendString(d.text, string(x), false)
			return nil
		}
	case quad.Int:
		if coerce == xsdInteger && x <= maxExactInt && x >= -maxExactInt {
			d.text = strconv.AppendInt(d.text, int64(x), 10)
			return nil
		}
	case quad.Float:
		if coerce == xsdDouble {
			bits := math.Float64bits(float64(x))
			s, ok := d.floats[bits]
			if !ok {
				var err error
				if s, err = d.e.value(o, coerce); err != nil {
					return err
				}
				d.floats[bits] = s
			}
			d.text = append(d.text, s...)
			return nil
		}
	}
	s, err := d.e.value(o, coerce)
	if err != nil {
		return err
	}
	d.text = append(d.text, s...)
	return nil
}

// write writes the document, indented as json.Indent with two spaces
// would, to dst in pieces of about jsonldChunk bytes: the default graph's
// nodes sorted by @id, then the named graphs sorted by @id, each with its
// nodes sorted by @id; in a node, @type, then the properties sorted by
// key, each value set sorted by JSON text, duplicates once.
//
// The subjects, keys and graphs are ranked once (the strings sorted once
// each), so that ordering the entries compares integers: stable counting
// sorts put them in order of graph, subject and key, and only the values
// of one key of a node in a graph are compared.
func (d *jsonldDoc) write(dst io.Writer) error {
	var subjRank []int32
	if !d.subjSorted {
		subjRank = ranks(d.subjIDs)
	}
	keyRank := ranks(d.keys)
	graphRank := ranks(d.graphIDs[1:]) // the default graph comes first
	for i := range d.entries {
		en := &d.entries[i]
		if subjRank != nil {
			en.s = subjRank[en.s]
		}
		if en.k != jsonldTypeKey {
			en.k = keyRank[en.k]
		}
		if en.g != 0 {
			en.g = graphRank[en.g-1] + 1
		}
	}
	subjects := byRank(d.subjIDs, subjRank)
	keys := byRank(d.keys, keyRank)
	graphs := append([]string{""}, byRank(d.graphIDs[1:], graphRank)...)
	// Stable counting sorts by key, subject, then graph: the entries in
	// order of graph, subject and key; then the values of each key of a
	// node in a graph (mostly one) sorted by JSON text.
	sorted, tmp := d.entries, make([]jsonldEntry, len(d.entries))
	countingSort(tmp, sorted, len(keys)+1, entryByKey)
	sorted, tmp = tmp, sorted
	countingSort(tmp, sorted, len(subjects), entryBySubject)
	sorted, tmp = tmp, sorted
	countingSort(tmp, sorted, len(graphs), entryByGraph)
	sorted = tmp
	text := d.text
	cmpValues := func(a, b jsonldEntry) int {
		if a.v == b.v && a.end == b.end {
			return 0
		}
		return bytes.Compare(text[a.v:a.end], text[b.v:b.end])
	}
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j].k == sorted[i].k && sorted[j].s == sorted[i].s && sorted[j].g == sorted[i].g {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(sorted[i:j], cmpValues)
		}
		i = j
	}
	out := new(bytes.Buffer)
	out.Grow(jsonldChunk + jsonldChunk/4)
	w := jsonldWriter{out: out, d: d, dst: dst, subjects: subjects, keys: keys}
	out.WriteString("{\n  \"@context\": ")
	out.Write(jsontext.AppendString(nil, ContextURL, false))
	out.WriteString(",\n  \"@graph\": [")
	first := true
	item := func() {
		if !first {
			out.WriteByte(',')
		}
		first = false
		w.newline(2)
	}
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j].g == sorted[i].g {
			j++
		}
		es := sorted[i:j]
		i = j
		if w.err != nil {
			return w.err
		}
		if es[0].g == 0 { // the default graph: its nodes at the top
			w.nodes(es, 2, item)
			continue
		}
		item()
		out.WriteString("{")
		w.newline(3)
		out.WriteString("\"@id\": ")
		w.str(graphs[es[0].g])
		out.WriteByte(',')
		w.newline(3)
		out.WriteString("\"@graph\": [")
		firstNode := true
		w.nodes(es, 4, func() {
			if !firstNode {
				out.WriteByte(',')
			}
			firstNode = false
			w.newline(4)
		})
		w.newline(3)
		out.WriteString("]")
		w.newline(2)
		out.WriteString("}")
	}
	if !first {
		w.newline(1)
	}
	out.WriteString("]\n}\n")
	w.flush(0)
	return w.err
}

// The fields of jsonldEntry countingSort sorts by.
const (
	entryByKey = iota
	entryBySubject
	entryByGraph
)

// countingSort writes src to dst (as long) sorted by field (entryByKey,
// entryBySubject or entryByGraph; a key counts from jsonldTypeKey), whose values are
// below n, keeping the order of entries with equal values.
func countingSort(dst, src []jsonldEntry, n int, field int) {
	key := func(en *jsonldEntry) int32 { // inlined, the switch predicted
		switch field {
		case entryByKey:
			return en.k + 1
		case entryBySubject:
			return en.s
		}
		return en.g
	}
	next := make([]int, n+1)
	for i := range src {
		next[key(&src[i])+1]++
	}
	for i := 1; i < len(next); i++ {
		next[i] += next[i-1]
	}
	for i := range src {
		k := key(&src[i])
		dst[next[k]] = src[i]
		next[k]++
	}
}

// ranks returns the rank of each string of ss in sorted order.
func ranks(ss []string) []int32 {
	order := make([]int32, len(ss))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(ss[a], ss[b]) })
	out := make([]int32, len(ss))
	for r, i := range order {
		out[i] = int32(r)
	}
	return out
}

// byRank returns the strings of ss in order of rank (ss itself for no
// ranks: ss is in order).
func byRank(ss []string, rank []int32) []string {
	if rank == nil {
		return ss
	}
	out := make([]string, len(ss))
	for i, r := range rank {
		out[r] = ss[i]
	}
	return out
}

// jsonldWriter writes sorted entries as indented JSON.
type jsonldWriter struct {
	out      *bytes.Buffer // what is not yet written to dst
	d        *jsonldDoc
	subjects []string // "@id" of the nodes, by rank
	keys     []string // property keys, by rank
	dst      io.Writer
	err      error    // the first error of dst
	vals     [][]byte // scratch: one value set
}

// flush writes what out holds to dst once it holds at least min bytes.
func (w *jsonldWriter) flush(min int) {
	if w.out.Len() < min || w.out.Len() == 0 {
		return
	}
	if w.err == nil {
		_, w.err = w.dst.Write(w.out.Bytes())
	}
	w.out.Reset()
}

// indent is enough spaces for the deepest line EncodeJSONLD writes.
const indent = "                "

// newline starts a line at depth.
func (w *jsonldWriter) newline(depth int) {
	w.out.WriteByte('\n')
	w.out.WriteString(indent[:2*depth])
}

// str writes s as a JSON string.
func (w *jsonldWriter) str(s string) {
	w.out.Write(jsontext.AppendString(w.out.AvailableBuffer(), s, false))
}

// nodes writes the node objects of es (one graph's entries, sorted) at
// depth, calling item before each.
func (w *jsonldWriter) nodes(es []jsonldEntry, depth int, item func()) {
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].s == es[i].s {
			j++
		}
		item()
		w.node(es[i:j], depth)
		w.flush(jsonldChunk)
		i = j
	}
}

// node writes the node object of es (one node's entries, sorted) at depth.
func (w *jsonldWriter) node(es []jsonldEntry, depth int) {
	out := w.out
	out.WriteByte('{')
	w.newline(depth + 1)
	out.WriteString("\"@id\": ")
	w.str(w.subjects[es[0].s])
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].k == es[i].k {
			j++
		}
		out.WriteByte(',')
		w.newline(depth + 1)
		if es[i].k == jsonldTypeKey {
			out.WriteString("\"@type\"")
		} else {
			w.str(w.keys[es[i].k])
		}
		out.WriteString(": ")
		w.set(es[i:j], depth+1)
		i = j
	}
	w.newline(depth)
	out.WriteByte('}')
}

// set writes the values of es (one key's entries, sorted by value) on a
// line at depth: bare if there is one, else as an array, duplicates once.
func (w *jsonldWriter) set(es []jsonldEntry, depth int) {
	w.vals = w.vals[:0]
	for _, en := range es {
		v := w.d.text[en.v:en.end]
		if n := len(w.vals); n == 0 || !bytes.Equal(w.vals[n-1], v) {
			w.vals = append(w.vals, v)
		}
	}
	if len(w.vals) == 1 {
		w.value(w.vals[0], depth)
		return
	}
	w.out.WriteByte('[')
	for i, v := range w.vals {
		if i > 0 {
			w.out.WriteByte(',')
		}
		w.newline(depth + 1)
		w.value(v, depth+1)
	}
	w.newline(depth)
	w.out.WriteByte(']')
}

// value writes the JSON text v on a line at depth; a value object is
// indented as json.Indent would within the document.
func (w *jsonldWriter) value(v []byte, depth int) {
	if len(v) > 0 && v[0] == '{' {
		if err := json.Indent(w.out, v, indent[:2*depth], "  "); err != nil {
			panic("graph: bad JSON text of a value: " + err.Error()) // value writes only valid JSON
		}
		return
	}
	w.out.Write(v)
}

// jsonText is the JSON text of v (a string, number or boolean), without
// HTML escaping. Strings must be valid UTF-8 (the callers check).
func jsonText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only finite numbers, strings and booleans are passed
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonldEncoder remembers which IRIs it has checked: json-gold's URL check,
// which checkJSONLDIRI repeats, is slow.
type jsonldEncoder struct {
	checked map[string]error
}

func (e *jsonldEncoder) checkIRI(s string) error {
	if ownIRI(s) {
		return nil // as checkJSONLDIRI says, without a map lookup
	}
	err, ok := e.checked[s]
	if !ok {
		err = iriVerdict(s)
		e.checked[s] = err
	}
	return err
}

// iriVerdicts remembers checkJSONLDIRI's verdicts on IRIs across
// encodings, up to maxIRIVerdicts of them: the IRIs that are not kg's own
// are mostly the articles' URLs, met again by every export that gives the
// article, and json-gold's URL check is a slow regular expression.
var iriVerdicts struct {
	sync.RWMutex
	m map[string]error
}

const maxIRIVerdicts = 1 << 18

// iriVerdict is checkJSONLDIRI(s), remembered.
func iriVerdict(s string) error {
	iriVerdicts.RLock()
	err, ok := iriVerdicts.m[s]
	iriVerdicts.RUnlock()
	if ok {
		return err
	}
	err = checkJSONLDIRI(s)
	iriVerdicts.Lock()
	if iriVerdicts.m == nil {
		iriVerdicts.m = make(map[string]error)
	}
	if len(iriVerdicts.m) < maxIRIVerdicts {
		iriVerdicts.m[strings.Clone(s)] = err
	}
	iriVerdicts.Unlock()
	return err
}

// nodeID is the "@id" of a subject or label: the IRI, or "_:name".
func (e *jsonldEncoder) nodeID(v quad.Value) (string, error) {
	switch x := v.(type) {
	case quad.IRI:
		return string(x), e.checkIRI(string(x))
	case quad.BNode:
		return "_:" + string(x), checkBNode(string(x))
	case nil:
		return "", errors.New("missing")
	}
	return "", fmt.Errorf("%T %v is neither an IRI nor a blank node", v, v)
}

const maxExactInt = 1 << 53 // integers a JSON number (a float64) carries exactly

// value is the JSON text of object o under a term with type coercion
// coerce ("" when the predicate has no term or an untyped one).
func (e *jsonldEncoder) value(o quad.Value, coerce string) (string, error) {
	obj := func(kv ...string) string { // a JSON object with keys in this order
		var b strings.Builder
		b.WriteByte('{')
		for i := 0; i < len(kv); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonText(kv[i]))
			b.WriteByte(':')
			b.WriteString(kv[i+1])
		}
		b.WriteByte('}')
		return b.String()
	}
	typed := func(lex, datatype string) string {
		return obj("@value", jsonText(lex), "@type", jsonText(datatype))
	}
	switch x := o.(type) {
	case quad.IRI, quad.BNode:
		id, err := e.nodeID(x)
		if err != nil {
			return "", err
		}
		if coerce == "@id" {
			return jsonText(id), nil
		}
		return obj("@id", jsonText(id)), nil
	case quad.String:
		if !utf8.ValidString(string(x)) {
			return "", errors.New("string is not valid UTF-8")
		}
		if coerce == "" {
			return jsonText(string(x)), nil
		}
		return obj("@value", jsonText(string(x))), nil
	case quad.Int:
		if coerce != xsdInteger {
			return typed(strconv.FormatInt(int64(x), 10), xsdInteger), nil
		}
		if x > maxExactInt || x < -maxExactInt {
			return jsonText(strconv.FormatInt(int64(x), 10)), nil
		}
		return strconv.FormatInt(int64(x), 10), nil
	case quad.Float:
		f := float64(x)
		if coerce != xsdDouble {
			return typed(doubleLex(f), xsdDouble), nil
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return jsonText(doubleLex(f)), nil
		}
		// json-gold writes a JSON number under xsd:double with 16
		// significant digits; use the number only if that is exact.
		if back, err := strconv.ParseFloat(ld.GetCanonicalDouble(f), 64); err != nil || back != f {
			return jsonText(doubleLex(f)), nil
		}
		return jsonText(f), nil
	case quad.Bool:
		if coerce == xsdBoolean {
			return jsonText(bool(x)), nil
		}
		return obj("@value", jsonText(bool(x))), nil
	case quad.TypedString:
		dt := string(x.Type.Full())
		if !utf8.ValidString(string(x.Value)) {
			return "", errors.New("string is not valid UTF-8")
		}
		if err := e.checkIRI(dt); err != nil {
			return "", fmt.Errorf("datatype: %v", err)
		}
		if dt == xsdString {
			return e.value(x.Value, coerce)
		}
		return typed(string(x.Value), dt), nil
	case quad.LangString:
		if !utf8.ValidString(string(x.Value)) {
			return "", errors.New("string is not valid UTF-8")
		}
		if !langTagRE.MatchString(x.Lang) {
			return "", fmt.Errorf("bad language tag %q", x.Lang)
		}
		return obj("@value", jsonText(string(x.Value)), "@language", jsonText(x.Lang)), nil
	case quad.Time:
		return typed(timeLex(time.Time(x)), xsdDateTime), nil
	case nil:
		return "", errors.New("missing")
	}
	return "", fmt.Errorf("unsupported value type %T", o)
}

// doubleLex is the XSD lexical form of f: the shortest decimal that parses
// back to f, or NaN, INF, -INF.
func doubleLex(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	}
	return strconv.FormatFloat(f, 'E', -1, 64)
}

func timeLex(t time.Time) string { return t.Format(time.RFC3339Nano) }

var (
	langTagRE = regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`)
	schemeRE  = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.\-]*:`)
)

// checkIRI reports whether s can be written as an N-Quads IRIREF: valid
// UTF-8, absolute (it has a scheme), and free of spaces, control
// characters and <>"{}|^`\.
func checkIRI(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("IRI %q is not valid UTF-8", s)
	}
	if !schemeRE.MatchString(s) {
		return fmt.Errorf("IRI %q is not absolute", s)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || strings.ContainsRune("<>\"{}|^`\\", r) }); i >= 0 {
		return fmt.Errorf("IRI %q contains %q", s, s[i])
	}
	return nil
}

// checkJSONLDIRI is checkIRI plus what JSON-LD with Context and json-gold
// need to read the IRI back unchanged: a scheme that is not a Context term
// (it would be read as a compact IRI), an IRI Go's url.Parse accepts as
// absolute, and for http(s) IRIs one json-gold's URL check accepts (it
// drops statements with others).
func checkJSONLDIRI(s string) error {
	if ownIRI(s) {
		return nil // passes every check below; most IRIs of an export are kg's own
	}
	if err := checkIRI(s); err != nil {
		return err
	}
	if scheme, _, _ := strings.Cut(s, ":"); termByName[scheme] {
		return fmt.Errorf("IRI %q would be read as a compact IRI with prefix %q", s, scheme)
	}
	if u, err := url.Parse(s); err != nil || !u.IsAbs() {
		return fmt.Errorf("IRI %q is not one JSON-LD processors accept", s)
	}
	if (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")) && !ld.IsURL(s) {
		return fmt.Errorf("IRI %q is not a URL json-gold accepts", s)
	}
	return nil
}

// ownIRI reports whether s is Base followed only by lower-case letters,
// digits, '-', '_', '.' and '/', as the IRIs kg makes are.
func ownIRI(s string) bool {
	rest, ok := strings.CutPrefix(s, Base)
	if !ok || rest == "" {
		return false
	}
	for _, c := range []byte(rest) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/') {
			return false
		}
	}
	return true
}

// checkBNode reports whether name is a blank node label N-Quads can write
// (_:name).
func checkBNode(name string) error {
	if name == "" {
		return errors.New("empty blank node label")
	}
	p := &nqParser{line: []byte("_:" + name)}
	if _, err := p.bnode(); err != nil || p.pos != len(p.line) {
		return fmt.Errorf("blank node label %q is not valid in N-Quads", name)
	}
	return nil
}

// DecodeJSONLD reads one JSON-LD document (any valid JSON-LD, not only
// what EncodeJSONLD writes) and returns its RDF dataset as quads, converted
// with json-gold (JSON-LD 1.1 processing) and DocumentLoader: the only
// remote document it can load is Context, at ContextURL; a reference to any
// other URL is an error naming it. Statements JSON-LD to RDF conversion
// drops (relative IRIs, terms that expand to nothing) are dropped. The
// quads come back deduplicated and sorted (by label, then subject,
// predicate and object in N-Quads form), labelled with their graph name
// (nil for the default graph), with objects typed as follows:
//
//   - IRI → quad.IRI, blank node → quad.BNode (with a label json-gold chooses)
//   - xsd:string or no datatype → quad.String
//   - language-tagged → quad.LangString (tag lower-cased, as json-gold does)
//   - xsd:integer → quad.Int (if it fits int64)
//   - xsd:double, xsd:decimal → quad.Float
//   - xsd:boolean → quad.Bool
//   - anything else, or a lexical form that does not parse → quad.TypedString
//
// Errors are *Error of Kind Invalid (a failing r excepted): a JSON syntax
// error, or a document that is not a JSON object or array, wraps an
// *InputError with the line and column ("read JSON-LD: line 3, column 18:
// JSON syntax error: invalid character ..."); a JSON-LD error gives
// json-gold's error code and message, which names the URL of a remote
// context it refused to load.
func DecodeJSONLD(r io.Reader) (qs []quad.Quad, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	doc, err := parseJSON(data)
	if err != nil {
		return nil, E(Invalid, "read JSON-LD", "", err)
	}
	switch doc.(type) {
	case map[string]any, []any:
	default:
		start := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
		return nil, E(Invalid, "read JSON-LD", "", inputErrorAt(data, start, "a JSON-LD document must be a JSON object or array"))
	}
	defer func() { // json-gold panics on some malformed documents
		if p := recover(); p != nil {
			qs, err = nil, E(Invalid, "read JSON-LD", "", fmt.Sprintf("invalid JSON-LD: %v", p))
		}
	}()
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = DocumentLoader()
	res, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		return nil, E(Invalid, "read JSON-LD", "", err)
	}
	ds, ok := res.(*ld.RDFDataset)
	if !ok {
		return nil, fmt.Errorf("read JSON-LD: json-gold returned %T", res)
	}
	return datasetQuads(ds)
}

// InputError is a syntax error in a decoded document, with its position:
// Line and Column count from 1 (Column in characters).
type InputError struct {
	Line, Column int
	Msg          string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// parseJSON decodes one JSON value, reporting syntax errors with their line
// and column.
func parseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var doc any
	if err := dec.Decode(&doc); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, inputErrorAt(data, int(se.Offset), "JSON syntax error: "+se.Error())
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			msg := "unexpected end of JSON input"
			if len(bytes.TrimSpace(data)) == 0 {
				msg = "empty input"
			}
			return nil, inputErrorAt(data, len(data), msg)
		default:
			return nil, inputErrorAt(data, int(dec.InputOffset()), err.Error())
		}
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		return nil, inputErrorAt(data, len(data)-len(rest), "data after the JSON document")
	}
	return doc, nil
}

// inputErrorAt is an *InputError at byte offset off of data.
func inputErrorAt(data []byte, off int, msg string) *InputError {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return &InputError{Line: line, Column: col, Msg: msg}
}

// datasetQuads converts a json-gold RDF dataset to sorted, deduplicated
// quads.
func datasetQuads(ds *ld.RDFDataset) ([]quad.Quad, error) {
	var qs []quad.Quad
	for name, triples := range ds.Graphs {
		var label quad.Value
		if name != "@default" {
			label = ldNodeValue(ld.NewIRI(name))
			if strings.HasPrefix(name, "_:") {
				label = quad.BNode(strings.TrimPrefix(name, "_:"))
			}
		}
		for _, t := range triples {
			q := quad.Quad{
				Subject:   ldNodeValue(t.Subject),
				Predicate: ldNodeValue(t.Predicate),
				Object:    ldNodeValue(t.Object),
				Label:     label,
			}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				return nil, E(Invalid, "read JSON-LD", "", fmt.Sprintf("unsupported RDF term in %v", t))
			}
			qs = append(qs, q)
		}
	}
	return sortQuadSet(qs), nil
}

// ldNodeValue converts a json-gold RDF term.
func ldNodeValue(n ld.Node) quad.Value {
	switch x := n.(type) {
	case *ld.IRI:
		return quad.IRI(x.Value)
	case *ld.BlankNode:
		return quad.BNode(strings.TrimPrefix(x.Attribute, "_:"))
	case *ld.Literal:
		return literalValue(x.Value, x.Datatype, x.Language)
	}
	return nil
}

// literalValue is the quad.Value of the RDF literal with lexical form lex,
// datatype IRI dt (full; "" for none) and language tag lang.
func literalValue(lex, dt, lang string) quad.Value {
	if lang != "" {
		return quad.LangString{Value: quad.String(lex), Lang: strings.ToLower(lang)}
	}
	switch dt {
	case "", xsdString:
		return quad.String(lex)
	case xsdInteger:
		if n, err := strconv.ParseInt(lex, 10, 64); err == nil && isXSDDecimal(lex, false) {
			return quad.Int(n)
		}
	case xsdDouble:
		switch lex {
		case "NaN":
			return quad.Float(math.NaN())
		case "INF", "+INF":
			return quad.Float(math.Inf(1))
		case "-INF":
			return quad.Float(math.Inf(-1))
		}
		if f, err := strconv.ParseFloat(lex, 64); err == nil && isXSDDouble(lex) {
			return quad.Float(f)
		}
	case xsdDecimal:
		if f, err := strconv.ParseFloat(lex, 64); err == nil && isXSDDecimal(lex, true) {
			return quad.Float(f)
		}
	case xsdBoolean:
		switch lex {
		case "true", "1", "True": // "True": how Cayley writes it
			return quad.Bool(true)
		case "false", "0", "False":
			return quad.Bool(false)
		}
	}
	return quad.TypedString{Value: quad.String(lex), Type: quad.IRI(dt)}
}

var (
	xsdIntegerRE = regexp.MustCompile(`^[+-]?[0-9]+$`)
	xsdDecimalRE = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)
	xsdDoubleRE  = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)
)

// isXSDDecimal reports whether lex is an XSD integer (or, with frac, decimal)
// lexical form; Go's parsers also accept hex, underscores and "Inf".
func isXSDDecimal(lex string, frac bool) bool {
	if frac {
		return xsdDecimalRE.MatchString(lex)
	}
	return xsdIntegerRE.MatchString(lex)
}

func isXSDDouble(lex string) bool { return xsdDoubleRE.MatchString(lex) }

// sortQuadSet sorts qs by label, subject, predicate and object in N-Quads
// form and drops duplicates, in place.
func sortQuadSet(qs []quad.Quad) []quad.Quad {
	type keyed struct {
		key string
		q   quad.Quad
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		ks[i] = keyed{nqTerm(q.Label) + " " + nqTerm(q.Subject) + " " + nqTerm(q.Predicate) + " " + nqTerm(q.Object), q}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	out := qs[:0]
	for i, k := range ks {
		if i > 0 && k.key == ks[i-1].key {
			continue
		}
		out = append(out, k.q)
	}
	return out
}
