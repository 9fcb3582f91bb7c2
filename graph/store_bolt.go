package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"weak"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// The bolt backend is the default: any address no other backend claims is a
// file path. It opens the file with go.etcd.io/bbolt itself, rather than
// through Cayley's registry, for two reasons: Cayley's backend waits forever
// for a file another process holds, and it wants a directory where kg's
// contract is a single file.
func init() {
	Register(Backend{
		Name:  "bolt",
		Match: func(string) bool { return true },
		Open:  openBolt,
	})
}

func openBolt(path string, o Options) (cgraph.QuadStore, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, E(Invalid, "open store", path, "is a directory, not a bolt file")
	}
	if dir := filepath.Dir(path); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return nil, E(NotFound, "open store", path, fmt.Errorf("folder %s does not exist", dir))
		}
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: o.LockTimeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, E(Busy, "open store", path, fmt.Errorf(
			"the store is in use by another process (a kg ingest, or a kg serve: send it articles with kg ingest --server URL); gave up after %s", o.LockTimeout))
	}
	if err != nil {
		return nil, E(Storage, "open store", path, err)
	}
	h := hbolt.New(db)
	qs, err := kv.New(h, boltOptions)
	if errors.Is(err, cgraph.ErrNotInitialized) {
		if err = kv.Init(h, boltOptions); err == nil {
			qs, err = kv.New(h, boltOptions)
		}
	}
	if err != nil {
		db.Close()
		return nil, E(Storage, "open store", path, err)
	}
	registerBolt(qs, db)
	return qs, nil
}

// boltOptions are the options of every Cayley store over a bolt file.
// Cayley sizes its bloom filters for 100 million entries (about 80 MB
// each, five of them on a new store); kg's stores are read before every
// write anyway, so the filters would cost memory without saving work.
var boltOptions = cgraph.Options{kv.OptNoBloom: true}

// freshBolt returns a new Cayley quad store over the bolt file behind qs,
// registered as qs is, or nil when qs is not a bolt store opened by
// openBolt. The new store shares the file and nothing else: not the cache
// of node ids that a failed transaction leaves wrong (see
// Store.afterFailedWrite). The caller stops using qs, and does not close it,
// which would close the file.
func freshBolt(qs cgraph.QuadStore) (cgraph.QuadStore, error) {
	db := boltOf(qs)
	if db == nil {
		return nil, nil
	}
	fresh, err := kv.New(hbolt.New(db), boltOptions)
	if err != nil {
		return nil, err
	}
	registerBolt(fresh, db)
	return fresh, nil
}

// boltDBs maps each bolt-backed quad store to its *bolt.DB, so that
// ReleaseMemory (memory.go) can reach bolt's memory map through Store.qs.
// A registry rather than a wrapper type around the quad store: Cayley finds
// optional methods of *kv.QuadStore (shape optimisation, batch lookups) by
// type assertion, and a wrapper would hide them. Keys are weak, and an
// entry goes when its quad store is garbage collected, so stores opened and
// dropped (tests, kg serve's reopenings) leave nothing behind.
var boltDBs struct {
	sync.Mutex
	m map[weak.Pointer[kv.QuadStore]]*bolt.DB
}

// registerBolt records that qs keeps its data in db. Quad stores of another
// type are ignored.
func registerBolt(qs cgraph.QuadStore, db *bolt.DB) {
	p, ok := qs.(*kv.QuadStore)
	if !ok {
		return
	}
	key := weak.Make(p)
	boltDBs.Lock()
	if boltDBs.m == nil {
		boltDBs.m = make(map[weak.Pointer[kv.QuadStore]]*bolt.DB)
	}
	boltDBs.m[key] = db
	boltDBs.Unlock()
	runtime.AddCleanup(p, func(key weak.Pointer[kv.QuadStore]) {
		boltDBs.Lock()
		delete(boltDBs.m, key)
		boltDBs.Unlock()
	}, key)
}

// boltOf returns the bolt database behind qs, or nil when qs is not a bolt
// store opened by openBolt.
func boltOf(qs cgraph.QuadStore) *bolt.DB {
	p, ok := qs.(*kv.QuadStore)
	if !ok {
		return nil
	}
	boltDBs.Lock()
	defer boltDBs.Unlock()
	return boltDBs.m[weak.Make(p)]
}
