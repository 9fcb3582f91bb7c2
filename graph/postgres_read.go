package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
)

// Cayley's SQL store names a node (NameOf) with one query, a round trip
// each, so reading many values costs a round trip per value. pgQuadStore
// implements refs.BatchNamer, which cgraph.ValuesOf uses, with one query
// per pgNameBatch values.
var _ refs.BatchNamer = (*pgQuadStore)(nil)

// pgNameBatch bounds the hashes ValuesOf asks for in one query.
const pgNameBatch = 8192

// ValuesOf returns the values of refs, as NameOf would one by one: nil for
// a nil reference or a hash no node has. References other than node hashes
// (and values Cayley fetched already) are an error, as for NameOf.
func (qs *pgQuadStore) ValuesOf(ctx context.Context, vals []cgraph.Ref) ([]quad.Value, error) {
	out := make([]quad.Value, len(vals))
	at := make(map[refs.ValueHash][]int) // hash → positions in vals
	var hashes pgByteaArray
	for i, v := range vals {
		var h refs.ValueHash
		switch r := v.(type) {
		case nil:
			continue
		case refs.PreFetchedValue:
			out[i] = r.NameOf()
			continue
		case csql.NodeHash:
			h = r.ValueHash
		case refs.ValueHash:
			h = r
		default:
			return nil, fmt.Errorf("name nodes: unexpected reference %T", v)
		}
		if !h.Valid() {
			continue
		}
		if _, ok := at[h]; !ok {
			hashes = append(hashes, h[:])
		}
		at[h] = append(at[h], i)
	}
	for len(hashes) > 0 {
		n := min(len(hashes), pgNameBatch)
		if err := qs.nameBatch(ctx, hashes[:n], at, out); err != nil {
			return nil, err
		}
		hashes = hashes[n:]
	}
	return out, nil
}

// nameBatch reads the nodes of hashes and sets their values at the
// positions at gives.
func (qs *pgQuadStore) nameBatch(ctx context.Context, hashes pgByteaArray, at map[refs.ValueHash][]int, out []quad.Value) error {
	rows, err := qs.db.QueryContext(ctx, `SELECT hash, value, value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time FROM nodes WHERE hash = ANY($1::bytea[])`, hashes)
	if err != nil {
		return fmt.Errorf("name %d nodes: %w", len(hashes), err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			hash   csql.NodeHash
			data   []byte
			str    sql.NullString
			typ    sql.NullString
			lang   sql.NullString
			iri    sql.NullBool
			bnode  sql.NullBool
			vint   sql.NullInt64
			vbool  sql.NullBool
			vfloat sql.NullFloat64
			vtime  sql.NullTime
		)
		if err := rows.Scan(&hash, &data, &str, &typ, &lang, &iri, &bnode, &vint, &vbool, &vfloat, &vtime); err != nil {
			return fmt.Errorf("name %d nodes: %w", len(hashes), err)
		}
		// As Cayley's NameOf decodes a row.
		var val quad.Value
		switch {
		case str.Valid:
			s := quad.String(pgUnescapeNullByte(str.String))
			switch {
			case iri.Bool:
				val = quad.IRI(str.String)
			case bnode.Bool:
				val = quad.BNode(str.String)
			case lang.Valid:
				val = quad.LangString{Value: s, Lang: lang.String}
			case typ.Valid:
				val = quad.TypedString{Value: s, Type: quad.IRI(typ.String)}
			default:
				val = s
			}
		case vint.Valid:
			val = quad.Int(vint.Int64)
		case vbool.Valid:
			val = quad.Bool(vbool.Bool)
		case vfloat.Valid:
			val = quad.Float(vfloat.Float64)
		case vtime.Valid:
			val = quad.Time(vtime.Time.UTC())
		default:
			if val, err = pquads.UnmarshalValue(data); err != nil {
				return fmt.Errorf("name node %v: unmarshal value: %w", hash, err)
			}
		}
		for _, i := range at[hash.ValueHash] {
			out[i] = val
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("name %d nodes: %w", len(hashes), err)
	}
	return nil
}

// quadBatchNamer is a store that names many quads of its iterators at
// once: Store.drain gives it the results of an iterator drainBatch at a
// time.
type quadBatchNamer interface {
	QuadsOf(ctx context.Context, rs []cgraph.Ref) ([]quad.Quad, error)
}

// drainBatch is how many iterator results Store.drain names at once.
const drainBatch = 2048

var _ quadBatchNamer = (*pgQuadStore)(nil)

// QuadsOf returns the quads of rs, results of this store's quad
// iterators, as Quad would one by one, naming their values with one query
// (ValuesOf) rather than four an unseen quad.
func (qs *pgQuadStore) QuadsOf(ctx context.Context, rs []cgraph.Ref) ([]quad.Quad, error) {
	dirs := [4]quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	vals := make([]cgraph.Ref, 0, 4*len(rs))
	for _, r := range rs {
		h, ok := r.(csql.QuadHashes)
		if !ok {
			return nil, fmt.Errorf("name quads: unexpected reference %T", r)
		}
		for _, d := range dirs {
			vals = append(vals, h.Get(d))
		}
	}
	names, err := qs.ValuesOf(ctx, vals)
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, len(rs))
	for i := range out {
		v := names[4*i : 4*i+4]
		out[i] = quad.Quad{Subject: v[0], Predicate: v[1], Object: v[2], Label: v[3]}
	}
	return out, nil
}

// pgUnescapeNullByte undoes the escaping of NUL bytes Cayley's SQL store
// applies to strings.
func pgUnescapeNullByte(s string) string { return strings.ReplaceAll(s, `\x00`, "\x00") }

// RefsOf returns the references of nodes, as ValueOf would one by one.
func (qs *pgQuadStore) RefsOf(_ context.Context, nodes []quad.Value) ([]cgraph.Ref, error) {
	out := make([]cgraph.Ref, len(nodes))
	for i, v := range nodes {
		r, err := qs.ValueOf(v)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}
