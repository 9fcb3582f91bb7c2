package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// Token is one word or punctuation mark of a sentence. Start and End are byte
// offsets of Text in the analysed text (Text == text[Start:End]); Tag is the
// Penn Treebank part-of-speech tag prose assigned and Label its IOB entity
// label ("O", "B-PERSON", "I-GPE", …).
type Token struct {
	Text, Tag, Label string
	Start, End       int
}

// Span is an entity chunk as prose's entity tagger labelled it (Label is
// "PERSON", "GPE", "ORGANIZATION", …), with the byte offsets of Text in the
// analysed text. prose's labels are only a hint: see Extractor.
type Span struct {
	Text, Label string
	Start, End  int
}

// Sentence is one sentence of the analysed text: Text == text[Start:End],
// its tokens in order and the entity chunks among them.
type Sentence struct {
	Text       string
	Start, End int
	Tokens     []Token
	Entities   []Span
}

var (
	modelOnce sync.Once
	model     *prose.Model
)

// sharedModel returns the process-wide prose model, loading it on first use.
// prose reads the model only (tagger weights and entity classifier), so one
// Model serves any number of goroutines; TestAnalyzeConcurrent checks this
// under the race detector.
func sharedModel() *prose.Model {
	modelOnce.Do(func() {
		doc, err := prose.NewDocument("Load the model once.")
		if err == nil {
			model = doc.Model
		}
	})
	return model
}

// NLP splits text into sentences and tags their tokens with prose, sharing
// one process-wide prose model. The zero value is not usable; call NewNLP.
// An NLP is safe for concurrent use.
type NLP struct {
	model *prose.Model
}

// NewNLP returns an NLP that shares the process-wide prose model (loaded on
// the first call, about a second; later calls are free).
func NewNLP() *NLP { return &NLP{model: sharedModel()} }

// Analyze splits text into paragraphs at line breaks, each paragraph into
// sentences with prose's segmenter, and returns the sentences in order with
// their tokens, part-of-speech tags and entity chunks. Every offset is a byte
// offset into text; sentences never span a line break and never overlap.
// Blank lines yield no sentence. Analyze never fails: text prose cannot split
// becomes one sentence per line.
func (n *NLP) Analyze(text string) []Sentence {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	bounds := n.segment(text)
	var out []Sentence
	// tag each line once, then hand its tokens to its sentences.
	for _, line := range lines(text) {
		toks := n.tokens(text, line[0], line[1])
		for len(bounds) > 0 && bounds[0][0] < line[1] {
			b := bounds[0]
			bounds = bounds[1:]
			s := Sentence{Text: text[b[0]:b[1]], Start: b[0], End: b[1]}
			for len(toks) > 0 && toks[0].Start < b[1] {
				if toks[0].Start >= b[0] {
					s.Tokens = append(s.Tokens, toks[0])
				}
				toks = toks[1:]
			}
			s.Entities = chunks(s.Tokens)
			out = append(out, s)
		}
	}
	return out
}

// lines returns the [start, end) byte ranges of the non-blank lines of text,
// trimmed of surrounding white space.
func lines(text string) [][2]int {
	var out [][2]int
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s, e := trimRange(text, start, end)
		if s < e {
			out = append(out, [2]int{s, e})
		}
		start = end + 1
	}
	return out
}

// trimRange shrinks [s, e) of text to exclude leading and trailing white space.
func trimRange(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// segment returns sentence ranges: prose's segmenter runs once over the whole
// text and each sentence is then cut at line breaks. The segmenter is built
// once per process (see segment.go); prose.NewDocument would rebuild it, and
// reload its data, on every call.
func (n *NLP) segment(text string) [][2]int {
	var sents []string
	func() {
		defer func() { _ = recover() }() // prose must not take the process down
		if seg := sharedSegmenter(); seg != nil {
			sents = proseSentences(seg, text)
			return
		}
		doc, err := prose.NewDocument(text, prose.UsingModel(n.model),
			prose.WithTokenization(false), prose.WithTagging(false), prose.WithExtraction(false))
		if err == nil {
			for _, s := range doc.Sentences() {
				sents = append(sents, s.Text)
			}
		}
	}()
	var out [][2]int
	cur := 0
	emit := func(s, e int) {
		for _, l := range lines(text[s:e]) {
			out = append(out, [2]int{s + l[0], s + l[1]})
		}
	}
	// prose ends a sentence after a middle initial ("John Q. Public"):
	// join such a sentence to the next one.
	var texts []string
	for _, s := range sents {
		t := strings.TrimSpace(s)
		if t == "" {
			continue
		}
		if k := len(texts) - 1; k >= 0 && endsWithInitial(texts[k]) {
			if i := strings.Index(text[cur:], texts[k]); i >= 0 {
				rest := text[cur+i+len(texts[k]):]
				if j := strings.Index(rest, t); j >= 0 && strings.TrimSpace(rest[:j]) == "" && !strings.Contains(rest[:j], "\n") {
					texts[k] = texts[k] + rest[:j] + t
					continue
				}
			}
		}
		texts = append(texts, t)
	}
	for _, t := range texts {
		i := strings.Index(text[cur:], t)
		if i < 0 {
			continue // not found verbatim: the gap is emitted with the next one
		}
		// text between the previous sentence and this one belongs to no
		// sentence prose saw; keep it as its own sentence(s).
		if gs, ge := trimRange(text, cur, cur+i); gs < ge {
			emit(gs, ge)
		}
		emit(cur+i, cur+i+len(t))
		cur += i + len(t)
	}
	if gs, ge := trimRange(text, cur, len(text)); gs < ge {
		emit(gs, ge)
	}
	return out
}

// endsWithInitial reports whether s ends in " X." with X one capital letter.
func endsWithInitial(s string) bool {
	n := len(s)
	return n >= 3 && s[n-1] == '.' && s[n-2] >= 'A' && s[n-2] <= 'Z' && (s[n-3] == ' ')
}

// tokens tags text[start:end] (one line) and returns its tokens with offsets
// into text.
func (n *NLP) tokens(text string, start, end int) []Token {
	var ptoks []prose.Token
	func() {
		defer func() { _ = recover() }()
		doc, err := prose.NewDocument(text[start:end], prose.UsingModel(n.model), prose.WithSegmentation(false))
		if err == nil {
			ptoks = doc.Tokens()
		}
	}()
	out := make([]Token, 0, len(ptoks))
	cur := start
	for _, pt := range ptoks {
		s, e, ok := locate(text, cur, end, pt.Text)
		if !ok {
			continue
		}
		out = append(out, Token{Text: text[s:e], Tag: pt.Tag, Label: pt.Label, Start: s, End: e})
		cur = e
	}
	return out
}

// locate finds tok in text[from:limit], skipping white space first; prose
// straightens curly quotes, so '"' and '\” match their curly forms too. It
// falls back to a plain search within the limit.
func locate(text string, from, limit int, tok string) (int, int, bool) {
	i := from
	for i < limit {
		r, size := utf8.DecodeRuneInString(text[i:limit])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	if e, ok := matchAt(text[:limit], i, tok); ok {
		return i, e, true
	}
	if strings.HasPrefix(text[i:limit], "&rsquo;") && tok == "'" {
		return i, i + len("&rsquo;"), true
	}
	if j := strings.Index(text[from:limit], tok); j >= 0 {
		return from + j, from + j + len(tok), true
	}
	return 0, 0, false
}

// matchAt reports whether tok occurs in text at i, treating straight quotes
// in tok as matching curly ones in text, and returns the end offset.
func matchAt(text string, i int, tok string) (int, bool) {
	for _, r := range tok {
		if i >= len(text) {
			return 0, false
		}
		tr, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case tr == r:
		case r == '"' && (tr == '\u201c' || tr == '\u201d'):
		case r == '\'' && (tr == '\u2018' || tr == '\u2019'):
		default:
			return 0, false
		}
		i += size
	}
	return i, true
}

// chunks groups tokens into entity spans by their IOB labels.
func chunks(toks []Token) []Span {
	var out []Span
	var cur *Span
	for _, t := range toks {
		kind, label, _ := strings.Cut(t.Label, "-")
		switch {
		case kind == "B" || (kind == "I" && (cur == nil || cur.Label != label)):
			if cur != nil {
				out = append(out, *cur)
			}
			cur = &Span{Label: label, Start: t.Start, End: t.End}
		case kind == "I":
			cur.End = t.End
		default:
			if cur != nil {
				out = append(out, *cur)
				cur = nil
			}
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	for i := range out {
		out[i].Text = spanText(toks, out[i].Start, out[i].End)
	}
	return out
}

// spanText joins the tokens between byte offsets start and end with single
// spaces where the text had white space.
func spanText(toks []Token, start, end int) string {
	var b strings.Builder
	prev := -1
	for _, t := range toks {
		if t.Start < start || t.End > end {
			continue
		}
		if prev >= 0 && t.Start > prev {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
		prev = t.End
	}
	return b.String()
}
