package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jdkato/prose/v2"

	"kg/graph"
)

// devArticles is the development set, read by benchmarks and tests from
// ../shared; they skip when it is absent.
const devArticles = "../../shared/data/dev/articles"

func needDev(tb testing.TB) string {
	tb.Helper()
	if _, err := os.Stat(devArticles); err != nil {
		tb.Skipf("%s is absent (it comes with the shared folder beside the repository): %v", devArticles, err)
	}
	return devArticles
}

// BenchmarkIngest measures the whole pipeline (walk, read, clean, NLP,
// extract, store into a new bolt file) over the development articles, in
// words per second.
func BenchmarkIngest(b *testing.B) {
	dir := needDev(b)
	ctx := context.Background()
	words := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := graph.Open(filepath.Join(b.TempDir(), "kg.db"), graph.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := New(s, Options{}).Run(ctx, []string{dir})
		if err != nil || len(sum.Failed) > 0 {
			b.Fatalf("ingest: %v %v", err, sum.Failed)
		}
		words += sum.Words
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkProseNoReuse is the baseline: prose used as documented, one
// prose.NewDocument per article, which loads prose's model every time.
func BenchmarkProseNoReuse(b *testing.B) {
	texts, words := devTexts(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := prose.NewDocument(t); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

// devTexts reads the cleaned texts of the development articles.
func devTexts(tb testing.TB) (texts []string, words int) {
	dir := needDev(tb)
	files, _, err := Walk([]string{dir})
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		res, err := Reader{}.Read(f.Path, f.Rel)
		if err != nil {
			tb.Fatal(err)
		}
		for _, a := range res.Articles {
			texts = append(texts, a.Text)
			words += a.Words()
		}
	}
	return texts, words
}
