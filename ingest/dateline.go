package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Date recognition, shared by every format: parseDate reads a metadata value
// (front matter, JSON field, HTML meta tag); findDateline looks for the
// article's dateline near the top of a body.

const (
	reWeekday = `(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+`
	reMonth   = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`
	reOrd     = `(?:st|nd|rd|th)?`
)

var (
	// "December 10, 2013", "Dec. 10 2013", "Monday, December 1, 2025".
	dateMDY = regexp.MustCompile(`(?i)\b(?:` + reWeekday + `)?` + reMonth + `\.?\s+(\d{1,2})` + reOrd + `,?\s+(\d{4})\b`)
	// "1 December 2025", "Monday, 1 December 2025", "1st of Dec. 2025".
	dateDMY = regexp.MustCompile(`(?i)\b(?:` + reWeekday + `)?(\d{1,2})` + reOrd + `\s+(?:of\s+)?` + reMonth + `\.?,?\s+(\d{4})\b`)
	// "2013-12-10", optionally with a time: "2013-12-10T08:00:00Z".
	dateISO = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b`)

	wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

	// A place before a date in a dateline: "KYIV, ", "Kyiv, Ukraine, ",
	// "WASHINGTON (AP) ".
	datelinePlace = regexp.MustCompile(`^[\p{Lu}][\p{L}\p{M}.'’\- ,]{0,50}(?:\([^()]{1,40}\))?[\s,.:]*$`)
	// What follows the date in a dateline that opens a paragraph.
	datelineDash = regexp.MustCompile(`^\s*(?:\([^()]{1,40}\)\s*)?(?:—|–|--|-|:)`)
)

var monthByPrefix = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"may": time.May, "jun": time.June, "jul": time.July, "aug": time.August,
	"sep": time.September, "oct": time.October, "nov": time.November, "dec": time.December,
}

// dateLayouts are the machine formats parseDate accepts, tried in order.
var dateLayouts = []string{
	time.RFC3339Nano,
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	time.RFC822Z,
	time.RFC822,
	time.RubyDate,
	time.UnixDate,
	time.ANSIC,
}

// parseDate reads a publication date given as metadata: ISO 8601 / RFC 3339
// (with or without a time), RFC 1123 / RFC 822 as used by feeds, or a written
// date ("December 10, 2013", "Monday, 1 December 2025", "Dec. 10, 2013"),
// optionally with a time after it. Dates without a zone are UTC; a date with
// a zone keeps it, so its calendar day is the one the publisher wrote.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 100 {
		return time.Time{}, false
	}
	if t, ok := parseLayouts(s); ok {
		return t, true
	}
	t, start, end, ok := findDate(s)
	if !ok || !onlyFiller(s[:start]+" "+s[end:]) {
		return time.Time{}, false
	}
	return t, true
}

// parseLayouts parses s with the first of dateLayouts that fits it.
func parseLayouts(s string) (time.Time, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1000 || t.Year() > 9999 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// findDate returns the first calendar date written in s (one of the forms of
// dateMDY, dateDMY, dateISO) and its byte span. Impossible dates such as
// "February 30, 2013" are not dates.
func findDate(s string) (t time.Time, start, end int, ok bool) {
	best := -1
	try := func(re *regexp.Regexp, build func(m []string) (time.Time, bool)) {
		for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
			if best >= 0 && loc[0] >= best {
				return
			}
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = s[loc[2*i]:loc[2*i+1]]
				}
			}
			if d, good := build(m); good {
				t, start, end, ok = d, loc[0], loc[1], true
				best = loc[0]
				return
			}
		}
	}
	try(dateMDY, func(m []string) (time.Time, bool) {
		return civilDate(m[3], monthByPrefix[strings.ToLower(m[1][:3])], m[2])
	})
	try(dateDMY, func(m []string) (time.Time, bool) {
		return civilDate(m[3], monthByPrefix[strings.ToLower(m[2][:3])], m[1])
	})
	try(dateISO, func(m []string) (time.Time, bool) {
		mo, err := strconv.Atoi(m[2])
		if err != nil || mo < 1 || mo > 12 {
			return time.Time{}, false
		}
		if len(m[0]) > 10 { // with a time: keep the zone it was written in
			if d, ok := parseLayouts(m[0]); ok {
				return d, true
			}
		}
		return civilDate(m[1], time.Month(mo), m[3])
	})
	return t, start, end, ok
}

// civilDate builds a UTC midnight date from its parts, rejecting impossible
// days and years outside 1800–2200 (a four-digit number next to a month is
// not always a year).
func civilDate(year string, month time.Month, day string) (time.Time, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || month == 0 || y < 1800 || y > 2200 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, month, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// fillerWords may surround a date on a line that holds nothing but the date.
var fillerWords = map[string]bool{
	"published": true, "updated": true, "posted": true, "last": true, "date": true,
	"dated": true, "on": true, "at": true, "am": true, "pm": true, "a": true, "m": true,
	"utc": true, "gmt": true, "et": true, "pt": true, "est": true, "edt": true, "pst": true,
	"pdt": true, "cet": true, "cest": true, "bst": true, "eet": true, "eest": true, "msk": true,
}

// onlyFiller reports whether s holds nothing but punctuation, a time of day
// and words like "Published" or "Updated".
func onlyFiller(s string) bool {
	for _, w := range wordRE.FindAllString(s, -1) {
		if fillerWords[strings.ToLower(w)] {
			continue
		}
		if len(w) <= 2 && isDigits(w) { // "10:45", "08.30"
			continue
		}
		return false
	}
	return true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// datelineScope bounds where findDateline looks: the first datelineLines
// non-empty lines, and any line starting within the first datelineBytes
// bytes of the body.
const (
	datelineLines = 5
	datelineBytes = 300
)

// findDateline looks for the article's dateline near the top of body lines
// (see datelineScope). A line counts when it is
//   - only a date, possibly with a weekday, a time and words such as
//     "Published" ("December 10, 2013", "Updated: Dec. 10, 2013 10:45 am");
//     such a line is reported in drop so the caller removes it from the text;
//   - a place then a date then a dash or colon, opening a paragraph
//     ("KYIV, December 10, 2013 — The talks…");
//   - a short line (at most 12 words) that contains a date and does not end
//     like a sentence ("By Jane Roe | Dec. 10, 2013").
//
// drop is -1 when no line is to be removed; ok is false when no dateline was
// found.
func findDateline(lines []string) (date time.Time, drop int, ok bool) {
	nonEmpty, offset := 0, 0
	for i, line := range lines {
		start := offset
		offset += len(line) + 1
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		nonEmpty++
		if nonEmpty > datelineLines && start >= datelineBytes {
			break
		}
		if len(trimmed) > 2000 {
			continue
		}
		t, s, e, found := findDate(trimmed)
		if !found {
			continue
		}
		before, after := trimmed[:s], trimmed[e:]
		switch {
		case onlyFiller(before + " " + after):
			return t, i, true
		case datelinePlace.MatchString(before) && len(strings.Fields(before)) <= 6 && datelineDash.MatchString(after):
			return t, -1, true
		case len(strings.Fields(trimmed)) <= 12 && !endsSentence(trimmed):
			return t, -1, true
		}
	}
	return time.Time{}, -1, false
}

// endsSentence reports whether s ends with sentence punctuation, possibly
// followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]`, r)
	})
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case '.', '!', '?':
		return true
	}
	return strings.HasSuffix(s, "…")
}
