// Command kgbench is kg's benchmark harness. For each corpus size it
// generates synthetic articles (package kg/bench), then measures:
//
//   - ingest: words/s and articles/s of the real pipeline (read, clean, NLP,
//     extract, store) into a fresh bolt store, run as a child process so its
//     peak RSS is its own; and, in the same run, the baseline of prose used
//     as documented (one prose.NewDocument per article) on a sample of the
//     same articles, with the ratio;
//   - queries: the real GraphQL handler served by a child process on
//     127.0.0.1, loaded by concurrent clients for a fixed time per kind of
//     query, giving p50/p95/p99 latency and queries/s;
//   - memory: the peak RSS of the ingest and of the server.
//
// It prints a table and, with --json, writes every figure as JSON.
//
//	go run ./cmd/kgbench --sizes 1000,5000,20000 --json bench.json
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	root := newRunCmd()
	root.AddCommand(newIngestChildCmd(), newServeChildCmd(), newGenCmd(), newQueriesCmd())
	// Children get SIGTERM from the parent; the parent itself stops its
	// children when interrupted (see run).
	signal.Ignore(syscall.SIGPIPE)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "kgbench:", err)
		os.Exit(1)
	}
}
