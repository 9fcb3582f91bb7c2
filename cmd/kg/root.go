package main

import (
	"io"

	"github.com/spf13/cobra"

	"kg/graph"
)

// storeFlag is the --store flag every command that reads or writes a store has.
type storeFlag struct{ addr string }

func (f *storeFlag) register(c *cobra.Command) {
	c.Flags().StringVar(&f.addr, "store", "",
		"the store: a bolt file path, memory:, or postgres://user:pass@host:port/db?sslmode=disable (default $KG_STORE, else "+graph.DefaultAddr+")")
}

func (f *storeFlag) open() (*graph.Store, error) {
	return graph.Open(graph.AddrFromEnv(f.addr), graph.Options{})
}

// openIndexed opens the store with its quads indexed in memory, for a
// process that answers many queries (see graph.Options.Index).
func (f *storeFlag) openIndexed(index bool) (*graph.Store, error) {
	return graph.Open(graph.AddrFromEnv(f.addr), graph.Options{Index: index})
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "kg",
		Short: "kg builds a knowledge graph from news articles",
		Long: "kg reads news articles, extracts who holds which role, who takes which position on which issue,\n" +
			"and what happened when and where, stores the facts in a Cayley graph and answers GraphQL queries.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newIngestCmd(), newQueryCmd(), newServeCmd(), newExportCmd(), newImportCmd())
	return root
}
