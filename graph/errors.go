package graph

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an Error so callers can tell bad input from a failing store
// without parsing messages.
type Kind int

const (
	Other    Kind = iota // unclassified
	Invalid              // bad input: a malformed file, a bad argument
	NotFound             // a file, node or store that does not exist
	Busy                 // the store is held by another process
	Storage              // the store failed to read or write
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid input"
	case NotFound:
		return "not found"
	case Busy:
		return "store busy"
	case Storage:
		return "store failure"
	}
	return "error"
}

// Error is kg's error type. Path names the file or store address the error is
// about, Op the operation that failed.
type Error struct {
	Kind Kind
	Op   string // e.g. "read", "open store", "write article"
	Path string // file or store address, if any
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	if e.Op != "" {
		b.WriteString(e.Op)
		if e.Err != nil {
			b.WriteString(": ")
		}
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error. msg may be an error or a string; a string becomes the
// underlying error's text.
func E(kind Kind, op, path string, msg any) *Error {
	var err error
	switch m := msg.(type) {
	case error:
		err = m
	case string:
		err = errors.New(m)
	case nil:
	default:
		err = fmt.Errorf("%v", m)
	}
	return &Error{Kind: kind, Op: op, Path: path, Err: err}
}

// KindOf reports the Kind of the first *Error in err's chain, or Other.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		if e.Kind == Other && e.Err != nil {
			return KindOf(e.Err)
		}
		return e.Kind
	}
	return Other
}

// Is reports whether err's chain holds an *Error of the given kind.
func Is(kind Kind, err error) bool { return KindOf(err) == kind }
