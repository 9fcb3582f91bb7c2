package ingest

import (
	"context"
	"errors"
	"fmt"

	"kg/graph"
)

// Group sizes of the committer (see commitLoop), in articles.
const (
	// minGroup is how many articles to store the committer waits for
	// before it stores a group, unless the run has no more or maxGroup
	// files are waiting.
	minGroup = 8
	// maxGroup bounds a group's articles to store and its files, and how
	// many prepared files wait for the committer before the workers do.
	maxGroup = 16
)

// preparedFile is a file read and its articles prepared by a worker, for
// the committer to store.
type preparedFile struct {
	f        File
	r        fileResult // what became of the file so far
	articles []preparedArticle
	prune    bool            // whether the file was read whole, so its lost records go
	keep     map[string]bool // the IRIs of the file's articles
}

// prepareFile reads f and prepares its articles: the part of storing a file
// that workers do side by side (reading, cleaning, language processing,
// extraction).
func (in *Ingester) prepareFile(ctx context.Context, f File) (p *preparedFile) {
	p = &preparedFile{f: f, keep: make(map[string]bool)}
	defer func() {
		// A bug in a reader or the extractor fails this file, not the run;
		// the articles prepared before it are stored.
		if e := recover(); e != nil {
			p.r.failed = append(p.r.failed, problem(f.Rel, fmt.Sprintf("internal error: %v", e)))
			p.prune = false
		}
	}()
	res, ok := in.readFile(f, &p.r)
	if !ok {
		return p
	}
	for _, a := range res.Articles {
		p.keep[a.IRI()] = true
		if ctx.Err() != nil {
			p.r.failed = append(p.r.failed, problem(f.Rel, "interrupted"))
			return p
		}
		p.articles = append(p.articles, in.prepare(ctx, a, in.opts.Force))
	}
	// Records a file no longer holds (a .jsonl that lost lines) go too, but
	// only when the whole file was read: a bad line must not delete the
	// article it held before.
	p.prune = len(res.Errors) == 0
	return p
}

// commitLoop stores the prepared files it receives until the channel
// closes, reporting each file once its articles are stored. It stores them
// in groups of at least minGroup articles (fewer only at the end of the
// run), adding what has queued up to maxGroup, because the store's
// transactions are shared by a group (see graph.Store.PutArticles) and
// their cost barely grows with it: measured on a bolt store of 15,000
// synthetic articles, taking whatever had queued up (one or two articles)
// saved 7% of the ingest's CPU time, groups of at least 8 saved 20%.
// Waiting costs the workers nothing, as they do not wait for their files to
// be stored, only for room in the queue.
func (in *Ingester) commitLoop(ctx context.Context, files <-chan *preparedFile, report func(File, fileResult)) {
	for first := range files {
		group, n := []*preparedFile{first}, first.toStore()
		for n < maxGroup && len(group) < maxGroup {
			var p *preparedFile
			ok := true
			if n < minGroup {
				p, ok = <-files
			} else {
				select {
				case p, ok = <-files:
				default:
				}
			}
			if p == nil || !ok {
				break
			}
			group = append(group, p)
			n += p.toStore()
		}
		in.commit(ctx, group, report)
	}
}

// toStore counts the articles of p to be stored.
func (p *preparedFile) toStore() int {
	n := 0
	for _, a := range p.articles {
		if a.extracted {
			n++
		}
	}
	return n
}

// commit stores the articles of a group of prepared files, removes the
// records the files lost, and reports each file.
func (in *Ingester) commit(ctx context.Context, group []*preparedFile, report func(File, fileResult)) {
	defer in.memory.check()
	reported := 0
	defer func() {
		// A bug in the resolver or the store fails the files not reported.
		if e := recover(); e != nil {
			for _, p := range group[reported:] {
				p.r.failed = append(p.r.failed, problem(p.f.Rel, fmt.Sprintf("internal error: %v", e)))
				report(p.f, p.r)
			}
		}
	}()
	var facts []graph.Facts
	for _, p := range group {
		for i, a := range p.articles {
			if a.extracted && ctx.Err() != nil {
				// As a worker would: nothing more is stored once the run is cancelled.
				p.articles[i] = preparedArticle{a: a.a, err: errors.New("interrupted")}
				p.prune = false
			} else if a.extracted {
				facts = append(facts, a.facts)
			}
		}
	}
	results := in.resolver.putAll(ctx, facts)
	for _, p := range group {
		for _, a := range p.articles {
			if !a.extracted {
				if a.err != nil {
					p.r.failed = append(p.r.failed, problem(p.f.Rel, a.err))
				} else {
					p.r.unchanged++
				}
				continue
			}
			res := results[0]
			results = results[1:]
			if res.Err != nil {
				p.r.failed = append(p.r.failed, problem(p.f.Rel, res.Err))
				continue
			}
			p.r.count(res.Change)
			c := countFacts(a.facts)
			p.r.facts.Roles += c.Roles
			p.r.facts.Positions += c.Positions
			p.r.facts.Events += c.Events
			p.r.words += a.a.Words()
		}
		if p.prune {
			n, err := in.Prune(ctx, p.f.Rel, p.keep)
			p.r.removed += n
			if err != nil {
				p.r.failed = append(p.r.failed, problem(p.f.Rel, err))
			}
		}
		report(p.f, p.r)
		reported++
	}
}

// count tallies one stored article.
func (r *fileResult) count(c graph.Change) {
	switch c {
	case graph.Added:
		r.added++
	case graph.Replaced:
		r.replaced++
	default:
		r.unchanged++
	}
}
