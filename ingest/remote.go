package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"kg/graph"
)

// Remote is a Sink that sends articles to a running kg server, through its
// GraphQL endpoint: the server holds the store, extracts and stores. Files
// are still read and cleaned here.
type Remote struct {
	endpoint string // the server's /graphql URL
	token    string
	client   *http.Client
}

// NewRemote returns an Ingester that reads files here and stores their
// articles through the kg server at url (its base URL or its /graphql
// endpoint), sending token as a bearer token when not empty. It checks that
// the server answers.
func NewRemote(ctx context.Context, url, token string, o Options) (*Ingester, error) {
	base := strings.TrimSuffix(strings.TrimSuffix(url, "/"), "/graphql")
	r := &Remote{endpoint: base + "/graphql", token: token, client: &http.Client{Timeout: 2 * time.Minute}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
	if err != nil {
		return nil, graph.E(graph.Invalid, "connect", url, err)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, graph.E(graph.NotFound, "connect", url, fmt.Errorf("no kg server answers: %w", err))
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, graph.E(graph.Storage, "connect", url, fmt.Sprintf("server's health check answered %s", resp.Status))
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	return &Ingester{reader: Reader{MaxBytes: o.MaxBytes}, sink: r, opts: o}, nil
}

// gqlError is an error of a GraphQL answer.
type gqlError struct {
	Message string `json:"message"`
}

// do runs one GraphQL request and decodes its data into out.
func (r *Remote) do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.endpoint, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return graph.E(graph.Storage, "send", r.endpoint, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return graph.E(graph.Storage, "send", r.endpoint, err)
	}
	var answer struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		return graph.E(graph.Storage, "send", r.endpoint, fmt.Errorf("server answered %s: %.200s", resp.Status, raw))
	}
	if len(answer.Errors) > 0 {
		var msgs []string
		for _, e := range answer.Errors {
			msgs = append(msgs, e.Message)
		}
		return graph.E(graph.Storage, "server", r.endpoint, strings.Join(msgs, "; "))
	}
	return json.Unmarshal(answer.Data, out)
}

const ingestMutation = `mutation Ingest($input: ArticleInput!, $force: Boolean) {
  ingestArticle(input: $input, force: $force) { change extracted roles { id } positions { id } events { id } }
}`

// Store implements Sink by the server's ingestArticle mutation.
func (r *Remote) Store(ctx context.Context, a graph.Article, force bool) (Stored, error) {
	input := map[string]any{"file": a.File, "record": a.Record, "title": a.Title, "text": a.Text,
		"url": a.URL, "source": a.Source, "hash": a.Hash}
	if !a.Date.IsZero() {
		input["date"] = a.Date.Format("2006-01-02")
	}
	var out struct {
		IngestArticle struct {
			Change                   string
			Extracted                bool
			Roles, Positions, Events []struct{ ID string }
		}
	}
	if err := r.do(ctx, ingestMutation, map[string]any{"input": input, "force": force}, &out); err != nil {
		return Stored{}, err
	}
	res := out.IngestArticle
	st := Stored{Extracted: res.Extracted,
		Facts: FactCounts{Roles: len(res.Roles), Positions: len(res.Positions), Events: len(res.Events)}}
	switch res.Change {
	case "added":
		st.Change = graph.Added
	case "replaced":
		st.Change = graph.Replaced
	}
	return st, nil
}

// Prune implements Sink with the server's articles query and deleteArticle
// mutation.
func (r *Remote) Prune(ctx context.Context, file string, keep map[string]bool) (int, error) {
	var out struct {
		Articles struct{ Nodes []struct{ ID string } }
	}
	if err := r.do(ctx, `query Of($file: String) { articles(file: $file, first: 1000) { nodes { id } } }`,
		map[string]any{"file": file}, &out); err != nil {
		return 0, err
	}
	n := 0
	for _, a := range out.Articles.Nodes {
		if keep[a.ID] {
			continue
		}
		var del struct{ DeleteArticle bool }
		if err := r.do(ctx, `mutation Del($id: ID!) { deleteArticle(id: $id) }`, map[string]any{"id": a.ID}, &del); err != nil {
			return n, err
		}
		if del.DeleteArticle {
			n++
		}
	}
	return n, nil
}
