// Package pgtest gives tests a fresh PostgreSQL database each.
//
// Tests that need PostgreSQL call Database (or Admin); when the environment
// variable KG_TEST_POSTGRES is unset they are skipped with a message saying
// how to run them. KG_TEST_POSTGRES is the URL of a database on a server
// where its user may create databases (and, for Admin users, roles), e.g.
//
//	KG_TEST_POSTGRES=postgres://kg:kg@127.0.0.1:5432/postgres?sslmode=disable go test ./...
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/lib/pq"
)

// EnvVar names the environment variable holding the server's URL.
const EnvVar = "KG_TEST_POSTGRES"

// SkipMessage is why PostgreSQL tests skip without EnvVar.
const SkipMessage = "PostgreSQL tests need a server: set " + EnvVar +
	" to the URL of a database whose user may create databases, e.g. " +
	EnvVar + "=postgres://user:pass@127.0.0.1:5432/postgres?sslmode=disable go test ./..."

// Admin returns the URL in EnvVar, or skips t when it is unset.
func Admin(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvVar)
	if u == "" {
		t.Skip(SkipMessage)
	}
	return u
}

// Exec runs statements on the database at addr, failing t on an error.
func Exec(t testing.TB, addr string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("pgtest: %s: %v", s, err)
		}
	}
}

// Name returns a new random name with the given prefix, usable unquoted as
// a PostgreSQL identifier.
func Name(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// Database creates an empty database kgtest_<random> on the server of
// EnvVar (skipping t when it is unset) and returns its URL, with the same
// user, password and parameters. The database is dropped in t.Cleanup, so
// register the closing of stores opened on it after calling Database.
func Database(t testing.TB) string {
	t.Helper()
	admin := Admin(t)
	name := Name("kgtest_")
	Exec(t, admin, "CREATE DATABASE "+name)
	t.Cleanup(func() {
		db, err := sql.Open("postgres", admin)
		if err != nil {
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	return WithDatabase(t, admin, name)
}

// WithDatabase returns addr with its database replaced by db.
func WithDatabase(t testing.TB, addr, db string) string {
	t.Helper()
	u, err := url.Parse(addr)
	if err != nil {
		t.Fatalf("pgtest: %s is not a URL", EnvVar)
	}
	u.Path = "/" + db
	return u.String()
}

// WithUser returns addr with its user and password replaced.
func WithUser(t testing.TB, addr, user, password string) string {
	t.Helper()
	u, err := url.Parse(addr)
	if err != nil {
		t.Fatalf("pgtest: %s is not a URL", EnvVar)
	}
	u.User = url.UserPassword(user, password)
	return u.String()
}

// Quote quotes a string as a PostgreSQL literal.
func Quote(s string) string { return pq.QuoteLiteral(s) }
