package jsontext

import "unicode/utf8"

const hex = "0123456789abcdef"

// AppendString appends s as a JSON string to dst, byte for byte as
// encoding/json writes it (with SetEscapeHTML(escapeHTML) on an Encoder):
// `"` and `\` escaped; control characters as \b, \f, \n, \r, \t or \u00XX;
// U+2028 and U+2029 as \u2028 and \u2029; bytes that are not UTF-8 as
// \ufffd; with escapeHTML, also <, > and & as \u003c, \u003e and \u0026;
// everything else as it is.
func AppendString(dst []byte, s string, escapeHTML bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plain8(s[i:i+8], escapeHTML) { // the usual run of plain ASCII, 8 bytes at a time
			i += 8
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!escapeHTML || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// plain8 reports whether the 8 bytes of b are all ASCII that a JSON
// string holds as they are: no control character, '"' or '\\', and with
// escapeHTML no '<', '>' or '&'. It tests them at once, with the bit tricks
// of "Bit Twiddling Hacks" (a byte below n, a zero byte), which tell
// exactly whether any byte matches.
func plain8(b string, escapeHTML bool) bool {
	u := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	has := func(c uint64) uint64 { x := u ^ (c * lo); return (x - lo) &^ x }
	bad := u | (u-0x20*lo)&^u | has('"') | has('\\')
	if escapeHTML {
		bad |= has('<') | has('>') | has('&')
	}
	return bad&hi == 0
}
