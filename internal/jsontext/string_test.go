package jsontext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// encoded is s as encoding/json writes it.
func encoded(s string, escapeHTML bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestPlain8 wants the eight-byte test to agree with a byte-by-byte one,
// and AppendString with encoding/json, for every byte at every place of a
// string, in both modes.
func TestPlain8(t *testing.T) {
	for _, html := range []bool{false, true} {
		plain := func(b string) bool {
			for i := range len(b) {
				c := b[i]
				if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 || html && (c == '<' || c == '>' || c == '&') {
					return false
				}
			}
			return true
		}
		base := "https://kg.localhost/id/person/x-y"
		for c := range 256 {
			for at := range 20 {
				b := []byte(base[:at] + "\x00" + base[at:])
				b[at] = byte(c)
				s := string(b)
				for i := 0; i+8 <= len(s); i++ {
					if got, want := plain8(s[i:i+8], html), plain(s[i:i+8]); got != want {
						t.Fatalf("plain8(%q, %v) = %v, want %v", s[i:i+8], html, got, want)
					}
				}
				if got, want := string(AppendString(nil, s, html)), encoded(s, html); got != want {
					t.Errorf("AppendString(%q, %v) = %s, want %s", s, html, got, want)
				}
			}
		}
	}
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, tc := range []struct{ desc, s string }{
		{"empty", ""},
		{"plain", "Marco Rubio"},
		{"quotes and backslashes", `he said "no" \ twice`},
		{"HTML characters", "<b>Tom & Jerry</b> in a long enough line"},
		{"control characters", "a\nb\rc\td\x00e\x1ff\x7fg\bh\fi"},
		{"non-ASCII", "naïve café — “quoted” 日本語 text, Київ"},
		{"line and paragraph separators", "a\u2028b\u2029c, long enough to take the fast path"},
		{"invalid UTF-8", "\xff\xfe plain plain plain"},
		{"cut and surrogate sequences", "\xe2\x80 and \xed\xa0\x80"},
		{"every byte alone and between letters", everyByte()},
	} {
		for _, html := range []bool{false, true} {
			if got, want := string(AppendString([]byte("x"), tc.s, html)), "x"+encoded(tc.s, html); got != want {
				t.Errorf("%s (html %v): got %s, want %s", tc.desc, html, got, want)
			}
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "<&>", "\u2028", "\xff", "a\"b\\c\n", "\b\f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{false, true} {
			if got, want := string(AppendString(nil, s, html)), encoded(s, html); got != want {
				t.Errorf("%q (html %v): got %s, want %s", s, html, got, want)
			}
		}
	})
}

func everyByte() string {
	var b strings.Builder
	for c := range 256 {
		b.WriteString("a" + string([]byte{byte(c)}) + "b")
	}
	return b.String()
}
