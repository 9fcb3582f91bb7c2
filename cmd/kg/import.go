package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"kg/graph"
)

func newImportCmd() *cobra.Command {
	var store storeFlag
	c := &cobra.Command{
		Use:   "import [--store S] FILE.jsonld|FILE.nq",
		Short: "Load an export (JSON-LD or N-Quads) into the store",
		Long: "import adds the quads of a kg export to the store, in one transaction. Importing the same file\n" +
			"twice adds nothing; a malformed file is reported with its position and changes nothing.",
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			path := args[0]
			f, err := os.Open(path)
			if err != nil {
				return usageError("import: %w", err)
			}
			defer f.Close()
			var qs []quad.Quad
			switch ext := strings.ToLower(filepath.Ext(path)); ext {
			case ".jsonld", ".json":
				qs, err = graph.DecodeJSONLD(f)
			case ".nq", ".nquads":
				qs, err = graph.DecodeNQuads(f)
			default:
				return usageError("import: %s: unknown format %q; give a .jsonld or .nq file", path, ext)
			}
			if err != nil {
				return failure(fmt.Errorf("import: %s: %w", path, err))
			}
			s, err := store.open()
			if err != nil {
				return openError(err)
			}
			defer s.Close()
			added, err := s.AddQuads(c.Context(), qs)
			if err != nil {
				return failure(fmt.Errorf("import: %s: %w", path, err))
			}
			fmt.Fprintf(c.OutOrStdout(), "imported %s: %d quads read, %d new\n", path, len(qs), added)
			return nil
		},
	}
	store.register(c)
	return c
}
