package schema

import (
	"strconv"

	"kg/graph"
)

func itoa(i int) string { return strconv.Itoa(i) }

func notFound(err error) bool { return graph.Is(graph.NotFound, err) }
