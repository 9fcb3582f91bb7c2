package graph

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// Backend opens one kind of Cayley store. Backends register themselves in
// init (see store_bolt.go, store_memory.go).
type Backend struct {
	Name string
	// Match reports whether addr is an address of this backend.
	Match func(addr string) bool
	// Open opens (creating if needed) the store at addr.
	Open func(addr string, o Options) (cgraph.QuadStore, error)
	// Redact, when set, returns addr as it may be shown in messages (with
	// any password hidden). Nil means addr holds no secret.
	Redact func(addr string) string
	// Retryable, when set, reports whether a failed write transaction may
	// succeed if run again (a database's serialization failure or deadlock);
	// Store then retries it a few times with backoff. Nil means never.
	Retryable func(error) bool
}

var backends []Backend

// Register makes a backend available to Open. Backends registered later are
// tried first, so a specific backend can shadow the catch-all file backend.
func Register(b Backend) { backends = append([]Backend{b}, backends...) }

// Options tune Open.
type Options struct {
	// LockTimeout bounds how long Open waits for a store held by another
	// process before failing with a Busy error. Zero means DefaultLockTimeout.
	LockTimeout time.Duration
	// Index keeps a copy of every quad in memory (about 40 bytes a quad
	// plus each distinct value), loaded when the store opens and kept up
	// to date by this process's writes, and answers reads from it: what a
	// server wants, not a one-shot command. Writes by other processes to a
	// shared database are not seen (see Store.Generation).
	Index bool
}

// DefaultLockTimeout is how long Open waits for a busy store.
const DefaultLockTimeout = 2 * time.Second

// DefaultAddr is the store address used when neither --store nor KG_STORE
// gives one.
const DefaultAddr = "kg.db"

// AddrFromEnv returns addr, or KG_STORE when addr is empty, or DefaultAddr.
func AddrFromEnv(addr string) string {
	if addr != "" {
		return addr
	}
	if env := os.Getenv("KG_STORE"); env != "" {
		return env
	}
	return DefaultAddr
}

// Store is a kg graph held in a Cayley quad store. It is safe for concurrent
// use: writes are serialised within the process, reads run alongside them.
type Store struct {
	addr    string
	backend string
	qs      cgraph.QuadStore
	// mu orders writers within this process and keeps readers off a memory
	// store while it changes (Cayley's memstore is not safe for that).
	mu sync.RWMutex
	// gen counts the writes this process made, so readers can tell when
	// what they cached went stale.
	gen atomic.Uint64
	// retryable is the backend's Retryable, or nil.
	retryable func(error) bool
	// idx, when not nil, holds every quad (Options.Index); guarded by mu.
	idx *quadIndex
}

// Open opens the store at addr: "memory:" for an in-memory store, a
// postgres:// or postgresql:// URL for a PostgreSQL database (its tables
// created on first use; see store_postgres.go), otherwise a bolt file path
// (created if missing). A bolt store held by another process fails within
// o.LockTimeout with a Busy error.
func Open(addr string, o Options) (*Store, error) {
	if o.LockTimeout == 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	for _, b := range backends {
		if b.Match(addr) {
			qs, err := b.Open(addr, o)
			if err != nil {
				return nil, err
			}
			shown := addr
			if b.Redact != nil {
				shown = b.Redact(addr)
			}
			s := &Store{addr: shown, backend: b.Name, qs: qs, retryable: b.Retryable}
			if o.Index {
				if s.idx, err = loadIndex(context.Background(), qs); err != nil {
					qs.Close()
					return nil, E(Storage, "open store", shown, err)
				}
				// Loading read the whole store once: give back the file's
				// pages and the loader's garbage, neither needed again.
				if err := s.ReleaseMemory(); err != nil {
					qs.Close()
					return nil, err
				}
				debug.FreeOSMemory()
			}
			return s, nil
		}
	}
	return nil, E(Invalid, "open store", addr, "no store backend accepts this address")
}

// Addr returns the address the store was opened with, as it may be shown:
// a password in it is replaced by "xxxxx".
func (s *Store) Addr() string { return s.addr }

// Backend returns the name of the store's backend ("bolt", "memory").
func (s *Store) Backend() string { return s.backend }

// Close releases the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.qs.Close(); err != nil {
		return E(Storage, "close store", s.addr, err)
	}
	return nil
}

// Change says what PutArticle did.
type Change int

const (
	Unchanged Change = iota // the article was stored already with the same quads
	Added                   // the article was new
	Replaced                // the article was stored before and its quads changed
)

func (c Change) String() string {
	return [...]string{"unchanged", "added", "replaced"}[c]
}

// PutArticle stores f in one transaction, replacing whatever f's article
// contributed before: quads of the article that f no longer yields are
// deleted, new ones added, and nothing else is touched. The article is stored
// whole or not at all.
func (s *Store) PutArticle(ctx context.Context, f Facts) (Change, error) {
	// Additions and deletions go in separate transactions, additions first:
	// Cayley's kv backends lose the nodes of added quads when one batch also
	// deletes quads that leave one of those nodes with fewer references
	// (see TestReplaceSharedNodes). A crash between the two leaves the
	// article's old and new quads side by side, never half an article; the
	// article then holds two content hashes, so the next ingest sees it as
	// changed and removes the stale quads. PutArticles writes them so.
	r := s.PutArticles(ctx, []Facts{f})[0]
	return r.Change, r.Err
}

// DeleteArticle removes everything the article with the given IRI
// contributed, and nothing else. It reports whether there was anything.
func (s *Store) DeleteArticle(ctx context.Context, iri string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	have, err := s.labelled(ctx, iri)
	if err != nil || len(have) == 0 {
		return false, err
	}
	deltas := make([]cgraph.Delta, len(have))
	for i, q := range have {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Delete}
	}
	if err := s.apply(deltas); err != nil {
		return false, E(Storage, "delete article", iri, err)
	}
	return true, nil
}

// maxWriteAttempts bounds how often apply runs a transaction the backend
// calls retryable.
const maxWriteAttempts = 10

// apply writes deltas in one transaction. A transaction that fails with an
// error the backend's Retryable accepts (PostgreSQL's serialization failures
// and deadlocks) is run again, up to maxWriteAttempts times in all, with
// jittered exponential backoff from 10 ms, at most 1 s; the deltas are idempotent
// (duplicates and missing quads are ignored), so a rerun is safe. The last
// error is returned when every attempt fails.
func (s *Store) apply(deltas []cgraph.Delta) error {
	defer s.gen.Add(1)
	var err error
	for attempt := 0; attempt < maxWriteAttempts; attempt++ {
		if attempt > 0 {
			d := min((10*time.Millisecond)<<(attempt-1), time.Second)
			time.Sleep(d/2 + time.Duration(rand.Int64N(int64(d))))
		}
		err = s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
		if err == nil && s.idx != nil {
			s.idx.apply(deltas)
		}
		if err == nil || s.retryable == nil || !s.retryable(err) {
			return err
		}
	}
	return err
}

// Indexed reports whether the store answers reads from memory
// (Options.Index).
func (s *Store) Indexed() bool { return s.idx != nil }

// Generation changes whenever this process writes to the store. A reader
// that caches what it read can compare generations to know it is stale.
// Writes by other processes (possible only on shared database backends)
// are not counted.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// labelled returns every quad whose label is iri, sorted.
func (s *Store) labelled(ctx context.Context, iri string) ([]quad.Quad, error) {
	qs, err := s.quadsWith(ctx, quad.Label, quad.IRI(iri))
	if err != nil {
		return nil, err
	}
	sortQuads(qs)
	return qs, nil
}

// ArticleQuads returns the quads the article with the given IRI contributed,
// sorted.
func (s *Store) ArticleQuads(ctx context.Context, iri string) ([]quad.Quad, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.labelled(ctx, iri)
}

// quadsWith returns every quad whose direction d holds v. The caller holds mu.
func (s *Store) quadsWith(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	if s.idx != nil {
		if qs, ok := s.idx.with(d, v); ok {
			return qs, ctx.Err()
		}
	}
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return nil, E(Storage, "read store", s.addr, err)
	}
	if ref == nil {
		return nil, nil
	}
	return s.drain(ctx, s.qs.QuadIterator(d, ref))
}

// drain reads every quad of an iterator shape. The caller holds mu.
func (s *Store) drain(ctx context.Context, shape iterator.Shape) ([]quad.Quad, error) {
	it := shape.Iterate()
	defer it.Close()
	var out []quad.Quad
	// A store that names quads in batches is given them drainBatch at a
	// time: naming one quad is four round trips to PostgreSQL.
	batcher, batched := s.qs.(quadBatchNamer)
	var pending []cgraph.Ref
	flush := func() error {
		qs, err := batcher.QuadsOf(ctx, pending)
		out, pending = append(out, qs...), pending[:0]
		return err
	}
	for it.Next(ctx) {
		if batched {
			if pending = append(pending, it.Result()); len(pending) == drainBatch {
				if err := flush(); err != nil {
					return nil, E(Storage, "read store", s.addr, err)
				}
			}
			continue
		}
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, E(Storage, "read store", s.addr, err)
		}
		out = append(out, q)
	}
	if len(pending) > 0 {
		if err := flush(); err != nil {
			return nil, E(Storage, "read store", s.addr, err)
		}
	}
	if err := it.Err(); err != nil {
		return nil, E(Storage, "read store", s.addr, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read store %s: %w", s.addr, err)
	}
	return out, nil
}

// sortQuads sorts qs as quadLess orders them, formatting each quad once.
func sortQuads(qs []quad.Quad) {
	keys := make([]string, len(qs))
	for i, q := range qs {
		var b strings.Builder
		for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
			b.WriteString(quad.StringOf(q.Get(d)))
			b.WriteByte(0) // sorts before any character, so "a" < "ab" still
		}
		keys[i] = b.String()
	}
	sort.Sort(quadsByKey{qs, keys})
}

type quadsByKey struct {
	qs   []quad.Quad
	keys []string
}

func (b quadsByKey) Len() int           { return len(b.qs) }
func (b quadsByKey) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b quadsByKey) Swap(i, j int) {
	b.qs[i], b.qs[j] = b.qs[j], b.qs[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}

func quadLess(a, b quad.Quad) bool {
	for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
		x, y := quad.StringOf(a.Get(d)), quad.StringOf(b.Get(d))
		if x != y {
			return x < y
		}
	}
	return false
}

// Stats counts what the store holds.
type Stats struct {
	Quads, Nodes int64
}

// Stats returns the store's size as Cayley counts it (from the index when
// there is one: Cayley counts by walking the whole store).
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.idx != nil {
		return Stats{Quads: int64(s.idx.live), Nodes: int64(s.idx.nodes)}, nil
	}
	st, err := s.qs.Stats(ctx, true)
	if errors.Is(err, kv.ErrNoBucket) {
		return Stats{}, nil // a new bolt store counts nothing until its first write
	}
	if err != nil {
		return Stats{}, E(Storage, "stats", s.addr, err)
	}
	return Stats{Quads: st.Quads.Value, Nodes: st.Nodes.Value}, nil
}

// isMemoryAddr reports whether addr names the in-memory store.
func isMemoryAddr(addr string) bool { return addr == "memory:" || strings.HasPrefix(addr, "memory:") }

// AddQuads adds qs in one transaction; quads already stored are skipped, so
// adding the same quads twice changes nothing. It returns how many quads the
// store gained.
func (s *Store) AddQuads(ctx context.Context, qs []quad.Quad) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	before, err := s.Stats(ctx)
	if err != nil {
		return 0, err
	}
	deltas := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	s.mu.Lock()
	err = s.apply(deltas)
	s.mu.Unlock()
	if err != nil {
		return 0, E(Storage, "add quads", s.addr, err)
	}
	after, err := s.Stats(ctx)
	return after.Quads - before.Quads, err
}

// AllQuads returns every quad of the store, sorted.
func (s *Store) AllQuads(ctx context.Context) ([]quad.Quad, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []quad.Quad
	var err error
	if s.idx != nil {
		out = s.idx.all()
	} else {
		out, err = s.drain(ctx, s.qs.QuadsAllIterator())
	}
	sortQuads(out)
	return out, err
}

// Selection names quads of a store by their subjects, as an export
// picks them. It selects:
//
//   - of each IRI of Nodes, its quads labelled with one of the IRIs of
//     Labels, or all its quads when none is;
//   - of each IRI of Others, all its quads;
//
// except, when PrunePred is not "", the quads of the subjects of Pruned
// with predicate PrunePred whose object is not an IRI of Nodes. An IRI
// may come more than once, and in both Nodes and Others (it then has all
// its quads); an IRI that is no subject has none.
type Selection struct {
	Nodes, Labels, Others []string
	Pruned                []string
	PrunePred             string
}

// SelectQuads returns the quads sel selects, in parts (one a subject) and
// no order, each once.
func (s *Store) SelectQuads(ctx context.Context, sel Selection) ([][]quad.Quad, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.idx != nil {
		x := s.idx
		got := x.selection(sel)
		buf := make([]quad.Quad, len(got.slots))
		for i, slot := range got.slots {
			buf[i] = x.quad(slot)
		}
		out := make([][]quad.Quad, 0, len(got.subjects))
		for i := range got.subjects {
			if qs := buf[got.ends[i]:got.ends[i+1]:got.ends[i+1]]; len(qs) > 0 {
				out = append(out, qs)
			}
		}
		return out, ctx.Err()
	}
	return s.selectFiltered(ctx, sel)
}

// selectFiltered is SelectQuads read from Cayley. The caller holds mu.
func (s *Store) selectFiltered(ctx context.Context, sel Selection) ([][]quad.Quad, error) {
	set := func(iris []string) map[string]bool {
		m := make(map[string]bool, len(iris))
		for _, iri := range iris {
			m[iri] = true
		}
		return m
	}
	want, nodes, pruned, all := set(sel.Labels), set(sel.Nodes), set(sel.Pruned), set(sel.Others)
	done := make(map[string]bool, len(sel.Nodes)+len(sel.Others))
	var out [][]quad.Quad
	for _, list := range [][]string{sel.Others, sel.Nodes} {
		for _, iri := range list {
			if done[iri] {
				continue
			}
			done[iri] = true
			qs, err := s.quadsWith(ctx, quad.Subject, quad.IRI(iri))
			if err != nil {
				return nil, err
			}
			if !all[iri] {
				under := make([]quad.Quad, 0, len(qs))
				for _, q := range qs {
					if want[iriOf(q.Label)] {
						under = append(under, q)
					}
				}
				if len(under) > 0 { // else a node with no quad under the labels: all of them
					qs = under
				}
			}
			if sel.PrunePred != "" && pruned[iri] {
				kept := qs[:0:0]
				for _, q := range qs {
					if q.Predicate == quad.IRI(sel.PrunePred) {
						if o, ok := q.Object.(quad.IRI); !ok || !nodes[string(o)] {
							continue
						}
					}
					kept = append(kept, q)
				}
				qs = kept
			}
			if len(qs) > 0 {
				out = append(out, qs)
			}
		}
	}
	return out, nil
}

// Link is an IRI that a quad's object names, with the index of the quad's
// predicate in the predicates asked for.
type Link struct {
	Pred   int
	Object string
}

// ObjectLinks returns, for every quad whose subject is one of the nodes
// with IRIs iris, whose predicate is preds[i] (the first such i) and whose
// object is an IRI, Link{i, object}: in no order, a link stated under
// several labels once a label.
func (s *Store) ObjectLinks(ctx context.Context, iris, preds []string) ([]Link, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.idx != nil {
		return s.idx.links(iris, preds), ctx.Err()
	}
	var out []Link
	for _, iri := range iris {
		qs, err := s.quadsWith(ctx, quad.Subject, quad.IRI(iri))
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			p, _ := q.Predicate.(quad.IRI)
			o, ok := q.Object.(quad.IRI)
			if !ok {
				continue
			}
			for i, want := range preds {
				if string(p) == want {
					out = append(out, Link{Pred: i, Object: string(o)})
					break
				}
			}
		}
	}
	return out, nil
}

// Quads returns every quad whose subject is the node with IRI iri, under
// every label, sorted.
func (s *Store) Quads(ctx context.Context, iri string) ([]quad.Quad, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	qs, err := s.quadsWith(ctx, quad.Subject, quad.IRI(iri))
	sortQuads(qs)
	return qs, err
}
