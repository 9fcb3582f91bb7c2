package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"

	"kg/graph/pgtest"
)

// pgPair is two databases written with the same deltas: stock through
// Cayley's own ApplyDeltas, fast through kg's pgQuadStore.
type pgPair struct {
	stock, fast         cgraph.QuadStore
	stockAddr, fastAddr string
	stockDB, fastDB     *sql.DB            // plain connections, to read the tables
	model               map[quad.Quad]bool // quad → whether the stores should hold it
}

func newPgPair(t *testing.T) *pgPair {
	t.Helper()
	p := &pgPair{stockAddr: pgtest.Database(t), fastAddr: pgtest.Database(t), model: make(map[quad.Quad]bool)}
	open := func(addr string) (*pgQuadStore, *sql.DB) {
		qs, err := openPostgres(addr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("postgres", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { qs.Close(); db.Close() })
		return qs.(*pgQuadStore), db
	}
	stock, sdb := open(p.stockAddr)
	fast, fdb := open(p.fastAddr)
	p.stock, p.fast = stock.QuadStore, fast // stock: Cayley's store itself
	p.stockDB, p.fastDB = sdb, fdb
	return p
}

// apply applies deltas to both stores and checks that they fail alike
// (wantErr: nil, graph.ErrQuadExists or graph.ErrQuadNotExist), that the
// tables hold the same rows afterwards, and that Cayley's reader reads the
// fast store's database as the model says (compareReads).
func (p *pgPair) apply(t *testing.T, step string, deltas []cgraph.Delta, opts cgraph.IgnoreOpts, wantErr error) {
	t.Helper()
	errStock := p.stock.ApplyDeltas(deltas, opts)
	errFast := p.fast.ApplyDeltas(deltas, opts)
	for _, e := range []struct {
		who string
		err error
	}{{"Cayley", errStock}, {"kg", errFast}} {
		if (e.err == nil) != (wantErr == nil) || (wantErr != nil && !errors.Is(e.err, wantErr)) {
			t.Fatalf("%s: %s's ApplyDeltas = %v, want %v", step, e.who, e.err, wantErr)
		}
	}
	if wantErr == nil {
		for _, d := range deltas {
			p.model[d.Quad] = d.Action == cgraph.Add
		}
	}
	p.compareTables(t, step)
	p.compareReads(t, step)
}

// pgTableRows returns the rows of Cayley's tables as text, sorted: nodes
// with every column, quads without the insertion order (horizon) and time
// (ts), which differ between any two writers.
func pgTableRows(t *testing.T, db *sql.DB) (nodes, quads []string) {
	t.Helper()
	read := func(q string) []string {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		sort.Strings(out)
		return out
	}
	nodes = read(`SELECT ROW(hash, refs, value, value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time)::text FROM nodes`)
	quads = read(`SELECT ROW(subject_hash, predicate_hash, object_hash, label_hash)::text FROM quads`)
	return nodes, quads
}

func (p *pgPair) compareTables(t *testing.T, step string) {
	t.Helper()
	sn, sq := pgTableRows(t, p.stockDB)
	fn, fq := pgTableRows(t, p.fastDB)
	if !slices.Equal(sn, fn) {
		t.Errorf("%s: nodes differ:\nCayley: %s\nkg:     %s", step, diffRows(sn, fn), diffRows(fn, sn))
	}
	if !slices.Equal(sq, fq) {
		t.Errorf("%s: quads differ:\nCayley: %s\nkg:     %s", step, diffRows(sq, fq), diffRows(fq, sq))
	}
}

// diffRows lists the rows of a missing from b.
func diffRows(a, b []string) string {
	var out []string
	for _, r := range a {
		if _, ok := slices.BinarySearch(b, r); !ok {
			out = append(out, r)
		}
	}
	return fmt.Sprintf("%d rows only here: %s", len(out), strings.Join(out, " "))
}

// compareReads reads the fast store's database back through a fresh
// Cayley store of its own (Cayley's reader, without kg's wrapper): every
// quad, quads by node, and the counts.
func (p *pgPair) compareReads(t *testing.T, step string) {
	t.Helper()
	ctx := context.Background()
	qs, err := cgraph.NewQuadStore(postgres.Type, p.fastAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	var want []quad.Quad
	nodes := make(map[string]bool)
	for q, ok := range p.model {
		if ok {
			want = append(want, q)
			for _, d := range quad.Directions {
				if v := q.Get(d); v != nil {
					nodes[string(quad.HashOf(v))] = true
				}
			}
		}
	}
	sort.Slice(want, func(i, j int) bool { return quadLess(want[i], want[j]) })
	s := &Store{addr: "check", backend: "postgres", qs: qs}
	got, err := s.AllQuads(ctx)
	if err != nil {
		t.Fatalf("%s: read all quads: %v", step, err)
	}
	if !equalQuads(got, want) {
		t.Errorf("%s: Cayley reads %d quads %v, want %d %v", step, len(got), got, len(want), want)
	}
	// Quads by node, for a sample of the quads of a large store.
	every := max(1, len(want)/100)
	for i := 0; i < len(want); i += every {
		w := want[i]
		for _, d := range []quad.Direction{quad.Subject, quad.Object, quad.Label} {
			v := w.Get(d)
			if v == nil {
				continue
			}
			qs, err := s.quadsWith(ctx, d, v)
			if err != nil {
				t.Fatalf("%s: read quads with %v as %v: %v", step, v, d, err)
			}
			if !slices.ContainsFunc(qs, func(q quad.Quad) bool { return equalQuad(q, w) }) {
				t.Errorf("%s: quads with %v as %v = %v, missing %v", step, v, d, qs, w)
			}
		}
	}
	// The same reads through kg's store, which names quads in batches
	// (QuadsOf), give the same quads as Cayley's one by one.
	fs := &Store{addr: "check", backend: "postgres", qs: p.fast}
	if got, err := fs.AllQuads(ctx); err != nil || !equalQuads(got, want) {
		t.Errorf("%s: kg's store reads %d quads (%v), want %d", step, len(got), err, len(want))
	}
	for i := 0; i < len(want); i += every {
		for _, d := range []quad.Direction{quad.Subject, quad.Object, quad.Label} {
			v := want[i].Get(d)
			if v == nil {
				continue
			}
			slow, err1 := s.quadsWith(ctx, d, v)
			fast, err2 := fs.quadsWith(ctx, d, v)
			if err1 != nil || err2 != nil || !equalQuads(fast, slow) {
				t.Errorf("%s: quads with %v as %v: kg's store reads %v (%v), Cayley's %v (%v)", step, v, d, fast, err2, slow, err1)
			}
		}
	}
	// Values named in one batch (kg's ValuesOf) as Cayley names them one by
	// one, with a hash no node has and a nil reference among them.
	var vals []quad.Value
	for q, ok := range p.model {
		if ok {
			for _, d := range quad.Directions {
				if v := q.Get(d); v != nil {
					vals = append(vals, v)
				}
			}
		}
	}
	vals = append(vals, quad.String("no such node"))
	refList, err := cgraph.RefsOf(ctx, p.fast, vals)
	if err != nil {
		t.Fatal(err)
	}
	refList = append(refList, nil)
	named, err := cgraph.ValuesOf(ctx, p.fast, refList)
	if err != nil || len(named) != len(refList) {
		t.Fatalf("%s: ValuesOf = %d values, %v", step, len(named), err)
	}
	for i, r := range refList {
		want, err := qs.NameOf(r)
		if err != nil {
			t.Fatal(err)
		}
		if named[i] != want {
			t.Errorf("%s: ValuesOf names %#v as %#v, Cayley's NameOf as %#v", step, vals[min(i, len(vals)-1)], named[i], want)
		}
	}
	st, err := qs.Stats(ctx, true)
	if err != nil {
		t.Fatalf("%s: stats: %v", step, err)
	}
	if st.Quads.Value != int64(len(want)) {
		t.Errorf("%s: Cayley counts %d quads, want %d", step, st.Quads.Value, len(want))
	}
	// Nodes may outlive their quads (Cayley counts a duplicate addition's
	// references too), but every node of a stored quad is there.
	if st.Nodes.Value < int64(len(nodes)) {
		t.Errorf("%s: Cayley counts %d nodes, want at least %d", step, st.Nodes.Value, len(nodes))
	}
	fst, err := p.fast.Stats(ctx, true)
	if err != nil || fst != st {
		t.Errorf("%s: kg's store counts %+v (%v), Cayley's %+v", step, fst, err, st)
	}
}

// equalQuad compares quads by value (quad.Time holds a time.Time, which
// == compares by location too).
func equalQuad(a, b quad.Quad) bool {
	for _, d := range quad.Directions {
		x, y := a.Get(d), b.Get(d)
		if (x == nil) != (y == nil) || (x != nil && string(quad.HashOf(x)) != string(quad.HashOf(y))) {
			return false
		}
	}
	return true
}

func equalQuads(a, b []quad.Quad) bool {
	return slices.EqualFunc(a, b, equalQuad)
}

func adds(qs ...quad.Quad) []cgraph.Delta    { return deltasOf(cgraph.Add, qs) }
func deletes(qs ...quad.Quad) []cgraph.Delta { return deltasOf(cgraph.Delete, qs) }

func deltasOf(a cgraph.Procedure, qs []quad.Quad) []cgraph.Delta {
	out := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		out[i] = cgraph.Delta{Quad: q, Action: a}
	}
	return out
}

// TestPostgresWriterMatchesCayley writes the same deltas through Cayley's
// own ApplyDeltas and through kg's batched one, on two databases, and
// checks after every step that both hold the same nodes and quads (every
// column but the quads' insertion order and time), that they fail alike,
// and that Cayley's own reader reads kg's database as expected: all quads,
// quads by subject, object and label, and the counts.
func TestPostgresWriterMatchesCayley(t *testing.T) {
	p := newPgPair(t)
	both := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	iri := func(s string) quad.IRI { return quad.IRI("https://kg.localhost/" + s) }
	art := func(n int) quad.IRI { return iri(fmt.Sprintf("article/%d", n)) }
	when := time.Date(2026, 3, 1, 12, 30, 15, 123456789, time.FixedZone("X", 5*3600+1800))
	values := []quad.Value{
		quad.String("plain"), quad.String(""), quad.String("NULL"),
		quad.String(`quotes " and \ backslash, {braces}, commas`),
		quad.String("nul \x00 byte"), quad.String("unicode ÆØÅ – 東京"),
		quad.LangString{Value: "bonjour", Lang: "fr"},
		quad.TypedString{Value: "2026-03-01", Type: "http://www.w3.org/2001/XMLSchema#date"},
		quad.BNode("b1"), iri("id/x"),
		quad.Int(0), quad.Int(-42), quad.Int(math.MaxInt64),
		quad.Float(0.1), quad.Float(-1e300), quad.Float(math.Inf(1)),
		quad.Bool(true), quad.Bool(false),
		quad.Time(when), quad.Time(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)),
	}
	var first []quad.Quad
	for i, v := range values {
		first = append(first, quad.Quad{Subject: iri("id/s"), Predicate: iri(fmt.Sprintf("p%d", i%3)), Object: v, Label: art(1)})
	}
	// Shared nodes: the same subject and predicates in a second article,
	// and a triple without a label.
	second := []quad.Quad{
		{Subject: iri("id/s"), Predicate: iri("p0"), Object: iri("id/shared"), Label: art(2)},
		{Subject: iri("id/shared"), Predicate: iri("p1"), Object: quad.String("plain"), Label: art(2)},
		{Subject: iri("id/s"), Predicate: iri("p0"), Object: iri("id/shared"), Label: art(1)},
	}
	triple := quad.Quad{Subject: iri("id/t"), Predicate: iri("p0"), Object: quad.String("no label")}

	p.apply(t, "add", adds(first...), both, nil)
	p.apply(t, "add shared and unlabelled", adds(append(second, triple)...), both, nil)
	p.apply(t, "add again (duplicates ignored)", adds(first[:5]...), both, nil)
	p.apply(t, "duplicate within a batch", adds(second[0], second[0], triple, triple), both, nil)
	p.apply(t, "duplicate not ignored", adds(second[1]), cgraph.IgnoreOpts{}, cgraph.ErrQuadExists)
	p.apply(t, "delete missing not ignored", deletes(quad.Quad{Subject: iri("nope"), Predicate: iri("p0"), Object: iri("nope"), Label: art(1)}),
		cgraph.IgnoreOpts{}, cgraph.ErrQuadNotExist)
	p.apply(t, "delete with missing and repeated quads", deletes(first[0], first[0],
		quad.Quad{Subject: iri("nope"), Predicate: iri("p0"), Object: quad.String("plain"), Label: art(9)}), both, nil)
	p.apply(t, "delete unlabelled", deletes(triple, triple), both, nil)

	// Replace article 1 as PutArticle does (additions, then deletions in a
	// second transaction): the new version drops nodes the old one shared
	// with article 2 and nodes only it held.
	replacement := []quad.Quad{
		{Subject: iri("id/s"), Predicate: iri("p0"), Object: quad.String("replaced"), Label: art(1)},
		{Subject: iri("id/s"), Predicate: iri("p1"), Object: quad.Int(7), Label: art(1)},
	}
	p.apply(t, "replace: additions", adds(replacement...), both, nil)
	var old []quad.Quad
	for q, ok := range p.model {
		if ok && q.Label == art(1) && !slices.Contains(replacement, q) {
			old = append(old, q)
		}
	}
	p.apply(t, "replace: deletions", deletes(old...), both, nil)

	// One batch adding and deleting at once, where a node's count nets to
	// zero.
	mixed := append(adds(quad.Quad{Subject: iri("id/shared"), Predicate: iri("p2"), Object: quad.Bool(true), Label: art(2)}),
		deletes(second[1])...)
	p.apply(t, "mixed batch", mixed, both, nil)

	// A batch larger than one statement's parameters, added and deleted.
	defer func(n int) { pgMaxParams = n }(pgMaxParams)
	pgMaxParams = 100
	var bulk []quad.Quad
	for i := range 350 {
		bulk = append(bulk, quad.Quad{Subject: iri(fmt.Sprintf("id/n%d", i%70)), Predicate: iri("p0"),
			Object: quad.Int(int64(i)), Label: art(3 + i%2)})
	}
	p.apply(t, "bulk add", adds(bulk...), both, nil)
	p.apply(t, "bulk delete", deletes(bulk...), both, nil)

	var rest []quad.Quad
	for q, ok := range p.model {
		if ok {
			rest = append(rest, q)
		}
	}
	p.apply(t, "delete everything", deletes(rest...), both, nil)
	if n, q := pgTableRowsCount(t, p.fastDB); q != 0 {
		t.Errorf("after deleting everything: %d nodes, %d quads left", n, q)
	}
}

func pgTableRowsCount(t *testing.T, db *sql.DB) (nodes, quads int) {
	t.Helper()
	if err := db.QueryRow(`SELECT (SELECT COUNT(*) FROM nodes), (SELECT COUNT(*) FROM quads)`).Scan(&nodes, &quads); err != nil {
		t.Fatal(err)
	}
	return nodes, quads
}

// TestPostgresInvalidAction: kg's writer refuses a delta that is neither an
// addition nor a deletion, as Cayley's does, without writing anything.
func TestPostgresInvalidAction(t *testing.T) {
	s := openT(t, pgtest.Database(t))
	err := s.qs.ApplyDeltas([]cgraph.Delta{{Quad: quad.MakeIRI("a", "b", "c", ""), Action: cgraph.Procedure(9)}}, cgraph.IgnoreOpts{})
	if !errors.Is(err, cgraph.ErrInvalidAction) {
		t.Errorf("invalid action: %v, want ErrInvalidAction", err)
	}
}
