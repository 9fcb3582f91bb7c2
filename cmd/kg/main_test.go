package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for kg in child processes: with
// KG_TEST_AS_KG=1 it runs kg's main instead of the tests, so tests can kill
// or race real processes without building a separate binary.
func TestMain(m *testing.M) {
	if os.Getenv("KG_TEST_AS_KG") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// kgCmd returns a command running kg in a child process.
func kgCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "KG_TEST_AS_KG=1", "KG_STORE=")
	return cmd
}

// result is what one kg invocation did.
type result struct {
	code           int
	stdout, stderr string
}

// kg runs kg in this process.
func kg(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// examplesDir is the bundled example articles.
func examplesDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../examples/articles")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyDir copies the regular files of src (not recursively) into a new
// temporary folder.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dst, e.Name()), string(b))
	}
	return dst
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// summary is the subset of `kg ingest --json` the tests read.
type summary struct {
	FilesFound, FilesRead                         int
	ArticlesRead, ArticlesAdded, ArticlesReplaced int
	ArticlesUnchanged, ArticlesRemoved            int
	Skipped, Failed, Warnings                     []struct{ Path, Reason string }
	Facts                                         struct{ Roles, Positions, Events int }
	Words                                         int
	WordsPerSecond                                float64
}

func ingestJSON(t *testing.T, store string, args ...string) (summary, result) {
	t.Helper()
	r := kg(t, append([]string{"ingest", "--json", "--store", store}, args...)...)
	var s summary
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("kg ingest %v: exit %d, summary is not JSON: %v\nstdout: %s\nstderr: %s", args, r.code, err, r.stdout, r.stderr)
	}
	return s, r
}

// facts is the answer to the evaluation query.
type facts struct {
	Data struct {
		Roles []struct {
			Person       struct{ Name string }
			Role         string
			Organization *struct{ Name string }
			Sources      []struct{ File string }
		}
		Positions []struct {
			Party   struct{ Name string }
			Stance  string
			Issue   struct{ Name string }
			Sources []struct{ File string }
		}
		Events []struct {
			Name    string
			Date    *string
			Place   *struct{ Name string }
			Sources []struct{ File string }
		}
	}
	Errors []struct{ Message string }
}

const factsQuery = `query Facts {
  roles(first: 100000) { person { name } role organization { name } sources { file } }
  positions(first: 100000) { party { name } stance issue { name } sources { file } }
  events(first: 100000) { name date place { name } sources { file } }
}`

func queryFacts(t *testing.T, store string) facts {
	t.Helper()
	q := filepath.Join(t.TempDir(), "facts.graphql")
	writeFile(t, q, factsQuery)
	r := kg(t, "query", "--store", store, "--file", q)
	if r.code != 0 {
		t.Fatalf("kg query: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var f facts
	if err := json.Unmarshal([]byte(r.stdout), &f); err != nil {
		t.Fatalf("kg query answer: %v\n%s", err, r.stdout)
	}
	return f
}

// files lists the distinct source files of every fact in f.
func (f facts) files() map[string]bool {
	out := make(map[string]bool)
	for _, r := range f.Data.Roles {
		for _, s := range r.Sources {
			out[s.File] = true
		}
	}
	for _, r := range f.Data.Positions {
		for _, s := range r.Sources {
			out[s.File] = true
		}
	}
	for _, r := range f.Data.Events {
		for _, s := range r.Sources {
			out[s.File] = true
		}
	}
	return out
}

func (f facts) count() int { return len(f.Data.Roles) + len(f.Data.Positions) + len(f.Data.Events) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }
