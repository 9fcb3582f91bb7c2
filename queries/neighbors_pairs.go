package queries

import (
	"cmp"
	"math"
	"slices"
)

// Neighbors walks pairs of nodes, each with its number of facts of each
// kind, rather than facts: facts repeat between the same two nodes (the 100
// nodes nearest a hub of the synthetic corpus at 20,000 articles are joined
// by 7,199 facts but 1,999 pairs; a two-hop walk there steps through 26,700
// pairs instead of 42,900 facts on average), and a pair is 8 bytes to read
// (other end and count) where a link is 40. The edges among the nodes kept
// are found pair by pair and ranked by each pair's strongest link, so that
// the links read are mostly those answered.

// pairConf is the confidence at which pairTable counts links: the
// default of every query, so that the usual walk never reads a link.
const pairConf = DefaultMinConfidence

// pairTable lists the pairs of nodes joined by at least one link with two
// ends, each pair once at each end (a node joined to itself has one pair),
// as flat arrays by pair number: a walk reads only the arrays it needs, and
// as none holds pointers, the collector scans none.
type pairTable struct {
	at    []int32    // node n's pairs are [at[n], at[n+1]), by other end's number
	other []int32    // the node at the other end
	count []int32    // the pair's links with conf >= pairConf
	head  []int32    // the strength of the strongest of those (-1 for none)
	kinds [][3]int32 // the same by kindCode
	// The pair's links are links[lo:hi], strongest first (see stronger);
	// both sides of a pair share them.
	lo, hi []int32
	links  []link
	// confBelow and confAbove are the nearest link confidences below and
	// from pairConf (anyBelow: there is one below), for countsHold.
	confBelow, confAbove float64
	anyBelow             bool
}

// strongerBy orders links as Neighbors ranks edges beyond each node's
// first: more support first, then the surer, then edge order. It is < 0
// when x is the stronger. buildFactGraph numbers the links in this order
// (link.strength), so that stronger compares one number.
func strongerBy(x, y *link) int {
	if c := cmp.Compare(y.support, x.support); c != 0 {
		return c
	}
	if c := cmp.Compare(y.conf, x.conf); c != 0 {
		return c
	}
	return cmp.Compare(x.rank, y.rank)
}

// stronger is strongerBy on the links' numbers.
func stronger(x, y *link) int { return cmp.Compare(x.strength, y.strength) }

// buildPairs lists the pairs of every node from links (every link of the
// graph, in rank order): the links with two ends grouped by their pair of
// ends, each group strongest first, and each group once at each end.
func buildPairs(links []link, nodes int) pairTable {
	var t pairTable
	// Group by the lesser end with a counting sort (which keeps rank
	// order), then each lesser end's links by the greater end and strength.
	at := make([]int32, nodes+1)
	for i := range links {
		if l := &links[i]; l.from >= 0 && l.to >= 0 {
			at[min(l.from, l.to)+1]++
		}
	}
	for n := range nodes {
		at[n+1] += at[n]
	}
	t.links = make([]link, at[nodes])
	fill := slices.Clone(at[:nodes])
	for i := range links {
		if l := &links[i]; l.from >= 0 && l.to >= 0 {
			a := min(l.from, l.to)
			t.links[fill[a]] = *l
			fill[a]++
		}
	}
	for a := range nodes {
		slices.SortFunc(t.links[at[a]:at[a+1]], func(x, y link) int {
			if c := cmp.Compare(max(x.from, x.to), max(y.from, y.to)); c != 0 {
				return c
			}
			return stronger(&x, &y)
		})
	}
	// One group per pair of ends, in order of the lesser end, then the
	// greater: appending each group at both ends in that order lists every
	// node's pairs by the other end.
	type group struct {
		a, b, lo, hi, head int32
		kinds              [3]int32
	}
	var groups []group
	deg := make([]int32, nodes+1)
	t.confBelow, t.confAbove = math.Inf(-1), math.Inf(1)
	for a := range int32(nodes) {
		for lo := at[a]; lo < at[a+1]; {
			gr := group{a: a, b: max(t.links[lo].from, t.links[lo].to), lo: lo, head: -1}
			for gr.hi = lo; gr.hi < at[a+1] && max(t.links[gr.hi].from, t.links[gr.hi].to) == gr.b; gr.hi++ {
				l := &t.links[gr.hi]
				switch {
				case l.conf >= pairConf:
					if gr.head < 0 {
						gr.head = l.strength
					}
					gr.kinds[l.kind]++
					t.confAbove = min(t.confAbove, l.conf)
				case l.conf < pairConf: // not NaN
					t.confBelow = max(t.confBelow, l.conf)
					t.anyBelow = true
				}
			}
			groups = append(groups, gr)
			deg[a+1]++
			if gr.b != a {
				deg[gr.b+1]++
			}
			lo = gr.hi
		}
	}
	for n := range nodes {
		deg[n+1] += deg[n]
	}
	t.at = deg
	np := deg[nodes]
	t.other, t.count, t.head, t.kinds = make([]int32, np), make([]int32, np), make([]int32, np), make([][3]int32, np)
	t.lo, t.hi = make([]int32, np), make([]int32, np)
	next := slices.Clone(deg[:nodes])
	put := func(n, other int32, gr *group) {
		i := next[n]
		next[n]++
		t.other[i], t.head[i], t.kinds[i], t.lo[i], t.hi[i] = other, gr.head, gr.kinds, gr.lo, gr.hi
		t.count[i] = gr.kinds[0] + gr.kinds[1] + gr.kinds[2]
	}
	for i := range groups {
		gr := &groups[i]
		put(gr.a, gr.b, gr)
		if gr.b != gr.a {
			put(gr.b, gr.a, gr)
		}
	}
	return t
}

// bytes is the memory t takes: what Neighbors adds to the fact graph.
func (t *pairTable) bytes() int {
	const linkSize = 40
	return len(t.links)*linkSize + len(t.other)*(5*4+12) + len(t.at)*4
}

// degree is how many pairs the nodes have in all: what a walk through
// them reads.
func (t *pairTable) degree(nodes []int32) int {
	n := 0
	for _, v := range nodes {
		n += int(t.at[v+1] - t.at[v])
	}
	return n
}

// countsHold reports whether t's counts count the links a walk at minConf
// follows: whether no link's confidence lies between minConf and pairConf.
func (t *pairTable) countsHold(minConf float64) bool {
	switch {
	case math.IsNaN(minConf):
		return false
	case minConf <= pairConf:
		return !t.anyBelow || minConf > t.confBelow
	default:
		return minConf <= t.confAbove
	}
}

// count returns the number of links of pair p that a follows.
func (a *adjacency) count(p int32) int32 {
	t := &a.g.pairs
	switch {
	case a.counts && a.kinds == allKinds:
		return t.count[p]
	case a.counts:
		var c int32
		for k, n := range t.kinds[p] {
			if a.kinds&(1<<k) != 0 {
				c += n
			}
		}
		return c
	}
	var c int32
	for _, l := range t.links[t.lo[p]:t.hi[p]] {
		if a.follows(l) {
			c++
		}
	}
	return c
}

// head returns the strength of the strongest link of pair p that a
// follows, which has one.
func (a *adjacency) head(p int32) int32 {
	t := &a.g.pairs
	if a.counts && a.kinds == allKinds {
		return t.head[p]
	}
	return t.links[a.firstFollowed(t.lo[p], t.hi[p])].strength
}

// firstFollowed returns the index in a.g.pairs.links of the strongest link
// that a follows in [i, hi), or hi when there is none.
func (a *adjacency) firstFollowed(i, hi int32) int32 {
	for ; i < hi && !a.follows(a.g.pairs.links[i]); i++ {
	}
	return i
}

// appendFollowed appends to out the links in a.g.pairs.links[lo:hi] that
// a follows, but for the one at skip.
func (a *adjacency) appendFollowed(out []link, lo, hi, skip int32) []link {
	for i, l := range a.g.pairs.links[lo:hi] {
		if lo+int32(i) != skip && a.follows(l) {
			out = append(out, l)
		}
	}
	return out
}
