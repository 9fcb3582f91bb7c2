package queries

import "sync"

// maxCachedFacts bounds the facts a Service keeps built between queries
// (about 1 KB each with their evidence); past it, a tenth of them, chosen at
// random, make room.
const maxCachedFacts = 50_000

// factCache keeps the facts (Role, Position and Event values) that queries
// built from the store, shared by every query of a Service until the
// store's generation moves on, as nodeCache keeps nodes. Building a fact
// reads its evidence and their articles and sorts them; a person named in
// thousands of articles has the same hundred facts built for every query of
// their roles. The values are shared: callers must not change them.
type factCache struct {
	mu    sync.RWMutex
	gen   uint64
	facts map[string]any
}

// get returns the fact with IRI id built at generation gen.
func (c *factCache) get(gen uint64, id string) (any, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.gen != gen {
		return nil, false
	}
	v, ok := c.facts[id]
	return v, ok
}

// put keeps v, the fact with IRI id as built from the store at generation
// gen, unless the store has moved on since (now is its generation after
// the build): a build that began before a write may mix old and new.
func (c *factCache) put(gen, now uint64, id string, v any) {
	if now != gen {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case gen < c.gen:
		return
	case gen > c.gen || c.facts == nil:
		c.gen, c.facts = gen, make(map[string]any)
	}
	if len(c.facts) >= maxCachedFacts {
		drop := maxCachedFacts / 10
		for k := range c.facts { // map order is random enough
			delete(c.facts, k)
			if drop--; drop <= 0 {
				break
			}
		}
	}
	c.facts[id] = v
}
