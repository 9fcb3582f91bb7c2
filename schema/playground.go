package schema

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"kg/third_party/graphiql"
)

// Example is a query the playground opens with, in an editor tab of its own.
type Example struct {
	// Name is put above the query as a comment line ("# Name", runs of
	// white space made one space); empty for none. GraphiQL titles a tab
	// with the query's operation name, so give the query one
	// (query WhoHoldsOffice { … }) to tell the tabs apart.
	Name string
	// Query is the GraphQL document shown in the tab.
	Query string
}

// Playground returns a handler serving the GraphiQL playground (GraphiQL
// 4.1.2 with React 18, vendored unmodified in kg/third_party/graphiql and
// embedded in the binary), which sends every query to endpoint. Nothing is
// loaded from any other origin: the page references only its own assets.
//
// Paths, as the handler sees them in r.URL.Path:
//
//	/                     the HTML page (also "" — see below)
//	/assets/playground.js the small script that starts GraphiQL
//	/assets/<file>        each file of graphiql.FS, e.g. /assets/graphiql/graphiql.min.js
//
// Anything else is 404, and methods other than GET and HEAD are 405. The page
// refers to its assets by relative URLs ("assets/…"), which the browser
// resolves against the page's own URL, so the handler works mounted at the
// root of a server (mux.Handle("/", h)) or under a prefix ending in a slash
// with the prefix stripped (mux.Handle("/play/", http.StripPrefix("/play", h));
// stripping "/play/" works too, as paths are taken to start with a slash). A
// request for the page's URL without its final slash ("" after stripping) is
// redirected to the URL with the slash, so that the relative URLs resolve.
//
// endpoint is the URL the playground POSTs to, with a JSON body
// {"query", "variables", "operationName"} and Content-Type application/json,
// plus any headers typed in GraphiQL's headers editor; the browser resolves it
// against the page's URL, so "/graphql" means that path on the same server.
// The response must be the GraphQL JSON answer ({"data", "errors"}); a body
// that is not JSON is shown as an error naming the HTTP status. An absolute
// http(s) endpoint on another origin is allowed by the page's
// Content-Security-Policy, but that server must allow the cross-origin request.
//
// The playground opens with one tab per example, in order (the first active);
// with no examples it opens one tab with a short comment. GraphiQL keeps the
// user's tabs in the browser's localStorage and restores them instead on the
// next visit.
//
// Headers: the page is text/html with Cache-Control: no-cache, an ETag, and a
// Content-Security-Policy allowing scripts and styles from the same origin
// only (plus inline styles, which GraphiQL sets, and data: fonts and images)
// and connections to the same origin and endpoint's. Assets have their type
// by extension (.js text/javascript, .css text/css, others text/plain, each
// with charset=utf-8; .json application/json), an ETag, and gzip when the
// client accepts it (compressed on first demand, then kept). The page asks for
// each asset with ?v=<hash of its content>; such a request is cacheable for a
// year (immutable), any other with revalidation (no-cache). Every response has
// X-Content-Type-Options: nosniff.
func Playground(endpoint string, examples []Example) http.Handler {
	as := loadPlaygroundAssets()
	cfg := playgroundConfig{Endpoint: endpoint, Tabs: []playgroundTab{}}
	for _, ex := range examples {
		q := ex.Query
		if name := strings.Join(strings.Fields(ex.Name), " "); name != "" {
			q = "# " + name + "\n" + q
		}
		cfg.Tabs = append(cfg.Tabs, playgroundTab{Query: q})
	}
	if len(cfg.Tabs) == 0 {
		cfg.DefaultQuery = "# kg's GraphQL playground: type a query and run it with Ctrl-Enter.\n"
	}
	var buf bytes.Buffer
	err := playgroundPage.Execute(&buf, map[string]any{
		"Config":  cfg,
		"Styles":  as.urls(graphiql.Styles),
		"Scripts": as.urls(append(append([]string{}, graphiql.Scripts...), playgroundScriptPath)),
	})
	if err != nil {
		panic("schema: playground page: " + err.Error()) // the template and its data are fixed
	}
	page := newPlaygroundAsset(buf.Bytes(), "text/html; charset=utf-8", false)

	connect := "'self'"
	if u, err := url.Parse(endpoint); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		connect += " " + u.Scheme + "://" + u.Host
	}
	csp := "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
		"font-src 'self' data:; img-src 'self' data:; connect-src " + connect + "; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		p := r.URL.Path
		if p == "" && !strings.HasSuffix(requestPath(r), "/") {
			target := requestPath(r) + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // stripped of a prefix that ended in a slash
		}
		switch {
		case p == "/":
			w.Header().Set("Content-Security-Policy", csp)
			w.Header().Set("Referrer-Policy", "same-origin")
			page.serve(w, r, false)
		case strings.HasPrefix(p, "/assets/"):
			a, ok := as.files[strings.TrimPrefix(p, "/assets/")]
			if !ok {
				http.NotFound(w, r)
				return
			}
			a.serve(w, r, r.URL.Query().Get("v") == a.hash)
		default:
			http.NotFound(w, r)
		}
	})
}

// requestPath is the path the client asked for, before any StripPrefix.
func requestPath(r *http.Request) string {
	if u, err := url.ParseRequestURI(r.RequestURI); err == nil && u.Path != "" {
		return u.Path
	}
	return r.URL.Path
}

type playgroundConfig struct {
	Endpoint     string          `json:"endpoint"`
	Tabs         []playgroundTab `json:"tabs"`
	DefaultQuery string          `json:"defaultQuery,omitempty"`
}

// playgroundTab is a GraphiQL TabDefinition.
type playgroundTab struct {
	Query string `json:"query"`
}

// playgroundPage is the HTML page. The configuration goes in a JSON data
// block (html/template marshals and escapes it); playground.js reads it, so
// the page has no inline script and the CSP can forbid them.
var playgroundPage = template.Must(template.New("playground").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg GraphQL playground</title>
<link rel="icon" href="data:,">
{{range .Styles}}<link rel="stylesheet" href="{{.}}">
{{end}}<style>html, body { height: 100%; margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL playground…</div>
<noscript>The GraphQL playground needs JavaScript.</noscript>
<script id="kg-playground-config" type="application/json">{{.Config}}</script>
{{range .Scripts}}<script src="{{.}}"></script>
{{end}}</body>
</html>
`))

const playgroundScriptPath = "playground.js"

// playgroundScript starts GraphiQL with the page's configuration and a
// fetcher that POSTs {query, variables, operationName} as JSON.
const playgroundScript = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('kg-playground-config').textContent);
  var endpoint = new URL(config.endpoint, document.baseURI).href;

  function fetcher(params, opts) {
    var headers = Object.assign(
      { 'Accept': 'application/json', 'Content-Type': 'application/json' },
      (opts && opts.headers) || {});
    return fetch(endpoint, {
      method: 'POST',
      headers: headers,
      credentials: 'same-origin',
      body: JSON.stringify({
        query: params.query,
        variables: params.variables,
        operationName: params.operationName
      })
    }).then(function (res) {
      return res.text().then(function (text) {
        try {
          return JSON.parse(text);
        } catch (e) {
          return { errors: [{ message: 'HTTP ' + res.status + ': ' + text }] };
        }
      });
    });
  }

  var props = { fetcher: fetcher, defaultEditorToolsVisibility: true };
  if (config.tabs.length > 0) {
    props.defaultTabs = config.tabs;
  } else {
    props.defaultQuery = config.defaultQuery;
  }
  ReactDOM.createRoot(document.getElementById('graphiql'))
    .render(React.createElement(GraphiQL, props));
})();
`

// playgroundAsset is one response body, ready to serve.
type playgroundAsset struct {
	body        []byte
	contentType string
	hash        string // first 16 hex digits of the body's SHA-256
	compress    bool   // whether to offer gzip

	gzipOnce sync.Once
	gzipped  []byte // body gzipped on first demand; nil if that is no smaller
}

func newPlaygroundAsset(body []byte, contentType string, compress bool) *playgroundAsset {
	sum := sha256.Sum256(body)
	return &playgroundAsset{body: body, contentType: contentType, hash: hex.EncodeToString(sum[:8]),
		compress: compress && len(body) > 1024}
}

// gzipBody is the body gzipped, or nil when gzip makes it no smaller. The
// first call compresses (about 0.1 s for GraphiQL's script); later calls
// reuse the result.
func (a *playgroundAsset) gzipBody() []byte {
	a.gzipOnce.Do(func() {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(a.body) // writes to a bytes.Buffer do not fail
		zw.Close()
		if buf.Len() < len(a.body) {
			a.gzipped = buf.Bytes()
		}
	})
	return a.gzipped
}

// serve writes the asset, honouring If-None-Match, Range and HEAD (through
// http.ServeContent) and Accept-Encoding: gzip.
func (a *playgroundAsset) serve(w http.ResponseWriter, r *http.Request, immutable bool) {
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	if immutable {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	body, etag := a.body, `"`+a.hash+`"`
	if a.compress {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			if gz := a.gzipBody(); gz != nil {
				body, etag = gz, `"`+a.hash+`-gzip"`
				h.Set("Content-Encoding", "gzip")
			}
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reports whether an Accept-Encoding header value lists gzip
// (or *) without q=0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		return !(q == "q=0" || strings.HasPrefix(q, "q=0.") && strings.Trim(q[4:], "0") == "")
	}
	return false
}

type playgroundAssets struct {
	files map[string]*playgroundAsset // by path under /assets/
}

// urls gives the page's relative URL, with the content hash, of each asset.
func (as *playgroundAssets) urls(paths []string) []string {
	var out []string
	for _, p := range paths {
		a, ok := as.files[p]
		if !ok {
			panic("schema: playground asset missing: " + p)
		}
		out = append(out, "assets/"+p+"?v="+a.hash)
	}
	return out
}

var loadPlaygroundAssets = sync.OnceValue(func() *playgroundAssets {
	as := &playgroundAssets{files: map[string]*playgroundAsset{
		playgroundScriptPath: newPlaygroundAsset([]byte(playgroundScript), "text/javascript; charset=utf-8", true),
	}}
	err := fs.WalkDir(graphiql.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := graphiql.FS.ReadFile(p)
		if err != nil {
			return err
		}
		as.files[p] = newPlaygroundAsset(body, playgroundContentType(p), true)
		return nil
	})
	if err != nil {
		panic("schema: reading embedded playground assets: " + err.Error())
	}
	return as
})

func playgroundContentType(p string) string {
	switch path.Ext(p) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json"
	case ".html":
		return "text/html; charset=utf-8"
	}
	return "text/plain; charset=utf-8"
}
