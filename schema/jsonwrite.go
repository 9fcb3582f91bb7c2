package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/graphql-go/graphql"

	"kg/internal/jsontext"
)

// appendResult appends the JSON encoding of res to b: the same bytes as
// encoding/json's Marshal of res (keys of maps sorted, HTML characters and
// U+2028/U+2029 escaped), without a trailing newline.
//
// graphql-go gives its answer as a tree of map[string]any, []any and the
// scalars the schema's types serialize to; encoding/json walks such a tree
// by reflection and sorts every map's keys with a fresh slice, which was a
// tenth of the server's time on large lists. appendValue walks the tree
// with a type switch and falls back to encoding/json for any other value.
func appendResult(b []byte, res *graphql.Result) ([]byte, error) {
	b = append(b, `{"data":`...)
	b, err := appendValue(b, res.Data)
	if err != nil {
		return nil, err
	}
	if len(res.Errors) > 0 {
		b = append(b, `,"errors":`...)
		if b, err = appendMarshal(b, res.Errors); err != nil {
			return nil, err
		}
	}
	if len(res.Extensions) > 0 {
		b = append(b, `,"extensions":`...)
		if b, err = appendValue(b, res.Extensions); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendValue appends the JSON encoding of v as encoding/json would write it.
func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return jsontext.AppendString(b, v, true), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int32:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case float64:
		return appendFloat(b, v)
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, k, true)
			b = append(b, ':')
			var err error
			if b, err = appendValue(b, v[k]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case []any:
		if v == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendValue(b, x); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	return appendMarshal(b, v)
}

func appendMarshal(b []byte, v any) ([]byte, error) {
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, j...), nil
}

// appendFloat formats f as encoding/json does: the shortest representation,
// in exponent form only below 1e-6 or from 1e21 on, with a two-digit
// negative exponent trimmed to one ("1e-7", not "1e-07").
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b) - start; n >= 4 && b[len(b)-4] == 'e' && b[len(b)-3] == '-' && b[len(b)-2] == '0' {
			b[len(b)-2] = b[len(b)-1]
			b = b[:len(b)-1]
		}
	}
	return b, nil
}

// answerBufs recycles the buffers answers are encoded into; a buffer that
// grew past maxPooledAnswer is left to the collector so that one huge
// answer does not pin its memory.
var answerBufs = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledAnswer = 1 << 20

// writeAnswer writes, with status code, the JSON answer encode appends to a
// pooled buffer, ended by a newline as json.Encoder ends a value. When
// encode fails it writes nothing and returns false.
func writeAnswer(w http.ResponseWriter, code int, encode func([]byte) ([]byte, bool)) bool {
	bp := answerBufs.Get().(*[]byte)
	b, ok := encode((*bp)[:0])
	if ok {
		b = append(b, '\n')
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		// With its length known the answer goes out unchunked, with no
		// closing chunk to write after it.
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(code)
		w.Write(b)
	}
	if cap(b) <= maxPooledAnswer {
		*bp = b[:0]
		answerBufs.Put(bp)
	}
	return ok
}
