package schema

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kg/third_party/graphiql"
)

var testExamples = []Example{
	{Name: "Who holds which office", Query: "query Roles { roles { person { name } role } }"},
	{Name: "Stances </script> on issues", Query: "query Positions { positions { party { name } stance } }"},
}

// get runs one request through h and returns the recorded response.
func get(t *testing.T, h http.Handler, method, target string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t *testing.T, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	attrURL     = regexp.MustCompile(`(?i)\b(src|href)\s*=\s*"([^"]*)"`)
	configBlock = regexp.MustCompile(`(?s)<script id="kg-playground-config" type="application/json">(.*?)</script>`)
)

// TestPlaygroundPageAndAssets loads the page and every URL it references, as
// a browser would, and checks nothing comes from another origin.
func TestPlaygroundPageAndAssets(t *testing.T) {
	h := Playground("/graphql", testExamples)
	res := get(t, h, "GET", "/", nil)
	page := string(readBody(t, res))
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("page: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for k, want := range map[string]string{"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"} {
		if got := res.Header.Get(k); got != want {
			t.Errorf("page %s = %q, want %q", k, got, want)
		}
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self';"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if m := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9]`).FindString(page); m != "" {
		t.Errorf("page has an absolute or protocol-relative URL (%q):\n%s", m, page)
	}
	if strings.Contains(strings.ToLower(page), "<script>") {
		t.Error("page has an inline script, which its CSP forbids")
	}

	base, _ := url.Parse("http://playground.test/")
	var scripts, styles []string
	for _, m := range attrURL.FindAllStringSubmatch(page, -1) {
		attr, ref := strings.ToLower(m[1]), m[2]
		if ref == "data:," { // the empty favicon
			continue
		}
		u, err := url.Parse(ref)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "/") {
			t.Errorf("%s=%q is not a relative URL", attr, ref)
			continue
		}
		abs := base.ResolveReference(u)
		res := get(t, h, "GET", abs.RequestURI(), nil)
		body := readBody(t, res)
		file := strings.TrimPrefix(abs.Path, "/assets/")
		wantType := "text/javascript; charset=utf-8"
		if attr == "href" {
			wantType = "text/css; charset=utf-8"
			styles = append(styles, file)
		} else {
			scripts = append(scripts, file)
		}
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != wantType || len(body) == 0 {
			t.Errorf("%s: %d %q, %d bytes; want 200 %q", ref, res.StatusCode, res.Header.Get("Content-Type"), len(body), wantType)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q, want immutable (the URL carries the content hash)", ref, cc)
		}
		if want, err := graphiql.FS.ReadFile(file); err == nil && !bytes.Equal(body, want) {
			t.Errorf("%s: body differs from the vendored file", ref)
		}
	}
	wantScripts := append(append([]string{}, graphiql.Scripts...), "playground.js")
	if strings.Join(scripts, " ") != strings.Join(wantScripts, " ") {
		t.Errorf("scripts %v, want in order %v", scripts, wantScripts)
	}
	if strings.Join(styles, " ") != strings.Join(graphiql.Styles, " ") {
		t.Errorf("styles %v, want %v", styles, graphiql.Styles)
	}
}

func TestPlaygroundConfig(t *testing.T) {
	decode := func(h http.Handler) (cfg struct {
		Endpoint     string
		Tabs         []struct{ Query string }
		DefaultQuery string
	}) {
		page := readBody(t, get(t, h, "GET", "/", nil))
		m := configBlock.FindSubmatch(page)
		if m == nil {
			t.Fatalf("no config block in\n%s", page)
		}
		if err := json.Unmarshal(m[1], &cfg); err != nil {
			t.Fatalf("config block %s: %v", m[1], err)
		}
		return cfg
	}
	cfg := decode(Playground("/graphql", testExamples))
	if cfg.Endpoint != "/graphql" || len(cfg.Tabs) != 2 {
		t.Fatalf("config %+v", cfg)
	}
	if want := "# Who holds which office\nquery Roles { roles { person { name } role } }"; cfg.Tabs[0].Query != want {
		t.Errorf("tab 0 %q, want %q", cfg.Tabs[0].Query, want)
	}
	if !strings.HasPrefix(cfg.Tabs[1].Query, "# Stances </script> on issues\n") {
		t.Errorf("tab 1 %q", cfg.Tabs[1].Query)
	}

	cfg = decode(Playground("http://127.0.0.1:9/graphql", nil))
	if len(cfg.Tabs) != 0 || !strings.HasPrefix(cfg.DefaultQuery, "#") {
		t.Errorf("no examples: config %+v, want no tabs and a comment as the default query", cfg)
	}
	csp := get(t, Playground("http://127.0.0.1:9/graphql", nil), "GET", "/", nil).Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "connect-src 'self' http://127.0.0.1:9;") {
		t.Errorf("CSP %q does not allow the endpoint's origin", csp)
	}
}

func TestPlaygroundRequests(t *testing.T) {
	h := Playground("/graphql", nil)
	js := "/assets/" + graphiql.Scripts[len(graphiql.Scripts)-1]
	want, _ := graphiql.FS.ReadFile(graphiql.Scripts[len(graphiql.Scripts)-1])

	t.Run("gzip when accepted", func(t *testing.T) {
		res := get(t, h, "GET", js, http.Header{"Accept-Encoding": {"br, gzip"}})
		if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Vary") != "Accept-Encoding" {
			t.Fatalf("headers %v", res.Header)
		}
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("gunzipped body differs (err %v)", err)
		}
	})
	t.Run("identity otherwise", func(t *testing.T) {
		res := get(t, h, "GET", js, http.Header{"Accept-Encoding": {"gzip;q=0"}})
		if res.Header.Get("Content-Encoding") != "" || !bytes.Equal(readBody(t, res), want) {
			t.Errorf("want the plain body, got Content-Encoding %q", res.Header.Get("Content-Encoding"))
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("unversioned asset Cache-Control %q, want no-cache", cc)
		}
	})
	t.Run("ETag revalidation", func(t *testing.T) {
		etag := get(t, h, "GET", js, nil).Header.Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		if res := get(t, h, "GET", js, http.Header{"If-None-Match": {etag}}); res.StatusCode != 304 {
			t.Errorf("If-None-Match: %d, want 304", res.StatusCode)
		}
	})
	for _, tc := range []struct {
		method, target string
		status         int
		ctype          string
	}{
		{"HEAD", "/", 200, "text/html; charset=utf-8"},
		{"GET", "/assets/graphiql/LICENSE", 200, "text/plain; charset=utf-8"},
		{"GET", "/assets/react/package.json", 200, "application/json"},
		{"GET", "/assets/graphiql/graphiql.min.js.map", 404, ""},
		{"GET", "/assets/../embed.go", 404, ""},
		{"GET", "/index.html", 404, ""},
		{"GET", "/graphql", 404, ""},
		{"POST", "/", 405, ""},
	} {
		res := get(t, h, tc.method, tc.target, nil)
		if res.StatusCode != tc.status || tc.ctype != "" && res.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s %s: %d %q, want %d %q", tc.method, tc.target, res.StatusCode, res.Header.Get("Content-Type"), tc.status, tc.ctype)
		}
	}
}

// TestPlaygroundUnderPrefix mounts the handler below /play/ on a real server
// and follows the page's relative asset URLs.
func TestPlaygroundUnderPrefix(t *testing.T) {
	for _, strip := range []string{"/play", "/play/"} {
		mux := http.NewServeMux()
		mux.Handle("/play/", http.StripPrefix(strip, Playground("/graphql", testExamples)))
		srv := httptest.NewServer(mux)
		res, err := srv.Client().Get(srv.URL + "/play")
		if err != nil {
			t.Fatal(err)
		}
		page := readBody(t, res)
		if res.StatusCode != 200 || res.Request.URL.Path != "/play/" {
			t.Errorf("strip %q: GET /play ended at %s with %d", strip, res.Request.URL.Path, res.StatusCode)
		}
		for _, m := range attrURL.FindAllSubmatch(page, -1) {
			if string(m[2]) == "data:," {
				continue
			}
			ref, _ := url.Parse(string(m[2]))
			u := res.Request.URL.ResolveReference(ref)
			ares, err := srv.Client().Get(u.String())
			if err != nil {
				t.Fatal(err)
			}
			ares.Body.Close()
			if ares.StatusCode != 200 {
				t.Errorf("strip %q: %s: %d", strip, u.Path, ares.StatusCode)
			}
		}
		srv.Close()
	}

	// Called with an already stripped, slash-less path, the handler sends the
	// browser to the URL it was asked for plus a slash.
	req := httptest.NewRequest("GET", "/play?x=1", nil)
	req.URL.Path = ""
	rec := httptest.NewRecorder()
	Playground("/graphql", nil).ServeHTTP(rec, req)
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/play/?x=1" {
		t.Errorf("slash-less: %d to %q, want 301 to /play/?x=1", rec.Code, rec.Header().Get("Location"))
	}
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"": false, "gzip": true, "GZIP": true, "deflate, gzip;q=0.5": true, "br": false,
		"gzip;q=0": false, "gzip; q=0.000": false, "*": true, "gzip;q=0.001": true, "x-gzip": false,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}
