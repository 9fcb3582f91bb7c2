package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// printSize prints the figures of one corpus size.
func printSize(w io.Writer, r sizeResult) {
	fmt.Fprintf(w, "\n== %d articles: %d quads, %d nodes, store %.0f MB\n", r.Size, r.Quads, r.Nodes, r.StoreMB)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "ingest\tarticles\twords\tseconds\twords/s\tarticles/s\tpeak RSS MB\troles\tpositions\tevents\tfailed\t")
	in := r.Ingest
	fmt.Fprintf(tw, "pipeline\t%d\t%d\t%.1f\t%.0f\t%.1f\t%.0f\t%d\t%d\t%d\t%d\t\n", in.Articles, in.Words, in.Seconds,
		in.WordsPerSec, in.ArticlesPerSec, in.PeakRSSMB, in.Facts.Roles, in.Facts.Positions, in.Facts.Events, in.Failed)
	b := r.Baseline
	fmt.Fprintf(tw, "prose baseline, 1 goroutine\t%d\t%d\t%.1f\t%.0f\t%.1f\t\t\t\t\t\t\n", b.Articles, b.Words, b.Seconds,
		b.WordsPerSec, float64(b.Articles)/b.Seconds)
	fmt.Fprintf(tw, "prose baseline, workers\t%d\t%d\t\t%.0f\t\t\t\t\t\t\t\n", b.Articles, b.Words, b.ParallelWordsPerSec)
	tw.Flush()
	fmt.Fprintf(w, "ingest peak RSS: %.0f MB; sampled peaks: heap and stacks (RssAnon) %.0f MB, mapped files (RssFile, the bolt store) %.0f MB\n",
		in.PeakRSSMB, in.PeakAnonMB, in.PeakFileMB)
	fmt.Fprintf(w, "ingest CPU: %.0f s (%.0f words per CPU-second); load average before ingest, before queries, after: %s\n",
		in.CPUSeconds, in.WordsPerCPUSecond, strings.Join(r.LoadAvg, " | "))
	fmt.Fprintf(w, "ratio: %.2f× the documented-prose baseline (%.2f× its parallel run)\n", r.Ratio, r.RatioParallel)
	fmt.Fprintf(w, "server: peak RSS %.0f MB, listening after %.1f s\n", r.ServerPeakMB, r.ServerStartS)
	printQueries(w, r.Queries)
}

// printQueries prints the load test's figures, one kind of query a row.
func printQueries(w io.Writer, qs []loadResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "query\trequests\terrors\tq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\tfirst ms\tmean KB\tmax KB\ttarget p99\t")
	for _, q := range qs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.0f\t%s\t\n", q.Query, q.Requests, q.Errors, q.QPS,
			q.P50MS, q.P95MS, q.P99MS, q.MaxMS, q.FirstMS, q.MeanKB, q.MaxKB, target(q.Query))
	}
	tw.Flush()
}

func target(q string) string {
	if s := specByName(q); s != nil && s.Target != "" {
		return "≤ " + s.Target + " ms"
	}
	return ""
}

// printSummary prints growth across sizes and the targets at the
// largest size.
func printSummary(w io.Writer, rep report) {
	if len(rep.Sizes) == 0 {
		return
	}
	first, last := rep.Sizes[0], rep.Sizes[len(rep.Sizes)-1]
	fmt.Fprintf(w, "\n== growth (p99 ms by size; last ÷ first)\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "figure\t")
	for _, s := range rep.Sizes {
		fmt.Fprintf(tw, "%d\t", s.Size)
	}
	fmt.Fprintln(tw, "ratio\t")
	row := func(name string, f func(sizeResult) float64) {
		fmt.Fprintf(tw, "%s\t", name)
		for _, s := range rep.Sizes {
			fmt.Fprintf(tw, "%.1f\t", f(s))
		}
		if f(first) > 0 {
			fmt.Fprintf(tw, "%.2f\t\n", f(last)/f(first))
		} else {
			fmt.Fprintln(tw, "\t")
		}
	}
	row("ingest words/s", func(s sizeResult) float64 { return s.Ingest.WordsPerSec })
	row("baseline words/s", func(s sizeResult) float64 { return s.Baseline.WordsPerSec })
	row("ingest ÷ baseline", func(s sizeResult) float64 { return s.Ratio })
	row("ingest peak RSS MB", func(s sizeResult) float64 { return s.Ingest.PeakRSSMB })
	row("server peak RSS MB", func(s sizeResult) float64 { return s.ServerPeakMB })
	row("quads (thousands)", func(s sizeResult) float64 { return float64(s.Quads) / 1000 })
	for i, q := range first.Queries {
		row(q.Query+" p99", func(s sizeResult) float64 {
			if i < len(s.Queries) {
				return s.Queries[i].P99MS
			}
			return 0
		})
	}
	tw.Flush()

	fmt.Fprintf(w, "\n== targets at %d articles\n", last.Size)
	check := func(what string, ok bool, got string) {
		verdict := "MISSED"
		if ok {
			verdict = "holds"
		}
		fmt.Fprintf(w, "%-6s  %s: %s\n", verdict, what, got)
	}
	check("ingest ≥ 8× documented-prose baseline", last.Ratio >= 8, fmt.Sprintf("%.2f×", last.Ratio))
	check("ingest peak RSS < 400 MB", last.Ingest.PeakRSSMB < 400, fmt.Sprintf("%.0f MB", last.Ingest.PeakRSSMB))
	for _, q := range last.Queries {
		if t := specByName(q.Query); t != nil && t.Target != "" {
			lim, _ := strconv.ParseFloat(t.Target, 64)
			check(q.Query+" p99 ≤ "+t.Target+" ms", q.P99MS <= lim && q.Errors == 0, fmt.Sprintf("%.1f ms, %d errors", q.P99MS, q.Errors))
		}
	}
	if len(rep.Sizes) > 1 {
		for i, q := range last.Queries {
			if i < len(first.Queries) && first.Queries[i].P99MS > 0 {
				// a query that timed out at either size says nothing of
				// growth: its p99 is the server's time limit.
				f := first.Queries[i]
				r := q.P99MS / f.P99MS
				check(fmt.Sprintf("%s p99 at %d within 2× of %d", q.Query, last.Size, first.Size),
					r <= 2 && q.Errors == 0 && f.Errors == 0,
					fmt.Sprintf("%.2f× (errors %d and %d)", r, f.Errors, q.Errors))
			}
		}
	}
	fmt.Fprintf(w, "\nwhole run: %.0f s\n", rep.Seconds)
}
