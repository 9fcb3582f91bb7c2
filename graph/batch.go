package graph

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// PutResult is what PutArticles did with one article: the change, or why
// the article was not stored.
type PutResult struct {
	Change Change
	Err    error
}

// PutArticles stores each of fs as PutArticle would, and returns one result
// per article, in the order of fs. Each article is stored whole or not at
// all, and one that fails leaves the others as if it had not been given.
//
// The articles share transactions: the additions of every changed article
// are written in one transaction, then the deletions of every replaced
// article in another (kept apart for the reason PutArticle gives). On a
// bolt store each transaction rewrites the B-tree pages it touches and
// syncs the file, and neighbouring articles touch many of the same pages
// (the index lists of the entities they share), so a group of articles
// costs much less than the same articles one by one.
//
// When a shared transaction fails, nothing of it is stored, and the
// articles are written again one by one, each in its own transactions, so
// only the article that fails on its own fails. A crash between the two
// transactions leaves each replaced article with its old and new quads side
// by side, as PutArticle's does.
//
// An article given twice is written in order: the group is cut before the
// second, so it replaces the first.
func (s *Store) PutArticles(ctx context.Context, fs []Facts) []PutResult {
	out := make([]PutResult, len(fs))
	s.mu.Lock()
	defer s.mu.Unlock()
	for start := 0; start < len(fs); {
		end := start
		seen := make(map[string]bool)
		for end < len(fs) && !seen[fs[end].Article.IRI()] {
			seen[fs[end].Article.IRI()] = true
			end++
		}
		s.putGroup(ctx, fs[start:end], out[start:end])
		start = end
	}
	return out
}

// articleDiff is how a write changes one article's quads.
type articleDiff struct {
	adds, dels []cgraph.Delta
	stored     bool // whether the article held any quads before
}

// diffArticle compares what f yields with what f's article holds now. The
// caller holds mu.
func (s *Store) diffArticle(ctx context.Context, f Facts) (articleDiff, error) {
	have, err := s.labelled(ctx, f.Article.IRI())
	if err != nil {
		return articleDiff{}, err
	}
	want := f.Quads()
	wantSet := make(map[quad.Quad]bool, len(want))
	for _, q := range want {
		wantSet[q] = true
	}
	d := articleDiff{stored: len(have) > 0}
	haveSet := make(map[quad.Quad]bool, len(have))
	for _, q := range have {
		haveSet[q] = true
		if !wantSet[q] {
			d.dels = append(d.dels, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
	}
	for _, q := range want {
		if !haveSet[q] {
			d.adds = append(d.adds, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
	}
	return d, nil
}

// change is the Change a successful write of d makes.
func (d articleDiff) change() Change {
	switch {
	case len(d.adds) == 0 && len(d.dels) == 0:
		return Unchanged
	case d.stored:
		return Replaced
	}
	return Added
}

// writeArticle writes one article's diff in its own transactions, additions
// first (see PutArticle). The caller holds mu.
func (s *Store) writeArticle(f Facts, d articleDiff) PutResult {
	for _, batch := range [][]cgraph.Delta{d.adds, d.dels} {
		if len(batch) == 0 {
			continue
		}
		if err := s.apply(batch); err != nil {
			s.afterFailedWrite()
			return PutResult{Err: E(Storage, "write article", f.Article.File, err)}
		}
	}
	return PutResult{Change: d.change()}
}

// putGroup writes fs, whose article IRIs are distinct, into out. The caller
// holds mu.
func (s *Store) putGroup(ctx context.Context, fs []Facts, out []PutResult) {
	diffs := make([]articleDiff, len(fs))
	var todo []int // the articles that change
	var adds, dels []cgraph.Delta
	for i, f := range fs {
		d, err := s.diffArticle(ctx, f)
		if err != nil {
			out[i].Err = err
			continue
		}
		if d.change() == Unchanged {
			continue
		}
		diffs[i] = d
		todo = append(todo, i)
		adds = append(adds, d.adds...)
		dels = append(dels, d.dels...)
	}
	if len(todo) == 1 {
		i := todo[0]
		out[i] = s.writeArticle(fs[i], diffs[i])
		return
	}
	if len(adds) > 0 {
		if err := s.apply(adds); err != nil {
			// Nothing of the group was stored: write each alone, so that
			// only an article failing on its own fails.
			s.afterFailedWrite()
			for _, i := range todo {
				out[i] = s.writeArticle(fs[i], diffs[i])
			}
			return
		}
	}
	if len(dels) > 0 {
		if err := s.apply(dels); err != nil {
			// Every article's additions are stored: delete each one's
			// stale quads alone.
			s.afterFailedWrite()
			for _, i := range todo {
				out[i] = s.writeArticle(fs[i], articleDiff{dels: diffs[i].dels, stored: diffs[i].stored})
				if out[i].Err == nil {
					out[i].Change = diffs[i].change()
				}
			}
			return
		}
	}
	for _, i := range todo {
		out[i].Change = diffs[i].change()
	}
}

// afterFailedWrite readies the store for the next write after a failed
// transaction. A Cayley kv store (bolt) caches the ids of the nodes it
// created in a transaction even when the transaction is rolled back, and a
// later write naming one of those nodes would take the cached id for a node
// that does not exist, and store quads pointing at nothing. A fresh Cayley
// store over the same file starts with an empty cache. Other backends keep
// no such cache. The caller holds mu.
func (s *Store) afterFailedWrite() {
	if fresh, err := freshBolt(s.qs); err == nil && fresh != nil {
		s.qs = fresh
	}
}
