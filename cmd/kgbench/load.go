package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"kg/graph"
)

// targets are the query arguments, picked at random (seeded) from what the
// store holds, so the load is spread over many keys rather than one.
type targets struct {
	PersonNames []string // people (for search and roles)
	PartyNames  []string // people and organisations that take positions
	EntityIRIs  []string // people, organisations and places (neighbours, export)
	PersonIRIs  []string // people (path ends)
	Dates       []string // article dates, YYYY-MM-DD (event ranges)
}

// pickTargets reads the store and picks up to n arguments of each kind.
func pickTargets(ctx context.Context, s *graph.Store, seed uint64, n int) (targets, error) {
	r := rand.New(rand.NewPCG(seed, 0x7a))
	var t targets
	sample := func(class string) ([]string, error) {
		ids, err := s.OfClass(ctx, class)
		if err != nil {
			return nil, err
		}
		r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		return ids[:min(n, len(ids))], nil
	}
	name := func(id string) (string, error) {
		nd, _, err := s.Node(ctx, id)
		return nd.Str(graph.PredName), err
	}
	people, err := sample(graph.ClassPerson)
	if err != nil {
		return t, err
	}
	orgs, err := sample(graph.ClassOrganization)
	if err != nil {
		return t, err
	}
	places, err := sample(graph.ClassPlace)
	if err != nil {
		return t, err
	}
	for _, id := range people {
		nm, err := name(id)
		if err != nil {
			return t, err
		}
		t.PersonNames = append(t.PersonNames, nm)
		t.PartyNames = append(t.PartyNames, nm)
	}
	for _, id := range orgs {
		nm, err := name(id)
		if err != nil {
			return t, err
		}
		t.PartyNames = append(t.PartyNames, nm)
	}
	t.PersonIRIs = people
	t.EntityIRIs = slices.Concat(people, orgs, places)
	arts, err := s.OfClass(ctx, graph.ClassArticle)
	if err != nil {
		return t, err
	}
	r.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	for _, id := range arts[:min(n, len(arts))] {
		nd, _, err := s.Node(ctx, id)
		if err != nil {
			return t, err
		}
		if d := nd.Str(graph.PredDatePublished); len(d) >= 10 {
			t.Dates = append(t.Dates, d[:10])
		}
	}
	if len(t.PersonNames) == 0 || len(t.EntityIRIs) == 0 || len(t.Dates) == 0 {
		return t, fmt.Errorf("the store holds too little to query (people %d, entities %d, dated articles %d)",
			len(t.PersonNames), len(t.EntityIRIs), len(t.Dates))
	}
	return t, nil
}

// request is one HTTP request to make.
type request struct {
	method, path string
	body         []byte
}

// querySpec is one kind of query of the load test.
type querySpec struct {
	Name   string // short name used in tables and JSON
	Target string // the target for its p99, in ms (0: none)
	make   func(r *rand.Rand, t *targets) request
}

func gql(query string, vars map[string]any) request {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return request{method: http.MethodPost, path: "/graphql", body: b}
}

// searchText is what a user types: a whole name, a surname, or the first
// letters of a name.
func searchText(r *rand.Rand, name string) string {
	switch r.IntN(3) {
	case 0:
		return name
	case 1:
		if f := strings.Fields(name); len(f) > 1 {
			return f[len(f)-1]
		}
		return name
	default:
		return name[:min(len(name), 5)]
	}
}

// eventRange is a month-long range starting at a random article date.
func eventRange(r *rand.Rand, dates []string) (string, string) {
	from, err := time.Parse("2006-01-02", pickOf(r, dates))
	if err != nil {
		return "2024-01-01", "2024-01-31"
	}
	return from.Format("2006-01-02"), from.AddDate(0, 0, 30).Format("2006-01-02")
}

func pickOf[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

var querySpecs = []querySpec{
	{Name: "search", Target: "20", make: func(r *rand.Rand, t *targets) request {
		return gql(`query($t: String!) { search(text: $t, first: 10) { totalCount edges { score node { id name type } } } }`,
			map[string]any{"t": searchText(r, pickOf(r, t.PersonNames))})
	}},
	{Name: "roles", Target: "20", make: func(r *rand.Rand, t *targets) request {
		return gql(`query($p: String) { roles(person: $p, first: 100) { id role person { name } organization { name } sources { file date } } }`,
			map[string]any{"p": pickOf(r, t.PersonNames)})
	}},
	{Name: "positions", make: func(r *rand.Rand, t *targets) request {
		return gql(`query($p: String) { positions(party: $p, first: 100) { id stance party { name } issue { name } sources { file date } } }`,
			map[string]any{"p": pickOf(r, t.PartyNames)})
	}},
	{Name: "events", make: func(r *rand.Rand, t *targets) request {
		from, to := eventRange(r, t.Dates)
		return gql(`query($f: String, $t: String) { events(from: $f, to: $t, first: 100) { id name date place { name } sources { file } } }`,
			map[string]any{"f": from, "t": to})
	}},
	{Name: "neighbors2", Target: "50", make: func(r *rand.Rand, t *targets) request {
		return gql(`query($id: ID!) { neighbors(id: $id, hops: 2) { nodes { id name type } edges { from to kind label } } }`,
			map[string]any{"id": pickOf(r, t.EntityIRIs)})
	}},
	{Name: "path4", Target: "200", make: func(r *rand.Rand, t *targets) request {
		return gql(`query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 4) { length nodes { id name } edges { kind label } } }`,
			map[string]any{"a": pickOf(r, t.PersonIRIs), "b": pickOf(r, t.PersonIRIs)})
	}},
	{Name: "export1", Target: "50", make: func(r *rand.Rand, t *targets) request {
		return request{method: http.MethodGet, path: "/export?hops=1&entity=" + url.QueryEscape(pickOf(r, t.EntityIRIs))}
	}},
	// The same entities' whole one-hop subgraphs, in one answer each
	// rather than the first page: what a client pays for all of it.
	{Name: "export1all", make: func(r *rand.Rand, t *targets) request {
		return request{method: http.MethodGet, path: "/export?hops=1&first=0&entity=" + url.QueryEscape(pickOf(r, t.EntityIRIs))}
	}},
}

// loadResult is the outcome of one query kind's load test.
type loadResult struct {
	Query    string  `json:"query"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	Seconds  float64 `json:"seconds"`
	QPS      float64 `json:"qps"`
	FirstMS  float64 `json:"firstMs"` // the first request, alone (cold caches)
	P50MS    float64 `json:"p50Ms"`
	P95MS    float64 `json:"p95Ms"`
	P99MS    float64 `json:"p99Ms"`
	MaxMS    float64 `json:"maxMs"`
	// MeanKB and MaxKB are the sizes of the answers: what a query costs
	// grows with how much it returns.
	MeanKB   float64 `json:"meanKB"`
	MaxKB    float64 `json:"maxKB"`
	FirstErr string  `json:"firstError,omitempty"`
}

// maxRequestsPerClient bounds each client's loop besides the time limit.
const maxRequestsPerClient = 1_000_000

// do sends one request and reports its latency and whether it succeeded.
func do(client *http.Client, base string, rq request) (time.Duration, error) {
	d, _, err := doSized(client, base, rq)
	return d, err
}

// doSized is do that also reports the answer's size in bytes.
func doSized(client *http.Client, base string, rq request) (time.Duration, int, error) {
	var body io.Reader
	if rq.body != nil {
		body = bytes.NewReader(rq.body)
	}
	req, err := http.NewRequest(rq.method, base+rq.path, body)
	if err != nil {
		return 0, 0, err
	}
	if rq.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return time.Since(start), 0, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return d, len(b), err
	}
	if resp.StatusCode != http.StatusOK {
		return d, len(b), fmt.Errorf("status %d: %.200s", resp.StatusCode, b)
	}
	if rq.path == "/graphql" && bytes.Contains(b, []byte(`"errors"`)) {
		return d, len(b), fmt.Errorf("graphql errors: %.200s", b)
	}
	return d, len(b), nil
}

// runLoad sends queries of one kind from clients goroutines for dur, each
// client drawing its arguments from its own seeded generator.
func runLoad(base string, spec querySpec, t *targets, clients int, dur time.Duration, seed uint64) loadResult {
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{
		MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2, IdleConnTimeout: 30 * time.Second}}
	defer client.CloseIdleConnections()
	res := loadResult{Query: spec.Name}
	// one request alone first: how long a cold query takes (index build)
	first, err := do(client, base, spec.make(rand.New(rand.NewPCG(seed, 0)), t))
	res.FirstMS = ms(first)
	if err != nil {
		res.FirstErr = err.Error()
	}
	var (
		mu     sync.Mutex
		lats   []time.Duration
		wg     sync.WaitGroup
		bytes  int
		maxLen int
	)
	start := time.Now()
	deadline := start.Add(dur)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(c)+1))
			var mine []time.Duration
			errs, firstErr, size, biggest := 0, "", 0, 0
			for i := 0; i < maxRequestsPerClient && time.Now().Before(deadline); i++ {
				d, n, err := doSized(client, base, spec.make(r, t))
				mine = append(mine, d)
				size += n
				biggest = max(biggest, n)
				if err != nil {
					errs++
					if firstErr == "" {
						firstErr = err.Error()
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			lats = append(lats, mine...)
			bytes += size
			maxLen = max(maxLen, biggest)
			res.Errors += errs
			if res.FirstErr == "" {
				res.FirstErr = firstErr
			}
		}()
	}
	wg.Wait()
	res.Seconds = time.Since(start).Seconds()
	res.Requests = len(lats)
	res.QPS = float64(len(lats)) / res.Seconds
	slices.Sort(lats)
	res.P50MS, res.P95MS, res.P99MS = ms(percentile(lats, 50)), ms(percentile(lats, 95)), ms(percentile(lats, 99))
	if len(lats) > 0 {
		res.MaxMS = ms(lats[len(lats)-1])
		res.MeanKB = float64(bytes) / float64(len(lats)) / 1024
	}
	res.MaxKB = float64(maxLen) / 1024
	return res
}

// percentile is the nearest-rank p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
