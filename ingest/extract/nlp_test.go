package extract

import (
	"strings"
	"sync"
	"testing"
)

func TestAnalyzeOffsets(t *testing.T) {
	cases := []struct {
		desc  string
		text  string
		sents int
	}{
		{"empty text gives nothing", "", 0},
		{"blank lines only", "\n\n  \n", 0},
		{"two sentences on one line", "The mayor spoke. The council listened.", 2},
		{"lines are never joined", "A headline without a stop\nThe body starts here.", 2},
		{"curly quotes keep their offsets", "\u201cWe will win,\u201d she said. Then she left.", 2},
		{"blank line separates paragraphs", "First paragraph here.\n\nSecond one here.", 2},
		{"initials and abbreviations", "Rep. John Q. Public met Mr. Smith in the U.S. capital on Monday.", 1},
	}
	n := NewNLP()
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			ss := n.Analyze(c.text)
			if len(ss) != c.sents {
				t.Fatalf("got %d sentences, want %d: %+v", len(ss), c.sents, ss)
			}
			prevEnd := 0
			for _, s := range ss {
				if s.Start < prevEnd || s.End > len(c.text) || c.text[s.Start:s.End] != s.Text {
					t.Errorf("sentence %q has bad offsets [%d:%d]", s.Text, s.Start, s.End)
				}
				if strings.Contains(s.Text, "\n") {
					t.Errorf("sentence %q spans a line break", s.Text)
				}
				prevEnd = s.End
				for _, tk := range s.Tokens {
					if tk.Start < s.Start || tk.End > s.End || c.text[tk.Start:tk.End] != tk.Text {
						t.Errorf("token %q has bad offsets [%d:%d]", tk.Text, tk.Start, tk.End)
					}
				}
				for _, e := range s.Entities {
					if e.Start < s.Start || e.End > s.End {
						t.Errorf("entity %q has bad offsets", e.Text)
					}
				}
			}
		})
	}
}

// TestAnalyzeConcurrent shares the one prose model between goroutines; run
// with -race it shows the model is only read.
func TestAnalyzeConcurrent(t *testing.T) {
	n := NewNLP()
	texts := []string{
		"Prime Minister Jane Doe visited Paris on Monday.",
		"The committee rejected the proposal. Its chairman, John Roe, resigned.",
		"Acme Corp. said it would launch a new phone next year in Tokyo.",
	}
	want := make([]int, len(texts))
	for i, s := range texts {
		want[i] = len(n.Analyze(s))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 5; k++ {
				i := (g + k) % len(texts)
				if got := len(n.Analyze(texts[i])); got != want[i] {
					t.Errorf("text %d: %d sentences, want %d", i, got, want[i])
				}
			}
		}(g)
	}
	wg.Wait()
	if NewNLP().model != n.model {
		t.Error("NewNLP loaded a second model")
	}
}
