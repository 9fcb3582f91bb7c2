package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/ingest"
)

func newIngestCmd() *cobra.Command {
	var (
		store   storeFlag
		opts    ingest.Options
		asJSON  bool
		verbose bool
		server  string
		token   string
	)
	c := &cobra.Command{
		Use:   "ingest [--store S | --server URL] [--workers N] DIR|FILE...",
		Short: "Read article files into the store",
		Long: "ingest walks each folder recursively (or reads each file) and stores the facts of every article:\n" +
			".txt and .md (optional front matter), .html/.htm, .json and .jsonl. Other files are skipped.\n" +
			"Ingesting the same files again adds nothing; a changed file replaces what it contributed before.\n" +
			"Exit status: 0 when every readable article was stored, 1 when some failed (the rest are stored),\n" +
			"2 for usage errors.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			for _, a := range args {
				if _, err := os.Stat(a); err != nil {
					return usageError("%s: no such file or folder", a)
				}
			}
			if opts.Workers < 0 {
				return usageError("--workers must be at least 1")
			}
			stderr := c.ErrOrStderr()
			bar := newProgressBar(stderr)
			opts.Progress = func(p ingest.Progress) {
				if verbose {
					bar.clear()
					fmt.Fprintf(stderr, "%s: %s\n", p.Last, p.LastStatus)
				}
				bar.update(p)
			}
			var ing *ingest.Ingester
			if server != "" {
				if store.addr != "" {
					return usageError("give --store or --server, not both")
				}
				var err error
				if ing, err = ingest.NewRemote(c.Context(), server, token, opts); err != nil {
					return failure(err)
				}
			} else {
				s, err := store.open()
				if err != nil {
					return openError(err)
				}
				defer s.Close()
				ing = ingest.New(s, opts)
			}
			sum, err := ing.Run(c.Context(), args)
			bar.finish()
			if asJSON {
				enc := json.NewEncoder(c.OutOrStdout())
				enc.SetIndent("", "  ")
				if e := enc.Encode(sum); e != nil {
					return failure(fmt.Errorf("write summary: %w", e))
				}
			} else {
				printSummary(c.OutOrStdout(), sum)
			}
			if err != nil {
				return failure(err)
			}
			if len(sum.Failed) > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	store.register(c)
	c.Flags().IntVar(&opts.Workers, "workers", 0, "files processed at once (default: one per CPU)")
	c.Flags().Int64Var(&opts.MaxBytes, "max-bytes", ingest.DefaultMaxBytes, "skip files larger than this many bytes")
	c.Flags().BoolVar(&opts.Force, "force", false, "extract every article again, even when stored unchanged")
	c.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON")
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "print what became of each file on stderr")
	c.Flags().StringVar(&server, "server", "", "send the articles to the kg server at this URL instead of a store")
	c.Flags().StringVar(&token, "token", "", "bearer token for the server's mutations (with --server)")
	return c
}

// openError turns a failure to open the store into the exit status it
// deserves: a bad address is a usage error.
func openError(err error) error {
	switch graph.KindOf(err) {
	case graph.Invalid, graph.NotFound:
		return usageError("%w", err)
	}
	return failure(err)
}

func printSummary(w io.Writer, s ingest.Summary) {
	fmt.Fprintf(w, "files: %d found, %d read, %d skipped, %d failed\n",
		s.FilesFound, s.FilesRead, len(s.Skipped), len(s.Failed))
	fmt.Fprintf(w, "articles: %d read, %d stored (%d new, %d replaced, %d unchanged), %d removed\n",
		s.ArticlesRead, s.Stored(), s.Added, s.Replaced, s.Unchanged, s.Removed)
	fmt.Fprintf(w, "facts extracted: %d roles, %d positions, %d events\n",
		s.Facts.Roles, s.Facts.Positions, s.Facts.Events)
	fmt.Fprintf(w, "speed: %d words in %.2fs, %.0f words/s\n", s.Words, s.Seconds, s.WordsPerSecond)
	for _, group := range []struct {
		name string
		ps   []ingest.Problem
	}{{"skipped", s.Skipped}, {"failed", s.Failed}, {"warning", s.Warnings}} {
		for _, p := range group.ps {
			fmt.Fprintf(w, "%s: %s: %s\n", group.name, p.Path, p.Reason)
		}
	}
}
