package queries

import (
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

// factIDs answers Service.factIDs for a store held in memory: the IRIs,
// sorted, of the facts of kind that f allows, every one of them of that
// kind and at least f.MinConfidence sure, so they need no further check.
// f must have no Article filter (the fact graph does not know articles).
func (g *factGraph) factIDs(idx *entityIndex, kind string, f Filter) []string {
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
	out := make([]string, len(keep))
	for i, r := range keep {
		out[i] = g.facts[g.factByRank[r]]
	}
	return out
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
