package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"kg/graph"
	"kg/queries"
)

// chromiumPath finds a Chromium to drive: Debian's /usr/bin/chromium, or one
// named chromium on PATH. It is "" when there is none.
func chromiumPath() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// browserSchema is the schema, as kg serve builds it, over a memory store
// holding two articles, each naming one Norwegian minister.
func browserSchema(t *testing.T) *Schema {
	t.Helper()
	s, err := graph.Open("memory:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	norway := graph.Entity{Type: graph.Place, Name: "Norway"}
	ev := func(sentence string) []graph.Evidence {
		return []graph.Evidence{{Sentence: sentence, End: len(sentence), Confidence: 0.9}}
	}
	for i, f := range []graph.Facts{{
		Article: graph.Article{File: "oslo.txt", Title: "Oslo talks", Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Text: "x"},
		Roles: []graph.Role{{Person: graph.Entity{Type: graph.Person, Name: "Ingrid Solberg"}, Title: "Prime Minister",
			Org: &norway, Evidence: ev("Prime Minister Ingrid Solberg opened the talks.")}},
	}, {
		Article: graph.Article{File: "bergen.txt", Title: "Bergen visit", Date: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC), Text: "x"},
		Roles: []graph.Role{{Person: graph.Entity{Type: graph.Person, Name: "Ivar Lunde"}, Title: "Foreign Minister",
			Org: &norway, Evidence: ev("Foreign Minister Ivar Lunde visited Bergen.")}},
	}} {
		if _, err := s.PutArticle(context.Background(), f); err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
	}
	sch, err := New(queries.New(s), Options{MaxPage: DefaultMaxPage})
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestPlaygroundInBrowser opens the playground, served by kg serve's handler
// (NewHandler) over a real schema and memory store, in headless Chromium; runs
// a query by clicking the run button; and checks the answer shown, the
// documentation explorer (filled by GraphiQL's introspection query, under the
// default limits), and that the page made no request to another origin and
// reported no error. It saves a screenshot, playground.png, in
// $KG_SCREENSHOT_DIR (default: the test's temporary directory).
func TestPlaygroundInBrowser(t *testing.T) {
	browser := chromiumPath()
	if browser == "" {
		t.Skip("no Chromium at /usr/bin/chromium or on PATH; install it with `apt-get install chromium` (Debian) to run the browser test")
	}
	sch := browserSchema(t)

	examples := []Example{
		{Name: "Who holds which office", Query: "query Offices {\n  roles { person { name } role organization { name } }\n}\n"},
		{Name: "Stances", Query: "query Stances {\n  positions { party { name } stance issue { name } }\n}\n"},
	}
	// kg serve's handler, with its default limits: the playground at /, the
	// GraphQL endpoint at /graphql.
	srv := httptest.NewServer(NewHandler(sch, ServerOptions{Limits: DefaultLimits, Examples: examples,
		Log: log.New(io.Discard, "", 0)}))
	defer srv.Close()
	origin, _ := url.Parse(srv.URL)

	chromeOut := &syncWriter{}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1600, 900),
		chromedp.CombinedOutput(chromeOut),
	)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()
	defer func() {
		if out := chromeOut.String(); t.Failed() && out != "" {
			t.Logf("chromium output:\n%s", out)
		}
	}()

	// Problems the page reports: exceptions, console errors, browser log
	// errors (CSP violations, failed loads) and any request that leaves the
	// test server. Listen starts the browser, without a deadline as chromedp
	// asks for its first call; the steps below run under one.
	var pmu sync.Mutex
	var problems []string
	problem := func(format string, args ...any) {
		pmu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		pmu.Unlock()
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			problem("exception: %s %s", ev.ExceptionDetails.Text, exceptionDescription(ev.ExceptionDetails))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				problem("console.error: %s", strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				problem("browser log: %s (%s)", ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if u, err := url.Parse(ev.Request.URL); err != nil || u.Scheme != "data" && u.Host != origin.Host {
				problem("request to another origin: %s", ev.Request.URL)
			}
		}
	})
	if err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	const (
		query        = "query Roles { roles { person { name } role } }"
		queryEditor  = chromedp.CSS(".graphiql-query-editor .CodeMirror")
		resultWindow = chromedp.CSS(".result-window")
		runButton    = chromedp.CSS("button.graphiql-execute-button")
		tabButtons   = chromedp.CSSAll(".graphiql-tabs .graphiql-tab")
		docsButton   = chromedp.CSS(`.graphiql-sidebar button[aria-label="Show Documentation Explorer"]`)
		docsRootType = chromedp.CSS(".graphiql-doc-explorer-root-type")
		docsPane     = chromedp.CSS(".graphiql-doc-explorer")
		// The query editor's CodeMirror 5 instance (GraphiQL up to 4.x).
		editorJS = `document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror`
		// Whether GraphiQL took in the edit: it renames the active tab after
		// the operation in its query (after a short debounce, and only then
		// does the run button send the new operationName).
		tabRenamedJS = `document.querySelector(".graphiql-tab-active .graphiql-tab-button")?.textContent === "Roles"`
		// The result pane's text once it holds an answer, else false.
		resultJS = `(() => {
			const el = document.querySelector(".result-window .CodeMirror");
			const text = el && el.CodeMirror ? el.CodeMirror.getValue() : "";
			return /"(data|errors)"/.test(text) ? text : false;
		})()`
	)
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			pmu.Lock()
			defer pmu.Unlock()
			t.Fatalf("%s: %v (page problems so far: %q)", what, err, problems)
		}
	}
	step("open the playground", chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(queryEditor),
		chromedp.WaitVisible(runButton),
	))
	tabs, err := chromedp.Run(ctx, chromedp.Nodes(tabButtons))
	step("count the tabs", err)
	firstTab, err := chromedp.Run(ctx, chromedp.Evaluate[string](editorJS+".getValue()"))
	step("read the first tab", err)
	// Replace the first example with the test's query, as a user typing would.
	step("set the query and run it", chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](editorJS+".setValue("+jsString(query)+")"),
		chromedp.Poll[chromedp.Void](tabRenamedJS, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Click(runButton),
	))
	answer, err := chromedp.Run(ctx, chromedp.Poll[string](resultJS, chromedp.WithPollingTimeout(30*time.Second)))
	step("wait for the answer", err)
	shown, err := chromedp.Run(ctx, chromedp.Text(resultWindow))
	step("read the result pane", err)
	// The schema reached the UI too: the documentation explorer lists the
	// root types from GraphiQL's introspection query.
	step("open the documentation explorer", chromedp.Do(ctx,
		chromedp.Click(docsButton),
		chromedp.WaitVisible(docsRootType),
	))
	docs, err := chromedp.Run(ctx, chromedp.Text(docsPane))
	step("read the documentation explorer", err)
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	step("take a screenshot", err)

	dir := os.Getenv("KG_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "playground.png")
	if err := os.WriteFile(file, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the playground with the query and its answer: %s", file)

	if _, roots, _ := strings.Cut(docs, "Root Types"); !strings.Contains(roots, "Query") {
		t.Errorf("documentation explorer shows %q, want the root type Query", docs)
	}
	if len(tabs) != len(examples) {
		t.Errorf("playground opened %d tabs, want one per example (%d)", len(tabs), len(examples))
	}
	if !strings.HasPrefix(firstTab, "# "+examples[0].Name+"\n") {
		t.Errorf("first tab holds %q, want example %q", firstTab, examples[0].Name)
	}
	var res struct {
		Data struct {
			Roles []struct {
				Person struct{ Name string }
				Role   string
			}
		}
		Errors []any
	}
	if err := json.Unmarshal([]byte(answer), &res); err != nil {
		t.Fatalf("result pane is not JSON: %v\n%s", err, answer)
	}
	if len(res.Errors) > 0 || len(res.Data.Roles) != 2 {
		t.Errorf("answer shown:\n%s\nwant the two roles and no errors", answer)
	}
	for _, name := range []string{"Ivar Lunde", "Ingrid Solberg"} {
		if !strings.Contains(shown, name) {
			t.Errorf("result pane shows %q, want it to contain %q", shown, name)
		}
	}
	pmu.Lock()
	for _, p := range problems {
		t.Errorf("page problem: %s", p)
	}
	pmu.Unlock()
}

// exceptionDescription is the thrown value as the console would show it.
func exceptionDescription(d *runtime.ExceptionDetails) string {
	if d == nil || d.Exception == nil {
		return ""
	}
	return d.Exception.Description
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// syncWriter serialises writes from the browser's output pipes.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}
