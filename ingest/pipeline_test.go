package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"kg/graph"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func memStore(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open("memory:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

const line1 = `{"title":"Port strike","body":"Union leader Mara Jensen said the dockers will strike in Rotterdam on Monday.","published":"2026-02-16"}`
const line2 = `{"title":"Strike ends","body":"Union leader Mara Jensen said the strike in Rotterdam ended on Friday.","published":"2026-02-20"}`

func TestRunJSONLLosesALine(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.jsonl")
	s := memStore(t)
	write(t, feed, line1+"\n"+line2+"\n")
	sum, err := New(s, Options{}).Run(ctx, []string{dir})
	if err != nil || sum.Added != 2 {
		t.Fatalf("first run: %v, %d added; want 2", err, sum.Added)
	}
	write(t, feed, line1+"\n")
	sum, err = New(s, Options{}).Run(ctx, []string{dir})
	if err != nil || sum.Removed != 1 || sum.Unchanged != 1 {
		t.Fatalf("second run: %v, %d removed, %d unchanged; want 1, 1", err, sum.Removed, sum.Unchanged)
	}
	arts, _ := s.ArticlesOfFile(ctx, "feed.jsonl")
	if len(arts) != 1 {
		t.Errorf("feed.jsonl has %d articles stored, want 1", len(arts))
	}
	// A bad line must not delete the article it held before.
	write(t, feed, line1+"\n{broken\n")
	sum, _ = New(s, Options{}).Run(ctx, []string{dir})
	if len(sum.Failed) != 1 || sum.Removed != 0 {
		t.Errorf("run with a bad line: failed %v, removed %d; want one failure, nothing removed", sum.Failed, sum.Removed)
	}
}

func TestRunSameRelativePathTwice(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write(t, filepath.Join(a, "x.txt"), "Talks in Oslo\n\nForeign Minister Ivar Lunde met union leaders in Oslo on Monday.\n")
	write(t, filepath.Join(b, "x.txt"), "Talks in Bergen\n\nMayor Siri Dahl met union leaders in Bergen on Monday.\n")
	sum, err := New(memStore(t), Options{}).Run(context.Background(), []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 1 || len(sum.Failed) != 1 || !strings.Contains(sum.Failed[0].Reason, "same path") {
		t.Errorf("added %d, failed %v; want one stored and the other failed for having the same path", sum.Added, sum.Failed)
	}
}

func TestRunProgress(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt", "c.md"} {
		write(t, filepath.Join(dir, n), "Vote in Lyon\n\nThe council of Lyon voted on Monday.\n")
	}
	var seen []Progress
	_, err := New(memStore(t), Options{Workers: 2, Progress: func(p Progress) { seen = append(seen, p) }}).
		Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 3 {
		t.Fatalf("progress called %d times, want once per file (3)", len(seen))
	}
	last := seen[len(seen)-1]
	if last.FilesDone != 3 || last.FilesTotal != 3 || last.Articles != 3 {
		t.Errorf("last progress %+v, want 3 of 3 files, 3 articles", last)
	}
}

func TestRunCancelled(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "Vote in Lyon\n\nThe council of Lyon voted on Monday.\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(memStore(t), Options{}).Run(ctx, []string{dir})
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("Run on a cancelled context = %v, want an 'interrupted' error", err)
	}
}

// TestRunGroupsMatchOneByOne: a run, which stores articles in groups,
// stores the same quads as storing its articles one by one, with persons
// named in full in some files and by surname in others.
func TestRunGroupsMatchOneByOne(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var arts []graph.Article
	for i := range 3*maxGroup + 3 {
		name := []string{"Ivar Lunde", "Lunde", "Kari Dahl", "Dahl"}[i%4]
		path := filepath.Join(dir, fmt.Sprintf("a%02d.txt", i))
		write(t, path, fmt.Sprintf("Talks in Oslo %d\n\nForeign Minister %s met union leaders in Oslo on Monday. The talks will resume in Bergen on 13 January.\n", i, name))
		res, err := Reader{}.Read(path, filepath.Base(path))
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, res.Articles...)
	}
	grouped := memStore(t)
	sum, err := New(grouped, Options{Workers: 2}).Run(ctx, []string{dir})
	if err != nil || sum.Added != len(arts) || len(sum.Failed) != 0 {
		t.Fatalf("run: %v, %d added, failed %v; want %d added", err, sum.Added, sum.Failed, len(arts))
	}
	single := memStore(t)
	in := New(single, Options{})
	for _, a := range arts {
		if _, err := in.Store(ctx, a, false); err != nil {
			t.Fatal(err)
		}
	}
	g, err := grouped.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w, err := single.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(g, w, func(a, b quad.Quad) bool { return a == b }) {
		t.Errorf("the run stored %d quads, one by one %d", len(g), len(w))
	}
	// A second run finds everything stored and stores nothing.
	again, err := New(grouped, Options{Workers: 2}).Run(ctx, []string{dir})
	if err != nil || again.Unchanged != len(arts) {
		t.Errorf("second run: %v, %d unchanged; want %d", err, again.Unchanged, len(arts))
	}
}
