package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"kg/bench"
)

// newGenCmd writes a synthetic corpus without benchmarking it, for use with
// kg ingest or for looking at.
func newGenCmd() *cobra.Command {
	var n int
	var seed uint64
	c := &cobra.Command{
		Use:   "gen [--n 1000] [--seed 1] DIR",
		Short: "Write a synthetic corpus (labelled 'source: kgbench synthetic') into DIR",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := bench.New(bench.Options{Seed: seed}).Write(args[0], n); err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "wrote %d synthetic articles to %s\n", n, args[0])
			return nil
		},
	}
	c.Flags().IntVar(&n, "n", 1000, "number of articles")
	c.Flags().Uint64Var(&seed, "seed", 1, "seed")
	return c
}
