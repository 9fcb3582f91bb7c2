package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"kg/graph"
)

// sharedData is the data folder beside the repository; tests that read it
// skip when it is absent.
const sharedData = "../../shared/data"

// writeFile writes content to name inside a new temporary directory and
// returns its path.
func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestReadFixtures reads every fixture in testdata and checks each
// article's metadata and what its text keeps and loses.
func TestReadFixtures(t *testing.T) {
	type want struct {
		title, date, url, source, author string
		record                           int
		has, hasNot                      []string
	}
	tests := []struct {
		desc     string
		file     string
		articles []want
		errors   []string // substrings of ReadResult.Errors, in order
		warnings []string // substrings of ReadResult.Warnings, in order
	}{
		{
			desc: "plain text: first line is the title, a date-only dateline gives the date and leaves the text",
			file: "plain/harbor-bridge.txt",
			articles: []want{{
				title: "Port Halden council approves new harbor bridge", date: "2024-03-03",
				has:    []string{"voted 7-2 on Tuesday", "Construction is expected to begin in the autumn."},
				hasNot: []string{"approves new harbor bridge", "March 3, 2024"},
			}},
		},
		{
			desc: "markdown with front matter: quoted values, a flow list, syntax stripped, wrapped lines joined",
			file: "plain/ferry-strike.md",
			articles: []want{{
				title: "Ferry workers in Kessing walk out over pay", date: "2024-05-14",
				url: "https://news.example.org/kessing-ferry-strike", source: "The Kessing Courier", author: "Nora Vell, Amir Dost",
				has: []string{
					"Ferry crews in Kessing stopped work on Tuesday after talks with the operator, North Sound Lines, broke down.",
					"members demand a raise", "\"We have waited three years,\" Lund said.", "Services to the islands are suspended.",
				},
				hasNot: []string{"**", "](", "![", "# ", "> ", "- Services", "Ferries moored", "Share this", "Tweet", "labour", "walk out over pay"},
			}},
		},
		{
			desc: "plain text: a place-and-date dateline opening a paragraph gives the date and stays",
			file: "plain/dateline-place.txt",
			articles: []want{{
				title: "Grain exports rise as river reopens", date: "2024-12-02",
				has: []string{"VELMORA, Monday, 2 December 2024 — Grain shipments"},
			}},
		},
		{
			desc: "web furniture: repeated title, caption and credit, share lines, notices, appeal, related posts, site name",
			file: "plain/furniture.txt",
			articles: []want{{
				title: "Lakeside town votes to keep its last library open – Valley Herald", date: "2023-10-02", source: "Valley Herald",
				has: []string{"Residents of Orrin Lake voted on Sunday", "Mayor Dana Holt said", "Turnout was 61 percent.", "\"We will find the money elsewhere,\" Holt said."},
				hasNot: []string{"votes to keep its last library open", "librarian at the desk", "Credit:", "Share on", "Email", "Print",
					"correction", "Ctrl", "Valley Herald", "ad blocker", "Related", "Library budget under review", "Council elections"},
			}},
		},
		{
			desc: "HTML: og/JSON-LD metadata, site suffix stripped, canonical resolved, furniture and scripts dropped",
			file: "web/page.html",
			articles: []want{{
				title: "Tidal plant opens on Marrow Point", date: "2024-06-21",
				url: "https://coastline.example.net/energy/tidal-plant-opens", source: "Coastline Daily", author: "Jonas Eberl",
				has: []string{
					"The first tidal power plant on the west coast began feeding the grid on Friday, its operator Brightwater Energy said.",
					"supply 40,000 homes. Officials attended", "Fishermen's groups oppose a second plant\n\nplanned for the bay.",
				},
				hasNot: []string{"tracker", "tracking", "font-family", "inside article", "News Sport", "Share", "Tweet", "By Jonas Eberl",
					"turbine hall", "Wind farm", "Other story teaser", "All rights reserved", "Marrow Point", "&nbsp;"},
			}},
		},
		{
			desc: "JSON Lines: a bad line and a non-object are errors with their line numbers, the other lines are read",
			file: "feed/feed.jsonl",
			articles: []want{
				{title: "Dock workers end strike in Brenholt", date: "2024-02-08", url: "https://feed.example.com/brenholt-strike",
					source: "Harbour Wire", author: "Kai Moen", record: 1,
					has: []string{"Dock workers in Brenholt returned to work on Thursday after a nine-day strike.\n\nThe port authority"}},
				{title: "Senate of Aldmark passes water bill", date: "2024-03-03", url: "https://feed.example.com/water-bill",
					source: "Aldmark Today", record: 4,
					has:    []string{"The Senate of Aldmark passed the water bill by 41 votes to 19.\n\nSenator Ruth Okafor"},
					hasNot: []string{"<p>", "</p>"}},
				{title: "No date here", record: 6, has: []string{"reopen in June."}},
			},
			errors: []string{
				"feed.jsonl: read: line 2: invalid JSON at column 62: unexpected end of JSON input",
				"feed.jsonl: read: line 5: expected a JSON object, found an array",
			},
			warnings: []string{`feed.jsonl: line 6: date "sometime soon" is not a date kg reads`},
		},
		{
			desc: "JSON object: content field, RFC 3339 date, author list of a string and an object",
			file: "feed/one.json",
			articles: []want{{
				title: "Museum in Sella returns looted statues", date: "2023-09-30", url: "https://example.com/sella-statues",
				author: "Ola Berg, Ida Hauge", has: []string{"returned four statues", "called it an act of justice."},
			}},
		},
		{
			desc: "JSON array: records numbered from 1, an empty record is an error, a Unix-seconds date",
			file: "feed/array.json",
			articles: []want{
				{title: "Rail line to Ostrava reopens", date: "2024-01-15", record: 1, has: []string{"reopened on Monday"}},
				{title: "Flood warning lifted in Dravik", date: "2024-01-16", record: 3, has: []string{"lifted the flood warning"}},
			},
			errors: []string{"array.json: read: record 2: no title and no text"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			path := filepath.Join("testdata", filepath.FromSlash(tc.file))
			res, err := Reader{}.Read(path, tc.file)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(res.Articles) != len(tc.articles) {
				t.Fatalf("got %d articles, want %d: %+v", len(res.Articles), len(tc.articles), res.Articles)
			}
			for i, w := range tc.articles {
				a := res.Articles[i]
				var wantDate time.Time
				if w.date != "" {
					wantDate = day(w.date)
				}
				if a.Title != w.title || graph.DayDate(a.Date) != graph.DayDate(wantDate) || a.URL != w.url || a.Source != w.source ||
					a.Author != w.author || a.Record != w.record || a.File != tc.file {
					t.Errorf("article %d:\n got title=%q date=%v url=%q source=%q author=%q record=%d file=%q\nwant title=%q date=%s url=%q source=%q author=%q record=%d file=%q",
						i, a.Title, graph.DayDate(a.Date).Value, a.URL, a.Source, a.Author, a.Record, a.File,
						w.title, w.date, w.url, w.source, w.author, w.record, tc.file)
				}
				for _, s := range w.has {
					if !strings.Contains(a.Text, s) {
						t.Errorf("article %d: text lacks %q:\n%s", i, s, a.Text)
					}
				}
				for _, s := range w.hasNot {
					if strings.Contains(a.Text, s) {
						t.Errorf("article %d: text still has %q:\n%s", i, s, a.Text)
					}
				}
				if len(a.Hash) != 64 {
					t.Errorf("article %d: hash %q is not hex SHA-256", i, a.Hash)
				}
			}
			checkMessages(t, "error", errorStrings(res.Errors), tc.errors)
			checkMessages(t, "warning", res.Warnings, tc.warnings)
		})
	}
}

func errorStrings(errs []error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
		if graph.KindOf(e) != graph.Invalid {
			out = append(out, "(kind is not Invalid)")
		}
	}
	return out
}

func checkMessages(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d %ss, want %d: %q", len(got), what, len(want), got)
		return
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("%s %d = %q, want it to contain %q", what, i, got[i], want[i])
		}
	}
}

// TestReadBadInput covers each kind of bad input: the error's kind, whether
// it is a skip, and its exact message naming the file.
func TestReadBadInput(t *testing.T) {
	random := make([]byte, 4000)
	for i := range random {
		random[i] = byte(i*7919%251) | 0x80 // high bytes, rarely valid UTF-8, no NUL
	}
	tests := []struct {
		desc     string
		rel      string
		content  []byte // nil: no file is written
		setup    func(t *testing.T, path string)
		maxBytes int64
		kind     graph.Kind
		skip     bool
		message  string // the whole error message
	}{
		{desc: "a file that does not exist", rel: "notes/missing.txt",
			kind: graph.NotFound, message: "notes/missing.txt: read: file does not exist"},
		{desc: "a binary file with NUL bytes", rel: "img/photo.txt", content: []byte("GIF89a\x00\x01\x02\x00\x00 some pixels"),
			kind: graph.Invalid, message: "img/photo.txt: read: binary file (NUL bytes in the first 8 KiB), not text"},
		{desc: "a binary file without NUL bytes", rel: "blob.md", content: random,
			kind: graph.Invalid, message: "blob.md: read: binary file (mostly non-text bytes in the first 8 KiB), not text"},
		{desc: "an empty file", rel: "empty.txt", content: []byte{},
			kind: graph.Invalid, skip: true, message: "empty.txt: read: skipped: empty file"},
		{desc: "a file of white space only", rel: "blank.md", content: []byte(" \n\t\r\n\u00a0\n"),
			kind: graph.Invalid, skip: true, message: "blank.md: read: skipped: file holds only white space"},
		{desc: "a file over MaxBytes", rel: "big.txt", content: bytes.Repeat([]byte("word "), 410), maxBytes: 1024,
			kind: graph.Invalid, skip: true, message: "big.txt: read: skipped: file is 2 KiB, over --max-bytes (1 KiB)"},
		{desc: "a sparse file over the default limit, rejected before reading", rel: "notes/a.txt", content: []byte("x"),
			setup: func(t *testing.T, path string) {
				if err := os.Truncate(path, 12_900_000); err != nil {
					t.Fatal(err)
				}
			},
			kind: graph.Invalid, skip: true, message: "notes/a.txt: read: skipped: file is 12.3 MiB, over --max-bytes (10 MiB)"},
		{desc: "an unsupported extension", rel: "report.pdf", content: []byte("%PDF-1.4"),
			kind: graph.Invalid, skip: true, message: `report.pdf: read: skipped: unsupported file type ".pdf" (supported: .txt .md .markdown .html .htm .json .jsonl)`},
		{desc: "no extension", rel: "README", content: []byte("text"),
			kind: graph.Invalid, skip: true, message: "README: read: skipped: unsupported file type (no extension; supported: .txt .md .markdown .html .htm .json .jsonl)"},
		{desc: "a directory named like an article", rel: "folder.txt",
			setup: func(t *testing.T, path string) {
				if err := os.Mkdir(path, 0o755); err != nil {
					t.Fatal(err)
				}
			},
			kind: graph.Invalid, message: "folder.txt: read: is a directory, not a file"},
		{desc: "HTML full of scripts", rel: "web/scripts.html", content: mustRead(t, "testdata/web/scripts.html"),
			kind: graph.Invalid, message: "web/scripts.html: read: no article text (nothing left after removing markup, scripts and page furniture)"},
		{desc: "malformed JSON", rel: "feed/bad.json", content: mustRead(t, "testdata/feed/bad.json"),
			kind: graph.Invalid, message: `feed/bad.json: read: invalid JSON at line 3, column 25: invalid character '\n' in string literal`},
		{desc: "JSON that is not an object", rel: "n.json", content: []byte("42\n"),
			kind: graph.Invalid, message: "n.json: read: expected a JSON object or an array of objects, found a number"},
		{desc: "an empty JSON array", rel: "none.json", content: []byte("[ ]"),
			kind: graph.Invalid, skip: true, message: "none.json: read: skipped: no articles (an empty JSON array)"},
		{desc: "a JSON object without title or text", rel: "o.json", content: []byte(`{"url": "https://x.example"}`),
			kind: graph.Invalid, message: "o.json: read: no title and no text (looked for fields title, headline, text, body, content, articlebody)"},
		{desc: "front matter but no body", rel: "only-meta.md", content: []byte("---\ntitle: Nothing follows\n---\n\n"),
			kind: graph.Invalid, message: "only-meta.md: read: no article text (nothing left after removing markup, scripts and page furniture)"},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), filepath.FromSlash(tc.rel))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if tc.content != nil {
				if err := os.WriteFile(path, tc.content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tc.setup != nil {
				tc.setup(t, path)
			}
			res, err := Reader{MaxBytes: tc.maxBytes}.Read(path, tc.rel)
			if err == nil {
				t.Fatalf("Read succeeded with %d articles, want error %q", len(res.Articles), tc.message)
			}
			if len(res.Articles) != 0 {
				t.Errorf("Read returned %d articles with its error", len(res.Articles))
			}
			var ge *graph.Error
			if !errors.As(err, &ge) || ge.Path != tc.rel || ge.Op != "read" {
				t.Errorf("error %#v is not a *graph.Error with Op read and Path %q", err, tc.rel)
			}
			if got := graph.KindOf(err); got != tc.kind {
				t.Errorf("kind = %v, want %v", got, tc.kind)
			}
			if got := errors.Is(err, ErrSkip); got != tc.skip {
				t.Errorf("errors.Is(err, ErrSkip) = %v, want %v", got, tc.skip)
			}
			if err.Error() != tc.message {
				t.Errorf("message\n got %q\nwant %q", err.Error(), tc.message)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadRepairs covers input that is read with a repair: invalid UTF-8,
// CRLF line endings, a UTF-8 or UTF-16 byte-order mark, a declared
// non-UTF-8 charset, control characters.
func TestReadRepairs(t *testing.T) {
	tests := []struct {
		desc    string
		rel     string
		content []byte
		title   string
		text    string // the whole text
		warning string // the only warning, "" for none
	}{
		{desc: "invalid UTF-8 is repaired with U+FFFD, one per run, and a warning",
			rel: "latin.txt", content: []byte("Caf\xe9 owners protest\n\nThe caf\xe9 owners of Rue Verte said the new rent was too high.\nNa\xefve \xff\xfe plans were dropped.\n"),
			title:   "Caf\uFFFD owners protest",
			text:    "The caf\uFFFD owners of Rue Verte said the new rent was too high.\n\nNa\uFFFDve \uFFFD plans were dropped.",
			warning: "latin.txt: invalid UTF-8 repaired with U+FFFD at 4 places"},
		{desc: "CRLF and lone CR line endings become LF",
			rel: "dos.txt", content: []byte("Windows title\r\n\r\nFirst paragraph here.\r\nSecond paragraph here.\rThird one.\r\n"),
			title: "Windows title", text: "First paragraph here.\n\nSecond paragraph here.\n\nThird one."},
		{desc: "a UTF-8 byte-order mark is dropped",
			rel: "bom.txt", content: []byte("\xef\xbb\xbfBOM title\nBody sentence.\n"),
			title: "BOM title", text: "Body sentence."},
		{desc: "UTF-16 with a byte-order mark is converted",
			rel: "utf16.txt", content: utf16LE("Wide title\r\n\r\nWide body text.\r\n"),
			title: "Wide title", text: "Wide body text."},
		{desc: "an HTML page declaring windows-1252 is decoded from it",
			rel: "old.html", content: []byte("<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 reopens</title></head><body><p>The caf\xe9 reopened \x93today\x94.</p></body></html>"),
			title: "Café reopens", text: "The café reopened “today”.",
			warning: "old.html: decoded from windows-1252 as its <meta charset> declares"},
		{desc: "control characters become spaces, soft hyphens and zero-width spaces go",
			rel: "ctl.txt", content: []byte("Control\x07 title\nA spokes\u00adwoman\u200b said\x1f so.\n"),
			title: "Control title", text: "A spokeswoman said so."},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			path := writeFile(t, tc.rel, tc.content)
			res, err := Reader{}.Read(path, tc.rel)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Articles) != 1 {
				t.Fatalf("got %d articles", len(res.Articles))
			}
			a := res.Articles[0]
			if a.Title != tc.title || a.Text != tc.text {
				t.Errorf("got title %q text %q\nwant title %q text %q", a.Title, a.Text, tc.title, tc.text)
			}
			if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
				t.Error("text or title is not valid UTF-8")
			}
			var want []string
			if tc.warning != "" {
				want = []string{tc.warning}
			}
			if strings.Join(res.Warnings, "|") != strings.Join(want, "|") {
				t.Errorf("warnings %q, want %q", res.Warnings, want)
			}
			if a.Hash != sha(tc.content) {
				t.Errorf("hash %s is not the SHA-256 of the raw bytes", a.Hash)
			}
		})
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s { // ASCII only in the tests
		out = append(out, byte(r), 0)
	}
	return out
}

// TestReadHashAndRecord checks Hash and Record for each kind of file.
func TestReadHashAndRecord(t *testing.T) {
	line1 := `{"title": "First", "text": "One sentence here."}`
	line3 := `{"title": "Third", "text": "Another sentence here."}`
	jsonl := line1 + "\r\n\n" + line3 // CRLF: the hash is of the line without its ending
	path := writeFile(t, "feed.JSONL", []byte(jsonl))
	res, err := Reader{}.Read(path, "feed.JSONL")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Articles) != 2 {
		t.Fatalf("got %d articles", len(res.Articles))
	}
	for i, want := range []struct {
		record int
		line   string
	}{{1, line1}, {3, line3}} {
		a := res.Articles[i]
		if a.Record != want.record || a.Hash != sha([]byte(want.line)) {
			t.Errorf("record %d hash %s, want record %d hash of %q", a.Record, a.Hash, want.record, want.line)
		}
	}

	txt := []byte("Title\n\nBody text.\n")
	path = writeFile(t, "A.TXT", txt)
	res, err = Reader{}.Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if a := res.Articles[0]; a.Record != 0 || a.Hash != sha(txt) || a.File != filepath.ToSlash(path) {
		t.Errorf("got record %d hash %s file %q; want 0, the file's hash, and the path as File when rel is empty", a.Record, a.Hash, a.File)
	}
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		desc  string
		in    string
		fm    frontMatter
		body  string
		found bool
		warn  string
	}{
		{desc: "all fields, quoted values, unknown keys ignored",
			in:   "---\ntitle: \"A \\\"quoted\\\" title\"\ndate: '2024-01-02'\nURL: https://e.example/a\nsource: Daily\nauthor: 'O''Neil'\nlayout: post\n---\nBody\n",
			fm:   frontMatter{title: `A "quoted" title`, date: "2024-01-02", url: "https://e.example/a", source: "Daily", author: "O'Neil"},
			body: "Body\n", found: true},
		{desc: "title wins over headline whatever the order; block list of authors",
			in: "---\nheadline: H\ntitle: T\nauthors:\n  - A One\n  - B Two\n# a comment\n...\nBody",
			fm: frontMatter{title: "T", author: "A One, B Two"}, body: "Body", found: true},
		{desc: "no front matter", in: "Title\nBody", body: "Title\nBody"},
		{desc: "not closed", in: "---\ntitle: x\nBody never closes", body: "---\ntitle: x\nBody never closes",
			warn: "a line after the opening --- is not \"key: value\", so it is not front matter; read as text"},
		{desc: "a horizontal rule, not front matter", in: "---\nSome prose line without a colon\n---\n",
			body: "---\nSome prose line without a colon\n---\n", warn: "a line after the opening --- is not \"key: value\", so it is not front matter; read as text"},
		{desc: "only the block", in: "---\ntitle: T\n---", fm: frontMatter{title: "T"}, body: "", found: true},
		{desc: "open, never closed", in: "---\ntitle: T\n", body: "---\ntitle: T\n", warn: "front matter opened with --- is not closed; read as text"},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			fm, body, found, warn := splitFrontMatter(tc.in)
			if fm != tc.fm || body != tc.body || found != tc.found || warn != tc.warn {
				t.Errorf("got %+v %q %v %q\nwant %+v %q %v %q", fm, body, found, warn, tc.fm, tc.body, tc.found, tc.warn)
			}
		})
	}
}

func TestReadPlainTitles(t *testing.T) {
	tests := []struct {
		desc     string
		in       string
		markdown bool
		title    string // draft title; "" means finish derives one
		body     string // contains
	}{
		{desc: "the first line is a headline", in: "Markets fall\n\nStocks fell on Monday.", title: "Markets fall", body: "Stocks fell"},
		{desc: "a headline ending with a question mark", in: "Will rates rise?\nEconomists are split.", title: "Will rates rise?"},
		{desc: "a headline ending with initials", in: "Trade talks stall with the U.S.\nTalks stalled.", title: "Trade talks stall with the U.S."},
		{desc: "a first line that is a sentence stays in the body", in: "The company was founded in 1990.\nIt grew fast.", title: "", body: "The company was founded in 1990."},
		{desc: "a single line stays in the body", in: "Just one line without a period", title: "", body: "Just one line"},
		{desc: "a long first line stays in the body", in: strings.Repeat("word ", 40) + "\nSecond line.", title: ""},
		{desc: "a date before the title is the dateline", in: "June 6, 2005\nKeynote draws crowds\nThe keynote drew crowds.", title: "Keynote draws crowds", body: "The keynote"},
		{desc: "a markdown heading is the title", in: "# The *big* story\nText follows.", markdown: true, title: "The big story", body: "Text follows."},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			d, _ := readPlain(tc.in, tc.markdown)
			if d.title != tc.title || !strings.Contains(d.body, tc.body) {
				t.Errorf("got title %q body %q; want title %q, body containing %q", d.title, d.body, tc.title, tc.body)
			}
		})
	}
}

func TestStripMarkdown(t *testing.T) {
	tests := []struct {
		desc, in, want string
	}{
		{"headings, emphasis, links", "## A *b* **c** __d__ _e_ [link](http://x) ~~f~~ `g`", "A b c d e link f g"},
		{"images go, reference links keep their text", "See ![alt](i.png) the [report][1].\n[1]: http://x", "See  the report.\n"},
		{"snake_case and 2*3*4 survive", "use snake_case_name and 2*3*4", "use snake_case_name and 2*3*4"},
		{"lists, quotes, rules, code", "- item one\n1. item two\n> quoted\n***\n```\ncode()\n```\ntext", "item one\nitem two\nquoted\n\n\n\n\ntext"},
		{"a wrapped paragraph is one line", "first half\nsecond half\n\nnext", "first half second half\n\n\nnext"},
		{"tables", "| a | b |\n|---|---|\n| 1 | 2 |", "a   b\n\n1   2"},
		{"escapes and autolinks", `\*not emphasis\* <https://e.example>`, "*not emphasis* https://e.example"},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			out, _ := stripMarkdown(strings.Split(tc.in, "\n"))
			if got := strings.Join(out, "\n"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // day, "" for not a date
	}{
		{"2025-12-01", "2025-12-01"},
		{"2025-12-01T23:30:00-05:00", "2025-12-01"},
		{"2025-12-01T08:00:00Z", "2025-12-01"},
		{"2025-12-01 08:00", "2025-12-01"},
		{"Mon, 01 Dec 2025 10:00:00 +0000", "2025-12-01"},
		{"December 10, 2013", "2013-12-10"},
		{"Monday, 1 December 2025", "2025-12-01"},
		{"1 December 2025", "2025-12-01"},
		{"Dec. 10, 2013", "2013-12-10"},
		{"Sept 3 2019", "2019-09-03"},
		{"3rd of March, 2024", "2024-03-03"},
		{"December 10, 2013 10:45 am EST", "2013-12-10"},
		{"Published: July 02, 2008", "2008-07-02"},
		{"February 30, 2013", ""},
		{"2013-13-01", ""},
		{"sometime soon", ""},
		{"December 2013", ""},
		{"The talks on December 10, 2013 failed", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseDate(tc.in)
			if tc.want == "" {
				if ok {
					t.Errorf("parseDate(%q) = %v, want no date", tc.in, got)
				}
				return
			}
			if !ok || graph.DayDate(got).Value != tc.want {
				t.Errorf("parseDate(%q) = %v %v, want %s", tc.in, got, ok, tc.want)
			}
		})
	}
}

func TestFindDateline(t *testing.T) {
	tests := []struct {
		desc  string
		lines string
		date  string // "" for none
		drop  int
	}{
		{"a date-only line", "\nJune 6, 2005\n\nThe keynote.", "2005-06-06", 1},
		{"a weekday and day-first date", "Monday, 1 December 2025\nText.", "2025-12-01", 0},
		{"a place and a dash", "KYIV, December 10, 2013 — Talks began.", "2013-12-10", -1},
		{"a place with an agency", "WASHINGTON (Reuters), Dec. 10, 2013 - Talks began.", "2013-12-10", -1},
		{"a byline with a date", "By Jane Roe | Dec. 10, 2013\nText.", "2013-12-10", -1},
		{"an ISO date", "Posted 2013-12-10\nText.", "2013-12-10", 0},
		{"a date inside a sentence is not a dateline", "The deal closed on December 10, 2013, after a long fight between the two firms.", "", -1},
		{"too far down: after five lines and 300 bytes", strings.Repeat("A sentence that is long enough to push the dateline down.\n", 6) + "December 10, 2013", "", -1},
		{"short lines: within 300 bytes", "one.\ntwo.\nthree.\nfour.\nfive.\nDecember 10, 2013", "2013-12-10", 5},
		{"no date", "Nothing here.\nOr here.", "", -1},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			got, drop, ok := findDateline(strings.Split(tc.lines, "\n"))
			if tc.date == "" {
				if ok {
					t.Errorf("found %v, want none", got)
				}
				return
			}
			if !ok || graph.DayDate(got).Value != tc.date || drop != tc.drop {
				t.Errorf("got %v drop %d ok %v, want %s drop %d", got, drop, ok, tc.date, tc.drop)
			}
		})
	}
}

func TestReadHTMLMetadata(t *testing.T) {
	const body = `<body><article><h1>Heading</h1><p>Paragraph one is here.</p></article></body>`
	tests := []struct {
		desc, head, body string
		title, date, url string
		source, author   string
	}{
		{desc: "title tag with a site suffix matching og:site_name",
			head:  `<title>Ports reopen - Harbour News</title><meta property="og:site_name" content="Harbour News">`,
			title: "Ports reopen", source: "Harbour News"},
		{desc: "title suffix matching the URL's host",
			head:  `<title>Ports reopen | Tide Times</title><link rel="canonical" href="https://www.tidetimes.example/a">`,
			title: "Ports reopen", url: "https://www.tidetimes.example/a"},
		{desc: "title suffix kept when it matches nothing",
			head:  `<title>Rock - Paper</title>`,
			title: "Rock - Paper"},
		{desc: "no title tag: the first h1", head: ``, title: "Heading"},
		{desc: "og:title wins; og:url when there is no canonical link; meta author",
			head:  `<title>Other</title><meta property="og:title" content="OG title"><meta property="og:url" content="https://e.example/og"><meta name="author" content="A. Writer">`,
			title: "OG title", url: "https://e.example/og", author: "A. Writer"},
		{desc: "article:published_time wins over JSON-LD and time",
			head:  `<meta property="article:published_time" content="2024-02-03T10:00:00Z"><script type="application/ld+json">{"datePublished":"2020-01-01"}</script>`,
			title: "Heading", date: "2024-02-03"},
		{desc: "JSON-LD in an array, the Article-typed object first",
			head:  `<script type="application/ld+json">[{"@type":"Organization","name":"Org","datePublished":"1999-01-01"},{"@type":["NewsArticle"],"datePublished":"2024-03-04","author":[{"name":"X"},{"name":"Y"}],"publisher":{"name":"Pub"}}]</script>`,
			title: "Heading", date: "2024-03-04", author: "X, Y", source: "Pub"},
		{desc: "malformed JSON-LD is ignored; a time element gives the date",
			head:  `<script type="application/ld+json">{oops</script>`,
			body:  `<body><article><p>Paragraph one is here. <time datetime="2024-04-05T06:00:00+02:00">Friday</time></p></article></body>`,
			title: "Paragraph one is here.", date: "2024-04-05"},
		{desc: "a dateline in the text when nothing else gives a date",
			body:  `<body><main><h1>Storm hits coast</h1><p>March 1, 2024</p><p>A storm hit the coast.</p></main></body>`,
			title: "Storm hits coast", date: "2024-03-01"},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			b := tc.body
			if b == "" {
				b = body
			}
			path := writeFile(t, "p.html", []byte("<!DOCTYPE html><html><head>"+tc.head+"</head>"+b+"</html>"))
			res, err := Reader{}.Read(path, "p.html")
			if err != nil {
				t.Fatal(err)
			}
			a := res.Articles[0]
			date := ""
			if !a.Date.IsZero() {
				date = graph.DayDate(a.Date).Value
			}
			if a.Title != tc.title || date != tc.date || a.URL != tc.url || a.Source != tc.source || a.Author != tc.author {
				t.Errorf("got title=%q date=%q url=%q source=%q author=%q\nwant title=%q date=%q url=%q source=%q author=%q",
					a.Title, date, a.URL, a.Source, a.Author, tc.title, tc.date, tc.url, tc.source, tc.author)
			}
			if strings.Contains(a.Text, "March 1, 2024") {
				t.Errorf("a date-only dateline stayed in the text: %q", a.Text)
			}
		})
	}
}

// TestReadHTMLText checks which part of a page becomes the text and how
// lines are formed.
func TestReadHTMLText(t *testing.T) {
	tests := []struct {
		desc, html, want string
	}{
		{"blocks become paragraphs, inline elements and entities flow",
			`<body><p>One <b>bold</b>&amp;<i>it</i>
			alic.</p><div>Two&nbsp;&nbsp;spaced.</div><ul><li>Three.</li></ul></body>`,
			"One bold&it alic.\n\nTwo spaced.\n\nThree."},
		{"the longest article wins over teasers", `<body><article><p>Teaser.</p></article><article><p>The real story is much longer than the teaser is.</p></article></body>`,
			"The real story is much longer than the teaser is."},
		{"main when there is no article", `<body><div class="menu-list">Menu</div><main><p>Main text here.</p></main><p>Outside.</p></body>`,
			"Main text here."},
		{"hidden elements and furniture classes go", `<body><p>Kept text.</p><div hidden>Hidden.</div><div style="display: none">None.</div><div class="social-share">Share it.</div><p aria-hidden="true">Aria.</p><div role="navigation">Nav.</div><p>More kept text.</p></body>`,
			"Kept text.\n\nMore kept text."},
		{"a furniture class on the element holding the text does not drop it", `<body><div class="article has-comments"><p>Body one.</p><p>Body two.</p></div></body>`,
			"Body one.\n\nBody two."},
		{"table cells are separated", `<body><p>Results follow.</p><table><tr><td>Ann</td><td>52%</td></tr></table><p>End of results.</p></body>`,
			"Results follow.\n\nAnn 52%\n\nEnd of results."},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			d, err := readHTML(tc.html)
			if err != nil {
				t.Fatal(err)
			}
			if got := Clean("", d.body); got != tc.want {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// sharedArticleDirs lists the article folders of ../shared/data, skipping
// the test when there are none.
func sharedArticleDirs(t *testing.T) []string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(sharedData, "*", "eval", "articles"))
	if _, err := os.Stat(filepath.Join(sharedData, "dev", "articles")); err == nil {
		dirs = append([]string{filepath.Join(sharedData, "dev", "articles")}, dirs...)
	}
	if len(dirs) == 0 {
		t.Skipf("no article folders under %s (it comes with the shared folder beside the repository)", sharedData)
	}
	return dirs
}

var (
	frontMatterDate = regexp.MustCompile(`(?m)\A---\n(?:.*\n)*?date: (\d{4}-\d{2}-\d{2})\n`)
	writtenDate     = regexp.MustCompile(`^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}$`)
)

// TestReadSharedArticles reads every article of the shared data set: no
// errors, a title and text for each, and the date of every article with a
// front-matter date or a dateline as its third line (checked independently
// of the reader).
func TestReadSharedArticles(t *testing.T) {
	var n, dated int
	for _, dir := range sharedArticleDirs(t) {
		files, _, err := Walk([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			raw := mustRead(t, f.Path)
			res, err := Reader{}.Read(f.Path, f.Rel)
			if err != nil {
				t.Errorf("%s: %v", f.Path, err)
				continue
			}
			if len(res.Articles) != 1 || len(res.Errors) != 0 {
				t.Errorf("%s: %d articles, errors %v", f.Path, len(res.Articles), res.Errors)
				continue
			}
			n++
			a := res.Articles[0]
			if strings.TrimSpace(a.Title) == "" || strings.TrimSpace(a.Text) == "" {
				t.Errorf("%s: title %q, text %d bytes", f.Path, a.Title, len(a.Text))
			}
			want := ""
			if m := frontMatterDate.FindSubmatch(raw); m != nil {
				want = string(m[1])
			} else if lines := readLines(raw, 3); len(lines) == 3 && writtenDate.MatchString(lines[2]) {
				d, err := time.Parse("January 2, 2006", lines[2])
				if err != nil {
					t.Fatal(err)
				}
				want = d.Format("2006-01-02")
				if strings.Contains(a.Text, lines[2]) {
					t.Errorf("%s: the dateline %q is still in the text", f.Path, lines[2])
				}
			}
			if want != "" {
				dated++
				if got := graph.DayDate(a.Date).Value; got != want {
					t.Errorf("%s: date %q, want %q", f.Path, got, want)
				}
			}
		}
	}
	t.Logf("read %d shared articles, %d of them with a known date", n, dated)
}

func readLines(b []byte, n int) []string {
	var lines []string
	s := bufio.NewScanner(bytes.NewReader(b))
	for len(lines) < n && s.Scan() {
		lines = append(lines, strings.TrimSpace(s.Text()))
	}
	return lines
}

// FuzzRead writes arbitrary bytes as a file of each format and reads it:
// Read must not panic, and what it returns must hold its contract.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"Title\n\nDecember 10, 2013\n\nBody text.",
		"---\ntitle: \"T\"\ndate: 2024-01-01\n---\nBody.",
		"# Head\n\n*a* [b](c) ![d](e)\n\n> q\n- l",
		`<html><head><title>T | S</title><script type="application/ld+json">{"@graph":[{"datePublished":"2024-01-01"}]}</script></head><body><article><p>x</p></article></body></html>`,
		`{"title":"t","text":"<p>a</p>","date":1700000000000,"author":[{"name":"n"}]}`,
		"{\"title\":\"a\"}\n\n{bad\n[1]\n",
		"\xff\xfe\x00\x00bin",
		"\xef\xbb\xbf \n",
		"<p>" + strings.Repeat("<div>", 50) + "deep",
	} {
		for ext := range 5 {
			f.Add([]byte(seed), uint8(ext))
		}
	}
	exts := []string{".txt", ".md", ".html", ".json", ".jsonl"}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, content []byte, ext uint8) {
		name := "f" + exts[int(ext)%len(exts)]
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Reader{MaxBytes: 1 << 20}.Read(path, name)
		if err != nil {
			var ge *graph.Error
			if !errors.As(err, &ge) || ge.Path != name {
				t.Fatalf("error %v is not a *graph.Error naming the file", err)
			}
			return
		}
		for _, a := range res.Articles {
			if a.Title == "" || a.Text == "" || !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text) ||
				strings.ContainsAny(a.Text, "\r\x00") || a.File != name || len(a.Hash) != 64 {
				t.Fatalf("bad article %+v", a)
			}
		}
	})
}
