package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startServer runs `kg serve` in a child process and returns its base URL.
func startServer(t *testing.T, args ...string) string {
	t.Helper()
	cmd := kgCmd(t, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("kg serve did not stop cleanly on SIGTERM: %v", err)
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Error("kg serve did not stop on SIGTERM")
		}
	})
	serving := regexp.MustCompile(`serving the playground at (http://[0-9.:]+)/`)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := serving.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(60 * time.Second):
		t.Fatal("kg serve did not start")
	}
	return ""
}

func gqlPost(t *testing.T, base, query string) string {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %s", resp.Status, body)
	}
	return string(body)
}

func TestServeAndIngestThroughServer(t *testing.T) {
	store := filepath.Join(t.TempDir(), "kg.db")
	base := startServer(t, "--store", store, "--ingest", examplesDir(t))
	if got := gqlPost(t, base, `{ articles { totalCount } }`); !strings.Contains(got, `"totalCount":10`) {
		t.Errorf("after --ingest: %s", got)
	}
	// The playground is served from the binary.
	resp, err := http.Get(base + "/")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("playground: %v %v", err, resp)
	}
	resp.Body.Close()

	// A plain ingest on the held store says so, and quickly.
	start := time.Now()
	r := kgCmdResult(t, "ingest", "--store", store, examplesDir(t))
	if r.code != 1 || !strings.Contains(r.stderr, "in use by another process") || !strings.Contains(r.stderr, "--server") {
		t.Errorf("ingest on a held store: exit %d, %s", r.code, r.stderr)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("it took %s to say the store is held", d)
	}

	// kg ingest --server sends articles to the running server.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "vote.txt"), "---\ntitle: Vote in Bergen\ndate: 2026-05-04\n---\n\n"+
		"Mayor Siri Dahl said the council of Bergen will vote on the harbour plan on Friday.\n")
	r = kgCmdResult(t, "ingest", "--json", "--server", base, dir)
	var s summary
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || r.code != 0 || s.ArticlesAdded != 1 {
		t.Fatalf("ingest --server: exit %d, %+v, %v\n%s", r.code, s, err, r.stderr)
	}
	if got := gqlPost(t, base, `{ roles(person: "Siri Dahl") { role } }`); !strings.Contains(strings.ToLower(got), "mayor") {
		t.Errorf("the server does not know the new article's role: %s", got)
	}
	// Again: nothing changes.
	r = kgCmdResult(t, "ingest", "--json", "--server", base, dir)
	json.Unmarshal([]byte(r.stdout), &s)
	if r.code != 0 || s.ArticlesAdded != 0 || s.ArticlesUnchanged != 1 {
		t.Errorf("second ingest --server: exit %d, %+v", r.code, s)
	}
	// A server that is not there.
	if r := kgCmdResult(t, "ingest", "--server", "http://127.0.0.1:1", dir); r.code != 1 || !strings.Contains(r.stderr, "no kg server answers") {
		t.Errorf("ingest to no server: exit %d, %s", r.code, r.stderr)
	}
}

// kgCmdResult runs kg in a child process to the end.
func kgCmdResult(t *testing.T, args ...string) result {
	t.Helper()
	cmd := kgCmd(t, args...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Run()
	return result{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errb.String()}
}
