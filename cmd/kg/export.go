package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"kg/graph"
	"kg/queries"
)

func newExportCmd() *cobra.Command {
	var (
		store   storeFlag
		entity  string
		article string
		all     bool
		kinds   []string
		format  string
		out     string
		o       = queries.SubgraphOptions{Hops: 1, MaxNodes: 100000, MinConfidence: queries.DefaultMinConfidence}
	)
	c := &cobra.Command{
		Use:   "export [--store S] --entity NAME|IRI [--hops N] [--kinds roles,positions,events] [--from DATE] [--to DATE] [--format jsonld|nquads] [-o FILE]",
		Short: "Export a subgraph as JSON-LD or N-Quads",
		Long: "export writes the subgraph around an entity: the entity, its facts, the other ends of those facts,\n" +
			"their evidence and source articles, out to --hops facts away. --article FILE exports what one\n" +
			"article contributed, --all the whole store. The output is deterministic; kg import reads it back.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			chosen := 0
			for _, set := range []bool{entity != "", article != "", all} {
				if set {
					chosen++
				}
			}
			if chosen != 1 {
				return usageError("export: give exactly one of --entity, --article and --all")
			}
			if o.Hops < 1 || o.Hops > queries.MaxExportHops {
				return usageError("export: --hops must be from 1 to %d, not %d", queries.MaxExportHops, o.Hops)
			}
			for _, k := range kinds {
				if k != queries.KindRole && k != queries.KindPosition && k != queries.KindEvent {
					return usageError("export: --kinds takes roles, positions and events, not %q", k)
				}
			}
			o.Kinds = kinds
			encode, err := encoder(format)
			if err != nil {
				return err
			}
			// Check the output can be written before the work, and write it
			// whole or not at all.
			w, commit, err := output(c.OutOrStdout(), out)
			if err != nil {
				return failure(err)
			}
			defer commit(false)
			s, err := store.open()
			if err != nil {
				return openError(err)
			}
			defer s.Close()
			svc := queries.New(s)
			ctx := c.Context()
			var qs []quad.Quad
			switch {
			case all:
				qs, err = s.AllQuads(ctx)
			case article != "":
				var ids []string
				if ids, err = s.ArticlesOfFile(ctx, article); err == nil && len(ids) == 0 && strings.HasPrefix(article, graph.Base) {
					ids = []string{article}
				}
				if err == nil && len(ids) == 0 {
					return failure(fmt.Errorf("export: no article was ingested from %q", article))
				}
				for _, id := range ids {
					var aq []quad.Quad
					if aq, err = s.ArticleQuads(ctx, id); err != nil {
						break
					}
					qs = append(qs, aq...)
				}
			default:
				var e queries.Entity
				if e, err = svc.One(ctx, entity); err != nil {
					return failure(fmt.Errorf("export: %w", err))
				}
				qs, err = svc.Subgraph(ctx, e.ID, o)
			}
			if err != nil {
				return failure(fmt.Errorf("export: %w", err))
			}
			if err := encode(w, qs); err != nil {
				return failure(fmt.Errorf("export: %w", err))
			}
			if err := commit(true); err != nil {
				return failure(err)
			}
			return nil
		},
	}
	store.register(c)
	f := c.Flags()
	f.StringVar(&entity, "entity", "", "the entity at the centre: a name, alias or IRI")
	f.StringVar(&article, "article", "", "export what the article(s) of this file contributed")
	f.BoolVar(&all, "all", false, "export the whole store")
	f.IntVar(&o.Hops, "hops", o.Hops, fmt.Sprintf("how many facts away from the entity, 1 to %d", queries.MaxExportHops))
	f.StringSliceVar(&kinds, "kinds", nil, "follow only these kinds of fact: roles, positions, events")
	f.StringVar(&o.From, "from", "", "keep only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVar(&o.To, "to", "", "keep only events on or before this date")
	f.Float64Var(&o.MinConfidence, "min-confidence", o.MinConfidence, "follow only facts at least this sure (0 to 1)")
	f.IntVar(&o.MaxNodes, "max-nodes", o.MaxNodes, "fail when the subgraph has more nodes than this")
	f.StringVar(&format, "format", "jsonld", "jsonld or nquads")
	f.StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	return c
}

// encoder returns the writer of a format.
func encoder(format string) (func(io.Writer, []quad.Quad) error, error) {
	switch format {
	case "jsonld", "json-ld":
		return graph.EncodeJSONLD, nil
	case "nquads", "nq":
		return graph.EncodeNQuads, nil
	}
	return nil, usageError("--format must be jsonld or nquads, not %q", format)
}

// output returns where to write: stdout, or a temporary file beside path
// that commit(true) renames to path and commit(false) removes.
func output(stdout io.Writer, path string) (io.Writer, func(ok bool) error, error) {
	if path == "" {
		return stdout, func(bool) error { return nil }, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, nil, fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	done := false
	return tmp, func(ok bool) error {
		if done {
			return nil
		}
		done = true
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
			return nil
		}
		if err := tmp.Close(); err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}, nil
}
