package graph

import (
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
)

func init() {
	Register(Backend{
		Name:  "memory",
		Match: isMemoryAddr,
		Open: func(string, Options) (cgraph.QuadStore, error) {
			return memstore.New(), nil
		},
	})
}
