package main

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kg/graph"
	"kg/graph/pgtest"
)

// storeKinds are the persistent stores the command-line conformance tests
// run on; each call gives a new, empty store. The PostgreSQL variant skips
// without KG_TEST_POSTGRES (see graph/pgtest).
var storeKinds = []struct {
	name string
	new  func(t *testing.T) string
}{
	{"bolt", func(t *testing.T) string { return filepath.Join(t.TempDir(), "kg.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.Database(t) }},
}

// exampleQueries are every query type of schema/examples_test.go, run
// through kg query, with what each answer must hold.
var exampleQueries = []struct {
	desc, query string
	want        []string
}{
	{"entity", `{ entity(id: "Paul Ostrander") { name type roles { nodes { role organization { name } } } articles { totalCount } } }`,
		[]string{`"name": "Paul Ostrander"`, `"type": "Person"`, `"role": "chief executive"`, `"name": "Nordvik Energy"`}},
	{"search", `{ search(text: "ostrandr") { nodes { name } } }`, []string{`"Paul Ostrander"`}},
	{"roles", `{ roles(organization: "Nordvik Energy") { person { name } role } }`, []string{`"Maren Eide"`, `"chief financial officer"`}},
	{"positions", `{ positionsConnection(stance: DEMANDS) { totalCount nodes { party { name } issue { name } } } }`, []string{`"totalCount":`, `"issue"`}},
	{"events", `{ events(from: "2026-03", to: "2026-03") { name date place { name } } }`, []string{`"date": "2026-03`, `"Vienna"`}},
	{"neighbors", `{ neighbors(id: "Nordvik Energy", hops: 1) { nodes { name } } }`, []string{`"Maren Eide"`, `"Paul Ostrander"`}},
	{"path", `{ path(from: "Paul Ostrander", to: "Maren Eide") { length nodes { name } } }`, []string{`"length": 2`, `"Nordvik Energy"`}},
	{"articles", `{ articles { totalCount } article(id: "briefs.jsonl") { file roles { role } } }`, []string{`"totalCount": 10`, `"file": "briefs.jsonl"`}},
	{"stats", `{ stats { articles persons roles positions events } }`, []string{`"articles": 10`}},
	{"export", `{ export(entity: "Maren Eide", format: NQUADS) }`, []string{`maren-eide`}},
	{"facts", factsQuery, []string{`"roles"`}},
}

func kgQuery(t *testing.T, store, query string) result {
	t.Helper()
	q := filepath.Join(t.TempDir(), "q.graphql")
	writeFile(t, q, query)
	return kg(t, "query", "--store", store, "--file", q)
}

// TestStoreKindsAgree runs ingest (twice), replace, delete through the API,
// every query type, export and import on each persistent store, and checks
// that every store gives the same answers and the same exports.
func TestStoreKindsAgree(t *testing.T) {
	answers := make(map[string]map[string]string) // store kind → step → output
	for _, kind := range storeKinds {
		t.Run(kind.name, func(t *testing.T) {
			out := make(map[string]string)
			store := kind.new(t)
			dir := copyDir(t, examplesDir(t))

			first, r := ingestJSON(t, store, dir)
			if r.code != 0 || first.ArticlesAdded != 10 || len(first.Failed) != 0 {
				t.Fatalf("ingest: exit %d, %d added, failed %v\n%s", r.code, first.ArticlesAdded, first.Failed, r.stderr)
			}
			before := storeStats(t, store)
			second, r := ingestJSON(t, store, dir)
			if r.code != 0 || second.ArticlesAdded != 0 || second.ArticlesReplaced != 0 || second.ArticlesUnchanged != 10 {
				t.Errorf("second ingest: exit %d, %d added, %d replaced, %d unchanged; want 0, 0, 10",
					r.code, second.ArticlesAdded, second.ArticlesReplaced, second.ArticlesUnchanged)
			}
			if after := storeStats(t, store); after.Quads != before.Quads {
				t.Errorf("second ingest changed the store: %+v -> %+v", before, after)
			}

			for _, q := range exampleQueries {
				r := kgQuery(t, store, q.query)
				if r.code != 0 {
					t.Errorf("query %s: exit %d\n%s%s", q.desc, r.code, r.stdout, r.stderr)
				}
				for _, w := range q.want {
					if !strings.Contains(r.stdout, w) {
						t.Errorf("query %s: answer lacks %s:\n%.600s", q.desc, w, r.stdout)
					}
				}
				out["query "+q.desc] = r.stdout
			}
			for _, args := range [][]string{
				{"--all", "--format", "nquads"},
				{"--entity", "Paul Ostrander", "--hops", "2"},
				{"--article", "briefs.jsonl"},
			} {
				r := kg(t, append([]string{"export", "--store", store}, args...)...)
				if r.code != 0 {
					t.Errorf("export %v: exit %d\n%s", args, r.code, r.stderr)
				}
				out["export "+strings.Join(args, " ")] = r.stdout
			}
			// Export → import into an empty store of the same kind → export.
			all := filepath.Join(t.TempDir(), "all.nq")
			writeFile(t, all, out["export --all --format nquads"])
			other := kind.new(t)
			for i := range 2 {
				if r := kg(t, "import", "--store", other, all); r.code != 0 {
					t.Fatalf("import %d: exit %d\n%s", i, r.code, r.stderr)
				}
			}
			if r := kg(t, "export", "--store", other, "--all", "--format", "nquads"); r.stdout != out["export --all --format nquads"] {
				t.Error("export → import twice → export differs")
			}

			// Replace a file: the minister of one article changes.
			writeFile(t, filepath.Join(dir, "replaced.txt"), "---\ntitle: Ministers meet in Oslo\ndate: 2026-03-10\n---\n\n"+
				"Foreign Minister Ingrid Valstad met her counterparts in Oslo on Monday.\n")
			ingestJSON(t, store, dir)
			writeFile(t, filepath.Join(dir, "replaced.txt"), "---\ntitle: Ministers meet in Oslo\ndate: 2026-03-10\n---\n\n"+
				"Foreign Minister Henrik Aasland met his counterparts in Oslo on Monday.\n")
			s, r := ingestJSON(t, store, dir)
			if r.code != 0 || s.ArticlesReplaced != 1 || s.ArticlesUnchanged != 10 {
				t.Errorf("re-ingest after a change: exit %d, %d replaced, %d unchanged; want 1, 10", r.code, s.ArticlesReplaced, s.ArticlesUnchanged)
			}
			f := queryFacts(t, store)
			if hasRole(f, "Ingrid Valstad") || !hasRole(f, "Henrik Aasland") {
				t.Error("the replaced file's facts are not the new ones")
			}
			fresh := kind.new(t)
			ingestJSON(t, fresh, dir)
			if got, want := articleQuads(t, store), articleQuads(t, fresh); !mapsEqual(got, want) {
				t.Error("after the replacement the store differs from a fresh ingest of the folder")
			}

			// Delete an article through the API.
			r = kgQuery(t, store, `mutation { deleteArticle(id: "replaced.txt") }`)
			if r.code != 0 || !strings.Contains(r.stdout, `"deleteArticle": true`) {
				t.Errorf("deleteArticle: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if after := storeStats(t, store); after.Quads != before.Quads {
				t.Errorf("after deleting the added article: %d quads, want %d as before", after.Quads, before.Quads)
			}
			if f := queryFacts(t, store); hasRole(f, "Henrik Aasland") {
				t.Error("the deleted article's role is still there")
			}
			answers[kind.name] = out
		})
	}
	bolt, pg := answers["bolt"], answers["postgres"]
	if bolt == nil || pg == nil {
		return
	}
	for step, want := range bolt {
		if pg[step] != want {
			t.Errorf("%s: PostgreSQL answers differently from bolt:\nbolt     %.400s\npostgres %.400s", step, want, pg[step])
		}
	}
}

// TestPostgresBadStoreAddress: kg names a bad PostgreSQL address without its
// password and exits 2 for a malformed one, 1 for an unreachable server.
func TestPostgresBadStoreAddress(t *testing.T) {
	for _, tc := range []struct {
		addr string
		code int
		want string
	}{
		{"postgres://kg:s3cretpw@127.0.0.1:notaport/kg", 2, "malformed"},
		{"postgresql://kg:s3cretpw@127.0.0.1:1/kg?sslmode=disable", 1, "cannot connect"},
	} {
		r := kg(t, "ingest", "--store", tc.addr, examplesDir(t))
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, graph.RedactAddr(tc.addr)) {
			t.Errorf("kg ingest --store %s: exit %d, want %d with %q\n%s", graph.RedactAddr(tc.addr), r.code, tc.code, tc.want, r.stderr)
		}
		if strings.Contains(r.stdout+r.stderr, "s3cretpw") {
			t.Errorf("the password shows: %s%s", r.stdout, r.stderr)
		}
	}
}

// synthArticles writes n articles named prefix-NNN.txt into dir. Each names
// the shared minister Ingrid Valstad and a person of its own.
func synthArticles(t *testing.T, dir, prefix string, n int) {
	t.Helper()
	for i := range n {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("%s-%03d.txt", prefix, i)), fmt.Sprintf(
			"---\ntitle: Council vote %s %d\ndate: 2026-03-%02d\n---\n\n"+
				"Foreign Minister Ingrid Valstad met her counterparts in Oslo on Monday.\n\n"+
				"Mayor Lena %s%d said the council of Bergen will vote on the harbour plan on Friday.\n\n"+
				"The union demanded a pay rise of %d percent.\n", prefix, i, 1+i%28, strings.ToUpper(prefix[:1])+prefix[1:], i, 3+i%5))
	}
}

// TestParallelIngestProcesses: three kg ingest processes on different
// folders write to one PostgreSQL store at once. Every article is stored
// once, a person named in every folder is one node, no quad is stored twice,
// no transaction error reaches the user, and the store equals one made by a
// single process. It runs with PostgreSQL's default isolation and with
// SERIALIZABLE, where the processes' transactions fail with serialization
// failures that kg must retry without a word.
func TestParallelIngestProcesses(t *testing.T) {
	for _, iso := range []string{"read committed", "serializable"} {
		t.Run(iso, func(t *testing.T) { parallelIngest(t, iso) })
	}
}

func parallelIngest(t *testing.T, isolation string) {
	store := pgtest.Database(t)
	u, _ := url.Parse(store)
	pgtest.Exec(t, pgtest.Admin(t), "ALTER DATABASE "+strings.TrimPrefix(u.Path, "/")+
		" SET default_transaction_isolation TO "+pgtest.Quote(isolation))
	const n = 15
	prefixes := []string{"north", "south", "west"}
	var dirs []string
	for _, p := range prefixes {
		d := t.TempDir()
		synthArticles(t, d, p, n)
		dirs = append(dirs, d)
	}
	// Open once, so the processes race over writing, not creating tables.
	storeStats(t, store)

	var wg sync.WaitGroup
	outs := make([]string, len(dirs))
	errs := make([]error, len(dirs))
	for i, d := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := kgCmd(t, "ingest", "--workers", "4", "--store", store, d)
			b, err := cmd.CombinedOutput()
			outs[i], errs[i] = string(b), err
		}()
	}
	wg.Wait()
	for i := range dirs {
		if errs[i] != nil {
			t.Errorf("ingest of %s: %v\n%s", prefixes[i], errs[i], outs[i])
		}
		for _, bad := range []string{"deadlock", "serializ", "could not", "ERROR", "failed:"} {
			if strings.Contains(outs[i], bad) {
				t.Errorf("ingest of %s shows %q:\n%s", prefixes[i], bad, outs[i])
			}
		}
		if !strings.Contains(outs[i], fmt.Sprintf("%d stored (%d new", n, n)) {
			t.Errorf("ingest of %s did not store %d new articles:\n%s", prefixes[i], n, outs[i])
		}
	}

	s, err := graph.Open(store, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	arts, err := s.OfClass(ctx, graph.ClassArticle)
	if err != nil || len(arts) != n*len(dirs) {
		t.Errorf("%d articles (%v), want %d", len(arts), err, n*len(dirs))
	}
	for _, p := range prefixes {
		for i := range n {
			file := fmt.Sprintf("%s-%03d.txt", p, i)
			if a, err := s.ArticlesOfFile(ctx, file); err != nil || len(a) != 1 {
				t.Errorf("%s is stored as %d articles (%v), want one", file, len(a), err)
			}
		}
	}
	people, err := s.OfClass(ctx, graph.ClassPerson)
	if err != nil {
		t.Fatal(err)
	}
	valstad := 0
	for _, p := range people {
		if strings.Contains(p, "valstad") {
			valstad++
		}
	}
	minister := graph.EntityIRI(graph.Person, "Ingrid Valstad")
	node, ok, err := s.Node(ctx, minister)
	if valstad != 1 || !ok || err != nil || len(node.Strs(graph.PredName)) != 1 {
		t.Errorf("Ingrid Valstad is %d nodes, names %v (%v); want one node, one name", valstad, node.Strs(graph.PredName), err)
	}
	for _, p := range prefixes {
		found := false
		for _, l := range node.Labels {
			if fs, _ := s.ArticlesOfFile(ctx, p+"-000.txt"); len(fs) == 1 && l == fs[0] {
				found = true
			}
		}
		if !found {
			t.Errorf("the one Ingrid Valstad node is not stated by the %s folder's articles", p)
		}
	}
	all, err := s.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(all); i++ {
		if all[i] == all[i-1] {
			t.Errorf("quad stored twice: %v", all[i])
		}
	}
	// The same folders ingested by one process give the same store.
	one := pgtest.Database(t)
	if r := kg(t, append([]string{"ingest", "--store", one}, dirs...)...); r.code != 0 {
		t.Fatalf("single-process ingest: exit %d\n%s", r.code, r.stderr)
	}
	if got, want := articleQuads(t, store), articleQuads(t, one); !mapsEqual(got, want) {
		t.Error("the store written by three processes differs from one written by one process")
	}
}

// TestPostgresGoesAwayMidIngest: the database stops accepting connections
// while kg ingest runs; the ingest reports the articles it could not store
// and exits 1; once the database is back a re-run completes it, with the
// store equal to an uninterrupted ingest.
func TestPostgresGoesAwayMidIngest(t *testing.T) {
	admin := pgtest.Admin(t)
	store := pgtest.Database(t)
	u, _ := url.Parse(store)
	name := strings.TrimPrefix(u.Path, "/")
	dir := t.TempDir()
	const n = 150
	synthArticles(t, dir, "art", n)

	cmd := kgCmd(t, "ingest", "--verbose", "--workers", "1", "--store", store, dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	var errText strings.Builder
	stored := 0
	for stored < 10 && sc.Scan() {
		errText.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "stored") {
			stored++
		}
	}
	pgtest.Exec(t, admin,
		"ALTER DATABASE "+name+" ALLOW_CONNECTIONS false",
		"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "+pgtest.Quote(name))
	back := false
	t.Cleanup(func() {
		if !back {
			pgtest.Exec(t, admin, "ALTER DATABASE "+name+" ALLOW_CONNECTIONS true")
		}
	})
	for sc.Scan() {
		errText.WriteString(sc.Text() + "\n")
	}
	werr := cmd.Wait()
	code := cmd.ProcessState.ExitCode()
	out := stdout.String() + errText.String()
	if code != 1 {
		t.Fatalf("ingest while the database went away: exit %d (%v), want 1\n%.2000s", code, werr, out)
	}
	if !strings.Contains(out, "failed: art-") {
		t.Errorf("the summary does not list the failed articles:\n%.2000s", stdout.String())
	}
	if pw, ok := u.User.Password(); ok && pw != "" && strings.Contains(out, ":"+pw+"@") {
		t.Error("the output shows the password")
	}
	if stored >= n {
		t.Fatalf("every article was stored before the database went away")
	}

	pgtest.Exec(t, admin, "ALTER DATABASE "+name+" ALLOW_CONNECTIONS true")
	back = true
	deadline := time.Now().Add(10 * time.Second)
	for {
		s, r := ingestJSON(t, store, dir)
		if r.code == 0 {
			if s.ArticlesAdded+s.ArticlesUnchanged+s.ArticlesReplaced != n || s.ArticlesAdded == 0 {
				t.Errorf("re-run: %d added, %d unchanged, %d replaced; want %d in all", s.ArticlesAdded, s.ArticlesUnchanged, s.ArticlesReplaced, n)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("re-run after the database came back: exit %d\n%s", r.code, r.stderr)
		}
		time.Sleep(200 * time.Millisecond)
	}
	ref := pgtest.Database(t)
	if _, r := ingestJSON(t, ref, dir); r.code != 0 {
		t.Fatalf("reference ingest: exit %d", r.code)
	}
	got, want := articleQuads(t, store), articleQuads(t, ref)
	if len(got) != n || !mapsEqual(got, want) {
		t.Errorf("after the re-run the store (%d articles) differs from an uninterrupted ingest (%d)", len(got), len(want))
	}
	if s := storeStats(t, store); s.Quads != storeStats(t, ref).Quads {
		t.Errorf("after the re-run: %d quads, uninterrupted: %d", s.Quads, storeStats(t, ref).Quads)
	}
}
