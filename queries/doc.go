// Package queries answers relationship questions over a graph.Store: facts
// of each kind with their ends, sources and evidence resolved into plain Go
// values. The GraphQL resolvers (package schema) and the exporter share it.
package queries
