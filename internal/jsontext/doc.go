// Package jsontext writes JSON string literals exactly as encoding/json
// writes them, into a byte slice and without reflection, for the encoders
// that build JSON by hand on hot paths: GraphQL answers (package schema)
// and JSON-LD exports (package graph).
package jsontext
