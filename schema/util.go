package schema

import (
	"fmt"
	"strconv"

	"kg/graph"
)

func itoa(i int) string { return strconv.Itoa(i) }

func notFound(err error) bool { return graph.Is(graph.NotFound, err) }

// bound reads the optional count argument name from args: def when not
// given, capped at the server's page limit; an error when given and below 1
// or above that limit.
func (s *Schema) bound(args map[string]any, name string, def int) (int, error) {
	n, given := args[name].(int)
	max := s.opts.MaxPage
	switch {
	case given && n < 1:
		return 0, fmt.Errorf("%s must be at least 1, not %d", name, n)
	case given && max > 0 && n > max:
		return 0, fmt.Errorf("%s must be at most %d, not %d", name, max, n)
	case !given:
		n = def
		if max > 0 {
			n = min(n, max)
		}
	}
	return n, nil
}
