package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/lib/pq"

	"kg/graph/pgtest"
)

func TestRedactAddr(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://kg:s3cret@127.0.0.1:5432/db?sslmode=disable": "postgres://kg:xxxxx@127.0.0.1:5432/db?sslmode=disable",
		"POSTGRESQL://kg:p%40ss@h/db":                            "POSTGRESQL://kg:xxxxx@h/db",
		"postgres://kg@h/db?password=s3cret&sslmode=disable":     "postgres://kg@h/db?password=xxxxx&sslmode=disable",
		"postgres://kg:s3cret@h:notaport/db":                     "postgres://kg:xxxxx@h:notaport/db",
		"kg.db":                                                  "kg.db",
	} {
		if got := RedactAddr(in); got != want {
			t.Errorf("RedactAddr(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsPostgresAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"postgres://h/db": true, "postgresql://h/db": true, "Postgres://h/db": true,
		"kg.db": false, "memory:": false, "postgres.db": false,
	} {
		if got := IsPostgresAddr(addr); got != want {
			t.Errorf("IsPostgresAddr(%q) = %v", addr, got)
		}
	}
}

func TestPgRetryable(t *testing.T) {
	for code, want := range map[pq.ErrorCode]bool{"40001": true, "40P01": true, "23505": false, "57P01": false} {
		err := fmt.Errorf("write: %w", &pq.Error{Code: code})
		if got := pgRetryable(err); got != want {
			t.Errorf("pgRetryable(%s) = %v, want %v", code, got, want)
		}
	}
	if pgRetryable(errors.New("driver: bad connection")) {
		t.Error("a lost connection is not retried")
	}
}

// TestPostgresBadAddress: each kind of bad address gets an error of the
// right kind that names the address without its password.
func TestPostgresBadAddress(t *testing.T) {
	const secret = "s3cretpw"
	cases := []struct {
		desc, addr string
		kind       Kind
		want       string
	}{
		{"malformed port", "postgres://kg:" + secret + "@127.0.0.1:notaport/kg", Invalid, "malformed"},
		{"bad sslmode", "postgres://kg:" + secret + "@127.0.0.1:5432/kg?sslmode=bogus", Invalid, "sslmode"},
		{"refused connection", "postgres://kg:" + secret + "@127.0.0.1:1/kg?sslmode=disable", Storage, "cannot connect"},
	}
	if admin := pgtestAdmin(); admin != "" {
		db := pgtest.Database(t)
		user := pgtest.Name("kgtest_ro_")
		pgtest.Exec(t, admin,
			"CREATE ROLE "+user+" LOGIN PASSWORD "+pgtest.Quote(secret),
			"GRANT CONNECT ON DATABASE "+strings.TrimPrefix(dbName(t, db), "/")+" TO "+user)
		t.Cleanup(func() { pgtest.Exec(t, admin, "DROP OWNED BY "+user, "DROP ROLE IF EXISTS "+user) })
		cases = append(cases,
			struct {
				desc, addr string
				kind       Kind
				want       string
			}{"bad credentials", pgtest.WithUser(t, db, "kg_no_such_user", secret), Invalid, "credentials"},
			struct {
				desc, addr string
				kind       Kind
				want       string
			}{"role that may not create tables", pgtest.WithUser(t, db, user, secret), Invalid, "may not create"},
		)
		// With the admin's own credentials, a missing database is NotFound.
		cases = append(cases, struct {
			desc, addr string
			kind       Kind
			want       string
		}{"missing database", pgtest.WithDatabase(t, admin, "kg_no_such_db"), NotFound, "no database"})
	}
	for _, tc := range cases {
		t.Run(tc.desc, func(t *testing.T) {
			s, err := Open(tc.addr, Options{})
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded, want an error")
			}
			if !Is(tc.kind, err) {
				t.Errorf("error %q has kind %v, want %v", err, KindOf(err), tc.kind)
			}
			msg := err.Error()
			if strings.Contains(msg, secret) {
				t.Errorf("error shows the password: %s", msg)
			}
			if !strings.Contains(msg, RedactAddr(tc.addr)) || !strings.Contains(msg, tc.want) {
				t.Errorf("error %q does not name %s with %q", msg, RedactAddr(tc.addr), tc.want)
			}
		})
	}
}

func pgtestAdmin() string {
	return strings.TrimSpace(os.Getenv(pgtest.EnvVar))
}

func dbName(t *testing.T, addr string) string {
	t.Helper()
	i := strings.LastIndex(addr, "/")
	j := strings.Index(addr[i:], "?")
	if j < 0 {
		return addr[i:]
	}
	return addr[i : i+j]
}

// TestPostgresConcurrentOpen: several processes' worth of stores opening a
// new database at once create its tables once, without errors.
func TestPostgresConcurrentOpen(t *testing.T) {
	db := pgtest.Database(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(db, Options{})
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			_, err = s.PutArticle(context.Background(), sampleFacts("a.txt", "A"))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	s := openT(t, db)
	q, err := s.ArticleQuads(context.Background(), sampleFacts("a.txt", "A").Article.IRI())
	if err != nil || len(q) != len(sampleFacts("a.txt", "A").Quads()) {
		t.Errorf("article holds %d quads (%v), want %d", len(q), err, len(sampleFacts("a.txt", "A").Quads()))
	}
}

// TestPostgresConcurrentWriters: stores with their own connections (as
// separate processes have) writing articles that share entities at the same
// time all succeed, and every shared entity is one node.
//
// It runs twice: with PostgreSQL's default isolation (READ COMMITTED), and
// with SERIALIZABLE, where concurrent transactions fail with serialization
// failures (40001) that Store must retry.
func TestPostgresConcurrentWriters(t *testing.T) {
	for _, iso := range []string{"read committed", "serializable"} {
		t.Run(iso, func(t *testing.T) { concurrentWriters(t, iso) })
	}
}

func concurrentWriters(t *testing.T, isolation string) {
	db := pgtest.Database(t)
	pgtest.Exec(t, pgtest.Admin(t), "ALTER DATABASE "+strings.TrimPrefix(dbName(t, db), "/")+
		" SET default_transaction_isolation TO "+pgtest.Quote(isolation))
	ctx := context.Background()
	const writers, each = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		s := openT(t, db)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				f := sampleFacts(fmt.Sprintf("w%d/%d.txt", w, i), fmt.Sprintf("T%d-%d", w, i))
				if _, err := s.PutArticle(ctx, f); err != nil {
					errs <- err
				}
				if i%5 == 4 { // replace and delete too, so deletions race insertions
					if _, err := s.DeleteArticle(ctx, f.Article.IRI()); err != nil {
						errs <- err
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := openT(t, db)
	people, err := s.OfClass(ctx, ClassPerson)
	if err != nil || len(people) != 1 {
		t.Errorf("persons = %v, %v; want one", people, err)
	}
	arts, err := s.OfClass(ctx, ClassArticle)
	if want := writers * (each - each/5); err != nil || len(arts) != want {
		t.Errorf("%d articles (%v), want %d", len(arts), err, want)
	}
	all, err := s.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(all); i++ {
		if all[i] == all[i-1] {
			t.Errorf("duplicate quad %v", all[i])
		}
	}
	if st := stats(t, s); st.Quads != int64(len(all)) {
		t.Errorf("stats %d quads, all quads %d", st.Quads, len(all))
	}
}

// TestPostgresGoesAway: a database that stops accepting connections fails
// writes with a Storage error naming the address without its password;
// when it is back, the same store writes again with nothing lost.
func TestPostgresGoesAway(t *testing.T) {
	admin := pgtest.Admin(t)
	db := pgtest.Database(t)
	name := strings.TrimPrefix(dbName(t, db), "/")
	ctx := context.Background()
	s := openT(t, db)
	a, b := sampleFacts("a.txt", "A"), sampleFacts("b.txt", "B")
	mustPut(t, s, a)
	pgtest.Exec(t, admin,
		"ALTER DATABASE "+name+" ALLOW_CONNECTIONS false",
		"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "+pgtest.Quote(name))
	back := false
	t.Cleanup(func() {
		if !back {
			pgtest.Exec(t, admin, "ALTER DATABASE "+name+" ALLOW_CONNECTIONS true")
		}
	})
	for range 3 { // the first use of a killed connection may fail differently
		_, err := s.PutArticle(ctx, b)
		if err == nil {
			t.Fatal("write succeeded although the database is away")
		}
		if !Is(Storage, err) || (db != RedactAddr(db) && strings.Contains(err.Error(), db)) {
			t.Errorf("write error %q: want a Storage error", err)
		}
	}
	pgtest.Exec(t, admin, "ALTER DATABASE "+name+" ALLOW_CONNECTIONS true")
	back = true
	if c, err := s.PutArticle(ctx, b); err != nil || c != Added {
		t.Fatalf("write after the database came back = %v, %v; want added", c, err)
	}
	for _, f := range []Facts{a, b} {
		q, err := s.ArticleQuads(ctx, f.Article.IRI())
		if err != nil || len(q) != len(f.Quads()) {
			t.Errorf("%s holds %d quads (%v), want %d", f.Article.File, len(q), err, len(f.Quads()))
		}
	}
}

// retryStore fails its first writes with a given error.
type retryStore struct {
	cgraph.QuadStore
	fails int
	err   error
	calls int
}

func (r *retryStore) ApplyDeltas(d []cgraph.Delta, o cgraph.IgnoreOpts) error {
	r.calls++
	if r.calls <= r.fails {
		return r.err
	}
	return r.QuadStore.ApplyDeltas(d, o)
}

// TestWriteRetry: a write failing with an error the backend calls retryable
// is run again; other errors, and retryable ones past the last attempt, are
// returned.
func TestWriteRetry(t *testing.T) {
	ctx := context.Background()
	deadlock := &pq.Error{Code: "40P01", Message: "deadlock detected"}
	for _, tc := range []struct {
		desc      string
		fails     int
		err       error
		wantCalls int
		wantErr   bool
	}{
		{"deadlock twice", 2, deadlock, 3, false},
		{"serialization failure", 1, &pq.Error{Code: "40001"}, 2, false},
		{"deadlock every time", 100, deadlock, maxWriteAttempts, true},
		{"not retryable", 1, errors.New("disk full"), 1, true},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			rs := &retryStore{QuadStore: memstore.New(), fails: tc.fails, err: tc.err}
			s := &Store{addr: "test", backend: "test", qs: rs, retryable: pgRetryable}
			_, err := s.PutArticle(ctx, sampleFacts("a.txt", "A"))
			if (err != nil) != tc.wantErr || rs.calls != tc.wantCalls {
				t.Errorf("PutArticle = %v after %d attempts; want error %v after %d", err, rs.calls, tc.wantErr, tc.wantCalls)
			}
			if tc.wantErr && !errors.Is(err, tc.err) {
				t.Errorf("error %v does not wrap %v", err, tc.err)
			}
		})
	}
}
