package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/clog"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/sql/postgres" // registers Cayley's "postgres" quad store
	"github.com/lib/pq"
)

// The PostgreSQL backend keeps the graph in a PostgreSQL database through
// Cayley's SQL quad store (tables "nodes" and "quads", created on first
// use). Unlike a bolt file, one database can be written by many kg
// processes at once: graph.Store serialises writes only within a process,
// and PostgreSQL's row locks order them across processes. Write
// transactions that PostgreSQL aborts for a serialization failure (40001)
// or a deadlock (40P01) are retried by Store (see Backend.Retryable).
//
// Reads go through Cayley's store; writes through kg's pgQuadStore
// (postgres_write.go), which writes the rows Cayley's writer would in a
// few statements a transaction instead of one per node and quad.
func init() {
	Register(Backend{
		Name:      "postgres",
		Match:     IsPostgresAddr,
		Open:      openPostgres,
		Redact:    RedactAddr,
		Retryable: pgRetryable,
	})
	clog.SetLogger(&quietLog{})
}

// IsPostgresAddr reports whether addr is a PostgreSQL URL: it starts with
// "postgres://" or "postgresql://" (in any case).
func IsPostgresAddr(addr string) bool {
	a := strings.ToLower(addr)
	return strings.HasPrefix(a, "postgres://") || strings.HasPrefix(a, "postgresql://")
}

// pgConnectTimeout bounds how long opening a PostgreSQL store waits for the
// server to answer.
const pgConnectTimeout = 15 * time.Second

var (
	userinfoPassword = regexp.MustCompile(`(?i)(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@`)
	paramPassword    = regexp.MustCompile(`(?i)(password=)[^&\s]*`)
)

// RedactAddr returns addr with any password in it (in the user info, or a
// password= parameter) replaced by "xxxxx". It works on malformed URLs too,
// so it is safe to call on whatever a user typed. Other addresses are
// returned unchanged.
func RedactAddr(addr string) string {
	addr = userinfoPassword.ReplaceAllString(addr, "${1}xxxxx@")
	return paramPassword.ReplaceAllString(addr, "${1}xxxxx")
}

// openPostgres opens the Cayley PostgreSQL store at addr, creating its
// tables when the database has none, with kg's write path (a
// *pgQuadStore). Errors are *Error naming the address without its
// password:
//
//   - Invalid: a malformed URL, bad credentials, a role that may not create
//     or use kg's tables, an SSL mode the server does not support;
//   - NotFound: a database that does not exist;
//   - Storage: a server that cannot be reached (refused, timed out) or
//     another failure of the database.
func openPostgres(addr string, _ Options) (cgraph.QuadStore, error) {
	shown := RedactAddr(addr)
	u, err := url.Parse(addr)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the whole URL, password included
		}
		return nil, E(Invalid, "open store", shown, fmt.Errorf("malformed PostgreSQL URL: %v", err))
	}
	if u.Opaque != "" || (u.Path != "" && strings.Contains(strings.TrimPrefix(u.Path, "/"), "/")) {
		return nil, E(Invalid, "open store", shown, "malformed PostgreSQL URL: want postgres://user:password@host:port/database?sslmode=…")
	}
	if _, err := pq.ParseURL(addr); err != nil {
		return nil, E(Invalid, "open store", shown, fmt.Errorf("malformed PostgreSQL URL: %v", RedactAddr(err.Error())))
	}
	// Checked here, not by the driver on connecting: a bad mode is bad
	// input whether or not the server can be reached.
	switch mode := u.Query().Get("sslmode"); mode {
	case "", "require", "verify-ca", "verify-full", "disable":
	default:
		return nil, E(Invalid, "open store", shown, fmt.Errorf(
			`unsupported sslmode %q; use "require" (the default), "verify-full", "verify-ca" or "disable"`, mode))
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return nil, pgOpenError(shown, u, err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), pgConnectTimeout)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return nil, pgOpenError(shown, u, err)
	}
	if err := pgInitTables(ctx, db, addr); err != nil {
		return nil, pgOpenError(shown, u, err)
	}
	qs, err := cgraph.NewQuadStore(postgres.Type, addr, nil)
	if err != nil {
		return nil, pgOpenError(shown, u, err)
	}
	fast, err := newPgQuadStore(qs, addr)
	if err != nil {
		qs.Close()
		return nil, E(Storage, "open store", shown, RedactAddr(err.Error()))
	}
	return fast, nil
}

// pgInitTables creates Cayley's tables in the database unless they exist,
// and kg's extra indexes (pgIndexes) unless they exist. Processes opening a
// new database at the same time take turns through an advisory lock, so
// exactly one creates them.
func pgInitTables(ctx context.Context, db *sql.DB, addr string) error {
	exists := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) (bool, error) {
		var ok bool
		err := q.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL AND to_regclass('nodes') IS NOT NULL`).Scan(&ok)
		return ok, err
	}
	ok, err := exists(db)
	if err != nil {
		return err
	}
	var idx bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('kg_quads_label') IS NOT NULL`).Scan(&idx); err != nil {
		return err
	}
	if ok && idx {
		return nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	const lockKey = 0x6b67_696e_6974 // "kginit"
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockKey); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, lockKey)
	if ok, err = exists(conn); err != nil {
		return err
	}
	if ok {
		return pgAddIndexes(ctx, conn)
	}
	err = cgraph.InitQuadStore(postgres.Type, addr, nil)
	if errors.Is(err, cgraph.ErrDatabaseExists) {
		err = nil
	}
	if err != nil {
		return err
	}
	// Cayley's Init ignores the error of its final COMMIT; make sure the
	// tables are really there.
	if ok, err := exists(conn); err != nil || !ok {
		if err == nil {
			err = errors.New("the tables kg created are missing afterwards")
		}
		return err
	}
	return pgAddIndexes(ctx, conn)
}

// pgIndexes are indexes kg adds to Cayley's tables. Cayley indexes quads by
// subject, predicate and object but not by label, so finding an article's
// quads (which every PutArticle and DeleteArticle does) scanned the whole
// table; and every deleting transaction ends with DELETE FROM nodes WHERE
// refs <= 0, which scanned every node. The other reads kg makes through
// Cayley (quads by subject or object, a node by hash) use Cayley's own
// indexes already.
var pgIndexes = []string{
	`CREATE INDEX IF NOT EXISTS kg_quads_label ON quads (label_hash)`,
	`CREATE INDEX IF NOT EXISTS kg_nodes_unreferenced ON nodes (refs) WHERE refs <= 0`,
}

// pgAddIndexes creates pgIndexes. A role that may write to the tables but
// not index them (it does not own them) goes without: they speed kg up but
// change no result.
func pgAddIndexes(ctx context.Context, conn *sql.Conn) error {
	for _, q := range pgIndexes {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			var pe *pq.Error
			if errors.As(err, &pe) && pe.Code == "42501" {
				return nil
			}
			return err
		}
	}
	return nil
}

// pgOpenError classifies a failure to open a PostgreSQL store.
func pgOpenError(shown string, u *url.URL, err error) error {
	where := u.Host
	if where == "" {
		where = "the local server"
	}
	db := strings.TrimPrefix(u.Path, "/")
	user := u.User.Username()
	var pe *pq.Error
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "28P01" || pe.Code == "28000":
			return E(Invalid, "open store", shown, fmt.Errorf(
				"PostgreSQL at %s refused the credentials of user %q: %s", where, user, pe.Message))
		case pe.Code == "3D000":
			return E(NotFound, "open store", shown, fmt.Errorf(
				"PostgreSQL at %s has no database %q (create it with: createdb %s): %s", where, db, db, pe.Message))
		case pe.Code == "42501" || pe.Code.Class() == "42" && strings.Contains(pe.Message, "permission"):
			return E(Invalid, "open store", shown, fmt.Errorf(
				"user %q may not create or use kg's tables in database %q (%s); grant it CREATE and USAGE on the schema (GRANT CREATE, USAGE ON SCHEMA public TO %s) or create the tables once as a role that may",
				user, db, pe.Message, user))
		case pe.Code == "55000" || pe.Code == "57P03" || pe.Code.Class() == "08" || pe.Code == "53300":
			return E(Storage, "open store", shown, fmt.Errorf(
				"PostgreSQL at %s does not accept connections to %q now: %s", where, db, pe.Message))
		}
		return E(Storage, "open store", shown, fmt.Errorf("PostgreSQL at %s: %s (SQLSTATE %s)", where, pe.Message, pe.Code))
	}
	var ne net.Error
	var oe *net.OpError
	switch {
	case errors.As(err, &oe) || errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded):
		return E(Storage, "open store", shown, fmt.Errorf(
			"cannot connect to PostgreSQL at %s (is the server running and listening there?): %s", where, RedactAddr(err.Error())))
	case errors.Is(err, pq.ErrSSLNotSupported):
		return E(Invalid, "open store", shown, fmt.Errorf(
			"PostgreSQL at %s does not support SSL; add sslmode=disable to the URL", where))
	case strings.Contains(err.Error(), "sslmode") || strings.Contains(err.Error(), "SSL"):
		return E(Invalid, "open store", shown, RedactAddr(err.Error()))
	}
	return E(Storage, "open store", shown, RedactAddr(err.Error()))
}

// pgRetryable reports whether err is one PostgreSQL asks clients to retry:
// a serialization failure (40001) or a deadlock (40P01).
func pgRetryable(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// quietLog is Cayley's logger in kg. Cayley logs every failed statement
// (including deadlocks Store then retries) and, on a failed connection, the
// address with its password; kg reports every error it gets from Cayley
// itself, so these logs are dropped unless KG_CAYLEY_LOG=1, and then printed
// with passwords hidden.
type quietLog struct{ v int }

func (l *quietLog) print(prefix, format string, args ...any) {
	if os.Getenv("KG_CAYLEY_LOG") == "1" {
		log.Print(RedactAddr(prefix + fmt.Sprintf(format, args...)))
	}
}

func (l *quietLog) Infof(format string, args ...any)    { l.print("cayley: ", format, args...) }
func (l *quietLog) Warningf(format string, args ...any) { l.print("cayley: WARN: ", format, args...) }
func (l *quietLog) Errorf(format string, args ...any)   { l.print("cayley: ERROR: ", format, args...) }
func (l *quietLog) Fatalf(format string, args ...any) {
	log.Fatal(RedactAddr("cayley: FATAL: " + fmt.Sprintf(format, args...)))
}
func (l *quietLog) V(level int) bool { return l.v >= level }
func (l *quietLog) SetV(level int)   { l.v = level }
