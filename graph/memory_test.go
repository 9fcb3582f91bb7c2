package graph

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"weak"

	"github.com/cayleygraph/cayley/graph/kv"
)

// manyFacts returns the i-th of a family of distinct articles, each with
// its own people, so that a store of many of them grows (and bolt remaps).
func manyFacts(i int) Facts {
	f := sampleFacts(fmt.Sprintf("a%03d.txt", i), fmt.Sprintf("Article %d", i))
	f.Article.Hash = fmt.Sprintf("h%d", i)
	p := Entity{Type: Person, Name: fmt.Sprintf("Ada Quill%d", i)}
	f.Entities = append(f.Entities, p)
	f.Roles = append(f.Roles, Role{Person: p, Title: "Minister", Org: &f.Entities[0], Evidence: f.Roles[0].Evidence})
	return f
}

// mappedKB returns the resident kB of this process's mappings of path,
// from /proc/self/smaps; ok is false when that file cannot be read.
func mappedKB(t *testing.T, path string) (kb int, ok bool) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			in = len(fields) >= 6 && fields[len(fields)-1] == path // a mapping's header line
			continue
		}
		if in && len(fields) >= 2 && fields[0] == "Rss:" {
			n, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatalf("smaps: %q: %v", line, err)
			}
			kb += n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("smaps: %v", err)
	}
	return kb, true
}

func allQuads(t *testing.T, s *Store) []string {
	t.Helper()
	qs, err := s.AllQuads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.String()
	}
	return out
}

// TestReleaseMemory checks that releasing a bolt store's mapped pages
// changes nothing it holds: the same quads read back, and writes and
// deletes afterwards give what they give on a store never released.
func TestReleaseMemory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	s, ref := openT(t, path), openT(t, filepath.Join(t.TempDir(), "ref.db"))
	for i := range 40 {
		mustPut(t, s, manyFacts(i))
		mustPut(t, ref, manyFacts(i))
	}
	before := allQuads(t, s)
	if kb, ok := mappedKB(t, path); ok && kb == 0 {
		t.Fatalf("no page of %s is resident after reading the whole store; the test measures nothing", path)
	}
	if err := s.ReleaseMemory(); err != nil {
		t.Fatalf("ReleaseMemory: %v", err)
	}
	if kb, ok := mappedKB(t, path); ok && kb != 0 {
		t.Errorf("%d kB of %s still resident after ReleaseMemory, want 0", kb, path)
	} else if !ok {
		t.Log("no /proc/self/smaps: the release itself is not checked")
	}
	if after := allQuads(t, s); !reflect.DeepEqual(before, after) {
		t.Fatalf("store reads differently after ReleaseMemory: %d quads before, %d after", len(before), len(after))
	}
	// Writes after the release: a new article, a replaced one, a deleted one.
	for _, st := range []*Store{s, ref} {
		mustPut(t, st, manyFacts(40))
		f := manyFacts(3)
		f.Article.Hash, f.Positions = "changed", nil
		mustPut(t, st, f)
		if ok, err := st.DeleteArticle(ctx, manyFacts(7).Article.IRI()); err != nil || !ok {
			t.Fatalf("DeleteArticle = %v, %v", ok, err)
		}
	}
	if err := s.ReleaseMemory(); err != nil {
		t.Fatalf("second ReleaseMemory: %v", err)
	}
	if got, want := allQuads(t, s), allQuads(t, ref); !reflect.DeepEqual(got, want) {
		t.Errorf("after writes following ReleaseMemory the store holds %d quads, a store never released %d", len(got), len(want))
	}
	if got, want := stats(t, s), stats(t, ref); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

// TestReleaseMemoryConcurrent releases over and over while writers grow
// the store (so bolt remaps its file) and readers read it: run with -race.
func TestReleaseMemoryConcurrent(t *testing.T) {
	ctx := context.Background()
	s, ref := openT(t, filepath.Join(t.TempDir(), "kg.db")), openT(t, filepath.Join(t.TempDir(), "ref.db"))
	const n = 60
	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, 3)
	wg.Add(2)
	go func() { // releaser
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			if err := s.ReleaseMemory(); err != nil {
				errs <- err
				return
			}
			time.Sleep(100 * time.Microsecond)
		}
	}()
	go func() { // reader
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := s.ArticleQuads(ctx, manyFacts(0).Article.IRI()); err != nil {
				errs <- err
				return
			}
		}
	}()
	for i := range n {
		mustPut(t, s, manyFacts(i))
		mustPut(t, ref, manyFacts(i))
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("alongside writes: %v", err)
	}
	if got, want := allQuads(t, s), allQuads(t, ref); !reflect.DeepEqual(got, want) {
		t.Errorf("store written while released holds %d quads, one never released %d", len(got), len(want))
	}
}

func TestReleaseMemoryOtherStores(t *testing.T) {
	s := openT(t, "memory:")
	mustPut(t, s, manyFacts(1))
	before := allQuads(t, s)
	if err := s.ReleaseMemory(); err != nil {
		t.Fatalf("ReleaseMemory on memory: = %v, want nil (a no-op)", err)
	}
	if after := allQuads(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("memory store changed by ReleaseMemory")
	}
}

func TestReleaseMemoryClosed(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "kg.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseMemory(); !Is(Storage, err) || !strings.Contains(err.Error(), "release memory") {
		t.Errorf("ReleaseMemory on a closed store = %v, want a store failure naming the operation", err)
	}
}

// TestBoltRegistryForgets checks that a dropped store leaves no entry in
// the registry ReleaseMemory uses.
func TestBoltRegistryForgets(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "kg.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	key := weak.Make(s.qs.(*kv.QuadStore))
	if boltOf(s.qs) == nil {
		t.Fatal("a bolt store is not in the registry")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = nil
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		boltDBs.Lock()
		_, held := boltDBs.m[key]
		boltDBs.Unlock()
		if !held {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the registry still holds a store dropped 5 s ago")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
