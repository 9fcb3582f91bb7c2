// Package ingest turns files into stored facts: it walks folders, reads
// articles (.txt, .md, .html, .json, .jsonl), strips web furniture, runs the
// extractor (package ingest/extract) and hands graph's model values to a
// graph.Store, one transaction per article. It never imports Cayley.
package ingest
