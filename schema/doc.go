// Package schema is kg's GraphQL API: the schema (built once, with
// github.com/graphql-go/graphql), its resolvers, which call package queries,
// and Execute, which runs one request against it.
package schema
