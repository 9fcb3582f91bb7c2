// Package graph is the foundation of kg: the data model (articles, entities,
// the three kinds of fact and the evidence behind them), the IRIs and
// vocabulary that name them, and the Store, the only code in kg that talks to
// Cayley.
//
// Every node has a stable IRI derived from what it is, so the same input gives
// the same IRI on every run and every machine. Facts are nodes of their own so
// they can carry more than two ends. Every quad written for an article carries
// that article's IRI as its label (its named graph): one article's
// contribution can be listed, replaced or deleted without touching the
// others, and a fact stated by two articles is one node with evidence from
// both.
//
// A Store opened with Options.Index also keeps every quad in memory (see
// index.go) and answers reads from there: Cayley stays the store of record,
// written first, and the index follows each committed write.
package graph
