package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"kg/ingest"
	"kg/queries"
	"kg/schema"
)

func newQueryCmd() *cobra.Command {
	var (
		store     storeFlag
		file      string
		vars      string
		operation string
	)
	c := &cobra.Command{
		Use:   "query [--store S] --file Q.graphql [--vars JSON]",
		Short: "Run a GraphQL query or mutation against the store and print the JSON answer",
		Long: "query runs a GraphQL request against a local store, with the schema kg serve offers but\n" +
			"without its limits (a list asked for without `first` is whole). Exit status 1 when the\n" +
			"answer holds errors.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if file == "" {
				return usageError("query: --file is required")
			}
			src, err := os.ReadFile(file)
			if err != nil {
				return usageError("query: %w", err)
			}
			var variables map[string]any
			if vars != "" {
				if err := json.Unmarshal([]byte(vars), &variables); err != nil {
					return usageError("query: --vars is not a JSON object: %w", err)
				}
			}
			s, err := store.open()
			if err != nil {
				return openError(err)
			}
			defer s.Close()
			sch, err := schema.New(queries.New(s), schema.Options{Ingest: ingest.New(s, ingest.Options{})})
			if err != nil {
				return failure(err)
			}
			res := sch.Execute(c.Context(), string(src), variables, operation)
			enc := json.NewEncoder(c.OutOrStdout())
			enc.SetIndent("", "  ")
			if err := enc.Encode(res); err != nil {
				return failure(fmt.Errorf("write answer: %w", err))
			}
			if res.HasErrors() {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	store.register(c)
	c.Flags().StringVarP(&file, "file", "f", "", "the GraphQL query file")
	c.Flags().StringVar(&vars, "vars", "", "variables as a JSON object")
	c.Flags().StringVar(&operation, "operation", "", "the operation to run, when the file has several")
	return c
}
