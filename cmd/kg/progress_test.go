package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kg/ingest"
)

func TestProgressBarOnTerminal(t *testing.T) {
	var buf bytes.Buffer
	b := &progressBar{w: &buf, tty: true}
	b.update(ingest.Progress{FilesDone: 5, FilesTotal: 10, Articles: 20, Elapsed: 4 * time.Second})
	got := buf.String()
	for _, want := range []string{"5/10 files", "5.0 articles/s", "ETA 4s", "[===============               ]"} {
		if !strings.Contains(got, want) {
			t.Errorf("bar %q lacks %q", got, want)
		}
	}
	b.finish()
	if !strings.HasSuffix(buf.String(), "\r\033[K") {
		t.Errorf("finish did not clear the bar: %q", buf.String())
	}
}

func TestNoProgressWhenPiped(t *testing.T) {
	store := filepath.Join(t.TempDir(), "kg.db")
	cmd := kgCmd(t, "ingest", "--store", store, examplesDir(t))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("kg ingest: %v\n%s", err, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr is a pipe, yet kg wrote to it: %q", stderr.String())
	}
}
