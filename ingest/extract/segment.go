// The sentence segmenter below is prose's (github.com/jdkato/prose/v2,
// segment.go, v2.0.0), copied so that it is built once per process: prose
// builds it, decoding its Punkt training data from JSON, on every
// prose.NewDocument call, which was a quarter of kg's ingest time. The code
// is prose's, unchanged but for names; TestSegmenterMatchesProse checks that
// it splits exactly as prose does.
//
// Copyright (c) 2015 Eric Bower
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.

package extract

import (
	"regexp"
	"strings"
	"sync"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

var (
	segmenterOnce sync.Once
	segmenter     *sentences.DefaultSentenceTokenizer
)

// sharedSegmenter returns the process-wide sentence segmenter, prose's
// English Punkt tokenizer, built on first use; nil if it cannot be built.
// Tokenize only reads the segmenter, so goroutines share it.
func sharedSegmenter() *sentences.DefaultSentenceTokenizer {
	segmenterOnce.Do(func() {
		segmenter, _ = newProseSentenceTokenizer()
	})
	return segmenter
}

// proseSentences splits text as prose.Document.Sentences does: the texts of
// the segmenter's sentences, trimmed of white space.
func proseSentences(seg *sentences.DefaultSentenceTokenizer, text string) []string {
	toks := seg.Tokenize(text)
	out := make([]string, len(toks))
	for i := range toks {
		out[i] = strings.TrimSpace(toks[i].Text)
	}
	return out
}

var (
	reProseAbbr            = regexp.MustCompile(`((?:[\w]\.)+[\w]*\.)`)
	reProseLooksLikeEllips = regexp.MustCompile(`(?:\.\s?){2,}\.`)
	reProseEntities        = regexp.MustCompile(`Yahoo!`)
)

// newProseSentenceTokenizer is prose's newSentenceTokenizer(nil).
func newProseSentenceTokenizer() (*sentences.DefaultSentenceTokenizer, error) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		return nil, err
	}
	training, err := sentences.LoadTraining(b)
	if err != nil {
		return nil, err
	}
	// supervisor abbreviations
	for _, abbr := range []string{"sgt", "gov", "no", "mt"} {
		training.AbbrevTypes.Add(abbr)
	}
	lang := sentences.NewPunctStrings()
	word := &proseWordTokenizer{}
	word.PunctStrings = lang
	annotations := sentences.NewAnnotations(training, lang, word)
	ortho := &sentences.OrthoContext{
		Storage:      training,
		PunctStrings: lang,
		TokenType:    word,
		TokenFirst:   word,
	}
	multiPunct := &multiPunctWordAnnotation{
		Storage:      training,
		TokenParser:  word,
		TokenGrouper: &sentences.DefaultTokenGrouper{},
		Ortho:        ortho,
	}
	annotations = append(annotations, multiPunct)
	return &sentences.DefaultSentenceTokenizer{
		Storage:       training,
		PunctStrings:  lang,
		WordTokenizer: word,
		Annotations:   annotations,
	}, nil
}

// proseWordTokenizer is prose's wordTokenizer.
type proseWordTokenizer struct {
	sentences.DefaultWordTokenizer
}

// HasSentEndChars is prose's: more sentence enders than the default.
func (e *proseWordTokenizer) HasSentEndChars(t *sentences.Token) bool {
	enders := []string{
		`."`, `.)`, `.’`, `.”`,
		`?`, `?"`, `?'`, `?)`, `?’`, `?”`,
		`!`, `!"`, `!'`, `!)`, `!’`, `!”`,
	}
	for _, ender := range enders {
		if strings.HasSuffix(t.Tok, ender) && !reProseEntities.MatchString(t.Tok) {
			return true
		}
	}
	parens := []string{
		`.[`, `.(`, `."`,
		`?[`, `?(`,
		`![`, `!(`,
	}
	for _, paren := range parens {
		if strings.Contains(t.Tok, paren) {
			return true
		}
	}
	return false
}

// multiPunctWordAnnotation is prose's: it teases out abbreviations such as
// "F.B.I.".
type multiPunctWordAnnotation struct {
	*sentences.Storage
	sentences.TokenParser
	sentences.TokenGrouper
	sentences.Ortho
}

func (a *multiPunctWordAnnotation) Annotate(tokens []*sentences.Token) []*sentences.Token {
	for _, tokPair := range a.TokenGrouper.Group(tokens) {
		if len(tokPair) < 2 || tokPair[1] == nil {
			tok := tokPair[0].Tok
			if strings.Contains(tok, "\n") && strings.Contains(tok, " ") {
				// We've mislabeled due to an errant newline.
				tokPair[0].SentBreak = false
			}
			continue
		}
		a.tokenAnnotation(tokPair[0], tokPair[1])
	}
	return tokens
}

// proseLooksInternal determines if tok's punctuation could appear
// sentence-internally (i.e., parentheses or quotations).
func proseLooksInternal(tok string) bool {
	internal := []string{")", `’`, `”`, `"`, `'`}
	for _, punc := range internal {
		if strings.HasSuffix(tok, punc) {
			return true
		}
	}
	return false
}

func (a *multiPunctWordAnnotation) tokenAnnotation(tokOne, tokTwo *sentences.Token) {
	var nextTyp string
	if strings.HasSuffix(tokOne.Tok, ".") && tokTwo.Tok == "." {
		tokOne.SentBreak = false
		tokTwo.SentBreak = false
		return
	}
	isNonBreak := strings.HasSuffix(tokOne.Tok, ".") && !tokOne.SentBreak
	isEllipsis := reProseLooksLikeEllips.MatchString(tokOne.Tok)
	isInternal := tokOne.SentBreak && proseLooksInternal(tokOne.Tok)
	if isNonBreak || isEllipsis || isInternal {
		nextTyp = a.TokenParser.TypeNoSentPeriod(tokTwo)
		isStarter := a.SentStarters[nextTyp]
		if isEllipsis {
			if a.TokenParser.FirstUpper(tokTwo) || isStarter != 0 {
				tokOne.SentBreak = true
				return
			}
		}
		if isInternal {
			if a.TokenParser.FirstLower(tokTwo) && isStarter == 0 {
				tokOne.SentBreak = false
				return
			}
		}
		if isNonBreak && a.TokenParser.FirstUpper(tokTwo) {
			if a.Storage.OrthoContext[nextTyp]&112 != 0 {
				tokOne.SentBreak = true
			}
		}
	}
	if len(reProseAbbr.FindAllString(tokOne.Tok, 1)) == 0 {
		return
	}
	if a.IsInitial(tokOne) {
		return
	}
	tokOne.Abbr = true
	tokOne.SentBreak = false
	isSentStarter := a.Ortho.Heuristic(tokTwo)
	if isSentStarter == 1 {
		tokOne.SentBreak = true
		return
	}
	if nextTyp == "" {
		nextTyp = a.TokenParser.TypeNoSentPeriod(tokTwo)
	}
	if a.TokenParser.FirstUpper(tokTwo) && a.SentStarters[nextTyp] != 0 {
		tokOne.SentBreak = true
		return
	}
}
