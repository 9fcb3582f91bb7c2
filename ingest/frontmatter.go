package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Plain text and Markdown: optional front matter, a title line, a dateline.

// frontMatter holds the fields kg reads from a front-matter block; values are
// unquoted, with white space trimmed.
type frontMatter struct {
	title, date, url, source, author string
}

// frontMatterKeys maps each key kg reads (lowercase, '-' and ' ' read as '_')
// to its field, in priority order per field: "title" wins over "headline"
// whatever their order in the block.
var frontMatterKeys = []struct {
	field string
	keys  []string
}{
	{"title", []string{"title", "headline"}},
	{"date", []string{"date", "published", "date_published", "datepublished", "published_at", "pubdate", "publish_date"}},
	{"url", []string{"url", "link", "canonical", "canonical_url", "source_url"}},
	{"source", []string{"source", "publisher", "site", "site_name"}},
	{"author", []string{"author", "authors", "byline", "by"}},
}

var (
	fmKeyLine  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_ .-]{0,40}?)\s*:\s*(.*)$`)
	fmListItem = regexp.MustCompile(`^\s+-\s+(.*)$|^-\s+(.*)$`)
)

// maxFrontMatterLines bounds the search for the closing "---".
const maxFrontMatterLines = 200

// splitFrontMatter splits a leading front-matter block off text (LF line
// endings). The block opens with a line "---" as the file's first line and
// closes with a line "---" or "..."; in between, "key: value" lines, YAML
// list items ("- value", read for a key with no value of its own, joined with
// ", "), comments and blank lines. found is false, and body is text, when text
// does not open with "---" or the block is not front matter (a line of
// another shape, no closing line within maxFrontMatterLines lines); warn then
// says why when the text did open with "---".
func splitFrontMatter(text string) (fm frontMatter, body string, found bool, warn string) {
	first, rest, ok := strings.Cut(text, "\n")
	if !ok || strings.TrimRight(first, " \t") != "---" {
		return fm, text, false, ""
	}
	values := map[string]string{}
	lastKey := ""
	offset := len(first) + 1
	for n := 0; n < maxFrontMatterLines && rest != ""; n++ {
		line, next, _ := strings.Cut(rest, "\n")
		rest = next
		offset += len(line) + 1
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "---" || trimmed == "...":
			fm = frontMatter{}
			for _, f := range frontMatterKeys {
				for _, k := range f.keys {
					if v, ok := values[k]; ok && v != "" {
						fm.set(f.field, v)
						break
					}
				}
			}
			if offset > len(text) {
				offset = len(text)
			}
			return fm, text[offset:], true, ""
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		}
		if m := fmListItem.FindStringSubmatch(line); m != nil {
			if lastKey != "" {
				item := unquoteValue(m[1] + m[2])
				if values[lastKey] == "" {
					values[lastKey] = item
				} else {
					values[lastKey] += ", " + item
				}
			}
			continue
		}
		if line[0] == ' ' || line[0] == '\t' { // a continuation of a nested value
			continue
		}
		m := fmKeyLine.FindStringSubmatch(line)
		if m == nil {
			return frontMatter{}, text, false, "a line after the opening --- is not \"key: value\", so it is not front matter; read as text"
		}
		key := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(m[1]))
		lastKey = key
		if _, dup := values[key]; !dup {
			values[key] = unquoteValue(m[2])
		}
	}
	return frontMatter{}, text, false, "front matter opened with --- is not closed; read as text"
}

func (fm *frontMatter) set(field, v string) {
	switch field {
	case "title":
		fm.title = v
	case "date":
		fm.date = v
	case "url":
		fm.url = v
	case "source":
		fm.source = v
	case "author":
		fm.author = v
	}
}

// unquoteValue trims a front-matter value and removes matching quotes
// ("…" with Go/YAML escapes; '…' where two single quotes stand for one) or a flow list's
// brackets ("[A, B]" becomes "A, B").
func unquoteValue(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 {
		switch {
		case v[0] == '"' && v[len(v)-1] == '"':
			if u, err := strconv.Unquote(v); err == nil {
				return strings.TrimSpace(u)
			}
			return strings.TrimSpace(v[1 : len(v)-1])
		case v[0] == '\'' && v[len(v)-1] == '\'':
			return strings.TrimSpace(strings.ReplaceAll(v[1:len(v)-1], "''", "'"))
		case v[0] == '[' && v[len(v)-1] == ']':
			parts := strings.Split(v[1:len(v)-1], ",")
			for i, p := range parts {
				parts[i] = unquoteValue(p)
			}
			return strings.Join(parts, ", ")
		}
	}
	return v
}

// readPlain reads a .txt (markdown false) or .md file's text (valid UTF-8,
// LF line endings) into a draft:
//   - front matter, when present, gives title, date, url, source, author;
//   - for Markdown, syntax that would hurt NLP is stripped (stripMarkdown);
//   - a first non-empty line that is only a date is the dateline;
//   - without a front-matter title the first non-empty line is the title and
//     is removed from the body, when it looks like one (titleLike); when it
//     reads like the body's first paragraph instead it stays in the body and
//     draft.title stays empty (finish derives one from the text);
//   - the date comes from front matter, else from the dateline, which finish
//     looks for (findDateline).
func readPlain(text string, markdown bool) (d draft, warnings []string) {
	fm, body, _, warn := splitFrontMatter(text)
	if warn != "" {
		warnings = append(warnings, warn)
	}
	d.url, d.source, d.author = fm.url, fm.source, fm.author
	lines := strings.Split(body, "\n")
	var heading []bool
	if markdown {
		lines, heading = stripMarkdown(lines)
		d.title = stripInlineMarkdown(fm.title)
		d.author = stripInlineMarkdown(d.author)
		d.source = stripInlineMarkdown(d.source)
	} else {
		d.title = fm.title
	}
	d.title = strings.Join(strings.Fields(d.title), " ")

	if fm.date != "" {
		if t, ok := parseDate(fm.date); ok {
			d.date = t
		} else {
			warnings = append(warnings, "front matter date "+strconv.Quote(fm.date)+" is not a date kg reads (YYYY-MM-DD, RFC 3339, \"December 10, 2013\", …); looking for a dateline instead")
		}
	}

	i := firstNonEmpty(lines)
	if i >= 0 {
		if t, ok := dateOnly(lines[i]); ok {
			if d.date.IsZero() {
				d.date = t
			}
			lines[i] = ""
			i = firstNonEmpty(lines)
		}
	}
	if d.title == "" && i >= 0 {
		line := strings.Join(strings.Fields(lines[i]), " ")
		if titleLike(line, heading != nil && heading[i], firstNonEmpty(lines[i+1:]) >= 0) {
			d.title = line
			lines[i] = ""
		}
	}
	d.body = strings.Join(lines, "\n")
	return d, warnings
}

func firstNonEmpty(lines []string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			return i
		}
	}
	return -1
}

// dateOnly reports whether line holds only a date (with filler such as a
// weekday, a time or "Published"), and which.
func dateOnly(line string) (t time.Time, ok bool) {
	line = strings.TrimSpace(line)
	if len(line) > 200 {
		return t, false
	}
	t, s, e, found := findDate(line)
	if !found || !onlyFiller(line[:s]+" "+line[e:]) {
		return time.Time{}, false
	}
	return t, true
}

var (
	initialsEnd = regexp.MustCompile(`(?:\b\p{Lu}\.){2,}$`)
	abbrevEnd   = regexp.MustCompile(`\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Bros|Plc|Dr|Mr|Mrs|Ms|No|vs)\.$`)
)

// titleLike reports whether a first line is a headline rather than the
// body's first paragraph: a Markdown heading always is (when more text
// follows); otherwise at most 200 characters and 30 words, more text after
// it, and no sentence-final period (a period after initials such as "U.S."
// or an abbreviation such as "Inc." does not count on a line of at most 15
// words without a comma).
func titleLike(line string, heading, more bool) bool {
	if !more {
		return false
	}
	if heading {
		return true
	}
	if utf8.RuneCountInString(line) > 200 || wordCount(line) > 30 {
		return false
	}
	t := strings.TrimRight(line, `"'”’») `)
	if strings.HasSuffix(t, "…") || strings.HasSuffix(t, "...") {
		return false
	}
	if strings.HasSuffix(t, ".") {
		return wordCount(t) <= 15 && !strings.Contains(t, ", ") && (initialsEnd.MatchString(t) || abbrevEnd.MatchString(t))
	}
	return true
}

var (
	mdFence      = regexp.MustCompile("^\\s*(?:```|~~~)")
	mdRule       = regexp.MustCompile(`^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|=+)\s*$`)
	mdRefDef     = regexp.MustCompile(`^\s*\[[^\]]+\]:\s*\S+`)
	mdQuote      = regexp.MustCompile(`^\s*(?:>\s?)+`)
	mdHeading    = regexp.MustCompile(`^\s*#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$`)
	mdList       = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,3}[.)])\s+`)
	mdTableRule  = regexp.MustCompile(`^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$`)
	mdImage      = regexp.MustCompile(`!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])`)
	mdLink       = regexp.MustCompile(`\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])`)
	mdAutolink   = regexp.MustCompile(`<((?:https?|ftp|mailto):[^>\s]+)>`)
	mdTag        = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)
	mdBoldStar   = regexp.MustCompile(`\*\*(\S(?:[^*]*\S)?)\*\*`)
	mdBoldUnder  = regexp.MustCompile(`(^|[^\p{L}\p{N}_])__(\S(?:[^_]*\S)?)__($|[^\p{L}\p{N}_])`)
	mdEmStar     = regexp.MustCompile(`(^|[^\p{L}\p{N}*\\])\*(\S(?:[^*]*\S)?)\*`)
	mdEmUnder    = regexp.MustCompile(`(^|[^\p{L}\p{N}_\\])_(\S(?:[^_]*\S)?)_($|[^\p{L}\p{N}_])`)
	mdStrike     = regexp.MustCompile(`~~(\S(?:[^~]*\S)?)~~`)
	mdCode       = regexp.MustCompile("`+([^`]+)`+")
	mdEscape     = regexp.MustCompile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!>|~])")
	mdTablePipes = regexp.MustCompile(`^\s*\|(.*)\|\s*$`)
)

// stripMarkdown removes Markdown syntax that would hurt NLP from lines and
// returns one output line per input line (so indexes stay), some of them
// empty: fenced code blocks, horizontal rules, setext underlines, table
// rules and link reference definitions become empty lines; heading, quote
// and list markers are removed (heading[i] reports a heading line); images
// are removed; links become their text; emphasis, strike-through and code
// markers, inline HTML tags and backslash escapes are removed; table cells
// are separated by spaces. As in Markdown, a paragraph's lines are one
// paragraph: a plain line that follows a paragraph, list item or quote line
// is joined to it (with a space) and left empty, and so is a quote line that
// follows a quote line.
func stripMarkdown(lines []string) (out []string, heading []bool) {
	const (
		blank = iota
		para
		list
		quote
		other // heading, table row: never joined
	)
	out = make([]string, len(lines))
	heading = make([]bool, len(lines))
	inCode := false
	prevKind, prevAt := blank, -1
	for i, line := range lines {
		kind := blank
		switch {
		case mdFence.MatchString(line):
			inCode = !inCode
		case inCode || strings.TrimSpace(line) == "" || mdRule.MatchString(line) || mdRefDef.MatchString(line) || mdTableRule.MatchString(line):
		default:
			kind = para
			if q := mdQuote.FindString(line); q != "" {
				line, kind = line[len(q):], quote
			}
			if m := mdHeading.FindStringSubmatch(line); m != nil {
				line, kind = m[1], other
				heading[i] = true
			} else if l := mdList.FindString(line); l != "" {
				line, kind = line[len(l):], list
			} else if m := mdTablePipes.FindStringSubmatch(line); m != nil {
				line, kind = strings.ReplaceAll(m[1], "|", " "), other
			}
			line = strings.TrimSpace(stripInlineMarkdown(line))
		}
		if line == "" || kind == blank {
			prevKind = blank
			continue
		}
		join := prevAt >= 0 && (kind == para && (prevKind == para || prevKind == list || prevKind == quote) ||
			kind == quote && prevKind == quote)
		if join {
			out[prevAt] += " " + line
			continue // the joined paragraph keeps its first line's kind
		}
		out[i] = line
		prevKind, prevAt = kind, i
	}
	return out, heading
}

// stripInlineMarkdown removes Markdown's inline syntax from one line.
func stripInlineMarkdown(s string) string {
	if !strings.ContainsAny(s, "[]()<>*_~`\\!") {
		return s
	}
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdTag.ReplaceAllString(s, "")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdBoldStar.ReplaceAllString(s, "$1")
	s = mdBoldUnder.ReplaceAllString(s, "$1$2$3")
	for range 2 { // a match consumes the character after it: run twice for "_a_ _b_"
		s = mdEmStar.ReplaceAllString(s, "$1$2")
		s = mdEmUnder.ReplaceAllString(s, "$1$2$3")
	}
	s = mdStrike.ReplaceAllString(s, "$1")
	s = mdEscape.ReplaceAllString(s, "$1")
	return s
}
