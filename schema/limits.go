package schema

import (
	"fmt"

	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
)

// document is a parsed request with what the limits look at.
type document struct {
	doc        *ast.Document
	depth      int  // deepest nesting of fields, fragments expanded
	aliases    int  // aliased fields in the document
	isMutation bool // whether the operation to run is a mutation
}

// definitions returns the fragments of doc by name and its operations;
// others says whether it has definitions of any other kind.
func definitions(doc *ast.Document) (frags map[string]*ast.FragmentDefinition, ops []*ast.OperationDefinition, others bool) {
	frags = make(map[string]*ast.FragmentDefinition)
	for _, def := range doc.Definitions {
		switch x := def.(type) {
		case *ast.FragmentDefinition:
			frags[x.Name.Value] = x
		case *ast.OperationDefinition:
			ops = append(ops, x)
		default:
			others = true
		}
	}
	return frags, ops, others
}

// parse parses query and measures it. operation picks the operation to run
// when the document has several.
func parse(query, operation string) (*document, error) {
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"})})
	if err != nil {
		return nil, err
	}
	d := &document{doc: doc}
	frags, ops, _ := definitions(doc)
	var count func(ss *ast.SelectionSet)
	count = func(ss *ast.SelectionSet) {
		if ss == nil {
			return
		}
		for _, sel := range ss.Selections {
			switch x := sel.(type) {
			case *ast.Field:
				if x.Alias != nil && x.Alias.Value != "" {
					d.aliases++
				}
				count(x.SelectionSet)
			case *ast.InlineFragment:
				count(x.SelectionSet)
			}
		}
	}
	for _, op := range ops {
		count(op.SelectionSet)
	}
	for _, f := range frags {
		count(f.SelectionSet)
	}
	var depth func(ss *ast.SelectionSet, seen map[string]bool) int
	depth = func(ss *ast.SelectionSet, seen map[string]bool) int {
		if ss == nil {
			return 0
		}
		deepest := 0
		for _, sel := range ss.Selections {
			switch x := sel.(type) {
			case *ast.Field:
				deepest = max(deepest, 1+depth(x.SelectionSet, seen))
			case *ast.InlineFragment:
				deepest = max(deepest, depth(x.SelectionSet, seen))
			case *ast.FragmentSpread:
				name := x.Name.Value
				if f, ok := frags[name]; ok && !seen[name] {
					seen[name] = true // a cycle is a validation error; do not loop
					deepest = max(deepest, depth(f.SelectionSet, seen))
					delete(seen, name)
				}
			}
		}
		return deepest
	}
	for _, op := range ops {
		if operation == "" || (op.Name != nil && op.Name.Value == operation) {
			d.depth = max(d.depth, depth(op.SelectionSet, map[string]bool{}))
			if op.Operation == ast.OperationTypeMutation {
				d.isMutation = true
			}
		}
	}
	return d, nil
}

// check reports the first limit d breaks, or nil.
func (d *document) check(l Limits) error {
	if l.MaxDepth > 0 && d.depth > l.MaxDepth {
		return fmt.Errorf("query is %d levels deep; at most %d are allowed", d.depth, l.MaxDepth)
	}
	if l.MaxAliases > 0 && d.aliases > l.MaxAliases {
		return fmt.Errorf("query has %d aliases; at most %d are allowed", d.aliases, l.MaxAliases)
	}
	return nil
}
