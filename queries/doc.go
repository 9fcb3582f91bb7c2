// Package queries answers relationship questions over a graph.Store: facts
// of each kind with their ends, sources and evidence resolved into plain Go
// values. The GraphQL resolvers (package schema) and the exporter share it.
//
// Two indexes are built from the store and rebuilt when its generation moves
// on: the entity index (names and aliases, for filters and search) and the
// fact graph (entities and events joined by facts) for neighbourhoods, paths
// and exports. On a store held in memory (graph.Options.Index) the fact
// graph also answers the fact lists' filters; on other stores those read
// their candidate facts from the store.
package queries
