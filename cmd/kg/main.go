// Command kg builds a knowledge graph of who holds which office, who stands
// where on which issue, and what happened when and where, from a folder of
// news articles, and answers GraphQL queries over it.
//
// Usage:
//
//	kg ingest [--store S] [--workers N] DIR|FILE...
//	kg query  [--store S] --file Q.graphql [--vars JSON]
//
// --store is a bolt file path (default kg.db, or $KG_STORE) or memory:.
// Exit status: 0 on success, 1 when some input failed, 2 for usage errors.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes kg with args and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ex *exitError
	if errors.As(err, &ex) {
		if ex.err != nil {
			fmt.Fprintf(stderr, "kg: %v\n", ex.err)
		}
		return ex.code
	}
	// Anything cobra itself rejects (unknown flag or command, bad
	// arguments) is a usage error.
	fmt.Fprintf(stderr, "kg: %v\nRun 'kg --help' for usage.\n", err)
	return 2
}

// exitError carries an exit status out of a command.
type exitError struct {
	code int
	err  error // printed when not nil
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func usageError(format string, a ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, a...)}
}

func failure(err error) error { return &exitError{code: 1, err: err} }
