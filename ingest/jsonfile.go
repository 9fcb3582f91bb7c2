package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// JSON files: .json (one object, or an array of objects) and .jsonl (one
// object per line).

// jsonFields maps each article field to the object keys read for it, in
// priority order: the first key with a non-empty value wins. Keys match
// case-insensitively.
var jsonFields = struct {
	title, text, date, url, source, author []string
}{
	title:  []string{"title", "headline"},
	text:   []string{"text", "body", "content", "articlebody"},
	date:   []string{"date", "published", "datepublished", "published_at", "pubdate"},
	url:    []string{"url", "link"},
	source: []string{"source", "publisher", "site"},
	author: []string{"author", "authors", "byline"},
}

// readJSON reads a .json file's text: one object (a record with n 0 and the
// file's hash), or an array of objects (record n is the 1-based index, hash
// the element's own bytes). A syntax error fails the whole file, with its
// line and column; an element that is not a usable object is a per-record
// error ("record 3: …"). empty reports an array with no elements.
func readJSON(text, fileHash string) (recs []record, errs []error, empty bool, err error) {
	data := []byte(text)
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, nil, false, jsonError(data, err, true)
	}
	raw = bytes.TrimSpace(raw)
	switch raw[0] {
	case '{':
		d, ws, err := jsonArticle(raw)
		if err != nil {
			return nil, nil, false, err
		}
		return []record{{d: withWarnings(d, ws), hash: fileHash}}, nil, false, nil
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, nil, false, jsonError(data, err, true)
		}
		if len(items) == 0 {
			return nil, nil, true, nil
		}
		for i, item := range items {
			prefix := "record " + strconv.Itoa(i+1) + ": "
			d, ws, err := jsonArticle(item)
			if err != nil {
				errs = append(errs, errors.New(prefix+err.Error()))
				continue
			}
			recs = append(recs, record{d: withWarnings(d, ws), n: i + 1, hash: hashOf(bytes.TrimSpace(item)), prefix: prefix})
		}
		return recs, errs, false, nil
	}
	return nil, nil, false, fmt.Errorf("expected a JSON object or an array of objects, found %s", jsonKind(raw))
}

// readJSONL reads a .jsonl file: one object per line, blank lines ignored.
// Each line is hashed as it stands in the file (without its line ending),
// then repaired if it is not valid UTF-8; repaired counts the places. A line
// that fails is an error "line N: …" and does not stop the others.
func readJSONL(data []byte) (recs []record, errs []error, repaired int) {
	n := 0
	for len(data) > 0 {
		n++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		prefix := "line " + strconv.Itoa(n) + ": "
		text, k := repairUTF8(line)
		repaired += k
		d, ws, err := jsonlArticle([]byte(text))
		if err != nil {
			errs = append(errs, errors.New(prefix+err.Error()))
			continue
		}
		recs = append(recs, record{d: withWarnings(d, ws), n: n, hash: hashOf(line), prefix: prefix})
	}
	return recs, errs, repaired
}

func jsonlArticle(line []byte) (draft, []string, error) {
	var raw json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return draft{}, nil, jsonError(line, err, false)
	}
	return jsonArticle(raw)
}

// withWarnings carries a record's warnings to finish, which reports them.
// (They ride in the draft so that each is prefixed with its record.)
func withWarnings(d draft, ws []string) draft {
	d.warnings = append(d.warnings, ws...)
	return d
}

// jsonArticle reads one article object. Field values may be strings,
// numbers (a date may be Unix seconds or milliseconds), objects with a
// "name" (source, author) or arrays of those (joined with ", "; text
// paragraphs with a blank line). A text that holds HTML markup is reduced to
// its text. An object with neither title nor text is an error.
func jsonArticle(raw json.RawMessage) (draft, []string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return draft{}, nil, fmt.Errorf("expected a JSON object, found %s", jsonKind(bytes.TrimSpace(raw)))
	}
	lower := make(map[string]json.RawMessage, len(obj))
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		lk := strings.ToLower(k)
		if _, ok := lower[lk]; !ok || k == lk { // the all-lowercase spelling wins
			lower[lk] = obj[k]
		}
	}
	get := func(keys []string, sep string) string {
		for _, k := range keys {
			if v, ok := lower[k]; ok {
				if s := strings.TrimSpace(jsonString(v, sep)); s != "" {
					return s
				}
			}
		}
		return ""
	}
	var d draft
	var warnings []string
	d.title = get(jsonFields.title, ", ")
	d.body = get(jsonFields.text, "\n\n")
	if looksLikeHTML(d.body) {
		d.body = htmlFragmentText(d.body)
	}
	d.url = get(jsonFields.url, ", ")
	d.source = get(jsonFields.source, ", ")
	d.author = get(jsonFields.author, ", ")
	if d.title == "" && strings.TrimSpace(d.body) == "" {
		return draft{}, nil, errors.New("no title and no text (looked for fields " + strings.Join(append(jsonFields.title, jsonFields.text...), ", ") + ")")
	}
	for _, k := range jsonFields.date {
		v, ok := lower[k]
		if !ok {
			continue
		}
		if t, ok := jsonDate(v); ok {
			d.date = t
		} else if s := jsonString(v, ", "); s != "" {
			warnings = append(warnings, fmt.Sprintf("%s %q is not a date kg reads (YYYY-MM-DD, RFC 3339, \"December 10, 2013\", …); the article has no date", k, s))
		}
		break
	}
	return d, warnings, nil
}

// jsonString reads a JSON value as text: a string, a number, an object's
// "name" (or "@value", "text"), or an array of those joined with sep.
func jsonString(raw json.RawMessage, sep string) string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return ""
	}
	return anyString(v, sep, 0)
}

func anyString(v any, sep string, depth int) string {
	if depth > 8 {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case map[string]any:
		for _, k := range []string{"name", "@value", "text", "title"} {
			if s := anyString(x[k], sep, depth+1); s != "" {
				return s
			}
		}
	case []any:
		var parts []string
		for _, e := range x {
			if s := strings.TrimSpace(anyString(e, sep, depth+1)); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, sep)
	}
	return ""
}

// jsonDate reads a date value: a string parseDate accepts, or a number of
// Unix seconds (or milliseconds, when it is too large for seconds).
func jsonDate(raw json.RawMessage) (time.Time, bool) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return time.Time{}, false
	}
	switch x := v.(type) {
	case string:
		return parseDate(x)
	case json.Number:
		f, err := x.Float64()
		if err != nil || f <= 0 || math.IsInf(f, 0) {
			return time.Time{}, false
		}
		if f > 1e11 { // milliseconds
			f /= 1000
		}
		if f > 1e11 {
			return time.Time{}, false
		}
		return time.Unix(int64(f), 0).UTC(), true
	}
	return time.Time{}, false
}

// jsonError describes a JSON syntax error with its place: "line L, column
// C" in a file (withLine), "column C" in a .jsonl line. Columns count
// characters from 1.
func jsonError(data []byte, err error, withLine bool) error {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	at := int(se.Offset) - 1 // the offending byte
	at = max(0, min(at, len(data)))
	line := 1 + bytes.Count(data[:at], []byte("\n"))
	start := bytes.LastIndexByte(data[:at], '\n') + 1
	col := utf8.RuneCount(data[start:at]) + 1
	if withLine {
		return fmt.Errorf("invalid JSON at line %d, column %d: %s", line, col, se.Error())
	}
	return fmt.Errorf("invalid JSON at column %d: %s", col, se.Error())
}

// jsonKind names the kind of a JSON value for messages.
func jsonKind(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
