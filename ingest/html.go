package ingest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// HTML pages: metadata from <head> and JSON-LD, the main text from the
// <article> (or <main>, or <body>) with page furniture dropped.

// dropTags are elements whose whole subtree is never article text.
var dropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true, atom.Svg: true,
	atom.Figure: true, atom.Figcaption: true, atom.Button: true, atom.Template: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Map: true, atom.Dialog: true,
	atom.Head: true, atom.Title: true, atom.Math: true, atom.Label: true, atom.Menu: true,
}

// blockTags are elements that start and end a line of text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Body: true, atom.Br: true,
	atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Ul: true,
	atom.Center: true, atom.Legend: true, atom.Html: true,
}

// furnitureTokens in an element's class or id mark page furniture (share
// bars, related links, newsletter boxes, ads, comments, captions, bylines).
var furnitureTokens = map[string]bool{
	"share": true, "sharing": true, "social": true, "related": true, "newsletter": true,
	"advert": true, "advertisement": true, "ads": true, "ad": true, "promo": true,
	"comments": true, "comment": true, "cookie": true, "cookies": true, "consent": true,
	"subscribe": true, "subscription": true, "paywall": true, "breadcrumb": true,
	"breadcrumbs": true, "sidebar": true, "caption": true, "credit": true, "popup": true,
	"modal": true, "byline": true, "navbar": true, "toolbar": true, "recommended": true,
}

// furnitureRoles are ARIA roles of page furniture.
var furnitureRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "dialog": true, "alertdialog": true, "menu": true, "menubar": true,
}

// maxHTMLDepth bounds how deep into nested elements readHTML looks; text
// nested deeper than this (only seen in malicious or broken pages) is
// ignored.
const maxHTMLDepth = 1000

// htmlMeta is what the page says about itself.
type htmlMeta struct {
	titleTag, h1                 string
	meta                         map[string]string // first content per lowercased name/property/itemprop
	canonical                    string
	ldDate, ldHeadline, ldAuthor string
	ldPublisher                  string
	ldArticle                    bool // the ld values come from an Article-typed object
	articles                     []*html.Node
	main, body                   *html.Node
	times                        []*html.Node // <time datetime> elements, in document order
	sizes                        map[*html.Node]int
	dropped                      map[*html.Node]bool
}

// readHTML reads an HTML page (valid UTF-8, LF line endings):
//   - title: og:title, else <title>, else JSON-LD headline, else the first
//     <h1>; a " | Site" / " - Site" suffix is stripped when it is the
//     og:site_name (or JSON-LD publisher), matches the URL's host, or what
//     is left equals the <h1>;
//   - date: article:published_time, else JSON-LD datePublished (found in an
//     Article-typed object first, anywhere in @graph or arrays), else a
//     <time datetime> (inside the main text first), else other common date
//     meta tags (date, pubdate, dc.date, …); finish falls back to a dateline;
//   - url: <link rel="canonical"> (resolved against og:url when relative),
//     else og:url; source: og:site_name, else the JSON-LD publisher's name;
//     author: meta author, else JSON-LD author, else article:author unless
//     it is a link;
//   - body: the text of the longest <article> (when it has at least 200
//     letters or a third of the page's text), else <main>, else <body>,
//     without dropTags, hidden elements, furniture roles, and elements whose
//     class or id names furniture (furnitureTokens) holding less than a
//     third of that text; blockTags end lines, table cells are separated by
//     a space, and white space inside a line collapses to one space.
func readHTML(text string) (draft, error) {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return draft{}, fmt.Errorf("parse HTML: %w", err)
	}
	m := &htmlMeta{meta: map[string]string{}, sizes: map[*html.Node]int{}, dropped: map[*html.Node]bool{}}
	m.collect(doc, false, 0)
	m.size(doc, 0)

	var d draft
	site := firstNonEmptyString(m.meta["og:site_name"], m.ldPublisher)
	d.url = m.canonical
	if og := m.meta["og:url"]; d.url == "" {
		d.url = og
	} else if og != "" {
		if base, err := url.Parse(og); err == nil && base.IsAbs() {
			if ref, err := url.Parse(d.url); err == nil && !ref.IsAbs() {
				d.url = base.ResolveReference(ref).String()
			}
		}
	}
	h1 := field(m.h1)
	d.title = firstNonEmptyString(
		stripSiteSuffix(field(m.meta["og:title"]), site, d.url, h1),
		stripSiteSuffix(field(m.meta["twitter:title"]), site, d.url, h1),
		stripSiteSuffix(field(m.titleTag), site, d.url, h1),
		field(m.ldHeadline),
		h1,
	)
	d.source = site
	d.author = firstNonEmptyString(m.meta["author"], m.ldAuthor)
	if d.author == "" {
		if a := m.meta["article:author"]; a != "" && !strings.Contains(a, "://") {
			d.author = a
		}
	}

	root := m.root(doc)
	dates := []string{m.meta["article:published_time"], m.ldDate}
	for _, inRoot := range []bool{true, false} {
		for _, t := range m.times {
			if isInside(t, root) == inRoot {
				dates = append(dates, attr(t, "datetime"))
			}
		}
	}
	for _, k := range []string{"datepublished", "og:published_time", "published_time", "date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published"} {
		dates = append(dates, m.meta[k])
	}
	for _, s := range dates {
		if t, ok := parseDate(s); ok {
			d.date = t
			break
		}
	}

	var out textOut
	m.text(root, &out, m.sizes[root], 0)
	out.br()
	d.body = strings.Join(out.lines, "\n")
	return d, nil
}

// collect gathers metadata and landmark elements, marking dropped subtrees.
func (m *htmlMeta) collect(n *html.Node, inDropped bool, depth int) {
	if n.Type == html.ElementNode && n.Namespace == "" {
		switch n.DataAtom {
		case atom.Title:
			if m.titleTag == "" {
				m.titleTag = nodeText(n)
			}
		case atom.Meta:
			content := attr(n, "content")
			for _, k := range []string{"property", "name", "itemprop"} {
				if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" {
					if _, seen := m.meta[key]; !seen {
						m.meta[key] = strings.TrimSpace(content)
					}
				}
			}
		case atom.Link:
			if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
				m.jsonLD(nodeText(n))
			}
		case atom.Time:
			if attr(n, "datetime") != "" {
				m.times = append(m.times, n)
			}
		case atom.H1:
			if m.h1 == "" {
				m.h1 = nodeText(n)
			}
		case atom.Article:
			if !inDropped {
				m.articles = append(m.articles, n)
			}
		case atom.Main:
			if m.main == nil && !inDropped {
				m.main = n
			}
		case atom.Body:
			if m.body == nil {
				m.body = n
			}
		}
		if dropTags[n.DataAtom] || isHidden(n) {
			m.dropped[n] = true
			inDropped = true
		}
	} else if n.Type == html.ElementNode { // svg, math
		m.dropped[n] = true
		inDropped = true
	}
	if depth > maxHTMLDepth {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		m.collect(c, inDropped, depth+1)
	}
}

// size records, for every node, how many non-space characters of text it
// holds outside dropped subtrees.
func (m *htmlMeta) size(n *html.Node, depth int) int {
	if m.dropped[n] || depth > maxHTMLDepth {
		return 0
	}
	total := 0
	if n.Type == html.TextNode {
		for _, r := range n.Data {
			if !unicode.IsSpace(r) {
				total++
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += m.size(c, depth+1)
	}
	m.sizes[n] = total
	return total
}

// root picks the element holding the article's text.
func (m *htmlMeta) root(doc *html.Node) *html.Node {
	page := doc
	if m.body != nil {
		page = m.body
	}
	var best *html.Node
	for _, a := range m.articles {
		if best == nil || m.sizes[a] > m.sizes[best] {
			best = a
		}
	}
	if best != nil && m.sizes[best] > 0 && (m.sizes[best] >= 200 || 3*m.sizes[best] >= m.sizes[page]) {
		return best
	}
	if m.main != nil && m.sizes[m.main] > 0 {
		return m.main
	}
	return page
}

// text writes n's visible text to out.
func (m *htmlMeta) text(n *html.Node, out *textOut, rootSize, depth int) {
	if m.dropped[n] || depth > maxHTMLDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		out.add(n.Data)
		return
	case html.ElementNode:
		if furnitureRoles[strings.ToLower(attr(n, "role"))] || (isFurnitureClass(n) && 3*m.sizes[n] < rootSize) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := blockTags[n.DataAtom]
	if block {
		out.br()
	}
	if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		out.space = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		m.text(c, out, rootSize, depth+1)
	}
	if block {
		out.br()
	}
	if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		out.space = true
	}
}

// textOut accumulates lines of text, collapsing white space within a line.
type textOut struct {
	lines []string
	cur   strings.Builder
	space bool
}

func (t *textOut) add(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			t.space = true
			continue
		}
		if t.space && t.cur.Len() > 0 {
			t.cur.WriteByte(' ')
		}
		t.space = false
		t.cur.WriteRune(r)
	}
}

func (t *textOut) br() {
	if t.cur.Len() > 0 {
		t.lines = append(t.lines, t.cur.String())
		t.cur.Reset()
	}
	t.space = false
}

// jsonLD reads one JSON-LD block; malformed blocks are ignored. Values from
// an object typed as an article (NewsArticle, BlogPosting, Report, …) win
// over values from other objects.
func (m *htmlMeta) jsonLD(src string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return
	}
	walkLD(v, 0, func(obj map[string]any) {
		date, _ := obj["datePublished"].(string)
		if date == "" {
			return
		}
		article := isArticleType(obj["@type"])
		if m.ldDate != "" && (m.ldArticle || !article) {
			return // keep the first, unless this is the first article-typed one
		}
		m.ldDate, m.ldArticle = date, article
		m.ldHeadline, _ = obj["headline"].(string)
		m.ldAuthor = ldName(obj["author"])
		m.ldPublisher = ldName(obj["publisher"])
	})
}

// walkLD calls f for every object in a JSON-LD value, depth first.
func walkLD(v any, depth int, f func(map[string]any)) {
	if depth > 32 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		f(x)
		// Keys in sorted order ("@graph" first) for reproducible results.
		for _, k := range slices.Sorted(maps.Keys(x)) {
			walkLD(x[k], depth+1, f)
		}
	case []any:
		for _, e := range x {
			walkLD(e, depth+1, f)
		}
	}
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return strings.Contains(x, "Article") || strings.Contains(x, "Posting") || strings.HasSuffix(x, "Report")
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldName reads a JSON-LD person or organization: a string, an object with a
// name, or a list of those (joined with ", ").
func ldName(v any) string {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "://") {
			return ""
		}
		return x
	case map[string]any:
		s, _ := x["name"].(string)
		return s
	case []any:
		var names []string
		for _, e := range x {
			if s := ldName(e); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "}

// stripSiteSuffix removes a trailing " | Site" from a page title when Site
// is the site's name, matches the host of pageURL, or the rest equals h1.
func stripSiteSuffix(title, site, pageURL, h1 string) string {
	cut, sepLen := -1, 0
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > cut {
			cut, sepLen = i, len(sep)
		}
	}
	if cut <= 0 {
		return title
	}
	prefix, suffix := strings.TrimSpace(title[:cut]), normalizeForCompare(title[cut+sepLen:])
	if prefix == "" || suffix == "" {
		return title
	}
	if site != "" && suffix == normalizeForCompare(site) {
		return prefix
	}
	if h1 != "" && normalizeForCompare(prefix) == normalizeForCompare(h1) {
		return prefix
	}
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		host := strings.ReplaceAll(normalizeForCompare(u.Hostname()), " ", "")
		compact := strings.ReplaceAll(suffix, " ", "")
		if len(compact) >= 3 && strings.Contains(host, compact) {
			return prefix
		}
	}
	return title
}

// decodeDeclaredCharset decodes an HTML page that declares a charset other
// than UTF-8 in a <meta> tag within its first 4 KiB; nil when it declares
// none, UTF-8, or one kg does not know.
func decodeDeclaredCharset(data []byte) ([]byte, string) {
	head := data[:min(len(data), 4096)]
	m := metaCharset.FindSubmatch(head)
	if m == nil {
		return nil, ""
	}
	enc, name := charset.Lookup(string(m[1]))
	if enc == nil || name == "utf-8" {
		return nil, ""
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, ""
	}
	return out, name
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)`)

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

// isHidden reports an element the page hides from readers.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// isFurnitureClass reports an element whose class or id names furniture.
func isFurnitureClass(n *html.Node) bool {
	for _, key := range []string{"class", "id"} {
		v := attr(n, key)
		if v == "" {
			continue
		}
		for _, tok := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if furnitureTokens[tok] {
				return true
			}
		}
	}
	return false
}

func isInside(n, root *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == root {
			return true
		}
	}
	return false
}

// nodeText is all text under n, white space collapsed.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if depth > maxHTMLDepth {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return strings.Join(strings.Fields(b.String()), " ")
}

func firstNonEmptyString(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// htmlFragmentText extracts the text of an HTML fragment (a JSON feed's
// body), lines separated by "\n".
func htmlFragmentText(s string) string {
	d, err := readHTML(s)
	if err != nil {
		return s
	}
	return d.body
}

// looksLikeHTML reports whether a JSON text field holds HTML markup.
var looksLikeHTML = regexp.MustCompile(`(?i)</(?:p|div|span|a|em|strong|b|i|h[1-6]|ul|ol|li|blockquote|figure|section|article)>|<br\s*/?>|<p[\s>]`).MatchString
