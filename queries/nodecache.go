package queries

import (
	"context"
	"sync"

	"kg/graph"
)

// maxCachedNodes bounds the nodes a Service keeps between queries (about
// 1 KB each); past it, a tenth of them, chosen at random, make room.
const maxCachedNodes = 100_000

// nodeCache keeps the nodes queries read from the store, shared by every
// query of a Service until the store's generation moves on (the same rule
// as the entity index). Reading a node from a Cayley kv store costs a quad
// iterator and a decode per quad, and the same facts, evidence, articles
// and entities are read again and again by neighbouring queries. Queries
// only read nodes, never change them, so one copy serves every goroutine.
type nodeCache struct {
	mu    sync.RWMutex
	gen   uint64
	nodes map[string]graph.Node
}

// node returns the node with IRI iri from the cache, or reads it from s.
func (c *nodeCache) node(ctx context.Context, s *graph.Store, iri string) (graph.Node, error) {
	gen := s.Generation()
	c.mu.RLock()
	n, ok := c.nodes[iri]
	fresh := c.gen == gen
	c.mu.RUnlock()
	if ok && fresh {
		return n, nil
	}
	n, _, err := s.Node(ctx, iri)
	if err != nil {
		return n, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case gen < c.gen: // a slow read from before a write: keep the newer cache
		return n, nil
	case gen > c.gen || c.nodes == nil:
		c.gen, c.nodes = gen, make(map[string]graph.Node)
	}
	if len(c.nodes) >= maxCachedNodes {
		drop := maxCachedNodes / 10
		for k := range c.nodes { // map order is random enough
			delete(c.nodes, k)
			if drop--; drop <= 0 {
				break
			}
		}
	}
	// Only a read that started at the cache's generation may fill it: the
	// store may have changed under a read that began before a write.
	if s.Generation() == gen {
		c.nodes[iri] = n
	}
	return n, nil
}
