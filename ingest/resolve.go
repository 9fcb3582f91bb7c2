package ingest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"kg/graph"
)

// resolver makes one node of one person across articles. The extractor
// already resolves names within an article ("Rubio" → "Marco Rubio" when the
// article names him in full); the resolver works across them:
//
//   - a one-word name ("Rubio") is the one person of the store whose full
//     name ends in that word, when there is exactly one;
//   - names that differ only in middle names ("Joseph R. Biden", "Joseph
//     Biden") are one person, named by the longest form.
//
// The result does not depend on the order articles arrive in: when an
// article brings the full name that earlier one-word mentions lacked, those
// earlier articles are rewritten to point at the full name. A one-word name
// that fits several people stays as it is; articles already resolved keep
// their resolution.
//
// Persons are matched on the slugs of their IRIs, so matching ignores case
// and accents. Only persons are resolved: for organizations a shared word
// says too little ("National" in many names).
type resolver struct {
	store *graph.Store

	// mu is held from resolving an article to storing it, so two articles
	// never race to introduce the same person.
	mu     sync.Mutex
	loaded bool
	people personIndex // every person in the store
}

func newResolver(s *graph.Store) *resolver { return &resolver{store: s} }

func personSlug(iri string) (string, bool) {
	return strings.CutPrefix(iri, graph.Base+"person/")
}

func personIRI(slug string) string { return graph.Base + "person/" + slug }

// personIndex is a set of person slugs, indexed by their last word and by
// their first and last words.
type personIndex struct {
	all    map[string]bool
	byLast map[string][]string // last word → slugs of two or more words
	byEnds map[string][]string // "first last" → slugs of two or more words
}

func (x *personIndex) add(slug string) {
	if x.all == nil {
		x.all = make(map[string]bool)
		x.byLast = make(map[string][]string)
		x.byEnds = make(map[string][]string)
	}
	if x.all[slug] {
		return
	}
	x.all[slug] = true
	if w := strings.Split(slug, "-"); len(w) > 1 {
		last, ends := w[len(w)-1], w[0]+" "+w[len(w)-1]
		x.byLast[last] = append(x.byLast[last], slug)
		x.byEnds[ends] = append(x.byEnds[ends], slug)
	}
}

func (x *personIndex) remove(slug string) {
	if !x.all[slug] {
		return
	}
	delete(x.all, slug)
	if w := strings.Split(slug, "-"); len(w) > 1 {
		drop := func(m map[string][]string, k string) {
			m[k] = slices.DeleteFunc(m[k], func(s string) bool { return s == slug })
		}
		drop(x.byLast, w[len(w)-1])
		drop(x.byEnds, w[0]+" "+w[len(w)-1])
	}
}

// canonical returns the slug that the person with the given slug resolves
// to, or slug itself. Extra slugs count as known besides the index.
func (x *personIndex) canonical(slug string, extra []string) string {
	words := strings.Split(slug, "-")
	if len(words) == 1 {
		// A one-word name resolves only when every candidate is one person.
		var heads []string
		for _, c := range x.candidates(slug, extra, func(w []string) bool { return w[len(w)-1] == slug }) {
			heads = append(heads, x.canonical(c, extra))
		}
		slices.Sort(heads)
		if heads = slices.Compact(heads); len(heads) == 1 {
			return heads[0]
		}
		return slug
	}
	// Middle-name variants: the longest form wins, then the first in order.
	first, last := words[0], words[len(words)-1]
	best := slug
	for _, c := range x.candidates(first+" "+last, extra, func(w []string) bool { return w[0] == first && w[len(w)-1] == last }) {
		if better(c, best) {
			best = c
		}
	}
	return best
}

// candidates returns the multi-word slugs under key (a last word, or "first
// last") in the index, plus those of extra that match.
func (x *personIndex) candidates(key string, extra []string, match func([]string) bool) []string {
	var out []string
	if strings.Contains(key, " ") {
		out = append(out, x.byEnds[key]...)
	} else {
		out = append(out, x.byLast[key]...)
	}
	for _, e := range extra {
		if w := strings.Split(e, "-"); len(w) > 1 && match(w) && !x.all[e] {
			out = append(out, e)
		}
	}
	return out
}

func better(a, b string) bool {
	if na, nb := strings.Count(a, "-"), strings.Count(b, "-"); na != nb {
		return na > nb
	}
	return a < b
}

func (r *resolver) load(ctx context.Context) error {
	if r.loaded {
		return nil
	}
	iris, err := r.store.OfClass(ctx, graph.ClassPerson)
	if err != nil {
		return fmt.Errorf("load persons: %w", err)
	}
	for _, iri := range iris {
		if slug, ok := personSlug(iri); ok {
			r.people.add(slug)
		}
	}
	r.loaded = true
	return nil
}

// put resolves the persons of f against the store, stores f, and rewrites
// earlier articles whose persons f's new names resolve.
func (r *resolver) put(ctx context.Context, f graph.Facts) (graph.Change, error) {
	res := r.putAll(ctx, []graph.Facts{f})[0]
	return res.Change, res.Err
}

// putAll does what put does for each of fs in turn, and returns one result
// per article, in the order of fs: the persons of each article are resolved
// against the store and the articles before it, as if each had been put
// alone. The articles are staged and stored together with
// graph.Store.PutArticles, which shares transactions among them; staged
// articles are stored before anything is read from the store, so every read
// sees them. An article that fails does not fail the others.
func (r *resolver) putAll(ctx context.Context, fs []graph.Facts) []graph.PutResult {
	out := make([]graph.PutResult, len(fs))
	if len(fs) == 0 {
		return out
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.load(ctx); err != nil {
		for i := range out {
			out[i].Err = err
		}
		return out
	}
	b := &staging{r: r, out: out}
	for i, f := range fs {
		names := make(map[string]string) // slug → display name, of f's persons
		var slugs []string
		for _, e := range persons(f) {
			if slug, ok := personSlug(e.IRI()); ok {
				names[slug] = e.Name
				slugs = append(slugs, slug)
			}
		}
		slices.Sort(slugs)
		renames, err := r.renames(ctx, b, names, slugs)
		if err != nil {
			out[i].Err = err
			continue
		}
		f = rename(f, renames)
		var added []string
		for _, e := range persons(f) {
			if slug, ok := personSlug(e.IRI()); ok && !r.people.all[slug] {
				r.people.add(slug)
				added = append(added, slug)
			}
		}
		b.stage(i, f, added)
		// Earlier persons that the new names now resolve: rewrite their
		// articles, once f is stored.
		stale := make(map[string]bool)
		for _, slug := range added {
			w := strings.Split(slug, "-")
			if len(w) < 2 {
				continue
			}
			for _, c := range append([]string{w[len(w)-1]}, r.people.byEnds[w[0]+" "+w[len(w)-1]]...) {
				if r.people.all[c] && r.people.canonical(c, nil) != c {
					stale[c] = true
				}
			}
		}
		if len(stale) == 0 {
			continue
		}
		b.flush(ctx)
		if out[i].Err != nil {
			continue
		}
		for _, slug := range slices.Sorted(maps.Keys(stale)) {
			if err := r.rewrite(ctx, b, slug); err != nil {
				out[i].Err = err
				break
			}
		}
	}
	b.flush(ctx)
	return out
}

// staging holds the articles putAll has resolved and not yet stored.
type staging struct {
	r     *resolver
	out   []graph.PutResult // putAll's results, by article
	facts []graph.Facts
	index []int      // each staged article's place in out
	added [][]string // the person slugs each staged article added to r.people
}

func (b *staging) stage(i int, f graph.Facts, added []string) {
	b.facts = append(b.facts, f)
	b.index = append(b.index, i)
	b.added = append(b.added, added)
}

// flush stores the staged articles, which every read of the store must
// follow. The persons an article that failed added to the index are taken
// out again unless the store holds them (from another article), so that
// the index keeps to what the store holds.
func (b *staging) flush(ctx context.Context) {
	if len(b.facts) == 0 {
		return
	}
	res := b.r.store.PutArticles(ctx, b.facts)
	for k, r := range res {
		b.out[b.index[k]] = r
	}
	for k, r := range res {
		if r.Err == nil {
			continue
		}
		for _, slug := range b.added[k] {
			if _, found, err := b.r.store.Node(ctx, personIRI(slug)); err == nil && !found {
				b.r.people.remove(slug)
			}
		}
	}
	b.facts, b.index, b.added = nil, nil, nil
}

// renames maps display names of persons to the display names they resolve
// to. names maps the slugs of the article's persons to their names. Staged
// articles are stored before the store is read.
func (r *resolver) renames(ctx context.Context, b *staging, names map[string]string, slugs []string) (map[string]string, error) {
	out := make(map[string]string)
	for _, slug := range slugs {
		to := r.people.canonical(slug, slugs)
		if to == slug {
			continue
		}
		target, ok := names[to]
		if !ok {
			b.flush(ctx)
			n, found, err := r.store.Node(ctx, personIRI(to))
			if err != nil {
				return nil, err
			}
			if !found {
				continue
			}
			target = n.Str(graph.PredName)
		}
		if target != "" {
			out[names[slug]] = target
		}
	}
	return out, nil
}

// rewrite points every article that mentions the person with slug at the
// person it now resolves to. Nothing may be staged in b.
func (r *resolver) rewrite(ctx context.Context, b *staging, slug string) error {
	iri := personIRI(slug)
	arts, err := r.store.Subjects(ctx, graph.PredMentions, iri)
	if err != nil {
		return err
	}
	for _, art := range arts {
		qs, err := r.store.ArticleQuads(ctx, art)
		if err != nil {
			return err
		}
		f, err := graph.DecodeArticle(qs)
		if err != nil {
			return fmt.Errorf("resolve %s: %w", iri, err)
		}
		names := make(map[string]string)
		var slugs []string
		for _, e := range persons(f) {
			if s, ok := personSlug(e.IRI()); ok {
				names[s] = e.Name
				slugs = append(slugs, s)
			}
		}
		renames, err := r.renames(ctx, b, names, slugs)
		if err != nil {
			return err
		}
		if _, err := r.store.PutArticle(ctx, rename(f, renames)); err != nil {
			return fmt.Errorf("resolve %s in %s: %w", iri, f.Article.File, err)
		}
	}
	r.people.remove(slug)
	return nil
}

// persons lists every person entity f refers to.
func persons(f graph.Facts) []graph.Entity {
	var out []graph.Entity
	add := func(e graph.Entity) {
		if e.Type == graph.Person && e.Name != "" {
			out = append(out, e)
		}
	}
	for _, e := range f.Entities {
		add(e)
	}
	for _, r := range f.Roles {
		add(r.Person)
	}
	for _, p := range f.Positions {
		add(p.Party)
	}
	for _, e := range f.Events {
		for _, p := range e.Participants {
			add(p)
		}
	}
	return out
}

// rename returns f with persons named by a key of to renamed to its value,
// the old name kept as an alias.
func rename(f graph.Facts, to map[string]string) graph.Facts {
	if len(to) == 0 {
		return f
	}
	fix := func(e graph.Entity) graph.Entity {
		if e.Type != graph.Person {
			return e
		}
		if n, ok := to[e.Name]; ok {
			e.Aliases = append(slices.Clone(e.Aliases), e.Name)
			e.Name = n
		}
		return e
	}
	f.Entities = slices.Clone(f.Entities)
	for i := range f.Entities {
		f.Entities[i] = fix(f.Entities[i])
	}
	f.Roles = slices.Clone(f.Roles)
	for i := range f.Roles {
		f.Roles[i].Person = fix(f.Roles[i].Person)
	}
	f.Positions = slices.Clone(f.Positions)
	for i := range f.Positions {
		f.Positions[i].Party = fix(f.Positions[i].Party)
	}
	f.Events = slices.Clone(f.Events)
	for i := range f.Events {
		ps := slices.Clone(f.Events[i].Participants)
		for j := range ps {
			ps[j] = fix(ps[j])
		}
		f.Events[i].Participants = ps
	}
	return f
}
