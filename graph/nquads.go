package graph

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// EncodeNQuads writes qs to w as W3C RDF 1.1 N-Quads
// (https://www.w3.org/TR/n-quads/): one statement per line, lines sorted
// bytewise, duplicates written once, so the output depends only on the set
// of quads. IRIs are written in full, as given; quad.String and
// quad.TypedString of xsd:string as plain literals, quad.LangString with its
// tag; quad.Int, quad.Float, quad.Bool and quad.Time typed with the full
// XSD datatype IRIs (http://www.w3.org/2001/XMLSchema#integer, #double,
// #boolean, #dateTime) in XSD lexical forms: the decimal integer, the
// shortest exponent form that parses back to the same float64 (1.5E+00,
// NaN, INF, -INF), true/false, RFC 3339 with nanoseconds.
// quad.TypedString keeps its datatype, expanded to a full IRI (Cayley's
// short "xsd:" form is not written). In literals `"`, `\`, newline, carriage
// return, tab, backspace and form feed are written as ECHAR escapes and the
// other control characters as \u00XX; everything else is written as UTF-8.
//
// EncodeNQuads returns an *Error of Kind Invalid, and writes nothing, for a
// quad N-Quads cannot carry: a literal or missing subject, a predicate that
// is not an IRI, a literal label, an IRI that is not absolute or contains
// spaces, control characters or <>"{}|^`\, a blank node label N-Quads does
// not allow, a string that is not valid UTF-8, a bad language tag, a value
// of an unknown type. Otherwise everything is written with one call to
// w.Write.
func EncodeNQuads(w io.Writer, qs []quad.Quad) error {
	lines := make([]string, 0, len(qs))
	for i, q := range qs {
		line, err := nqStatement(q)
		if err != nil {
			return E(Invalid, "encode N-Quads", "", fmt.Sprintf("quad %d (%s): %v", i, q.NQuad(), err))
		}
		lines = append(lines, line)
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	var b bytes.Buffer
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}

// nqStatement checks q and returns its N-Quads line, without the newline.
func nqStatement(q quad.Quad) (string, error) {
	check := func(what string, v quad.Value, literalOK bool) error {
		var err error
		switch x := v.(type) {
		case nil:
			err = fmt.Errorf("missing")
		case quad.IRI:
			err = checkIRI(string(x))
		case quad.BNode:
			err = checkBNode(string(x))
		default:
			if !literalOK {
				err = fmt.Errorf("%T is neither an IRI nor a blank node", v)
			} else {
				err = checkLiteral(v)
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		return nil
	}
	if err := check("subject", q.Subject, false); err != nil {
		return "", err
	}
	if _, ok := q.Predicate.(quad.IRI); !ok {
		return "", fmt.Errorf("predicate must be an IRI")
	}
	if err := check("predicate", q.Predicate, false); err != nil {
		return "", err
	}
	if err := check("object", q.Object, true); err != nil {
		return "", err
	}
	s := nqTerm(q.Subject) + " " + nqTerm(q.Predicate) + " " + nqTerm(q.Object)
	if q.Label != nil {
		if err := check("label", q.Label, false); err != nil {
			return "", err
		}
		s += " " + nqTerm(q.Label)
	}
	return s + " .", nil
}

// checkLiteral reports whether N-Quads (and JSON-LD) can carry literal v.
func checkLiteral(v quad.Value) error {
	str := func(s quad.String) error {
		if !utf8.ValidString(string(s)) {
			return fmt.Errorf("string %q is not valid UTF-8", s)
		}
		return nil
	}
	switch x := v.(type) {
	case quad.String:
		return str(x)
	case quad.TypedString:
		if err := checkIRI(string(x.Type.Full())); err != nil {
			return fmt.Errorf("datatype: %v", err)
		}
		return str(x.Value)
	case quad.LangString:
		if !langTagRE.MatchString(x.Lang) {
			return fmt.Errorf("bad language tag %q", x.Lang)
		}
		return str(x.Value)
	case quad.Int, quad.Float, quad.Bool, quad.Time:
		return nil
	}
	return fmt.Errorf("unsupported value type %T", v)
}

// nqTerm is the N-Quads form of v ("" for nil); v is assumed valid.
func nqTerm(v quad.Value) string {
	typed := func(lex, dt string) string { return nqString(lex) + "^^<" + dt + ">" }
	switch x := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return "<" + string(x) + ">"
	case quad.BNode:
		return "_:" + string(x)
	case quad.String:
		return nqString(string(x))
	case quad.LangString:
		return nqString(string(x.Value)) + "@" + x.Lang
	case quad.TypedString:
		if dt := string(x.Type.Full()); dt != xsdString {
			return typed(string(x.Value), dt)
		}
		return nqString(string(x.Value))
	case quad.Int:
		return typed(strconv.FormatInt(int64(x), 10), xsdInteger)
	case quad.Float:
		return typed(doubleLex(float64(x)), xsdDouble)
	case quad.Bool:
		return typed(strconv.FormatBool(bool(x)), xsdBoolean)
	case quad.Time:
		return typed(timeLex(time.Time(x)), xsdDateTime)
	}
	return fmt.Sprintf("%T(%v)", v, v) // not written: checkLiteral refuses it
}

// nqString is s as an N-Quads STRING_LITERAL_QUOTE.
func nqString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// DecodeNQuads reads W3C RDF 1.1 N-Quads (N-Triples, having no graph
// labels, is a subset) and returns the quads, deduplicated and sorted (by
// label, then subject, predicate and object in N-Quads form). Blank lines
// and # comments are skipped; IRIs must be absolute. Objects are typed as
// DecodeJSONLD documents (xsd:integer → quad.Int, xsd:double and
// xsd:decimal → quad.Float, xsd:boolean → quad.Bool, plain and xsd:string →
// quad.String, language-tagged → quad.LangString with the tag lower-cased,
// other datatypes → quad.TypedString); blank nodes keep their labels; a
// statement without a graph label has a nil Label.
//
// A syntax error is an *Error of Kind Invalid wrapping an *InputError with
// the line and column: "read N-Quads: line 3, column 17: expected '.' to
// end the statement". Only a failing r gives another error.
func DecodeNQuads(r io.Reader) ([]quad.Quad, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var qs []quad.Quad
	lineNo := 0
	for len(data) > 0 {
		lineNo++
		end := bytes.IndexAny(data, "\r\n")
		var line []byte
		if end < 0 {
			line, data = data, nil
		} else {
			line = data[:end]
			if data[end] == '\r' && end+1 < len(data) && data[end+1] == '\n' {
				end++
			}
			data = data[end+1:]
		}
		p := &nqParser{line: line, lineNo: lineNo}
		q, ok, err := p.statement()
		if err != nil {
			return nil, E(Invalid, "read N-Quads", "", err)
		}
		if ok {
			qs = append(qs, q)
		}
	}
	return sortQuadSet(qs), nil
}

// nqParser parses one line of N-Quads.
type nqParser struct {
	line   []byte
	pos    int
	lineNo int
}

func (p *nqParser) errorf(format string, args ...any) *InputError {
	col := utf8.RuneCount(p.line[:min(p.pos, len(p.line))]) + 1
	return &InputError{Line: p.lineNo, Column: col, Msg: fmt.Sprintf(format, args...)}
}

func (p *nqParser) eol() bool { return p.pos >= len(p.line) }

func (p *nqParser) peek() byte {
	if p.eol() {
		return 0
	}
	return p.line[p.pos]
}

func (p *nqParser) ws() {
	for !p.eol() && (p.line[p.pos] == ' ' || p.line[p.pos] == '\t') {
		p.pos++
	}
}

// statement parses the line: ok is false for a blank or comment line.
func (p *nqParser) statement() (q quad.Quad, ok bool, err error) {
	if !utf8.Valid(p.line) {
		for p.pos = 0; p.pos < len(p.line); {
			r, n := utf8.DecodeRune(p.line[p.pos:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			p.pos += n
		}
		return q, false, p.errorf("invalid UTF-8")
	}
	p.ws()
	if p.eol() || p.peek() == '#' {
		return q, false, nil
	}
	node := func(what string, literal bool) (quad.Value, error) {
		switch p.peek() {
		case '<':
			s, err := p.iri()
			return quad.IRI(s), err
		case '_':
			s, err := p.bnode()
			return quad.BNode(s), err
		case '"':
			if literal {
				return p.literal()
			}
		}
		return nil, p.unexpected(what)
	}
	if q.Subject, err = node("subject (an IRI <…> or a blank node _:…)", false); err != nil {
		return q, false, err
	}
	p.ws()
	if p.peek() != '<' {
		return q, false, p.unexpected("predicate (an IRI <…>)")
	}
	pred, err := p.iri()
	if err != nil {
		return q, false, err
	}
	q.Predicate = quad.IRI(pred)
	p.ws()
	if q.Object, err = node("object (an IRI, blank node or literal)", true); err != nil {
		return q, false, err
	}
	p.ws()
	if c := p.peek(); c == '<' || c == '_' {
		if q.Label, err = node("graph label", false); err != nil {
			return q, false, err
		}
		p.ws()
	}
	if p.peek() != '.' {
		if p.eol() {
			return q, false, p.unexpected("'.' to end the statement")
		}
		return q, false, p.unexpected("graph label or '.' to end the statement")
	}
	p.pos++
	p.ws()
	if !p.eol() && p.peek() != '#' {
		return q, false, p.errorf("unexpected text after the end of the statement")
	}
	return q, true, nil
}

// unexpected is the error for finding something other than what at p.pos.
func (p *nqParser) unexpected(what string) *InputError {
	if p.eol() {
		return p.errorf("expected %s, found end of line", what)
	}
	r, _ := utf8.DecodeRune(p.line[p.pos:])
	return p.errorf("expected %s, found %q", what, r)
}

// uchar reads the hex digits of a \u or \U escape; p.pos is at the u or U.
func (p *nqParser) uchar() (rune, error) {
	start := p.pos - 1
	n := 4
	if p.line[p.pos] == 'U' {
		n = 8
	}
	p.pos++
	if p.pos+n > len(p.line) {
		p.pos = start
		return 0, p.errorf("incomplete \\%c escape", p.line[start+1])
	}
	v, err := strconv.ParseUint(string(p.line[p.pos:p.pos+n]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		p.pos = start
		return 0, p.errorf("bad escape %s", p.line[start:start+2+n])
	}
	p.pos += n
	return rune(v), nil
}

// iri reads an IRIREF; p.pos is at '<'.
func (p *nqParser) iri() (string, error) {
	start := p.pos
	p.pos++
	var b strings.Builder
	for {
		if p.eol() {
			p.pos = start
			return "", p.errorf("unterminated IRI (missing '>')")
		}
		r, n := utf8.DecodeRune(p.line[p.pos:])
		switch {
		case r == '>':
			p.pos++
			s := b.String()
			if err := checkIRI(s); err != nil {
				p.pos = start
				return "", p.errorf("%v", err)
			}
			return s, nil
		case r == '\\':
			p.pos++
			if c := p.peek(); c != 'u' && c != 'U' {
				p.pos--
				return "", p.errorf("bad escape in IRI (only \\u and \\U are allowed)")
			}
			u, err := p.uchar()
			if err != nil {
				return "", err
			}
			b.WriteRune(u)
		case r <= ' ' || strings.ContainsRune("<\"{}|^`", r):
			return "", p.errorf("character %q is not allowed in an IRI", r)
		default:
			b.WriteRune(r)
			p.pos += n
		}
	}
}

func isPNCharsBase(r rune) bool {
	switch {
	case 'A' <= r && r <= 'Z', 'a' <= r && r <= 'z',
		0xC0 <= r && r <= 0xD6, 0xD8 <= r && r <= 0xF6, 0xF8 <= r && r <= 0x2FF,
		0x370 <= r && r <= 0x37D, 0x37F <= r && r <= 0x1FFF, 0x200C <= r && r <= 0x200D,
		0x2070 <= r && r <= 0x218F, 0x2C00 <= r && r <= 0x2FEF, 0x3001 <= r && r <= 0xD7FF,
		0xF900 <= r && r <= 0xFDCF, 0xFDF0 <= r && r <= 0xFFFD, 0x10000 <= r && r <= 0xEFFFF:
		return true
	}
	return false
}

func isPNCharsU(r rune) bool { return isPNCharsBase(r) || r == '_' || r == ':' }

func isPNChars(r rune) bool {
	return isPNCharsU(r) || r == '-' || ('0' <= r && r <= '9') || r == 0xB7 ||
		(0x300 <= r && r <= 0x36F) || (0x203F <= r && r <= 0x2040)
}

// bnode reads a BLANK_NODE_LABEL and returns the label without "_:"; p.pos
// is at '_'.
func (p *nqParser) bnode() (string, error) {
	start := p.pos
	if !bytes.HasPrefix(p.line[p.pos:], []byte("_:")) {
		return "", p.errorf("expected a blank node _:…")
	}
	p.pos += 2
	r, n := utf8.DecodeRune(p.line[p.pos:])
	if p.eol() || !(isPNCharsU(r) || ('0' <= r && r <= '9')) {
		return "", p.errorf("bad blank node label")
	}
	p.pos += n
	for !p.eol() {
		r, n := utf8.DecodeRune(p.line[p.pos:])
		if !isPNChars(r) && r != '.' {
			break
		}
		p.pos += n
	}
	for p.line[p.pos-1] == '.' { // a label does not end with '.'
		p.pos--
	}
	return string(p.line[start+2 : p.pos]), nil
}

// literal reads a literal with its datatype or language tag; p.pos is at
// the opening '"'.
func (p *nqParser) literal() (quad.Value, error) {
	start := p.pos
	p.pos++
	var b strings.Builder
	for {
		if p.eol() {
			p.pos = start
			return nil, p.errorf("unterminated string (missing '\"')")
		}
		r, n := utf8.DecodeRune(p.line[p.pos:])
		if r == '"' {
			p.pos++
			break
		}
		if r != '\\' {
			b.WriteRune(r)
			p.pos += n
			continue
		}
		p.pos++
		c := p.peek()
		switch c {
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case '"', '\'', '\\':
			b.WriteByte(c)
		case 'u', 'U':
			u, err := p.uchar()
			if err != nil {
				return nil, err
			}
			b.WriteRune(u)
			continue
		default:
			p.pos--
			return nil, p.errorf("bad escape in string")
		}
		p.pos++
	}
	lex := b.String()
	switch {
	case bytes.HasPrefix(p.line[p.pos:], []byte("^^")):
		p.pos += 2
		if p.peek() != '<' {
			return nil, p.errorf("expected datatype IRI <…> after ^^")
		}
		dt, err := p.iri()
		if err != nil {
			return nil, err
		}
		return literalValue(lex, dt, ""), nil
	case p.peek() == '@':
		at := p.pos
		p.pos++
		for !p.eol() && (isAlnum(p.peek()) || p.peek() == '-') {
			p.pos++
		}
		lang := string(p.line[at+1 : p.pos])
		if !langTagRE.MatchString(lang) {
			p.pos = at
			return nil, p.errorf("bad language tag %q", lang)
		}
		return literalValue(lex, rdfLang, lang), nil
	}
	return literalValue(lex, "", ""), nil
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
