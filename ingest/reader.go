package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"kg/graph"
)

// DefaultMaxBytes is the size above which Reader skips a file when its
// MaxBytes is not set (10 MiB).
const DefaultMaxBytes = 10 << 20

// ErrSkip is wrapped by the errors Read returns for files that are skipped
// rather than failed: too large, empty or only white space, an unsupported
// extension, not a regular file, or a JSON array with no elements. Test with
// errors.Is(err, ErrSkip).
var ErrSkip = errors.New("skipped")

// Reader reads article files into graph.Article values. The zero Reader is
// ready to use. A Reader holds no state between calls and is safe for
// concurrent use.
type Reader struct {
	MaxBytes int64 // files larger than this are skipped; 0 (or less) means DefaultMaxBytes
}

// ReadResult is what one file yields.
type ReadResult struct {
	// Articles read, in file order. Each has Title, Text (cleaned by Clean,
	// never empty, paragraphs separated by a blank line), File (rel), Record
	// and Hash set, and Date, URL, Source and Author when the file gives
	// them. A file that gives no title gets its text's first sentence (at
	// most 100 characters) as title.
	Articles []graph.Article
	// Warnings about input that was read but repaired or partly ignored,
	// each starting with the file's rel path, e.g.
	// "feed/a.txt: invalid UTF-8 repaired with U+FFFD at 3 places".
	Warnings []string
	// Errors are per-record failures inside a multi-article file (a .jsonl
	// line, an element of a .json array), each a *graph.Error of kind
	// graph.Invalid naming the file, e.g.
	// "feed.jsonl: read: line 7: invalid JSON at column 12: …". The other
	// records are still in Articles. Single-article files never fill Errors:
	// their failure is Read's error.
	Errors []error
}

// format is a kind of article file, told by its extension.
type format int

const (
	formatNone format = iota
	formatText
	formatMarkdown
	formatHTML
	formatJSON
	formatJSONL
)

var extFormats = map[string]format{
	".txt": formatText, ".md": formatMarkdown, ".markdown": formatMarkdown,
	".html": formatHTML, ".htm": formatHTML, ".json": formatJSON, ".jsonl": formatJSONL,
}

// formatOf tells a file's format by its extension, case-insensitively.
func formatOf(name string) format { return extFormats[strings.ToLower(filepath.Ext(name))] }

// supportedList names the supported extensions, for messages.
const supportedList = ".txt .md .markdown .html .htm .json .jsonl"

// draft is an article as a format reader found it, before finish.
type draft struct {
	title, url, source, author string
	date                       time.Time
	body                       string   // text, lines separated by "\n"; cleaned by finish
	warnings                   []string // about this record, reported by Read with its prefix
}

// record is one draft with its place in the file and its hash.
type record struct {
	d      draft
	n      int    // Article.Record
	hash   string // Article.Hash
	prefix string // "line 7: " or "record 3: " in messages; "" for a single-article file
}

// Read reads the file at path into articles. rel is the file's path relative
// to the ingested folder, slash-separated; it becomes Article.File and names
// the file in every message (when rel is empty, path is used).
//
// The format is told by the extension, case-insensitively: .txt, .md and
// .markdown (optional front matter, the first line as title, a dateline),
// .html and .htm, .json (one object, or an array of objects) and .jsonl (one
// object per line). Text is decoded as UTF-8 (UTF-16 with a byte-order mark
// is converted; invalid UTF-8 is repaired with U+FFFD and a Warning; an HTML
// file that is not valid UTF-8 and declares another charset is decoded from
// it), CRLF and CR become LF, and each article's text goes through Clean.
//
// Hash is the hex SHA-256 of the file's raw bytes, for a .jsonl record of its
// line (without the line ending), for an element of a .json array of that
// element's bytes. Record is 0 for single-article files (and a .json holding
// one object), the 1-based line number in a .jsonl, the 1-based index in a
// .json array.
//
// A non-nil error is a *graph.Error with Op "read" and Path rel, of kind
//   - graph.NotFound when the file does not exist;
//   - graph.Invalid for a file that cannot be used: permission denied, a
//     directory, a binary file (NUL bytes or mostly non-text in the first
//     8 KiB), malformed JSON (with line and column), a single-article file
//     with no article text left after cleaning;
//   - graph.Invalid wrapping ErrSkip for a skipped file: unsupported
//     extension, larger than MaxBytes (checked with Stat before reading and
//     again by capping the read), empty or only white space, not a regular
//     file, an empty JSON array.
//
// The message reads, e.g., "notes/a.txt: read: skipped: file is 12.3 MiB,
// over --max-bytes (10 MiB)". With an error, ReadResult holds no articles.
func (r Reader) Read(path, rel string) (ReadResult, error) {
	var res ReadResult
	if rel == "" {
		rel = filepath.ToSlash(path)
	}
	fail := func(kind graph.Kind, err any) (ReadResult, error) {
		return ReadResult{}, graph.E(kind, "read", rel, err)
	}
	skip := func(format string, args ...any) (ReadResult, error) {
		return fail(graph.Invalid, fmt.Errorf("%w: "+format, append([]any{ErrSkip}, args...)...))
	}

	f := formatOf(path)
	if f == formatNone {
		ext := filepath.Ext(path)
		if ext == "" {
			return skip("unsupported file type (no extension; supported: %s)", supportedList)
		}
		return skip("unsupported file type %q (supported: %s)", ext, supportedList)
	}
	max := r.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}

	info, err := os.Stat(path)
	if err != nil {
		return fail(osErrorKind(err), osErrorText(err))
	}
	if info.IsDir() {
		return fail(graph.Invalid, "is a directory, not a file")
	}
	if !info.Mode().IsRegular() {
		return skip("not a regular file (%s)", fileType(info.Mode()))
	}
	if info.Size() > max {
		return skip("file is %s, over --max-bytes (%s)", humanBytes(info.Size()), humanBytes(max))
	}
	file, err := os.Open(path)
	if err != nil {
		return fail(osErrorKind(err), osErrorText(err))
	}
	defer file.Close()
	raw, err := io.ReadAll(io.LimitReader(file, max+1))
	if err != nil {
		return fail(graph.Invalid, osErrorText(err))
	}
	if int64(len(raw)) > max {
		return skip("file grew to over --max-bytes (%s) while being read", humanBytes(max))
	}
	if len(raw) == 0 {
		return skip("empty file")
	}
	fileHash := hashOf(raw)

	data, utf16 := decodeBOM(raw)
	if !utf16 {
		if why := binaryReason(data); why != "" {
			return fail(graph.Invalid, "binary file ("+why+"), not text")
		}
	}
	if strings.TrimFunc(string(data), isSpaceOrInvisible) == "" {
		return skip("file holds only white space")
	}
	warn := func(prefix, msg string) { res.Warnings = append(res.Warnings, rel+": "+prefix+msg) }

	var recs []record
	switch f {
	case formatJSONL:
		var errs []error
		var repaired int
		recs, errs, repaired = readJSONL(data)
		if repaired > 0 {
			warn("", repairedMessage(repaired))
		}
		for _, e := range errs {
			res.Errors = append(res.Errors, graph.E(graph.Invalid, "read", rel, e))
		}
	default:
		if f == formatHTML && !utf8.Valid(data) {
			if dec, name := decodeDeclaredCharset(data); dec != nil {
				data = dec
				warn("", "decoded from "+name+" as its <meta charset> declares")
			}
		}
		text, repaired := repairUTF8(data)
		if repaired > 0 {
			warn("", repairedMessage(repaired))
		}
		text = normalizeText(text)
		switch f {
		case formatText, formatMarkdown:
			d, ws := readPlain(text, f == formatMarkdown)
			for _, w := range ws {
				warn("", w)
			}
			recs = []record{{d: d, hash: fileHash}}
		case formatHTML:
			d, err := readHTML(text)
			if err != nil {
				return fail(graph.Invalid, err)
			}
			recs = []record{{d: d, hash: fileHash}}
		case formatJSON:
			var errs []error
			var empty bool
			recs, errs, empty, err = readJSON(text, fileHash)
			if err != nil {
				return fail(graph.Invalid, err)
			}
			if empty {
				return skip("no articles (an empty JSON array)")
			}
			for _, e := range errs {
				res.Errors = append(res.Errors, graph.E(graph.Invalid, "read", rel, e))
			}
		}
	}

	for _, rec := range recs {
		a, ws, err := finish(rec.d)
		for _, w := range ws {
			warn(rec.prefix, w)
		}
		if err != nil {
			if rec.prefix == "" {
				return ReadResult{Warnings: res.Warnings}, graph.E(graph.Invalid, "read", rel, err)
			}
			res.Errors = append(res.Errors, graph.E(graph.Invalid, "read", rel, errors.New(rec.prefix+err.Error())))
			continue
		}
		a.File, a.Record, a.Hash = rel, rec.n, rec.hash
		res.Articles = append(res.Articles, a)
	}
	return res, nil
}

// errNoText is finish's error for an article with no text left.
var errNoText = errors.New("no article text (nothing left after removing markup, scripts and page furniture)")

// finish turns a draft into an article: it normalizes the body, takes the
// date from a dateline when the draft has none (and removes a dateline line
// that is only a date), cleans the text with Clean, and derives a title from
// the text when the draft has none.
func finish(d draft) (graph.Article, []string, error) {
	warnings := d.warnings
	lines := strings.Split(normalizeText(d.body), "\n")
	if t, drop, ok := findDateline(lines); ok {
		if d.date.IsZero() {
			d.date = t
		}
		if drop >= 0 {
			lines[drop] = ""
		}
	}
	title := field(d.title)
	text := Clean(title, strings.Join(lines, "\n"))
	if text == "" {
		return graph.Article{}, warnings, errNoText
	}
	if title == "" {
		title = shortenTitle(text)
	}
	return graph.Article{
		Title:  title,
		Date:   d.date,
		URL:    field(d.url),
		Source: field(d.source),
		Author: field(d.author),
		Text:   text,
	}, warnings, nil
}

// field normalizes a metadata value: valid UTF-8, invisible characters
// removed, control characters and runs of white space made one space,
// trimmed.
func field(s string) string {
	s, _ = repairUTF8([]byte(s))
	return strings.Join(strings.Fields(normalizeText(s)), " ")
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// decodeBOM strips a UTF-8 byte-order mark, or converts UTF-16 text that
// starts with its byte-order mark to UTF-8 (utf16 reports that).
func decodeBOM(raw []byte) (data []byte, utf16 bool) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return raw[3:], false
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeUTF16(raw[2:], false), true
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeUTF16(raw[2:], true), true
	}
	return raw, false
}

// decodeUTF16 converts UTF-16 to UTF-8; unpaired surrogates and an odd
// trailing byte become U+FFFD.
func decodeUTF16(b []byte, bigEndian bool) []byte {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			units = append(units, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	out := []byte(string(utf16.Decode(units)))
	if len(b)%2 == 1 {
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	return out
}

// binarySample is how much of a file binaryReason looks at.
const binarySample = 8 << 10

// binaryReason says why data is not text, or returns "": a NUL byte in the
// first 8 KiB, or more than 30% of them control characters (other than tab,
// line feed, carriage return, form feed, vertical tab, escape) or bytes that
// are not UTF-8 (a Latin-1 text stays well below that).
func binaryReason(data []byte) string {
	sample := data[:min(len(data), binarySample)]
	if bytes.IndexByte(sample, 0) >= 0 {
		return "NUL bytes in the first 8 KiB"
	}
	bad := 0
	for i := 0; i < len(sample); {
		c := sample[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && !strings.ContainsRune("\t\n\r\f\v\x1b", rune(c))) || c == 0x7f {
				bad++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size == 1 {
			if !utf8.FullRune(sample[i:]) && len(sample) < len(data) {
				break // a character cut by the sample's end
			}
			bad++
		}
		i += size
	}
	if bad*100 > len(sample)*30 {
		return "mostly non-text bytes in the first 8 KiB"
	}
	return ""
}

// repairUTF8 returns b as a string with each run of invalid UTF-8 replaced by
// one U+FFFD, and how many runs it replaced.
func repairUTF8(b []byte) (string, int) {
	if utf8.Valid(b) {
		return string(b), 0
	}
	var sb strings.Builder
	sb.Grow(len(b) + 16)
	n, inBad := 0, false
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			if !inBad {
				sb.WriteRune(utf8.RuneError)
				n++
				inBad = true
			}
		} else {
			sb.Write(b[:size])
			inBad = false
		}
		b = b[size:]
	}
	return sb.String(), n
}

func repairedMessage(n int) string {
	if n == 1 {
		return "invalid UTF-8 repaired with U+FFFD at 1 place"
	}
	return "invalid UTF-8 repaired with U+FFFD at " + strconv.Itoa(n) + " places"
}

// normalizeText makes line endings LF (CRLF, CR, U+2028 and U+2029 become
// "\n"), removes invisible characters (byte-order mark, zero-width space,
// soft hyphen) and turns the other control characters except tab into
// spaces. s must be valid UTF-8.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r' || r == '\u2028' || r == '\u2029':
			return '\n'
		case isInvisible(r):
			return -1
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			return ' '
		}
		return r
	}, s)
}

func isInvisible(r rune) bool {
	return r == '\uFEFF' || r == '\u200B' || r == '\u00AD' || r == '\u2060'
}

func isSpaceOrInvisible(r rune) bool { return unicode.IsSpace(r) || isInvisible(r) }

// humanBytes formats a size for messages: "512 bytes", "1.5 KiB", "10 MiB",
// "12.3 MiB".
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		if n == 1 {
			return "1 byte"
		}
		return strconv.FormatInt(n, 10) + " bytes"
	}
	v, i := float64(n), -1
	for v >= unit && i < 4 {
		v /= unit
		i++
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + []string{"KiB", "MiB", "GiB", "TiB", "PiB"}[i]
}

// osErrorKind classifies an error from opening or stating a file.
func osErrorKind(err error) graph.Kind {
	if errors.Is(err, fs.ErrNotExist) {
		return graph.NotFound
	}
	return graph.Invalid
}

// osErrorText describes an error from the file system without repeating
// the path (the *graph.Error names the file already).
func osErrorText(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "file does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (the file is not readable by this user)"
	case errors.Is(err, syscall.ELOOP):
		return "symlink loop"
	case errors.Is(err, syscall.EISDIR):
		return "is a directory, not a file"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// fileType names a non-regular file's type for messages.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}
