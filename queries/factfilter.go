package queries

import (
	"cmp"
	"slices"
	"sort"
)

// eventsBetween returns, in no order, the fact numbers of the events whose
// date overlaps [from, to] (see inRange; at least one bound is set) and
// whose confidence is at least minConf.
func (g *factGraph) eventsBetween(from, to string, minConf float64) []int32 {
	lo, hi := pad(from, "00"), pad(to, "99")
	var out []int32
	for _, list := range g.dated {
		// Within one granularity, dates sorted by first day are also sorted
		// by last day, so the matches are one run.
		start := 0
		if from != "" {
			start = sort.Search(len(list), func(i int) bool { return list[i].hi >= lo })
		}
		for _, e := range list[start:] {
			if to != "" && e.lo > hi {
				break
			}
			if e.conf >= minConf {
				out = append(out, e.fact)
			}
		}
	}
	return out
}

// factRanks answers Service.factIDs for a store held in memory: the facts
// of kind that f allows, as their ranks in IRI order (factRank), each
// once, every one of them of that kind and at least f.MinConfidence sure,
// so they need no further check; sorted says whether they are in order.
// They are left unsorted when sorting is not needed to find them: pageRanks
// pages them without sorting them all. f must have no Article filter (the
// fact graph does not know articles).
func (g *factGraph) factRanks(idx *entityIndex, kind string, f Filter) (ranks []int32, sorted bool) {
	// end says which links at an entity count for a filter: the entity at
	// the from end (person, party) or the to end, with a label for events.
	type end struct {
		value, kind, typ, label string
		from                    bool
	}
	ends := []end{
		{f.Person, KindRole, "Person", "", true},
		{f.Organization, KindRole, "", "", false},
		{f.Party, KindPosition, "", "", true},
		{f.Issue, KindPosition, "Issue", "", false},
		{f.Place, KindEvent, "", "location", false},
		{f.Participant, KindEvent, "", "participant", false},
	}
	allows := func(fact int32) bool {
		in := g.info[fact]
		return in.kind == kind && in.conf >= f.MinConfidence &&
			(f.Stance == "" || kind != KindPosition || in.label == f.Stance) // only positions have a stance
	}
	// Each filter gives a set of facts, as their ranks in IRI order, sorted:
	// sets meet by merging, and the result needs no string sort.
	var sets [][]int32
	for _, e := range ends {
		if e.value == "" {
			continue
		}
		var types []string
		if e.typ != "" {
			types = []string{e.typ}
		}
		var set []int32
		for _, ent := range idx.matchEntities(e.value, types) {
			n, ok := g.num[ent]
			if !ok || e.kind != kind {
				continue
			}
			for _, l := range g.adj[n] {
				at := l.to
				if e.from {
					at = l.from
				}
				if at == n && kindNames[l.kind] == e.kind && (e.label == "" || g.labels[l.label] == e.label) && allows(l.fact) {
					set = append(set, g.factRank[l.fact])
				}
			}
		}
		slices.Sort(set)
		sets = append(sets, slices.Compact(set))
	}
	if kind == KindEvent && (f.From != "" || f.To != "") {
		var set []int32
		for _, fact := range g.eventsBetween(f.From, f.To, f.MinConfidence) {
			set = append(set, g.factRank[fact])
		}
		if len(sets) == 0 {
			// Alone, a range of dates needs no order: a month of a large
			// archive is thousands of events, of which a page is a hundred.
			// Each event has one date, so it comes once.
			return set, false
		}
		slices.Sort(set)
		sets = append(sets, slices.Compact(set))
	}
	var keep []int32
	if len(sets) == 0 {
		for r, fact := range g.factByRank {
			if allows(fact) {
				keep = append(keep, int32(r))
			}
		}
	} else {
		keep = sets[0]
		for _, s := range sets[1:] {
			keep = meet(keep, s)
		}
	}
	return keep, true
}

// pageRanks pages the facts ranks holds (see factRanks), as pageByKey pages
// their IRIs once sorted: the same items, counts and cursors. Unsorted
// ranks are not sorted whole: the page's are chosen by selection.
func (g *factGraph) pageRanks(ranks []int32, sorted bool, p Page) (List[string], error) {
	iri := func(r int32) string { return g.facts[g.factByRank[r]] }
	// from is the first rank after the cursor: ranks are IRI order.
	var from int32
	if p.After != "" {
		kind, key, err := decodeCursor(p.After)
		if err != nil || kind != "k" {
			return List[string]{}, ErrBadCursor{p.After}
		}
		from = int32(sort.Search(len(g.factByRank), func(r int) bool { return iri(int32(r)) > key }))
	}
	var page []int32
	var before int // ranks before the page
	if sorted {
		before, _ = slices.BinarySearch(ranks, from)
		page = ranks[before:window(before, len(ranks), p.First)]
	} else {
		after := make([]int32, 0, len(ranks))
		for _, r := range ranks {
			if r >= from {
				after = append(after, r)
			}
		}
		before = len(ranks) - len(after)
		if n := window(0, len(after), p.First); n < len(after) {
			selectFirst(after, n, cmp.Compare[int32])
			after = after[:n]
		}
		slices.Sort(after)
		page = after
	}
	items := make([]string, len(page))
	for i, r := range page {
		items[i] = iri(r)
	}
	return List[string]{Items: items, Total: len(ranks), HasNext: before+len(page) < len(ranks), HasPrev: before > 0,
		cursor: func(i int) string { return keyCursor(items[i]) }}, nil
}

// meet returns the elements of both a and b, which are sorted and hold
// each element once.
func meet(a, b []int32) []int32 {
	var out []int32
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
