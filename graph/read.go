package graph

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/cayleygraph/quad"
)

// IRI marks a property value that refers to another node.
type IRI string

// Node is a node with its outgoing properties, merged over every article
// that states them: each predicate maps to its distinct values, in a stable
// order. Values are IRI, string, int64, float64 or bool.
type Node struct {
	IRI    string
	Props  map[string][]any
	Labels []string // the articles whose quads describe this node, sorted
}

// Str returns the first string value of pred, or "".
func (n Node) Str(pred string) string {
	for _, v := range n.Props[pred] {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return ""
}

// Strs returns every string value of pred.
func (n Node) Strs(pred string) []string {
	var out []string
	for _, v := range n.Props[pred] {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Link returns the first IRI value of pred, or "".
func (n Node) Link(pred string) string {
	if l := n.Links(pred); len(l) > 0 {
		return l[0]
	}
	return ""
}

// Links returns every IRI value of pred.
func (n Node) Links(pred string) []string {
	var out []string
	for _, v := range n.Props[pred] {
		if s, ok := v.(IRI); ok {
			out = append(out, string(s))
		}
	}
	return out
}

// Int returns the first integer value of pred, or 0.
func (n Node) Int(pred string) int64 {
	for _, v := range n.Props[pred] {
		if i, ok := v.(int64); ok {
			return i
		}
	}
	return 0
}

// Float returns the first number value of pred, or 0.
func (n Node) Float(pred string) float64 {
	for _, v := range n.Props[pred] {
		switch x := v.(type) {
		case float64:
			return x
		case int64:
			return float64(x)
		}
	}
	return 0
}

// MaxFloat returns the largest number value of pred, and whether there is one.
func (n Node) MaxFloat(pred string) (float64, bool) {
	best, ok := 0.0, false
	for _, v := range n.Props[pred] {
		var x float64
		switch y := v.(type) {
		case float64:
			x = y
		case int64:
			x = float64(y)
		default:
			continue
		}
		if !ok || x > best {
			best, ok = x, true
		}
	}
	return best, ok
}

// Bool returns whether any value of pred is true.
func (n Node) Bool(pred string) bool {
	for _, v := range n.Props[pred] {
		if b, ok := v.(bool); ok && b {
			return true
		}
	}
	return false
}

// fromQuad converts a stored value to the Go value Node holds.
func fromQuad(v quad.Value) any {
	switch x := v.(type) {
	case quad.IRI:
		return IRI(x)
	case quad.String:
		return string(x)
	case quad.Int:
		return int64(x)
	case quad.Float:
		return float64(x)
	case quad.Bool:
		return bool(x)
	}
	return quad.StringOf(v)
}

func valueKey(v any) string { return fmt.Sprintf("%T\x00%v", v, v) }

// Node reads the node with the given IRI; ok is false when the store holds
// no quad with it as subject.
func (s *Store) Node(ctx context.Context, iri string) (n Node, ok bool, err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.idx != nil {
		n, ok = s.idx.node(iri)
		return n, ok, ctx.Err()
	}
	qs, err := s.quadsWith(ctx, quad.Subject, quad.IRI(iri))
	if err != nil || len(qs) == 0 {
		return Node{IRI: iri}, false, err
	}
	n = Node{IRI: iri, Props: make(map[string][]any)}
	type prop struct {
		pred string
		v    any
	}
	seen := make(map[prop]bool, len(qs))
	labels := make(map[string]bool)
	for _, q := range qs {
		pred := iriOf(q.Predicate)
		v := fromQuad(q.Object)
		if k := (prop{pred, v}); !seen[k] {
			seen[k] = true
			n.Props[pred] = append(n.Props[pred], v)
		}
		if l := iriOf(q.Label); l != "" {
			labels[l] = true
		}
	}
	for _, vs := range n.Props {
		sort.Slice(vs, func(i, j int) bool { return valueLess(vs[i], vs[j]) })
	}
	n.Labels = sortedKeys(labels)
	return n, true, nil
}

// Subjects returns, sorted and distinct, the IRIs of nodes linked to the
// node obj by predicate pred.
func (s *Store) Subjects(ctx context.Context, pred, obj string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	qs, err := s.quadsWith(ctx, quad.Object, quad.IRI(obj))
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool)
	for _, q := range qs {
		if iriOf(q.Predicate) == pred {
			if sub := iriOf(q.Subject); sub != "" {
				set[sub] = true
			}
		}
	}
	return sortedKeys(set), nil
}

// OfClass returns, sorted, the IRIs of every node of the given class.
func (s *Store) OfClass(ctx context.Context, class string) ([]string, error) {
	return s.Subjects(ctx, RDFType, class)
}

func iriOf(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return ""
}

func sortedKeys(m map[string]bool) []string { return slices.Sorted(maps.Keys(m)) }

// ArticlesOfFile returns, sorted, the IRIs of the articles read from file
// (a path relative to the ingested folder).
func (s *Store) ArticlesOfFile(ctx context.Context, file string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	qs, err := s.quadsWith(ctx, quad.Object, quad.String(file))
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool)
	for _, q := range qs {
		if iriOf(q.Predicate) == PredFile {
			set[iriOf(q.Subject)] = true
		}
	}
	return sortedKeys(set), nil
}
