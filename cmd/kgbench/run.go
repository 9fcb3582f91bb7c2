package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jdkato/prose/v2"
	"github.com/spf13/cobra"

	"kg/bench"
	"kg/graph"
	"kg/ingest"
)

// config is the harness's flags.
type config struct {
	Sizes      []int         `json:"sizes"`
	Seed       uint64        `json:"seed"`
	Growth     float64       `json:"populationGrowth"` // bench.Options.Growth; 0 for a fixed population
	Workers    int           `json:"workers"`
	Baseline   int           `json:"baselineSample"`
	Clients    int           `json:"clients"`
	Duration   time.Duration `json:"durationPerQuery"`
	Queries    []string      `json:"queries"`
	Real       string        `json:"realArticles,omitempty"`
	dir        string
	keep       bool
	jsonOut    string
	cpuprofile string
}

// ingestFigures is the ingest of one corpus.
type ingestFigures struct {
	Seconds        float64 `json:"seconds"`        // the pipeline's run, as kg ingest reports it
	ProcessSeconds float64 `json:"processSeconds"` // the child process, start to exit
	Articles       int     `json:"articles"`
	Words          int     `json:"words"`
	WordsPerSec    float64 `json:"wordsPerSec"`
	ArticlesPerSec float64 `json:"articlesPerSec"`
	PeakRSSMB      float64 `json:"peakRssMB"`
	PeakAnonMB     float64 `json:"peakAnonMB"` // of which heap and stacks (RssAnon, sampled)
	PeakFileMB     float64 `json:"peakFileMB"` // of which mapped files, mostly the bolt store (RssFile, sampled)
	// CPUSeconds is the child's user+system CPU time: less sensitive than
	// wall-clock time to other work on the machine.
	CPUSeconds        float64           `json:"cpuSeconds"`
	WordsPerCPUSecond float64           `json:"wordsPerCpuSecond"`
	Facts             ingest.FactCounts `json:"facts"`
	Failed            int               `json:"failedFiles"`
}

// baselineFigures is prose used as documented on a sample of the corpus.
type baselineFigures struct {
	Articles    int     `json:"articles"`
	Words       int     `json:"words"`
	Seconds     float64 `json:"seconds"`
	WordsPerSec float64 `json:"wordsPerSec"` // one goroutine, as documented
	// ParallelWordsPerSec runs the same calls from --workers goroutines,
	// so the ratio can also be read with both cores busy on each side.
	ParallelWordsPerSec float64 `json:"parallelWordsPerSec"`
}

// sizeResult is every figure of one corpus size.
type sizeResult struct {
	Size          int             `json:"size"`
	Quads         int64           `json:"quads"`
	Nodes         int64           `json:"nodes"`
	StoreMB       float64         `json:"storeMB"`
	Ingest        ingestFigures   `json:"ingest"`
	Baseline      baselineFigures `json:"baseline"`
	Ratio         float64         `json:"ratio"`         // ingest words/s ÷ baseline words/s
	RatioParallel float64         `json:"ratioParallel"` // ingest words/s ÷ parallel baseline words/s
	ServerPeakMB  float64         `json:"serverPeakRssMB"`
	ServerStartS  float64         `json:"serverStartSeconds"`
	// LoadAvg is /proc/loadavg before the ingest, before the queries and
	// after them: other work on the machine shows here.
	LoadAvg []string     `json:"loadAvg"`
	Queries []loadResult `json:"queries"`
}

// report is the whole run, as written by --json.
type report struct {
	Machine machine      `json:"machine"`
	Config  config       `json:"config"`
	Started time.Time    `json:"started"`
	Seconds float64      `json:"seconds"`
	Sizes   []sizeResult `json:"results"`
}

type machine struct {
	CPUs      int    `json:"cpus"`
	CPUModel  string `json:"cpuModel"`
	GoVersion string `json:"goVersion"`
	MemTotal  string `json:"memTotal"`
}

func newRunCmd() *cobra.Command {
	var cfg config
	var sizes, qs string
	c := &cobra.Command{
		Use:   "kgbench [--sizes 1000,5000,20000] [--json FILE]",
		Short: "Benchmark kg: ingest against the prose baseline, queries under load, memory, growth",
		Long: "kgbench generates synthetic articles (labelled 'source: kgbench synthetic') for each size,\n" +
			"ingests them with the real pipeline into a fresh bolt store in a child process, measures the\n" +
			"baseline of prose used as documented on a sample of the same articles, then serves the store\n" +
			"from a child process on 127.0.0.1 and loads it with concurrent GraphQL and export clients.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(c *cobra.Command, _ []string) error {
			var err error
			if cfg.Sizes, err = parseSizes(sizes); err != nil {
				return err
			}
			cfg.Queries = nil
			for _, q := range strings.Split(qs, ",") {
				if q = strings.TrimSpace(q); q != "" {
					if specByName(q) == nil {
						return fmt.Errorf("unknown query %q", q)
					}
					cfg.Queries = append(cfg.Queries, q)
				}
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return run(ctx, cfg, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	var names []string
	for _, s := range querySpecs {
		names = append(names, s.Name)
	}
	f := c.Flags()
	f.StringVar(&sizes, "sizes", "1000,5000,20000", "corpus sizes, in articles")
	f.Uint64Var(&cfg.Seed, "seed", 1, "seed of the corpus and of the query arguments")
	growthFlag(f, &cfg.Growth)
	f.IntVar(&cfg.Workers, "workers", 2, "ingest workers")
	f.IntVar(&cfg.Baseline, "baseline", 100, "articles of each corpus the prose baseline runs on")
	f.IntVar(&cfg.Clients, "clients", 16, "concurrent query clients")
	f.DurationVar(&cfg.Duration, "duration", 10*time.Second, "load time per kind of query")
	f.StringVar(&qs, "queries", strings.Join(names, ","), "kinds of query to run")
	f.StringVar(&cfg.Real, "real", "", "also ingest the real articles under this folder (e.g. ../shared/data/dev/articles)")
	f.StringVar(&cfg.dir, "dir", "", "working folder for corpora and stores (default: a new temporary folder, removed after)")
	f.BoolVar(&cfg.keep, "keep", false, "keep the working folder")
	f.StringVar(&cfg.jsonOut, "json", "", "write every figure as JSON to this file")
	f.StringVar(&cfg.cpuprofile, "cpuprofile", "", "write CPU profiles of ingest and server to PREFIX-ingest-N.prof and PREFIX-serve-N.prof")
	return c
}

func specByName(name string) *querySpec {
	for i := range querySpecs {
		if querySpecs[i].Name == name {
			return &querySpecs[i]
		}
	}
	return nil
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("--sizes: %q is not a positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func run(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	rep := report{Machine: describeMachine(), Config: cfg, Started: time.Now()}
	dir := cfg.dir
	if dir == "" {
		d, err := os.MkdirTemp("", "kgbench-")
		if err != nil {
			return err
		}
		dir = d
		if !cfg.keep {
			defer os.RemoveAll(dir)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	logf := func(format string, args ...any) {
		fmt.Fprintf(stderr, "kgbench %s: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
	}
	gen := bench.New(corpusOptions(cfg.Seed, cfg.Growth))
	for _, n := range cfg.Sizes {
		res, err := runSize(ctx, cfg, gen, dir, n, logf)
		if err != nil {
			return fmt.Errorf("size %d: %w", n, err)
		}
		rep.Sizes = append(rep.Sizes, res)
		printSize(stdout, res)
		rep.Seconds = time.Since(rep.Started).Seconds()
		if err := writeJSON(cfg.jsonOut, rep); err != nil { // after each size, so a cut-short run keeps its figures
			return err
		}
	}
	printSummary(stdout, rep)
	if cfg.jsonOut != "" {
		logf("wrote %s", cfg.jsonOut)
	}
	return nil
}

// writeJSON writes rep to path, when path is not empty.
func writeJSON(path string, rep report) error {
	if path == "" {
		return nil
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func runSize(ctx context.Context, cfg config, gen *bench.Generator, dir string, n int, logf func(string, ...any)) (sizeResult, error) {
	res := sizeResult{Size: n}
	corpus := filepath.Join(dir, fmt.Sprintf("corpus-%d", n))
	if err := os.RemoveAll(corpus); err != nil {
		return res, err
	}
	logf("size %d: writing the corpus to %s", n, corpus)
	if err := gen.Write(corpus, n); err != nil {
		return res, err
	}
	if cfg.Real != "" {
		if err := copyArticles(cfg.Real, filepath.Join(corpus, "real")); err != nil {
			return res, err
		}
	}

	logf("size %d: prose baseline on %d articles", n, min(cfg.Baseline, n))
	base, err := baseline(ctx, corpus, cfg.Baseline, cfg.Workers)
	if err != nil {
		return res, err
	}
	res.Baseline = base

	store := filepath.Join(dir, fmt.Sprintf("kg-%d.db", n))
	os.Remove(store)
	logf("size %d: ingest with %d workers into %s", n, cfg.Workers, store)
	args := []string{"child-ingest", "--store", store, "--workers", strconv.Itoa(cfg.Workers)}
	if cfg.cpuprofile != "" {
		args = append(args, "--cpuprofile", fmt.Sprintf("%s-ingest-%d.prof", cfg.cpuprofile, n))
	}
	res.LoadAvg = append(res.LoadAvg, loadAvg())
	out, peak, secs, cpu, err := runChild(ctx, append(args, corpus)...)
	if err != nil {
		return res, fmt.Errorf("ingest: %w", err)
	}
	var ir ingestResult
	if err := json.Unmarshal(out, &ir); err != nil {
		return res, fmt.Errorf("ingest: reading its result: %w", err)
	}
	sum := ir.Summary
	if fi, err := os.Stat(store); err == nil {
		res.StoreMB = float64(fi.Size()) / (1 << 20)
	}
	res.Ingest = ingestFigures{Seconds: sum.Seconds, Articles: sum.ArticlesRead, Words: sum.Words,
		WordsPerSec: sum.WordsPerSecond, ArticlesPerSec: float64(sum.ArticlesRead) / sum.Seconds,
		PeakRSSMB: peak, Facts: sum.Facts, Failed: len(sum.Failed), ProcessSeconds: secs,
		CPUSeconds: cpu, PeakAnonMB: ir.PeakAnonMB, PeakFileMB: ir.PeakFileMB}
	if cpu > 0 {
		res.Ingest.WordsPerCPUSecond = float64(sum.Words) / cpu
	}
	if base.WordsPerSec > 0 {
		res.Ratio = res.Ingest.WordsPerSec / base.WordsPerSec
	}
	if base.ParallelWordsPerSec > 0 {
		res.RatioParallel = res.Ingest.WordsPerSec / base.ParallelWordsPerSec
	}

	s, err := graph.Open(store, graph.Options{})
	if err != nil {
		return res, err
	}
	st, err := s.Stats(ctx)
	if err != nil {
		s.Close()
		return res, fmt.Errorf("counting the store: %w", err)
	}
	res.Quads, res.Nodes = st.Quads, st.Nodes
	logf("size %d: %d articles, %d words in %.1fs (%.0f words/s, %.1f× baseline), %d quads, peak RSS %.0f MB (heap and stacks %.0f, mapped files %.0f)",
		n, sum.ArticlesRead, sum.Words, sum.Seconds, sum.WordsPerSecond, res.Ratio, st.Quads, peak, ir.PeakAnonMB, ir.PeakFileMB)
	tg, err := pickTargets(ctx, s, cfg.Seed, 500)
	s.Close()
	if err != nil {
		return res, err
	}

	res.LoadAvg = append(res.LoadAvg, loadAvg())
	logf("size %d: serving the store", n)
	args = []string{"child-serve", "--store", store, "--max-time", (time.Duration(len(cfg.Queries)+2)*(cfg.Duration+2*time.Minute) + 10*time.Minute).String()}
	if cfg.cpuprofile != "" {
		args = append(args, "--cpuprofile", fmt.Sprintf("%s-serve-%d.prof", cfg.cpuprofile, n))
	}
	srv, err := startServer(ctx, args...)
	if err != nil {
		return res, err
	}
	defer srv.stop()
	res.ServerStartS = srv.started.Seconds()
	for i, q := range cfg.Queries {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		lr := runLoad("http://"+srv.addr, *specByName(q), &tg, cfg.Clients, cfg.Duration, cfg.Seed+uint64(i)*7919)
		logf("size %d: %-10s %6d requests, %d errors, p50 %.1f ms, p99 %.1f ms, %.0f q/s (first %.0f ms)",
			n, q, lr.Requests, lr.Errors, lr.P50MS, lr.P99MS, lr.QPS, lr.FirstMS)
		if lr.FirstErr != "" {
			logf("size %d: %s: first error: %s", n, q, lr.FirstErr)
		}
		res.Queries = append(res.Queries, lr)
	}
	res.ServerPeakMB = srv.peakRSS()
	res.LoadAvg = append(res.LoadAvg, loadAvg())
	if err := srv.stop(); err != nil {
		logf("size %d: server: %v", n, err)
	}
	if !cfg.keep {
		os.RemoveAll(corpus)
		os.Remove(store)
	}
	return res, nil
}

// runChild runs kgbench itself with args and returns its stdout, its peak
// RSS in MB and its wall-clock seconds.
func runChild(ctx context.Context, args ...string) (out []byte, peakMB, secs, cpu float64, err error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, 0, 0, 0, err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	out, err = cmd.Output()
	secs = time.Since(start).Seconds()
	if err != nil {
		return nil, 0, secs, 0, err
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peakMB = float64(ru.Maxrss) / 1024 // KiB on Linux
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	return out, peakMB, secs, cpu, nil
}

// loadAvg returns the first three fields of /proc/loadavg.
func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// server is a running child-serve process.
type server struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	addr    string
	started time.Duration // until it listened
	once    sync.Once
	err     error
}

func startServer(ctx context.Context, args ...string) (*server, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = os.Stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, stdin: stdin}
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
		io.Copy(io.Discard, stdout)
	}()
	select {
	case l, ok := <-line:
		if !ok || !strings.HasPrefix(l, "ADDR ") {
			s.stop()
			return nil, fmt.Errorf("server did not start (said %q)", l)
		}
		s.addr = strings.TrimPrefix(l, "ADDR ")
	case <-time.After(5 * time.Minute):
		s.stop()
		return nil, errors.New("server did not start within 5 minutes")
	}
	s.started = time.Since(start)
	return s, nil
}

// peakRSS reads the server's VmHWM, in MB.
func (s *server) peakRSS() float64 {
	return statusMB(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid), "VmHWM:")
}

// statusMB reads the field (e.g. "VmHWM:") of a /proc status file, in MB.
func statusMB(path, field string) float64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == field {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// stop closes the server's stdin, which makes it shut down, and waits for
// it (killing it after a while).
func (s *server) stop() error {
	s.once.Do(func() {
		s.stdin.Close()
		done := make(chan error, 1)
		go func() { done <- s.cmd.Wait() }()
		select {
		case s.err = <-done:
		case <-time.After(30 * time.Second):
			s.cmd.Process.Kill()
			s.err = <-done
		}
	})
	return s.err
}

// baseline reads the first n articles of corpus (in walk order) and runs
// prose as documented on each: prose.NewDocument(text), no model reuse; once
// from one goroutine and once from workers goroutines.
func baseline(ctx context.Context, corpus string, n, workers int) (baselineFigures, error) {
	var b baselineFigures
	files, _, err := ingest.Walk([]string{corpus})
	if err != nil {
		return b, err
	}
	var texts []string
	for _, f := range files {
		if len(texts) >= n {
			break
		}
		r, err := ingest.Reader{}.Read(f.Path, f.Rel)
		if err != nil {
			return b, err
		}
		for _, a := range r.Articles {
			texts = append(texts, a.Text)
			b.Words += a.Words()
		}
	}
	b.Articles = len(texts)
	start := time.Now()
	for _, t := range texts {
		if err := ctx.Err(); err != nil {
			return b, err
		}
		if _, err := prose.NewDocument(t); err != nil {
			return b, err
		}
	}
	b.Seconds = time.Since(start).Seconds()
	b.WordsPerSec = float64(b.Words) / b.Seconds
	// the same calls with every worker busy
	start = time.Now()
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range jobs {
				prose.NewDocument(t)
			}
		}()
	}
	for _, t := range texts {
		if ctx.Err() != nil {
			break
		}
		jobs <- t
	}
	close(jobs)
	wg.Wait()
	b.ParallelWordsPerSec = float64(b.Words) / time.Since(start).Seconds()
	return b, ctx.Err()
}

// copyArticles copies the article files under src into dst.
func copyArticles(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".txt", ".md", ".html", ".htm", ".json", ".jsonl":
		default:
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
}

func describeMachine() machine {
	m := machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && k == "MemTotal" {
				m.MemTotal = strings.TrimSpace(v)
				break
			}
		}
	}
	return m
}
