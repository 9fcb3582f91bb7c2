package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"kg/graph"
)

// newQueriesCmd runs only the query load test, against an existing bolt
// store: for trying a change to the queries without ingesting again.
func newQueriesCmd() *cobra.Command {
	var (
		store, qs, jsonOut, cpuprofile string
		seed                           uint64
		clients                        int
		dur                            time.Duration
		index                          = true
	)
	c := &cobra.Command{
		Use:   "queries --store FILE [--duration 10s] [--queries search,roles,…]",
		Short: "Load an existing store's GraphQL server with concurrent queries (no ingest)",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			s, err := graph.Open(store, graph.Options{})
			if err != nil {
				return err
			}
			tg, err := pickTargets(ctx, s, seed, 500)
			s.Close()
			if err != nil {
				return err
			}
			args := []string{"child-serve", "--store", store, "--max-time", "2h", "--index=" + strconv.FormatBool(index)}
			if cpuprofile != "" {
				args = append(args, "--cpuprofile", cpuprofile)
			}
			srv, err := startServer(ctx, args...)
			if err != nil {
				return err
			}
			defer srv.stop()
			var out []loadResult
			for i, q := range strings.Split(qs, ",") {
				spec := specByName(strings.TrimSpace(q))
				if spec == nil {
					return fmt.Errorf("unknown query %q", q)
				}
				if ctx.Err() != nil {
					break
				}
				out = append(out, runLoad("http://"+srv.addr, *spec, &tg, clients, dur, seed+uint64(i)*7919))
			}
			peak := srv.peakRSS()
			srv.stop()
			printQueries(c.OutOrStdout(), out)
			fmt.Fprintf(c.OutOrStdout(), "server peak RSS %.0f MB; load average %s\n", peak, loadAvg())
			if jsonOut != "" {
				b, _ := json.MarshalIndent(map[string]any{"store": store, "serverPeakRssMB": peak, "queries": out}, "", "  ")
				return os.WriteFile(jsonOut, append(b, '\n'), 0o644)
			}
			return nil
		},
	}
	var names []string
	for _, s := range querySpecs {
		names = append(names, s.Name)
	}
	f := c.Flags()
	f.StringVar(&store, "store", "", "store to serve: a bolt file or a postgres:// URL (not changed)")
	f.BoolVar(&index, "index", true, "serve with the store held in memory, as kg serve does; false reads the store on every query")
	f.StringVar(&qs, "queries", strings.Join(names, ","), "kinds of query to run")
	f.Uint64Var(&seed, "seed", 1, "seed of the query arguments")
	f.IntVar(&clients, "clients", 16, "concurrent clients")
	f.DurationVar(&dur, "duration", 10*time.Second, "load time per kind of query")
	f.StringVar(&jsonOut, "json", "", "write the figures as JSON to this file")
	f.StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the server here")
	c.MarkFlagRequired("store")
	return c
}
