package schema

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Limits bound what one HTTP request may ask. Zero values mean no bound.
// (The page size bound is the Schema's Options.MaxPage.)
type Limits struct {
	MaxDepth   int           // nesting of fields, fragments expanded
	MaxAliases int           // aliased fields in the document
	MaxBody    int64         // bytes of the request body
	Timeout    time.Duration // time for the whole request; the context passed to the store ends then
}

// DefaultLimits are the limits kg serve starts with. A depth of 15 is enough
// for GraphiQL's introspection query.
var DefaultLimits = Limits{MaxDepth: 15, MaxAliases: 30, MaxBody: 1 << 20, Timeout: 30 * time.Second}

// DefaultMaxPage is the bound on `first` that kg serve starts with.
const DefaultMaxPage = 1000

// ServerOptions configure NewHandler.
type ServerOptions struct {
	Limits   Limits
	Token    string    // when set, mutations need "Authorization: Bearer <Token>"
	Examples []Example // queries the playground opens with
	Log      *log.Logger
	// Registry, when set, is where the handler's metrics are registered;
	// otherwise a registry of its own.
	Registry *prometheus.Registry
	// MaxExportNodes bounds the subgraphs of /export; 0 for no bound.
	MaxExportNodes int
	// MaxConcurrent bounds the GraphQL requests and exports answered at
	// once; the others wait their turn in order of arrival, within the
	// time limit (see gate). 0 for no bound. A store held in memory is
	// best served with one per core; a store read over the network
	// spends most of a request waiting, and needs more or none.
	MaxConcurrent int
}

// DefaultMaxConcurrent is the MaxConcurrent kg serve starts with: one
// request per core (GOMAXPROCS) on a store held in memory, where answering
// is all CPU work; no bound on one read from disk or over the network.
func DefaultMaxConcurrent(inMemory bool) int {
	if !inMemory {
		return 0
	}
	return runtime.GOMAXPROCS(0)
}

// server is the HTTP face of a Schema.
type server struct {
	s   *Schema
	o   ServerOptions
	log *log.Logger

	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	gqlErrs  prometheus.Counter

	parsed preparedCache[parsed] // documents measured for the limits, by text and operation
	gate   *gate                 // nil when MaxConcurrent is 0
}

type parsed struct {
	doc *document
	err error
}

// NewHandler returns kg's HTTP handler:
//
//	/graphql   POST a JSON body {"query", "variables", "operationName"}, or GET
//	           with the same as URL parameters (queries only, not mutations)
//	/healthz   200 "ok" while the store answers
//	/metrics   Prometheus metrics: requests, latency, errors, store size
//	/export    GET ?entity=NAME|IRI&hops=N&kinds=…&from=…&to=…: the subgraph around
//	           an entity as JSON-LD, or N-Quads by format=nquads or Accept
//	/id/…      GET: the one-hop JSON-LD of the node with that IRI (see graph.Base)
//	/context.jsonld  the JSON-LD context of every export
//	/          the GraphiQL playground, from assets embedded in the binary
//
// Answers are GraphQL JSON. The status is 200 when the request ran (its
// answer may still hold errors of single fields), 400 for a malformed
// request, a query that does not validate or breaks a limit, 401 for a
// mutation without the token, 405 for other methods, 413 for a body over
// the limit, 504 when the time ran out. A panic while answering becomes an
// error for that request and a log line.
func NewHandler(s *Schema, o ServerOptions) http.Handler {
	_, h := newServer(s, o)
	return h
}

// newServer is NewHandler that also returns the server behind the handler.
func newServer(s *Schema, o ServerOptions) (*server, http.Handler) {
	srv := &server{s: s, o: o, log: o.Log, gate: newGate(o.MaxConcurrent)}
	if srv.log == nil {
		srv.log = log.Default()
	}
	reg := o.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	srv.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kg_http_requests_total", Help: "HTTP requests by path and status code.",
	}, []string{"path", "code"})
	srv.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "kg_http_request_duration_seconds", Help: "Time to answer HTTP requests, by path.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"path"})
	srv.gqlErrs = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "kg_graphql_errors_total", Help: "GraphQL requests whose answer held errors.",
	})
	quads := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "kg_store_quads", Help: "Quads in the store.",
	}, func() float64 {
		st, err := s.svc.Store().Stats(context.Background())
		if err != nil {
			return -1
		}
		return float64(st.Quads)
	})
	reg.MustRegister(srv.requests, srv.latency, srv.gqlErrs, quads)

	mux := http.NewServeMux()
	mux.Handle("/graphql", srv.instrument("/graphql", http.HandlerFunc(srv.graphql)))
	mux.Handle("/healthz", srv.instrument("/healthz", http.HandlerFunc(srv.healthz)))
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.Handle("/export", srv.instrument("/export", srv.inTurn(http.HandlerFunc(srv.exportHandler))))
	mux.Handle("/id/", srv.instrument("/id/", srv.inTurn(http.HandlerFunc(srv.nodeHandler))))
	mux.Handle("/context.jsonld", srv.instrument("/context.jsonld", http.HandlerFunc(contextHandler)))
	mux.Handle("/", srv.instrument("/", Playground("/graphql", o.Examples)))
	return srv, mux
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// instrument counts and times requests, and turns a panic into a 500 and a
// log line.
func (srv *server) instrument(path string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				srv.log.Printf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, p, debug.Stack())
				writeErrors(sw, http.StatusInternalServerError, "internal error: the request could not be answered")
			}
			srv.requests.WithLabelValues(path, strconv.Itoa(sw.code)).Inc()
			srv.latency.WithLabelValues(path).Observe(time.Since(start).Seconds())
		}()
		h.ServeHTTP(sw, r)
	})
}

func (srv *server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := srv.s.svc.Store().Stats(r.Context()); err != nil {
		http.Error(w, "store: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, "ok\n")
}

// request is a GraphQL request.
type request struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	if res, ok := v.(*graphql.Result); ok && writeAnswer(w, code, func(b []byte) ([]byte, bool) {
		b, err := appendResult(b, res)
		return b, err == nil
	}) {
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func writeErrors(w http.ResponseWriter, code int, msgs ...string) {
	errs := make([]gqlerrors.FormattedError, len(msgs))
	for i, m := range msgs {
		errs[i] = gqlerrors.FormattedError{Message: m}
	}
	writeJSON(w, code, map[string]any{"errors": errs})
}

func (srv *server) graphql(w http.ResponseWriter, r *http.Request) {
	var req request
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		req.Query, req.OperationName = q.Get("query"), q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				writeErrors(w, http.StatusBadRequest, "variables is not a JSON object: "+err.Error())
				return
			}
		}
	case http.MethodPost:
		body := r.Body
		if srv.o.Limits.MaxBody > 0 {
			body = http.MaxBytesReader(w, r.Body, srv.o.Limits.MaxBody)
		}
		raw, err := io.ReadAll(body)
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeErrors(w, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("request body is over the limit of %d bytes", srv.o.Limits.MaxBody))
			return
		}
		if err != nil {
			writeErrors(w, http.StatusBadRequest, "read request: "+err.Error())
			return
		}
		if strings.HasPrefix(r.Header.Get("Content-Type"), "application/graphql") {
			req.Query = string(raw)
		} else if err := json.Unmarshal(raw, &req); err != nil {
			writeErrors(w, http.StatusBadRequest, "request body is not a JSON object {query, variables, operationName}: "+err.Error())
			return
		}
	default:
		w.Header().Set("Allow", "GET, POST")
		writeErrors(w, http.StatusMethodNotAllowed, "use GET or POST")
		return
	}
	if strings.TrimSpace(req.Query) == "" {
		writeErrors(w, http.StatusBadRequest, "no query given")
		return
	}
	p := srv.parsed.get(req.OperationName+"\x00"+req.Query, func() parsed {
		d, err := parse(req.Query, req.OperationName)
		return parsed{d, err}
	})
	doc, err := p.doc, p.err
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": []gqlerrors.FormattedError{gqlerrors.FormatError(err)}})
		srv.gqlErrs.Inc()
		return
	}
	if err := doc.check(srv.o.Limits); err != nil {
		writeErrors(w, http.StatusBadRequest, err.Error())
		srv.gqlErrs.Inc()
		return
	}
	if doc.isMutation {
		if r.Method == http.MethodGet {
			writeErrors(w, http.StatusMethodNotAllowed, "mutations need POST")
			return
		}
		if srv.o.Token != "" && r.Header.Get("Authorization") != "Bearer "+srv.o.Token {
			writeErrors(w, http.StatusUnauthorized, "mutations need the header Authorization: Bearer <token>")
			return
		}
	}
	ctx, cancel := srv.withTimeout(r)
	defer cancel()
	if err := srv.gate.enter(ctx); err != nil {
		srv.busy(w, err)
		return
	}
	defer srv.gate.leave()
	if !doc.isMutation && srv.answerFast(ctx, w, req) {
		return
	}
	res := srv.execute(ctx, req)
	code := http.StatusOK
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		code = http.StatusGatewayTimeout
		res.Errors = append(res.Errors, gqlerrors.FormattedError{
			Message: fmt.Sprintf("the request took longer than %s and was stopped", srv.o.Limits.Timeout)})
	case res.HasErrors() && res.Data == nil:
		code = http.StatusBadRequest // did not validate
	}
	if res.HasErrors() {
		srv.gqlErrs.Inc()
	}
	writeJSON(w, code, res)
}

// inTurn runs h when the gate lets it; the wait counts against the time
// limit. (Requests without a body only: /graphql enters the gate itself
// once the body is read, so that a slow client does not hold a turn.)
func (srv *server) inTurn(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := srv.withTimeout(r)
		defer cancel()
		if err := srv.gate.enter(ctx); err != nil {
			srv.busy(w, err)
			return
		}
		defer srv.gate.leave()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// busy answers a request whose turn did not come: 504 when the time limit
// ran out while it waited, nothing when the client went away.
func (srv *server) busy(w http.ResponseWriter, err error) {
	if errors.Is(err, context.DeadlineExceeded) {
		writeErrors(w, http.StatusGatewayTimeout,
			fmt.Sprintf("the server was busy for longer than %s and the request was not answered", srv.o.Limits.Timeout))
	}
}

// answerFast answers a query through the schema's fast executor, and
// reports whether it did (see executeFast); when not, nothing was written.
func (srv *server) answerFast(ctx context.Context, w http.ResponseWriter, req request) bool {
	return writeAnswer(w, http.StatusOK, func(b []byte) ([]byte, bool) {
		return srv.s.executeFast(ctx, req.Query, req.Variables, req.OperationName, b)
	})
}

// execute runs a request, turning a panic in a resolver into an error.
func (srv *server) execute(ctx context.Context, req request) (res *graphql.Result) {
	defer func() {
		if p := recover(); p != nil {
			srv.log.Printf("panic answering GraphQL request: %v\n%s", p, debug.Stack())
			res = &graphql.Result{Errors: []gqlerrors.FormattedError{{Message: "internal error: the request could not be answered"}}}
		}
	}()
	return srv.s.Execute(ctx, req.Query, req.Variables, req.OperationName)
}

// withTimeout returns the request's context bounded by the time limit.
func (srv *server) withTimeout(r *http.Request) (context.Context, context.CancelFunc) {
	if srv.o.Limits.Timeout > 0 {
		return context.WithTimeout(r.Context(), srv.o.Limits.Timeout)
	}
	return context.WithCancel(r.Context())
}
