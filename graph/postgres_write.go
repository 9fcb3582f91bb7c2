package graph

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// pgQuadStore is Cayley's PostgreSQL quad store with a faster write path.
//
// Cayley's own ApplyDeltas sends one INSERT per node and one per quad, each
// a round trip to the server, so a transaction of a few hundred quads spends
// most of its time waiting on the network rather than in PostgreSQL.
// pgQuadStore writes the very same rows — same tables, columns, node hashes
// (quad.HashOf through Cayley's own graphlog.SplitDeltas and
// csql.NodeValues) and reference counts — with one statement for a batch of
// additions and a handful for deletions, so everything it writes reads back
// through Cayley's reader (the embedded *csql.QuadStore, which serves every
// read) exactly as if Cayley had written it, and processes running Cayley's
// own writer can share the database.
//
// Stats keeps the contract of Cayley's store: exact counts are cached until
// this store next writes (writes by other processes are not seen until
// then, as with Cayley's store).
type pgQuadStore struct {
	*csql.QuadStore
	// db is kg's own connection pool to the same database, for writes and
	// exact counts: the embedded store's pool is not reachable from here.
	db *sql.DB

	// stmtMu guards add.
	stmtMu sync.Mutex
	// add holds the prepared statements of pgAddSQL, by IgnoreDup (0 for
	// false), prepared on first use.
	add [2]*sql.Stmt

	mu sync.Mutex
	// stats holds exact counts, valid while statsOK.
	stats   cgraph.Stats
	statsOK bool
	// gen counts writes, so counts computed while a write ran are not
	// cached.
	gen uint64
}

var _ cgraph.QuadStore = (*pgQuadStore)(nil)

// newPgQuadStore wraps Cayley's store qs, opened on addr, with kg's write
// path. It opens a second connection pool to addr, closed by Close.
func newPgQuadStore(qs cgraph.QuadStore, addr string) (*pgQuadStore, error) {
	cs, ok := qs.(*csql.QuadStore)
	if !ok {
		return nil, fmt.Errorf("unexpected Cayley PostgreSQL store type %T", qs)
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return nil, fmt.Errorf("open write connections: %w", err)
	}
	return &pgQuadStore{QuadStore: cs, db: db}, nil
}

// Close closes the prepared statements and both connection pools.
func (qs *pgQuadStore) Close() error {
	var errs []error
	qs.stmtMu.Lock()
	for i, s := range qs.add {
		if s != nil {
			errs = append(errs, s.Close())
			qs.add[i] = nil
		}
	}
	qs.stmtMu.Unlock()
	errs = append(errs, qs.QuadStore.Close(), qs.db.Close())
	return errors.Join(errs...)
}

// Stats returns the numbers of quads and nodes, as Cayley's store does:
// exact counts (COUNT(*)), cached until this store's next write, when exact
// is true; PostgreSQL's estimates otherwise.
func (qs *pgQuadStore) Stats(ctx context.Context, exact bool) (cgraph.Stats, error) {
	qs.mu.Lock()
	st, ok, gen := qs.stats, qs.statsOK, qs.gen
	qs.mu.Unlock()
	if ok {
		return st, nil
	}
	if !exact {
		return qs.QuadStore.Stats(ctx, false)
	}
	st = cgraph.Stats{Nodes: refs.Size{Exact: true}, Quads: refs.Size{Exact: true}}
	err := qs.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM quads), (SELECT COUNT(*) FROM nodes)`).
		Scan(&st.Quads.Value, &st.Nodes.Value)
	if err != nil {
		return cgraph.Stats{}, fmt.Errorf("count quads and nodes: %w", err)
	}
	qs.mu.Lock()
	if qs.gen == gen {
		qs.stats, qs.statsOK = st, true
	}
	qs.mu.Unlock()
	return st, nil
}

// wrote forgets the cached counts.
func (qs *pgQuadStore) wrote() {
	qs.mu.Lock()
	qs.gen++
	qs.statsOK = false
	qs.mu.Unlock()
}

// ApplyDeltas applies in in one transaction, with the outcome of Cayley's
// own ApplyDeltas for PostgreSQL:
//
//  1. every node of the deltas whose reference count goes up or stays
//     (the nodes of added quads, net of deleted ones) is inserted, or its
//     refs raised by that much;
//  2. added quads are inserted; one already stored fails the transaction
//     with graph.ErrQuadExists unless opts.IgnoreDup, which skips it (its
//     nodes keep the references step 1 gave them, as in Cayley);
//  3. deleted quads are deleted; one not stored fails the transaction with
//     graph.ErrQuadNotExist unless opts.IgnoreMissing, which skips it and
//     takes it out of step 4's counts;
//  4. when some node's count goes down, those nodes' refs are lowered and
//     every node left with refs <= 0 is deleted.
//
// Steps 1 and 2 are one statement, which for a batch of additions alone is
// the whole transaction. Nodes are locked in the order of their hashes in
// steps 1 and 4, as in Cayley, so concurrent writers do not deadlock over
// the nodes they share. Errors wrap the driver's *pq.Error, whose code
// tells serialization failures and deadlocks (see pgRetryable).
func (qs *pgQuadStore) ApplyDeltas(in []cgraph.Delta, opts cgraph.IgnoreOpts) error {
	for _, d := range in {
		if d.Action != cgraph.Add && d.Action != cgraph.Delete {
			return &cgraph.DeltaError{Delta: d, Err: cgraph.ErrInvalidAction}
		}
	}
	if len(in) == 0 {
		return nil
	}
	deltas := graphlog.SplitDeltas(in)
	ctx := context.Background()
	defer qs.wrote()
	var add *sql.Stmt
	var args []any
	if len(deltas.IncNode) > 0 || len(deltas.QuadAdd) > 0 {
		var err error
		if args, err = pgAddArgs(deltas.IncNode, deltas.QuadAdd); err != nil {
			return err
		}
		if add, err = qs.addStmt(ctx, opts.IgnoreDup); err != nil {
			return err
		}
	}
	if add != nil && len(deltas.QuadDel) == 0 {
		// Additions only (only deletions lower counts): one statement, which
		// PostgreSQL runs as a transaction of its own.
		if _, err := add.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("add %d quads: %w", len(deltas.QuadAdd), pgInsertError(err))
		}
		return nil
	}
	tx, err := qs.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write transaction: %w", err)
	}
	if err := pgApplyTx(ctx, tx, add, args, deltas, opts); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit write transaction: %w", err)
	}
	return nil
}

// pgApplyTx runs the steps of ApplyDeltas in tx: add with args (when add is
// not nil), then the deletions.
func pgApplyTx(ctx context.Context, tx *sql.Tx, add *sql.Stmt, args []any, d *graphlog.Deltas, opts cgraph.IgnoreOpts) error {
	if add != nil {
		if _, err := tx.StmtContext(ctx, add).ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("add %d quads: %w", len(d.QuadAdd), pgInsertError(err))
		}
	}
	missing, err := pgDeleteQuads(ctx, tx, d.QuadDel, opts.IgnoreMissing)
	if err != nil {
		return err
	}
	if len(d.DecNode) == 0 {
		return nil
	}
	return pgReleaseNodes(ctx, tx, d.DecNode, missing)
}

// NewQuadWriter returns a writer adding quads through ApplyDeltas, skipping
// quads already stored, as Cayley's writer does.
func (qs *pgQuadStore) NewQuadWriter() (quad.WriteCloser, error) {
	return &pgQuadWriter{qs: qs}, nil
}

type pgQuadWriter struct{ qs *pgQuadStore }

func (w *pgQuadWriter) WriteQuad(q quad.Quad) error {
	_, err := w.WriteQuads([]quad.Quad{q})
	return err
}

func (w *pgQuadWriter) WriteQuads(buf []quad.Quad) (int, error) {
	deltas := make([]cgraph.Delta, len(buf))
	for i, q := range buf {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	if err := w.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return 0, err
	}
	return len(buf), nil
}

func (w *pgQuadWriter) Close() error { return nil }

// pgAddSQL is steps 1 and 2 of ApplyDeltas in one statement, taking the
// arguments pgAddArgs makes: the nodes (as arrays of Cayley's columns) are
// upserted in the order of their hashes, then — the sub-select makes the
// CTE run first — the quads are inserted, in the order pgAddArgs gives
// them. With ignoreDup, quads already stored are skipped. (The foreign keys
// of quads are checked at the end of the statement, and see the nodes.)
func pgAddSQL(ignoreDup bool) string {
	q := `WITH n AS (
	INSERT INTO nodes (refs, hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time)
	SELECT * FROM unnest($1::integer[], $2::bytea[], $3::bytea[], $4::text[], $5::text[], $6::text[],
		$7::boolean[], $8::boolean[], $9::bigint[], $10::boolean[], $11::double precision[], $12::timestamptz[])
	ORDER BY 2
	ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs
	RETURNING 1
)
INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
SELECT s, p, o, l, now() FROM unnest($13::bytea[], $14::bytea[], $15::bytea[], $16::bytea[]) AS t (s, p, o, l)
WHERE (SELECT count(*) FROM n) >= 0`
	if ignoreDup {
		q += `
ON CONFLICT DO NOTHING`
	}
	return q
}

// addStmt returns the prepared statement of pgAddSQL(ignoreDup), preparing
// it on first use.
func (qs *pgQuadStore) addStmt(ctx context.Context, ignoreDup bool) (*sql.Stmt, error) {
	i := 0
	if ignoreDup {
		i = 1
	}
	qs.stmtMu.Lock()
	defer qs.stmtMu.Unlock()
	if qs.add[i] == nil {
		s, err := qs.db.PrepareContext(ctx, pgAddSQL(ignoreDup))
		if err != nil {
			return nil, fmt.Errorf("prepare insert: %w", err)
		}
		qs.add[i] = s
	}
	return qs.add[i], nil
}

// pgAddArgs returns the arguments of pgAddSQL for nodes (whose RefInc must
// not be negative) and quads, both in the order of their hashes. Each
// node's row holds what Cayley's own insert would, the columns it leaves
// out NULL.
func pgAddArgs(nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate) ([]any, error) {
	n := len(nodes)
	var (
		refCounts = make(pq.Int64Array, n)
		hashes    = make(pgByteaArray, n)
		value     = make(pgByteaArray, n)
		str       = make([]sql.NullString, n)
		datatype  = make([]sql.NullString, n)
		language  = make([]sql.NullString, n)
		iri       = make([]sql.NullBool, n)
		bnode     = make([]sql.NullBool, n)
		vint      = make([]sql.NullInt64, n)
		vbool     = make([]sql.NullBool, n)
		vfloat    = make([]sql.NullFloat64, n)
		vtime     = make([]sql.NullTime, n)
	)
	for i, nu := range nodes {
		if nu.RefInc < 0 {
			return nil, fmt.Errorf("add node %v: negative reference count change %d", nu.Val, nu.RefInc)
		}
		typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: nu.Hash}, nu.Val)
		if err != nil {
			return nil, fmt.Errorf("add node %v: %w", nu.Val, err)
		}
		refCounts[i] = int64(nu.RefInc)
		hashes[i], _ = vals[0].([]byte)
		cols := typ.Columns()
		if len(cols) != len(vals)-1 {
			return nil, fmt.Errorf("add node %v: %d values for columns %v", nu.Val, len(vals)-1, cols)
		}
		for j, c := range cols {
			v := vals[1+j]
			ok := true
			switch c {
			case "value":
				value[i], ok = v.([]byte)
			case "value_string":
				str[i].String, ok = v.(string)
				str[i].Valid = true
			case "datatype":
				datatype[i].String, ok = v.(string)
				datatype[i].Valid = true
			case "language":
				language[i].String, ok = v.(string)
				language[i].Valid = true
			case "iri":
				iri[i].Bool, ok = v.(bool)
				iri[i].Valid = true
			case "bnode":
				bnode[i].Bool, ok = v.(bool)
				bnode[i].Valid = true
			case "value_int":
				vint[i].Int64, ok = v.(int64)
				vint[i].Valid = true
			case "value_bool":
				vbool[i].Bool, ok = v.(bool)
				vbool[i].Valid = true
			case "value_float":
				vfloat[i].Float64, ok = v.(float64)
				vfloat[i].Valid = true
			case "value_time":
				vtime[i].Time, ok = v.(time.Time)
				vtime[i].Valid = true
			default:
				ok = false
			}
			if !ok {
				return nil, fmt.Errorf("add node %v: cannot store %T in column %s", nu.Val, v, c)
			}
		}
	}
	keys := make([]refs.QuadHash, len(quads))
	for i, u := range quads {
		keys[i] = u.Quad
	}
	slices.SortFunc(keys, pgQuadCmp)
	var dirs [4]pgByteaArray
	for i := range dirs {
		dirs[i] = make(pgByteaArray, len(keys))
	}
	for i, k := range keys {
		for j, h := range k.Dirs() {
			if h.Valid() {
				dirs[j][i] = h[:]
			}
		}
	}
	return []any{
		refCounts, hashes, value,
		pq.GenericArray{A: str}, pq.GenericArray{A: datatype}, pq.GenericArray{A: language},
		pq.GenericArray{A: iri}, pq.GenericArray{A: bnode}, pq.GenericArray{A: vint},
		pq.GenericArray{A: vbool}, pq.GenericArray{A: vfloat}, pq.GenericArray{A: vtime},
		dirs[0], dirs[1], dirs[2], dirs[3],
	}, nil
}

// pgByteaArray is a PostgreSQL bytea[] argument whose nil elements are
// NULL. (pq.ByteaArray sends nil as an empty bytea, and pq.GenericArray
// sends bytes unescaped.)
type pgByteaArray [][]byte

// Value implements driver.Valuer, in PostgreSQL's text form of arrays.
func (a pgByteaArray) Value() (driver.Value, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, x := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		if x == nil {
			b.WriteString("NULL")
			continue
		}
		b.WriteString(`"\\x`)
		b.WriteString(hex.EncodeToString(x))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), nil
}

// pgMaxParams bounds the parameters of one statement of pgDeleteQuads and
// pgReleaseNodes (PostgreSQL's protocol allows 65535); larger batches are
// sent as several statements. A variable for tests.
var pgMaxParams = 12000

// pgDeleteQuads deletes quads. A quad not stored (or deleted twice) fails
// with graph.ErrQuadNotExist unless ignoreMissing; then the references it
// would have released are counted in the map returned, by node hash, as
// Cayley does.
func pgDeleteQuads(ctx context.Context, tx *sql.Tx, quads []graphlog.QuadUpdate, ignoreMissing bool) (map[refs.ValueHash]int, error) {
	if len(quads) == 0 {
		return nil, nil
	}
	want := make(map[refs.QuadHash]int, len(quads))
	var labelled, unlabelled []refs.QuadHash
	for _, u := range quads {
		if want[u.Quad] == 0 {
			if u.Quad.Label.Valid() {
				labelled = append(labelled, u.Quad)
			} else {
				unlabelled = append(unlabelled, u.Quad)
			}
		}
		want[u.Quad]++
	}
	deleted := make(map[refs.QuadHash]bool, len(want))
	for _, part := range []struct {
		keys  []refs.QuadHash
		width int
	}{{labelled, 4}, {unlabelled, 3}} {
		keys := part.keys
		slices.SortFunc(keys, pgQuadCmp)
		for len(keys) > 0 {
			n := min(len(keys), pgMaxParams/part.width)
			if err := pgDeleteBatch(ctx, tx, keys[:n], part.width, deleted); err != nil {
				return nil, err
			}
			keys = keys[n:]
		}
	}
	var missing map[refs.ValueHash]int
	for k, n := range want {
		if deleted[k] {
			n--
		}
		if n == 0 {
			continue
		}
		if !ignoreMissing {
			return nil, fmt.Errorf("delete quads: %w", &cgraph.DeltaError{Err: cgraph.ErrQuadNotExist})
		}
		if missing == nil {
			missing = make(map[refs.ValueHash]int)
		}
		for _, h := range k.Dirs() {
			if h.Valid() {
				missing[h] += n
			}
		}
	}
	return missing, nil
}

// pgDeleteBatch deletes the quads of keys, all with a label (width 4) or
// all without (width 3), and marks those it deleted in deleted.
func pgDeleteBatch(ctx context.Context, tx *sql.Tx, keys []refs.QuadHash, width int, deleted map[refs.QuadHash]bool) error {
	var q strings.Builder
	q.WriteString(`DELETE FROM quads AS q USING (VALUES `)
	args := make([]any, 0, width*len(keys))
	for i, k := range keys {
		if i > 0 {
			q.WriteByte(',')
		}
		q.WriteByte('(')
		dirs := k.Dirs()
		for j, h := range dirs[:width] {
			if j > 0 {
				q.WriteByte(',')
			}
			args = append(args, h[:])
			q.WriteString("$" + strconv.Itoa(len(args)))
			if i == 0 {
				q.WriteString("::bytea")
			}
		}
		q.WriteByte(')')
	}
	if width == 4 {
		q.WriteString(`) AS d (s, p, o, l) WHERE q.label_hash = d.l`)
	} else {
		q.WriteString(`) AS d (s, p, o) WHERE q.label_hash IS NULL`)
	}
	q.WriteString(` AND q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o` +
		` RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash`)
	rows, err := tx.QueryContext(ctx, q.String(), args...)
	if err != nil {
		return fmt.Errorf("delete %d quads: %w", len(keys), err)
	}
	defer rows.Close()
	for rows.Next() {
		var h [4]csql.NodeHash
		if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
			return fmt.Errorf("delete %d quads: %w", len(keys), err)
		}
		deleted[refs.QuadHash{Subject: h[0].ValueHash, Predicate: h[1].ValueHash, Object: h[2].ValueHash, Label: h[3].ValueHash}] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("delete %d quads: %w", len(keys), err)
	}
	return nil
}

// pgReleaseNodes lowers the refs of nodes by their (negative) RefInc, less
// what missing says was not released, then deletes every node left with
// refs <= 0. It locks the nodes in the order of their hashes first (an
// UPDATE joined with a list locks rows in whatever order its plan reads
// them), the order in which pgAddSQL locks them.
func pgReleaseNodes(ctx context.Context, tx *sql.Tx, nodes []graphlog.NodeUpdate, missing map[refs.ValueHash]int) error {
	type change struct {
		hash []byte
		inc  int
	}
	var changes []change
	for _, n := range nodes {
		if inc := n.RefInc + missing[n.Hash]; inc != 0 {
			changes = append(changes, change{n.Hash[:], inc})
		}
	}
	slices.SortFunc(changes, func(a, b change) int { return bytes.Compare(a.hash, b.hash) })
	for len(changes) > 0 {
		n := min(len(changes), pgMaxParams/2)
		batch := changes[:n]
		changes = changes[n:]
		hashes := make(pgByteaArray, n)
		var q strings.Builder
		q.WriteString(`UPDATE nodes SET refs = nodes.refs + d.inc FROM (VALUES ($1::bytea, $2::integer)`)
		args := make([]any, 0, 2*n)
		for i, c := range batch {
			hashes[i] = c.hash
			if i > 0 {
				fmt.Fprintf(&q, ",($%d,$%d)", 2*i+1, 2*i+2)
			}
			args = append(args, c.hash, c.inc)
		}
		q.WriteString(`) AS d (hash, inc) WHERE nodes.hash = d.hash`)
		if _, err := tx.ExecContext(ctx, `SELECT 1 FROM nodes WHERE hash = ANY($1::bytea[]) ORDER BY hash FOR NO KEY UPDATE`, hashes); err != nil {
			return fmt.Errorf("lock %d nodes: %w", n, err)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("release %d nodes: %w", n, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE refs <= 0`); err != nil {
		return fmt.Errorf("delete unreferenced nodes: %w", err)
	}
	return nil
}

// pgQuadCmp orders quads by subject, predicate, object and label hashes,
// as PostgreSQL orders the bytea columns of Cayley's unique indexes.
func pgQuadCmp(a, b refs.QuadHash) int {
	x, y := a.Dirs(), b.Dirs()
	for i := range x {
		if c := bytes.Compare(x[i][:], y[i][:]); c != 0 {
			return c
		}
	}
	return 0
}

// pgInsertError turns a unique violation into graph.ErrQuadExists (wrapping
// the driver's error too), as Cayley's writer does.
func pgInsertError(err error) error {
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "23505" {
		return fmt.Errorf("%w: %w", &cgraph.DeltaError{Err: cgraph.ErrQuadExists}, err)
	}
	return err
}
