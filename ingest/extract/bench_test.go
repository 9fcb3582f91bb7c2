package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jdkato/prose/v2"

	"kg/graph"
)

func devArticles(b *testing.B) []graph.Article {
	files, _ := filepath.Glob("../../../shared/data/dev/articles/*.txt")
	if len(files) == 0 {
		b.Skip("dev articles not available: the shared data set is absent")
	}
	var out []graph.Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, graph.Article{File: filepath.Base(f), Text: string(data)})
	}
	return out
}

// BenchmarkExtract runs the whole extractor (one shared prose model) over
// the dev articles.
func BenchmarkExtract(b *testing.B) {
	arts := devArticles(b)
	x := New()
	words := 0
	for _, a := range arts {
		words += a.Words()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			x.Extract(a)
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkProseNoReuse calls prose.NewDocument per article without
// UsingModel, so prose loads its model every time.
func BenchmarkProseNoReuse(b *testing.B) {
	arts := devArticles(b)
	words := 0
	for _, a := range arts {
		words += a.Words()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := prose.NewDocument(a.Text); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}
