package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"kg/graph"
	"kg/ingest/extract"
)

// Options tune an Ingester.
type Options struct {
	Workers  int   // files processed at once; 0 means one per CPU
	MaxBytes int64 // files larger than this are skipped; 0 means DefaultMaxBytes
	// Progress, if set, is called after each file with the running totals.
	// Calls are serialised.
	Progress func(Progress)
	// Force re-extracts articles even when they are stored unchanged.
	Force bool
	// MappedLimit bounds, in bytes, how much of a bolt store's file may stay
	// mapped into the process before it is released (see memoryGuard): 0
	// means DefaultMappedLimit, a negative value never releases.
	MappedLimit int64
}

// Progress is a snapshot of an ingest under way.
type Progress struct {
	FilesDone, FilesTotal int
	Articles              int // articles read so far
	Elapsed               time.Duration
	Last                  string // the file just finished
	LastStatus            string // what became of it: "added", "unchanged", "failed: …"
}

// Problem is a path that was skipped or failed, or a warning about it.
type Problem struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// problem builds a Problem about path from msg, dropping the "path: " that
// graph.Error puts in front of its messages.
func problem(path string, msg any) Problem {
	text := fmt.Sprint(msg)
	if err, ok := msg.(error); ok {
		text = err.Error()
	}
	return Problem{Path: path, Reason: strings.TrimPrefix(text, path+": ")}
}

// FactCounts counts facts by kind.
type FactCounts struct {
	Roles     int `json:"roles"`
	Positions int `json:"positions"`
	Events    int `json:"events"`
}

// Summary is the outcome of one ingest run.
type Summary struct {
	FilesFound     int        `json:"filesFound"`
	FilesRead      int        `json:"filesRead"`
	ArticlesRead   int        `json:"articlesRead"`
	Added          int        `json:"articlesAdded"`
	Replaced       int        `json:"articlesReplaced"`
	Unchanged      int        `json:"articlesUnchanged"`
	Removed        int        `json:"articlesRemoved"` // stale records of files that shrank
	Skipped        []Problem  `json:"skipped"`
	Failed         []Problem  `json:"failed"`
	Warnings       []Problem  `json:"warnings"`
	Facts          FactCounts `json:"facts"`          // facts extracted in this run
	Words          int        `json:"words"`          // words of the articles extracted in this run
	Seconds        float64    `json:"seconds"`        // wall-clock time of the run
	WordsPerSecond float64    `json:"wordsPerSecond"` // Words / Seconds
}

// Stored is the number of articles now stored from what was read.
func (s Summary) Stored() int { return s.Added + s.Replaced + s.Unchanged }

// Ingester runs the ingest pipeline into one store: walk, read, clean,
// extract, store. It is safe to call Run more than once.
type Ingester struct {
	store     *graph.Store
	reader    Reader
	extractor *extract.Extractor
	resolver  *resolver
	sink      Sink // in itself, or a server
	opts      Options
	memory    *memoryGuard // keeps the store's mapped file out of RSS
}

// New returns an Ingester writing to store.
func New(store *graph.Store, o Options) *Ingester {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.MappedLimit == 0 {
		o.MappedLimit = DefaultMappedLimit
	}
	in := &Ingester{store: store, reader: Reader{MaxBytes: o.MaxBytes}, extractor: extract.New(),
		resolver: newResolver(store), opts: o, memory: newMemoryGuard(store, o.MappedLimit)}
	in.sink = in
	return in
}

// Run ingests every article file under roots (folders, walked recursively,
// or single files). Files that fail are reported in the Summary and do not
// stop the others; the error is for the run as a whole: a root that does not
// exist, or ctx cancelled.
func (in *Ingester) Run(ctx context.Context, roots []string) (Summary, error) {
	start := time.Now()
	var sum Summary
	files, skipped, err := Walk(roots)
	if err != nil {
		return sum, err
	}
	for _, s := range skipped {
		sum.Skipped = append(sum.Skipped, Problem(s))
	}
	sum.FilesFound = len(files)
	// Articles are identified by their path relative to the folder given,
	// so two roots holding the same relative path would overwrite each
	// other: the later one fails instead.
	byRel := make(map[string]string, len(files))
	unique := files[:0]
	for _, f := range files {
		if first, dup := byRel[f.Rel]; dup {
			sum.Failed = append(sum.Failed, Problem{Path: f.Path, Reason: fmt.Sprintf(
				"has the same path relative to its folder (%s) as %s; ingest one of them from a common parent folder", f.Rel, first)})
			continue
		}
		byRel[f.Rel] = f.Path
		unique = append(unique, f)
	}
	files = unique

	var (
		mu   sync.Mutex
		done int
		jobs = make(chan File)
		wg   sync.WaitGroup
	)
	report := func(f File, r fileResult) {
		mu.Lock()
		defer mu.Unlock()
		r.addTo(&sum)
		done++
		if in.opts.Progress != nil {
			in.opts.Progress(Progress{FilesDone: done, FilesTotal: len(files), Articles: sum.ArticlesRead,
				Elapsed: time.Since(start), Last: f.Rel, LastStatus: r.status()})
		}
	}
	// Into a store of its own, workers read and extract, and one committer
	// stores what they prepared in groups (see commitLoop); into a server,
	// each worker sends its files' articles itself.
	local := in.sink == Sink(in)
	var (
		prepared  chan *preparedFile
		committed chan struct{}
	)
	if local {
		prepared, committed = make(chan *preparedFile, maxGroup), make(chan struct{})
		go func() {
			defer close(committed)
			in.commitLoop(ctx, prepared, report)
		}()
	}
	for range min(in.opts.Workers, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				if local {
					prepared <- in.prepareFile(ctx, f)
				} else {
					report(f, in.file(ctx, f))
				}
			}
		}()
	}
feed:
	for _, f := range files {
		select {
		case jobs <- f:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if local {
		close(prepared)
		<-committed
	}
	if err := in.memory.failure(); err != nil {
		sum.Warnings = append(sum.Warnings, problem(in.store.Addr(), err))
	}

	sortProblems(sum.Skipped)
	sortProblems(sum.Failed)
	sortProblems(sum.Warnings)
	sum.Seconds = time.Since(start).Seconds()
	if sum.Seconds > 0 {
		sum.WordsPerSecond = float64(sum.Words) / sum.Seconds
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("ingest interrupted after %d of %d files: %w", done, len(files), err)
	}
	return sum, nil
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Path < b.Path {
			return -1
		}
		if a.Path > b.Path {
			return 1
		}
		return 0
	})
}

// fileResult is what became of one file.
type fileResult struct {
	read                                bool
	articles                            int
	added, replaced, unchanged, removed int
	skipped, failed, warnings           []Problem
	facts                               FactCounts
	words                               int
}

func (r fileResult) addTo(s *Summary) {
	if r.read {
		s.FilesRead++
	}
	s.ArticlesRead += r.articles
	s.Added += r.added
	s.Replaced += r.replaced
	s.Unchanged += r.unchanged
	s.Removed += r.removed
	s.Skipped = append(s.Skipped, r.skipped...)
	s.Failed = append(s.Failed, r.failed...)
	s.Warnings = append(s.Warnings, r.warnings...)
	s.Facts.Roles += r.facts.Roles
	s.Facts.Positions += r.facts.Positions
	s.Facts.Events += r.facts.Events
	s.Words += r.words
}

func (r fileResult) status() string {
	switch {
	case len(r.failed) > 0:
		return "failed: " + r.failed[0].Reason
	case len(r.skipped) > 0:
		return "skipped: " + r.skipped[0].Reason
	case r.added+r.replaced > 0:
		return fmt.Sprintf("stored %d article(s)", r.added+r.replaced)
	}
	return "unchanged"
}

// file reads, extracts and stores the articles of one file.
func (in *Ingester) file(ctx context.Context, f File) (r fileResult) {
	defer func() {
		// A bug in a reader or the extractor fails this file, not the run.
		if p := recover(); p != nil {
			r.failed = append(r.failed, problem(f.Rel, fmt.Sprintf("internal error: %v", p)))
		}
	}()
	res, ok := in.readFile(f, &r)
	if !ok {
		return r
	}
	keep := make(map[string]bool)
	for _, a := range res.Articles {
		keep[a.IRI()] = true
		if err := ctx.Err(); err != nil {
			r.failed = append(r.failed, problem(f.Rel, "interrupted"))
			return r
		}
		st, err := in.sink.Store(ctx, a, in.opts.Force)
		if err != nil {
			r.failed = append(r.failed, problem(f.Rel, err))
			continue
		}
		r.count(st.Change)
		if st.Extracted {
			r.facts.Roles += st.Facts.Roles
			r.facts.Positions += st.Facts.Positions
			r.facts.Events += st.Facts.Events
			r.words += a.Words()
		}
	}
	// Records a file no longer holds (a .jsonl that lost lines) go too, but
	// only when the whole file was read: a bad line must not delete the
	// article it held before.
	if len(res.Errors) == 0 {
		n, err := in.sink.Prune(ctx, f.Rel, keep)
		r.removed += n
		if err != nil {
			r.failed = append(r.failed, problem(f.Rel, err))
		}
	}
	return r
}

// readFile reads f and records in r what reading found: whether it was
// read, its warnings and bad records, how many articles it holds. ok is
// false when it was skipped or failed whole.
func (in *Ingester) readFile(f File, r *fileResult) (res ReadResult, ok bool) {
	res, err := in.reader.Read(f.Path, f.Rel)
	if err != nil {
		if errors.Is(err, ErrSkip) {
			r.skipped = append(r.skipped, problem(f.Rel, err))
		} else {
			r.failed = append(r.failed, problem(f.Rel, err))
		}
		return res, false
	}
	r.read = true
	for _, w := range res.Warnings {
		r.warnings = append(r.warnings, problem(f.Rel, w))
	}
	for _, e := range res.Errors {
		r.failed = append(r.failed, problem(f.Rel, e))
	}
	r.articles = len(res.Articles)
	return res, true
}

// Sink is where the pipeline puts articles: a local store (an Ingester
// with a store), or a kg server (see Remote).
type Sink interface {
	// Store extracts a's facts and stores them, replacing what an article
	// of the same file and record contributed before. Unless force is set,
	// an article stored already from the same content by the same extractor
	// is left as it is (Change Unchanged, Extracted false).
	Store(ctx context.Context, a graph.Article, force bool) (Stored, error)
	// Prune deletes the stored articles of file whose IRIs keep lacks and
	// says how many it deleted.
	Prune(ctx context.Context, file string, keep map[string]bool) (int, error)
}

// Stored is what Sink.Store did.
type Stored struct {
	Change    graph.Change
	Extracted bool       // whether the extractor ran
	Facts     FactCounts // the facts it found
}

// Store implements Sink on the Ingester's store.
func (in *Ingester) Store(ctx context.Context, a graph.Article, force bool) (Stored, error) {
	defer in.memory.check()
	p := in.prepare(ctx, a, force)
	if !p.extracted {
		return Stored{Change: graph.Unchanged}, p.err
	}
	change, err := in.resolver.put(ctx, p.facts)
	return Stored{Change: change, Extracted: true, Facts: countFacts(p.facts)}, err
}

// preparedArticle is an article read and, unless it is stored unchanged
// already, extracted: everything of storing it but the store.
type preparedArticle struct {
	a         graph.Article
	facts     graph.Facts
	extracted bool  // false when stored already from the same content, or err
	err       error // why it could not be checked
}

// prepare checks whether a is stored unchanged already (unless force) and
// otherwise extracts its facts.
func (in *Ingester) prepare(ctx context.Context, a graph.Article, force bool) preparedArticle {
	if !force {
		same, err := in.stored(ctx, a)
		if err != nil || same {
			return preparedArticle{a: a, err: err}
		}
	}
	facts := in.extractor.Extract(a)
	facts.Extractor = Version()
	return preparedArticle{a: a, facts: facts, extracted: true}
}

func countFacts(f graph.Facts) FactCounts {
	return FactCounts{Roles: len(f.Roles), Positions: len(f.Positions), Events: len(f.Events)}
}

// Prune implements Sink on the Ingester's store.
func (in *Ingester) Prune(ctx context.Context, file string, keep map[string]bool) (int, error) {
	old, err := in.store.ArticlesOfFile(ctx, file)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, iri := range old {
		if keep[iri] {
			continue
		}
		if _, err := in.store.DeleteArticle(ctx, iri); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// stored reports whether a is stored already from the same content by the
// same extractor, so it need not be extracted again.
func (in *Ingester) stored(ctx context.Context, a graph.Article) (bool, error) {
	n, ok, err := in.store.Node(ctx, a.IRI())
	if err != nil || !ok {
		return false, err
	}
	hashes := n.Strs(graph.PredContentHash)
	return len(hashes) == 1 && hashes[0] == a.Hash && n.Str(graph.PredExtractor) == Version(), nil
}

var version = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err == nil {
		var f *os.File
		if f, err = os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err = io.Copy(h, f); err == nil {
				return hex.EncodeToString(h.Sum(nil)[:8])
			}
		}
	}
	return "unknown-" + time.Now().Format(time.RFC3339Nano)
})

// Version identifies the extractor in this binary: a digest of the
// executable, so that a rebuilt kg re-extracts articles it stored before
// while the same binary skips them. When the executable cannot be read it is
// unique per process, so nothing stale is ever kept.
func Version() string { return version() }

// Put stores one article given directly rather than read from a file (the
// API's ingestArticle): its text is cleaned as a file's would be, then it is
// stored as Store does.
func (in *Ingester) Put(ctx context.Context, a graph.Article, force bool) (graph.Change, bool, error) {
	a.Text = Clean(a.Title, a.Text)
	if strings.TrimSpace(a.Text) == "" {
		return 0, false, graph.E(graph.Invalid, "ingest", a.File, "no article text")
	}
	st, err := in.Store(ctx, a, force)
	return st.Change, st.Extracted, err
}

// Delete removes what the article with IRI id contributed, and nothing else;
// false when there was no such article.
func (in *Ingester) Delete(ctx context.Context, id string) (bool, error) {
	return in.store.DeleteArticle(ctx, id)
}
