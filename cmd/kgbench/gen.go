package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kg/bench"
)

// newGenCmd writes a synthetic corpus without benchmarking it, for use with
// kg ingest or for looking at.
func newGenCmd() *cobra.Command {
	var n int
	var seed uint64
	var growth float64
	c := &cobra.Command{
		Use:   "gen [--n 1000] [--seed 1] DIR",
		Short: "Write a synthetic corpus (labelled 'source: kgbench synthetic') into DIR",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := bench.New(corpusOptions(seed, growth)).Write(args[0], n); err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "wrote %d synthetic articles to %s\n", n, args[0])
			return nil
		},
	}
	c.Flags().IntVar(&n, "n", 1000, "number of articles")
	c.Flags().Uint64Var(&seed, "seed", 1, "seed")
	growthFlag(c.Flags(), &growth)
	return c
}

// growthFlag adds --growth, the exponent by which the corpus's population
// of entities grows with its size.
func growthFlag(f *pflag.FlagSet, growth *float64) {
	f.Float64Var(growth, "growth", bench.DefaultGrowth,
		"the population of people, organisations, places and issues grows as articles^growth (see bench.Options); 0 keeps it at its size at 1,000 articles")
}

// corpusOptions are the generator's options for a seed and --growth.
func corpusOptions(seed uint64, growth float64) bench.Options {
	return bench.Options{Seed: seed, Growth: growth, Fixed: growth <= 0}
}
