package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/ingest"
	"kg/queries"
	"kg/schema"
)

// ingestResult is what the ingest child reports on stdout. The store's
// counts are not in it: counting nodes exactly reads every node of the
// store, which kg ingest never does, and in the child the pages it maps
// would count in the ingest's peak RSS (230 MB of a 338 MB store at 5,000
// articles); the parent counts them.
type ingestResult struct {
	Summary ingest.Summary `json:"summary"`
	// PeakAnonMB and PeakFileMB are the highest RssAnon (heap, stacks) and
	// RssFile (mostly the bolt file, which bolt maps into memory) seen,
	// sampled every 200 ms: peak RSS counts both.
	PeakAnonMB float64 `json:"peakAnonMB"`
	PeakFileMB float64 `json:"peakFileMB"`
}

// sampleRSS records the highest RssAnon and RssFile of this process until
// stop is closed.
func sampleRSS(stop <-chan struct{}, anon, file *float64, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		a, f := statusMB("/proc/self/status", "RssAnon:"), statusMB("/proc/self/status", "RssFile:")
		*anon, *file = max(*anon, a), max(*file, f)
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// newIngestChildCmd is the hidden command the harness runs as a child
// process, so that its peak RSS is the ingest's alone: it ingests DIR into a
// fresh bolt store with the real pipeline and prints an ingestResult as JSON.
func newIngestChildCmd() *cobra.Command {
	var store, cpuprofile string
	var workers int
	c := &cobra.Command{
		Use:    "child-ingest --store FILE DIR",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			stop, err := startProfile(cpuprofile)
			if err != nil {
				return err
			}
			s, err := graph.Open(store, graph.Options{})
			if err != nil {
				return err
			}
			defer s.Close()
			var anon, file float64
			stopSampling, sampled := make(chan struct{}), make(chan struct{})
			go sampleRSS(stopSampling, &anon, &file, sampled)
			sum, err := ingest.New(s, ingest.Options{Workers: workers}).Run(context.Background(), args)
			close(stopSampling)
			<-sampled
			stop()
			if err != nil {
				return err
			}
			return json.NewEncoder(os.Stdout).Encode(ingestResult{Summary: sum, PeakAnonMB: anon, PeakFileMB: file})
		},
	}
	c.Flags().StringVar(&store, "store", "", "bolt file to create")
	c.Flags().IntVar(&workers, "workers", 2, "ingest workers")
	c.Flags().StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the ingest here")
	return c
}

// newServeChildCmd is the hidden command the harness runs as the server: the
// real GraphQL handler over the store, on 127.0.0.1 at a free port, which it
// prints as "ADDR host:port" on stdout. It runs until stdin closes or it gets
// SIGTERM/SIGINT, and at most --max-time.
func newServeChildCmd() *cobra.Command {
	var store, cpuprofile string
	var maxTime time.Duration
	index := true
	c := &cobra.Command{
		Use:    "child-serve --store FILE",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			s, err := graph.Open(store, graph.Options{Index: index})
			if err != nil {
				return err
			}
			defer s.Close()
			svc := queries.New(s)
			if err := svc.Warm(context.Background()); err != nil {
				return err
			}
			sch, err := schema.New(svc, schema.Options{MaxPage: 1000})
			if err != nil {
				return err
			}
			// As kg serve sets it up.
			h := schema.NewHandler(sch, schema.ServerOptions{Limits: schema.DefaultLimits,
				MaxExportNodes: queries.DefaultMaxNodes, MaxConcurrent: schema.DefaultMaxConcurrent(index)})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				return err
			}
			stop, err := startProfile(cpuprofile)
			if err != nil {
				return err
			}
			defer stop()
			srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
			go srv.Serve(ln)
			fmt.Printf("ADDR %s\n", ln.Addr())
			done := make(chan struct{})
			go func() { // the parent closes our stdin when it is done (or dies)
				r := bufio.NewReader(os.Stdin)
				for {
					if _, err := r.ReadByte(); err != nil {
						close(done)
						return
					}
				}
			}()
			sig := make(chan os.Signal, 1)
			signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
			select {
			case <-done:
			case <-sig:
			case <-time.After(maxTime):
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return srv.Shutdown(ctx)
		},
	}
	c.Flags().StringVar(&store, "store", "", "store to serve")
	c.Flags().BoolVar(&index, "index", true, "hold the store in memory, as kg serve does")
	c.Flags().StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the server here")
	c.Flags().DurationVar(&maxTime, "max-time", time.Hour, "stop after this long whatever happens")
	return c
}

// startProfile starts a CPU profile into path (nothing when path is empty)
// and returns the function that stops it.
func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	var stopped bool
	return func() {
		if !stopped {
			stopped = true
			pprof.StopCPUProfile()
			f.Close()
		}
	}, nil
}
