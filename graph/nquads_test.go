package graph

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func TestNQuadsRoundTrip(t *testing.T) {
	blank := []quad.Quad{
		{Subject: quad.BNode("b0"), Predicate: quad.IRI(PredName), Object: quad.BNode("n.1-x"), Label: quad.BNode("g")},
		{Subject: quad.BNode("_x"), Predicate: quad.IRI(PredName), Object: quad.String("bnode subject"), Label: nil},
		{Subject: quad.IRI("https://a.example/é/ü?q=ö#frag"), Predicate: quad.IRI(PredName), Object: quad.String("non-ASCII IRI")},
	}
	for _, tc := range append(ldRoundTripCases(300), ldCase{"blank nodes", blank}) {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := EncodeNQuads(&buf, tc.qs); err != nil {
				t.Fatal(err)
			}
			got, err := DecodeNQuads(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			ldDiffSets(t, got, tc.qs)
			if len(got) != len(ldQuadSet(tc.qs)) {
				t.Errorf("decoded %d quads, want %d distinct", len(got), len(ldQuadSet(tc.qs)))
			}
		})
	}
}

func TestEncodeNQuadsForm(t *testing.T) {
	s, p, l := quad.IRI("https://a.example/s"), quad.IRI("https://a.example/p"), quad.IRI("https://a.example/g")
	for _, tc := range []struct {
		o    quad.Value
		want string
	}{
		{quad.Int(-5), `"-5"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{quad.Float(0.75), `"7.5E-01"^^<http://www.w3.org/2001/XMLSchema#double>`},
		{quad.Float(2), `"2E+00"^^<http://www.w3.org/2001/XMLSchema#double>`},
		{quad.Bool(true), `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`},
		{quad.TypedString{Value: "x", Type: "xsd:token"}, `"x"^^<http://www.w3.org/2001/XMLSchema#token>`},
		{quad.TypedString{Value: "x", Type: "xsd:string"}, `"x"`},
		{quad.LangString{Value: "x", Lang: "en"}, `"x"@en`},
		{quad.String("a\"b\\c\nd\re\tf\bg\fh\x01i\x7fj é"), `"a\"b\\c\nd\re\tf\bg\fh\u0001i\u007Fj é"`},
		{quad.IRI("urn:x"), `<urn:x>`},
	} {
		var b bytes.Buffer
		if err := EncodeNQuads(&b, []quad.Quad{{Subject: s, Predicate: p, Object: tc.o, Label: l}}); err != nil {
			t.Fatal(err)
		}
		want := "<https://a.example/s> <https://a.example/p> " + tc.want + " <https://a.example/g> .\n"
		if b.String() != want {
			t.Errorf("got  %s\nwant %s", b.String(), want)
		}
	}
}

func TestDecodeNQuadsSyntax(t *testing.T) {
	in := "# a comment\n\r\n" +
		"<https://a.example/s> <https://a.example/p> \"x\\u00E9\\U0001F600\\'\" <https://a.example/g> . # trailing comment\r\n" +
		"<https://a.example/s><https://a.example/p>_:b1.\n" + // no spaces; the '.' ends the statement, not the label
		"\t_:b1 <https://a.example/p> \"1.5\"^^<http://www.w3.org/2001/XMLSchema#decimal> .\r" +
		"_:b1 <https://a.example/p> \"42\"^^<http://www.w3.org/2001/XMLSchema#int> .\n" +
		"_:b1 <https://a.example/p> \"x1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n" +
		"_:b1 <https://a.example/p> \"True\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n" +
		"_:b1 <https://a.example/p> \"INF\"^^<http://www.w3.org/2001/XMLSchema#double> .\n" +
		"_:b1 <https://a.example/p> \"hallo\"@DE-at .\n" +
		"_:b1 <https://a.example/p> \"x\"^^<http://www.w3.org/2001/XMLSchema#string> .\n" +
		"<https://a.example/s> <https://a.example/p> \"x\\u00E9\\U0001F600'\" <https://a.example/g> .\n" // a duplicate
	got, err := DecodeNQuads(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	s, p, b1 := quad.IRI("https://a.example/s"), quad.IRI("https://a.example/p"), quad.BNode("b1")
	want := []quad.Quad{
		{Subject: s, Predicate: p, Object: quad.String("xé😀'"), Label: quad.IRI("https://a.example/g")},
		{Subject: s, Predicate: p, Object: b1},
		{Subject: b1, Predicate: p, Object: quad.Float(1.5)},
		{Subject: b1, Predicate: p, Object: quad.TypedString{Value: "42", Type: "http://www.w3.org/2001/XMLSchema#int"}},
		{Subject: b1, Predicate: p, Object: quad.TypedString{Value: "x1", Type: xsdInteger}},
		{Subject: b1, Predicate: p, Object: quad.Bool(true)},
		{Subject: b1, Predicate: p, Object: quad.Float(math.Inf(1))},
		{Subject: b1, Predicate: p, Object: quad.LangString{Value: "hallo", Lang: "de-at"}},
		{Subject: b1, Predicate: p, Object: quad.String("x")},
	}
	ldDiffSets(t, got, want)
	if len(got) != len(want) {
		t.Errorf("%d quads, want %d", len(got), len(want))
	}
}

func TestDecodeNQuadsErrors(t *testing.T) {
	good := "<https://a.example/s> <https://a.example/p> \"ok\" .\n"
	for _, tc := range []struct {
		name, line string
		col        int
		want       string
	}{
		{"no dot", `<https://a.example/s> <https://a.example/p> "x"`, 48, "expected '.'"},
		{"literal subject", `"x" <https://a.example/p> "y" .`, 1, "expected subject"},
		{"literal label", `<https://a.example/s> <https://a.example/p> "x" "g" .`, 49, "expected graph label or '.'"},
		{"blank predicate", `<https://a.example/s> _:p "x" .`, 23, "expected predicate"},
		{"relative IRI", `<s> <https://a.example/p> "x" .`, 1, "not absolute"},
		{"unterminated IRI", `<https://a.example/s <https://a.example/p> "x" .`, 21, "not allowed in an IRI"},
		{"space in IRI", `<https://a.example/ s> <https://a.example/p> "x" .`, 20, "not allowed in an IRI"},
		{"unterminated string", `<https://a.example/s> <https://a.example/p> "x .`, 45, "unterminated string"},
		{"bad escape", `<https://a.example/s> <https://a.example/p> "a\qb" .`, 47, "bad escape"},
		{"bad \\u", `<https://a.example/s> <https://a.example/p> "a\u12G4" .`, 47, "bad escape"},
		{"surrogate", `<https://a.example/s> <https://a.example/p> "a\uD800" .`, 47, "bad escape"},
		{"bad lang", `<https://a.example/s> <https://a.example/p> "a"@-en .`, 48, "bad language tag"},
		{"no datatype IRI", `<https://a.example/s> <https://a.example/p> "a"^^xsd:int .`, 50, "expected datatype IRI"},
		{"bad blank node", `_:-x <https://a.example/p> "a" .`, 3, "bad blank node label"},
		{"text after dot", `<https://a.example/s> <https://a.example/p> "a" . x`, 51, "unexpected text"},
		{"missing object", `<https://a.example/s> <https://a.example/p> .`, 45, "expected object"},
		{"bad UTF-8", "<https://a.example/s> <https://a.example/p> \"é\xff\" .", 47, "invalid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good + "\n# comment\n" + tc.line + "\n" + good
			_, err := DecodeNQuads(strings.NewReader(in))
			if err == nil {
				t.Fatal("no error")
			}
			var ie *InputError
			if !errors.As(err, &ie) || !Is(Invalid, err) {
				t.Fatalf("error %v is not an Invalid *InputError", err)
			}
			if ie.Line != 4 || ie.Column != tc.col || !strings.Contains(ie.Msg, tc.want) {
				t.Errorf("got %v, want line 4, column %d: …%s…", err, tc.col, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "read N-Quads: line 4, column ") {
				t.Errorf("message %q", err)
			}
		})
	}
}
