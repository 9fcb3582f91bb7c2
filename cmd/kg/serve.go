package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"kg/examples"
	"kg/ingest"
	"kg/queries"
	"kg/schema"
)

func newServeCmd() *cobra.Command {
	var (
		store    storeFlag
		addr     string
		dirs     []string
		token    string
		limits   = schema.DefaultLimits
		maxPage  int
		workers  int
		maxBytes int64
		index    bool
		inTurn   int
	)
	c := &cobra.Command{
		Use:   "serve [--store S] [--addr 127.0.0.1:8080] [--ingest DIR]",
		Short: "Serve the GraphQL API and the playground",
		Long: "serve answers GraphQL at /graphql, serves the GraphiQL playground at /, /healthz and\n" +
			"Prometheus metrics at /metrics. It holds the store: to add articles while it runs, use\n" +
			"kg ingest --server URL. --ingest ingests folders before serving.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			stderr := c.ErrOrStderr()
			if index {
				fmt.Fprintln(stderr, "kg: indexing the store in memory")
			}
			s, err := store.openIndexed(index)
			if err != nil {
				return openError(err)
			}
			defer s.Close()
			bar := newProgressBar(stderr)
			ing := ingest.New(s, ingest.Options{Workers: workers, MaxBytes: maxBytes, Progress: bar.update})
			if len(dirs) > 0 {
				sum, err := ing.Run(c.Context(), dirs)
				bar.finish()
				printSummary(stderr, sum)
				if err != nil {
					return failure(err)
				}
			}
			logger := log.New(stderr, "kg: ", log.LstdFlags)
			svc := queries.New(s)
			if err := svc.Warm(c.Context()); err != nil {
				return failure(err)
			}
			sch, err := schema.New(svc, schema.Options{MaxPage: maxPage, Ingest: ing, Log: logger})
			if err != nil {
				return failure(err)
			}
			var ex []schema.Example
			for _, q := range examples.Queries() {
				ex = append(ex, schema.Example{Query: q.Query})
			}
			if !c.Flags().Changed("max-concurrent") {
				inTurn = schema.DefaultMaxConcurrent(index)
			}
			h := schema.NewHandler(sch, schema.ServerOptions{Limits: limits, Token: token, Examples: ex, Log: logger,
				MaxExportNodes: queries.DefaultMaxNodes, MaxConcurrent: inTurn})
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return usageError("serve: %w", err)
			}
			srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: logger}
			fmt.Fprintf(stderr, "kg: serving the playground at http://%s/ and GraphQL at http://%s/graphql\n", ln.Addr(), ln.Addr())
			done := make(chan error, 1)
			go func() { done <- srv.Serve(ln) }()
			select {
			case err := <-done:
				return failure(err)
			case <-c.Context().Done():
			}
			shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return failure(err)
			}
			fmt.Fprintln(stderr, "kg: stopped")
			return nil
		},
	}
	store.register(c)
	f := c.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (loopback unless told otherwise)")
	f.StringArrayVar(&dirs, "ingest", nil, "ingest this folder or file before serving (repeatable)")
	f.StringVar(&token, "token", "", "require Authorization: Bearer TOKEN for mutations")
	f.IntVar(&limits.MaxDepth, "max-depth", limits.MaxDepth, "deepest query allowed")
	f.IntVar(&limits.MaxAliases, "max-aliases", limits.MaxAliases, "aliases allowed in a query")
	f.Int64Var(&limits.MaxBody, "max-body", limits.MaxBody, "largest request body, in bytes")
	f.DurationVar(&limits.Timeout, "timeout", limits.Timeout, "time allowed for one request")
	f.IntVar(&maxPage, "max-page", schema.DefaultMaxPage, "largest page (`first`) of a list")
	f.IntVar(&workers, "workers", 0, "files ingested at once (default: one per CPU)")
	f.Int64Var(&maxBytes, "max-bytes", ingest.DefaultMaxBytes, "skip files larger than this many bytes")
	f.IntVar(&inTurn, "max-concurrent", 0, "GraphQL requests and exports answered at once, the rest queued in order\n"+
		"of arrival; 0 for no bound (default: one per CPU with --index, else no bound)")
	f.BoolVar(&index, "index", true, "keep every quad in memory for fast queries (about 40 bytes a quad);\n"+
		"--index=false reads the store for every query, and sees what other processes write to a shared PostgreSQL store")
	return c
}
