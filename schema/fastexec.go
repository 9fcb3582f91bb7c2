package schema

import (
	"context"
	"math"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"kg/internal/jsontext"
)

// This file holds a second executor for queries, beside graphql-go's, that
// writes the answer's JSON as it resolves it.
//
// Why: on lists of facts graphql-go's executor was over half of the
// server's CPU. For every field of every object it builds and copies a
// ResolveInfo, collects the object's fields into fresh maps and builds a
// map for the result, which encoding then walks again; its allocations also
// drove the garbage collector. This executor compiles each validated query
// once (which fields, in which order, with which definitions, for each
// possible object type), then calls the same resolvers with the same
// arguments and serializes with the same scalar and enum types, writing
// bytes straight into the answer.
//
// It answers only what it can answer exactly as graphql-go would: queries
// (not mutations) without directives, introspection (__schema, __type) or
// field merging, with variables of scalar or enum types. A request it
// cannot take, and any request in which a resolver fails, returns a
// value, nil or a type graphql-go would reject, is answered by graphql-go
// from the start instead, so errors, partial answers and their paths are
// graphql-go's own. Queries only read, so running one twice is harmless.
// TestFastExecutorMatchesGraphQLGo compares the two on every query of the
// tests and on random queries over the whole schema.

// fastOp is one operation of a document compiled for fastRun.
type fastOp struct {
	op   *ast.OperationDefinition
	vars []*ast.VariableDefinition
	root *fastSel
	n    int // fields in the plan, for the per-run argument cache
}

// fastSel is a selection set compiled for one object type: its fields
// sorted by response key, the order the answer is written in (encoding
// graphql-go's result maps sorts their keys).
type fastSel struct {
	typ    *graphql.Object
	fields []*fastField
}

// fastField is one field of a fastSel.
type fastField struct {
	key      string // response key: the alias, else the name
	member   string // key as JSON with its colon, written before every value
	ast      *ast.Field
	asts     []*ast.Field             // ast alone, as ResolveInfo.FieldASTs
	def      *graphql.FieldDefinition // nil for __typename
	resolve  graphql.FieldResolveFn   // def's resolver, as the fast executor calls it (see Schema.direct)
	idx      int                      // place in the run's argument cache
	subs     map[string]*fastSel      // by object type name, for fields of object, interface or union type
	typename bool
}

// compileFast compiles the operations of a validated document; nil when
// any of them uses what fastRun does not do.
func (s *Schema) compileFast(doc *ast.Document) map[string]*fastOp {
	frags, ops, others := definitions(doc)
	if others {
		return nil
	}
	out := map[string]*fastOp{}
	for _, op := range ops {
		if op.Operation != ast.OperationTypeQuery || len(op.Directives) > 0 {
			continue // graphql-go runs it
		}
		c := &fastCompiler{s: s, frags: frags}
		root := c.sel(s.gql.QueryType(), op.SelectionSet, 0)
		if root == nil {
			continue
		}
		for _, v := range op.VariableDefinitions {
			if v.Variable == nil || v.Variable.Name == nil {
				root = nil
			}
		}
		if root == nil {
			continue
		}
		name := ""
		if op.Name != nil {
			name = op.Name.Value
		}
		fo := &fastOp{op: op, vars: op.VariableDefinitions, root: root, n: c.n}
		out[name] = fo
		if len(ops) == 1 {
			out[""] = fo // with no name asked for, graphql-go runs the only operation
		}
	}
	return out
}

type fastCompiler struct {
	s     *Schema
	frags map[string]*ast.FragmentDefinition
	n     int
}

// maxFastDepth bounds the nesting compiled (the server's own depth limit is
// lower); deeper queries go to graphql-go.
const maxFastDepth = 32

// sel compiles ss for objects of type t; nil when it cannot.
func (c *fastCompiler) sel(t *graphql.Object, ss *ast.SelectionSet, depth int) *fastSel {
	if ss == nil || depth > maxFastDepth {
		return nil
	}
	out := &fastSel{typ: t}
	if !c.collect(t, ss, out, map[string]bool{}) {
		return nil
	}
	slices.SortFunc(out.fields, func(a, b *fastField) int { return strings.Compare(a.key, b.key) })
	for i := 1; i < len(out.fields); i++ {
		if out.fields[i].key == out.fields[i-1].key {
			return nil // merged fields: graphql-go's job
		}
	}
	for _, f := range out.fields {
		if f.typename {
			continue
		}
		named := graphql.GetNamed(f.def.Type)
		switch nt := named.(type) {
		case *graphql.Object:
			sub := c.sel(nt, f.ast.SelectionSet, depth+1)
			if sub == nil {
				return nil
			}
			f.subs = map[string]*fastSel{nt.Name(): sub}
		case graphql.Abstract:
			f.subs = map[string]*fastSel{}
			for _, pt := range c.s.gql.PossibleTypes(nt) {
				sub := c.sel(pt, f.ast.SelectionSet, depth+1)
				if sub == nil {
					return nil
				}
				f.subs[pt.Name()] = sub
			}
		default:
			if f.ast.SelectionSet != nil {
				return nil
			}
		}
	}
	return out
}

// collect adds the fields of ss that apply to objects of type t to out.
func (c *fastCompiler) collect(t *graphql.Object, ss *ast.SelectionSet, out *fastSel, inFrag map[string]bool) bool {
	for _, sel := range ss.Selections {
		switch x := sel.(type) {
		case *ast.Field:
			if len(x.Directives) > 0 || x.Name == nil {
				return false
			}
			key := x.Name.Value
			if x.Alias != nil && x.Alias.Value != "" {
				key = x.Alias.Value
			}
			if x.Name.Value == "__typename" {
				out.fields = append(out.fields, &fastField{key: key, member: member(key), ast: x, typename: true})
				continue
			}
			if strings.HasPrefix(x.Name.Value, "__") {
				return false // introspection
			}
			def, ok := t.Fields()[x.Name.Value]
			if !ok {
				return false
			}
			resolve := def.Resolve
			if r, ok := c.s.direct[def]; ok {
				resolve = r
			}
			out.fields = append(out.fields, &fastField{key: key, member: member(key), ast: x, asts: []*ast.Field{x}, def: def, resolve: resolve, idx: c.n})
			c.n++
		case *ast.InlineFragment:
			if len(x.Directives) > 0 {
				return false
			}
			if x.TypeCondition != nil && !c.applies(t, x.TypeCondition.Name.Value) {
				continue
			}
			if !c.collect(t, x.SelectionSet, out, inFrag) {
				return false
			}
		case *ast.FragmentSpread:
			if len(x.Directives) > 0 || x.Name == nil {
				return false
			}
			name := x.Name.Value
			f, ok := c.frags[name]
			if !ok || inFrag[name] || len(f.Directives) > 0 {
				return false
			}
			if f.TypeCondition != nil && !c.applies(t, f.TypeCondition.Name.Value) {
				continue
			}
			inFrag[name] = true
			ok = c.collect(t, f.SelectionSet, out, inFrag)
			delete(inFrag, name)
			if !ok {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// applies reports whether a fragment on type cond applies to objects of t.
func (c *fastCompiler) applies(t *graphql.Object, cond string) bool {
	if cond == t.Name() {
		return true
	}
	switch ct := c.s.gql.Type(cond).(type) {
	case graphql.Abstract:
		return c.s.gql.IsPossibleType(ct, t)
	}
	return false
}

// fastRun is one execution of a fastOp.
type fastRun struct {
	ctx  context.Context
	s    *Schema
	op   *fastOp
	vars map[string]any
	args []map[string]any // by fastField.idx, made on first use
	b    []byte
}

// executeFast answers a query as Execute would, appending the answer's JSON
// ({"data":…}) to b; ok is false when it cannot, and then nothing is
// appended and graphql-go must answer.
func (s *Schema) executeFast(ctx context.Context, query string, vars map[string]any, operation string, b []byte) (out []byte, ok bool) {
	defer func() {
		if p := recover(); p != nil { // a bug here must not cost the answer: graphql-go gives it
			s.logf("fast executor: %v\n%s", p, debug.Stack())
			out, ok = b, false
		}
	}()
	p := s.prepare(query)
	if p.errs != nil || p.fast == nil {
		return b, false
	}
	op := p.fast[operation]
	if op == nil {
		return b, false
	}
	coerced, ok := s.fastVars(op.vars, vars)
	if !ok {
		return b, false
	}
	r := &fastRun{ctx: ctx, s: s, op: op, vars: coerced, args: make([]map[string]any, op.n), b: b}
	r.b = append(r.b, `{"data":`...)
	if !r.object(op.root, nil) || ctx.Err() != nil {
		return b, false
	}
	return append(r.b, '}'), true
}

// member is a response key as JSON, with the colon that follows it.
func member(key string) string { return string(jsontext.AppendString(nil, key, true)) + ":" }

// object writes the fields of sel for the value src.
func (r *fastRun) object(sel *fastSel, src any) bool {
	r.b = append(r.b, '{')
	for i, f := range sel.fields {
		if i > 0 {
			r.b = append(r.b, ',')
		}
		r.b = append(r.b, f.member...)
		if f.typename {
			r.b = jsontext.AppendString(r.b, sel.typ.Name(), true)
			continue
		}
		info := graphql.ResolveInfo{FieldName: f.def.Name, FieldASTs: f.asts, ReturnType: f.def.Type,
			ParentType: sel.typ, Schema: r.s.gql, Operation: r.op.op, VariableValues: r.vars}
		args := r.args[f.idx]
		if args == nil {
			args = fieldArgs(f.def.Args, f.ast.Arguments, r.vars)
			r.args[f.idx] = args
		}
		p := graphql.ResolveParams{Source: src, Args: args, Info: info, Context: r.ctx}
		var v any
		var err error
		if f.resolve != nil {
			v, err = f.resolve(p)
		} else if m, ok := src.(map[string]any); ok {
			v = m[f.def.Name]
		} else {
			return false
		}
		if err != nil || !r.value(f, f.def.Type, v, info) {
			return false
		}
	}
	r.b = append(r.b, '}')
	return true
}

// value writes v completed as type t, as graphql-go's completeValue does;
// false for anything graphql-go would report as an error.
func (r *fastRun) value(f *fastField, t graphql.Type, v any, info graphql.ResolveInfo) bool {
	if nn, ok := t.(*graphql.NonNull); ok {
		start := len(r.b)
		if !r.value(f, nn.OfType, v, info) {
			return false
		}
		return string(r.b[start:]) != "null"
	}
	// Most values are strings of String or ID fields, which graphql-go
	// serializes as themselves (coerceString): written here without
	// reflection or boxing. A nil *string is null, as below.
	if t == graphql.String || t == graphql.ID {
		switch s := v.(type) {
		case *string:
			if s != nil {
				r.b = jsontext.AppendString(r.b, *s, true)
				return true
			}
		case string:
			r.b = jsontext.AppendString(r.b, s, true)
			return true
		}
	}
	if rv := reflect.ValueOf(v); rv.IsValid() && rv.Kind() == reflect.Func {
		return false // a thunk
	}
	if isNullish(v) {
		r.b = append(r.b, "null"...)
		return true
	}
	switch t := t.(type) {
	case *graphql.List:
		rv := reflect.ValueOf(v)
		if k := rv.Kind(); k != reflect.Slice && k != reflect.Array {
			return false
		}
		r.b = append(r.b, '[')
		for i := range rv.Len() {
			if i > 0 {
				r.b = append(r.b, ',')
			}
			if !r.value(f, t.OfType, rv.Index(i).Interface(), info) {
				return false
			}
		}
		r.b = append(r.b, ']')
		return true
	case *graphql.Scalar:
		return r.leaf(t.Serialize(v))
	case *graphql.Enum:
		return r.leaf(t.Serialize(v))
	case *graphql.Object:
		if t.IsTypeOf != nil {
			return false
		}
		return r.object(f.subs[t.Name()], v)
	case *graphql.Interface:
		if t.ResolveType == nil {
			return false
		}
		return r.abstract(f, t.ResolveType(graphql.ResolveTypeParams{Value: v, Info: info, Context: r.ctx}), v)
	case *graphql.Union:
		if t.ResolveType == nil {
			return false
		}
		return r.abstract(f, t.ResolveType(graphql.ResolveTypeParams{Value: v, Info: info, Context: r.ctx}), v)
	}
	return false
}

func (r *fastRun) abstract(f *fastField, rt *graphql.Object, v any) bool {
	if rt == nil {
		return false
	}
	sel := f.subs[rt.Name()]
	if sel == nil || sel.typ != rt || rt.IsTypeOf != nil {
		return false
	}
	return r.object(sel, v)
}

// leaf writes a serialized scalar or enum value.
func (r *fastRun) leaf(v any) bool {
	if isNullish(v) {
		r.b = append(r.b, "null"...)
		return true
	}
	b, err := appendValue(r.b, v)
	if err != nil {
		return false
	}
	r.b = b
	return true
}

// isNullish is graphql-go's test for a value that completes to null: nil,
// a nil pointer, or a floating-point NaN.
func isNullish(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Ptr {
		if rv.IsNil() {
			return true
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return math.IsNaN(rv.Float())
	}
	return false
}

// fastVars coerces the request's variables as graphql-go does, for
// variables of a scalar or enum type given as JSON decodes them; ok is
// false for any other type or for a value graphql-go would take otherwise
// or reject.
func (s *Schema) fastVars(defs []*ast.VariableDefinition, in map[string]any) (map[string]any, bool) {
	out := make(map[string]any, len(defs))
	for _, d := range defs {
		name := d.Variable.Name.Value
		typeAST, nonNull := d.Type, false
		if nn, ok := typeAST.(*ast.NonNull); ok {
			typeAST, nonNull = nn.Type, true
		}
		named, ok := typeAST.(*ast.Named)
		if !ok || named.Name == nil {
			return nil, false // lists: graphql-go's job
		}
		t := s.gql.Type(named.Name.Value)
		v := in[name]
		if v == nil {
			switch {
			case nonNull:
				return nil, false // graphql-go reports it
			case d.DefaultValue != nil:
				input, ok := t.(graphql.Input)
				if !ok {
					return nil, false
				}
				out[name] = valueFromAST(d.DefaultValue, input, nil)
			default:
				out[name] = nil
			}
			continue
		}
		var c any
		switch t {
		case graphql.String, graphql.ID:
			str, ok := v.(string)
			if !ok {
				return nil, false
			}
			c = str
		case graphql.Int:
			f, ok := v.(float64)
			if !ok || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
				return nil, false
			}
			c = int(f)
		case graphql.Float:
			f, ok := v.(float64)
			if !ok {
				return nil, false
			}
			c = f
		case graphql.Boolean:
			bv, ok := v.(bool)
			if !ok {
				return nil, false
			}
			c = bv
		default:
			e, ok := t.(*graphql.Enum)
			if !ok {
				return nil, false
			}
			str, ok := v.(string)
			if !ok {
				return nil, false
			}
			if c = e.ParseValue(str); isNullish(c) {
				return nil, false
			}
		}
		out[name] = c
	}
	return out, true
}

// fieldArgs is graphql-go's getArgumentValues: each argument from its
// literal or variable, else its default; absent and null ones left out.
func fieldArgs(defs []*graphql.Argument, asts []*ast.Argument, vars map[string]any) map[string]any {
	byName := make(map[string]*ast.Argument, len(asts))
	for _, a := range asts {
		if a.Name != nil {
			byName[a.Name.Value] = a
		}
	}
	out := make(map[string]any, len(defs))
	for _, d := range defs {
		var v any
		if a, ok := byName[d.PrivateName]; ok {
			v = valueFromAST(a.Value, d.Type, vars)
		}
		if isNullish(v) {
			v = d.DefaultValue
		}
		if !isNullish(v) {
			out[d.PrivateName] = v
		}
	}
	return out
}

// valueFromAST is graphql-go's valueFromAST: the value of a literal of an
// input type, variables taken as they were coerced.
func valueFromAST(v ast.Value, t graphql.Input, vars map[string]any) any {
	if v == nil {
		return nil
	}
	if x, ok := v.(*ast.Variable); ok {
		if x.Name == nil || vars == nil {
			return nil
		}
		return vars[x.Name.Value]
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return valueFromAST(v, t.OfType, vars)
	case *graphql.List:
		values := []any{}
		if lv, ok := v.(*ast.ListValue); ok {
			for _, item := range lv.Values {
				values = append(values, valueFromAST(item, t.OfType, vars))
			}
			return values
		}
		return append(values, valueFromAST(v, t.OfType, vars))
	case *graphql.InputObject:
		ov, ok := v.(*ast.ObjectValue)
		if !ok {
			return nil
		}
		fields := map[string]*ast.ObjectField{}
		for _, of := range ov.Fields {
			if of != nil && of.Name != nil {
				fields[of.Name.Value] = of
			}
		}
		obj := map[string]any{}
		for name, f := range t.Fields() {
			var fv any
			if of, ok := fields[name]; ok {
				fv = valueFromAST(of.Value, f.Type, vars)
			} else {
				fv = f.DefaultValue
			}
			if !isNullish(fv) {
				obj[name] = fv
			}
		}
		return obj
	case *graphql.Scalar:
		return t.ParseLiteral(v)
	case *graphql.Enum:
		return t.ParseLiteral(v)
	}
	return nil
}
