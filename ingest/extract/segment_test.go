package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

// TestSegmenterMatchesProse checks that the shared segmenter splits text
// exactly as prose.NewDocument does, on the example articles, the shared
// articles when present (every file under ../../../shared/data), and tricky
// snippets.
func TestSegmenterMatchesProse(t *testing.T) {
	texts := []string{
		"", "   ", "One.", "Dr. No met Mr. T. Smith at 5 p.m. today. He left.",
		"The F.B.I. said so. It was late... Then what? \"Nothing!\" she said. (Really.) Yes.",
		"Gov. Lind and Sgt. Pepper went up Mt. Hood. No. 5 was next.",
		"Yahoo! bought it. U.S. officials said it was fine.\nA new line. And \u201cquotes.\u201d Then \u2019single.\u2019",
		"John Q. Public arrived. The end",
	}
	for _, root := range []string{"../../examples/articles", "../../../shared/data"} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch filepath.Ext(p) {
			case ".txt", ".md", ".html", ".json", ".jsonl", ".xml":
			default:
				return nil
			}
			if b, err := os.ReadFile(p); err == nil && len(b) < 1<<20 {
				texts = append(texts, string(b))
			}
			return nil
		})
	}
	if len(texts) < 20 {
		t.Fatalf("only %d texts to compare", len(texts))
	}
	seg := sharedSegmenter()
	if seg == nil {
		t.Fatal("the segmenter could not be built")
	}
	for _, text := range texts {
		doc, err := prose.NewDocument(text, prose.WithTokenization(false), prose.WithTagging(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, s := range doc.Sentences() {
			want = append(want, s.Text)
		}
		got := proseSentences(seg, text)
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("segments differ on %.80q:\ngot  %q\nwant %q", text, got, want)
		}
	}
	t.Logf("compared %d texts", len(texts))
}

// TestSegmenterConcurrent runs the shared segmenter from several goroutines
// (run with -race).
func TestSegmenterConcurrent(t *testing.T) {
	seg := sharedSegmenter()
	text := strings.Repeat("Dr. Ada Lind met the F.B.I. on Monday. \"We agree,\" she said. ", 20)
	want := proseSentences(seg, text)
	done := make(chan []string)
	for range 4 {
		go func() { done <- proseSentences(seg, text) }()
	}
	for range 4 {
		if got := <-done; !slices.Equal(got, want) {
			t.Fatal("concurrent segmenting gave a different answer")
		}
	}
}
