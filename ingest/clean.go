package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean removes web furniture from an article's text before NLP, using
// general rules that name no particular site. text is split into lines; each
// line has its runs of white space collapsed to one space and is then kept or
// dropped as a whole. Dropped are:
//
//   - lines without a letter or digit (separators such as "***" or "|");
//   - lines that repeat the title, exactly or nearly (case, punctuation and
//     a suffix such as " – Site" aside; lines much longer than the title are
//     never taken for it);
//   - image captions and credits: lines containing "Credit:", "Photo:",
//     "Image:", "Photograph:", "(Photo by …)", "AP Photo", "Reuters/Name",
//     "/ Getty Images"; starting with "Caption:", "Illustration:", "Video:";
//     ending with "Getty Images" or an agency credit such as "(AFP)"; a
//     short line with "Photo by …"; and a short lowercase fragment without
//     sentence punctuation directly before such a caption line (alt text);
//   - correction notices ("To suggest a correction…", "highlight the text
//     and press Ctrl + Enter", "suggestions or corrections");
//   - appeals to readers: ad-blocker, donation, subscription and newsletter
//     requests that address the reader (you/your/we/our/us) and neither
//     report speech ("said", "told", …) nor quote anyone;
//   - share lines made only of share words ("Share this", "Share on
//     Facebook", "Tweet", "Email", "Print");
//   - "Related…", "Read more", "Read also", "See also", "Tags:", "Topics:"
//     lines, and everything from a "Related…" / "You may also like" /
//     "Most read" heading on when that heading stands in the second half of
//     the text and at least one paragraph precedes it;
//   - cookie notices, copyright lines, "Follow us on …", and lines that are
//     only a piece of site chrome ("Advertisement", "Skip to content",
//     "Continue reading", "Comments", …);
//   - a trailing block of short lines (at most 8 words) that do not end with
//     sentence punctuation, such as the site's name, when a paragraph that
//     ends like a sentence stands before them.
//
// Ordinary paragraphs are kept, short ones too when they end with sentence
// punctuation. The kept lines are returned in order, separated by one blank
// line ("\n\n"), with no leading or trailing white space. Clean never fails;
// invalid UTF-8 in its input is passed through unchanged.
func Clean(title, text string) string {
	lines := cleanLines(text)
	if len(lines) == 0 {
		return ""
	}
	drop := make([]bool, len(lines))
	normTitle := normalizeForCompare(title)
	for i, l := range lines {
		drop[i] = !hasAlnum(l) || isTitleRepeat(normTitle, l) || isFurniture(l)
	}
	// Alt text or a caption's first half, right before a caption line.
	for i := 0; i+1 < len(lines); i++ {
		if !drop[i] && isCaptionLine(lines[i+1]) && isCaptionFragment(lines[i]) {
			drop[i] = true
		}
	}
	// A "Related…" heading in the second half: everything after it goes.
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	before, paragraphs := 0, 0
	for i, l := range lines {
		if paragraphs > 0 && (2*before >= total || 2*i >= len(lines)) && relatedHeading.MatchString(l) {
			for j := i; j < len(lines); j++ {
				drop[j] = true
			}
			break
		}
		before += len(l)
		if !drop[i] && endsSentence(l) {
			paragraphs++
		}
	}
	// A trailing block of short lines: the site's name, a slogan, links.
	if paragraphs > 0 {
		for i := len(lines) - 1; i >= 0; i-- {
			if drop[i] {
				continue
			}
			if endsSentence(lines[i]) || wordCount(lines[i]) > 8 {
				break
			}
			drop[i] = true
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if drop[i] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(l)
	}
	return b.String()
}

// cleanLines splits text into its non-empty lines, each with white space
// runs collapsed to one space.
func cleanLines(text string) []string {
	raw := strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' })
	lines := raw[:0]
	for _, l := range raw {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// normalizeForCompare lowercases s and reduces it to its letters and digits
// separated by single spaces, so "US-Ukraine talks – WSJ" and
// "us ukraine talks wsj" compare equal.
func normalizeForCompare(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}

// isTitleRepeat reports whether line repeats the (normalized) title: equal
// after normalization, one containing the other with at least 60% of its
// length, or within an edit distance of 15% of the longer one.
func isTitleRepeat(normTitle, line string) bool {
	if normTitle == "" {
		return false
	}
	nl := normalizeForCompare(line)
	if nl == "" {
		return false
	}
	if nl == normTitle {
		return true
	}
	lt, ll := len(normTitle), len(nl)
	if 2*ll > 3*lt+20 || 2*lt > 3*ll+20 {
		return false
	}
	short, long := nl, normTitle
	if len(short) > len(long) {
		short, long = long, short
	}
	if strings.Contains(long, short) && 10*len(short) >= 6*len(long) {
		return true
	}
	if lt > 300 || ll > 300 {
		return false
	}
	a, b := []rune(nl), []rune(normTitle)
	maxLen := max(len(a), len(b))
	if 100*(maxLen-min(len(a), len(b))) > 15*maxLen { // the distance is at least the difference in length
		return false
	}
	return 100*levenshtein(a, b) <= 15*maxLen
}

// levenshtein is the edit distance between a and b.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var (
	captionRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\bcredits?\s*:`),
		regexp.MustCompile(`(?i)^(?:illustration|caption|pictured|top image|main image|video|images)\s*:`),
		regexp.MustCompile(`(?i)\b(?:photo|photos|photograph|photographs|image|picture)\s*(?:credit\s*)?:\s*\S`),
		regexp.MustCompile(`(?i)\((?:file\s+)?(?:photo|photograph|image|picture|illustration)s?\s*(?:by|credit|courtesy|:)[^)]*\)`),
		regexp.MustCompile(`\bAP Photos?\b|\bREUTERS/|\bReuters/\s*\p{Lu}|(?i:\bAP Images\b)`),
		regexp.MustCompile(`(?i)(?:/|\(|\bvia\s+|:\s*)\s*getty\s+images|getty\s+images\s*\)?\s*$`),
		regexp.MustCompile(`(?:\(\s*|/\s*)(?:AFP|EPA|EPA-EFE|AP|Reuters|REUTERS|Getty Images|Shutterstock|Alamy|Bloomberg)\b[^()]{0,40}\)?\s*$`),
	}
	// "Photo by Jane Roe", only on a short line: a caption, not a story.
	photoBy = regexp.MustCompile(`(?i)\b(?:photo|photograph|image|picture)s?\s+(?:by|courtesy\s+of)\s+\S`)

	correctionRe = regexp.MustCompile(`(?i)to suggest a correction|highlight (?:the|a|this) (?:text|piece of text|passage)(?: and|,)? (?:press|hit)|\bctrl\s*\+\s*enter\b|suggestions or corrections|(?:spotted|found|notice|report) (?:a|an) (?:mistake|error|typo)|\bcorrections? policy\b`)

	appealRe  = regexp.MustCompile(`(?i)\bad[- ]?block(?:er|ers|ing)?\b|\bsubscri(?:be|bing|ption|ptions)\b|\bdonat(?:e|ing|ion|ions)\b|\bsupport (?:our|independent|quality|us)\b|\bnewsletters?\b|\bpaywall\b|\bpatreon\b|\bbecome an? (?:member|patron|subscriber|supporter)\b|\bpremium (?:content|access|members?)\b|\bkindly ask\b`)
	addressRe = regexp.MustCompile(`(?i)\b(?:you|your|we|our|us)\b`)
	speechRe  = regexp.MustCompile(`(?i)\b(?:said|says|told|tells|according to|stated|added|announced|reported|commented|noted|explained|wrote|asked|urged)\b|["“”]`)

	cookieRe = regexp.MustCompile(`(?i)\b(?:we|site|website|it|this page) uses? cookies\b|\buse of cookies\b|\baccept(?: all)? cookies\b|\bcookie (?:policy|settings|preferences|consent|notice|banner|statement)\b|\bby continuing to (?:use|browse|visit)\b|\bmanage (?:cookies|consent|preferences)\b`)

	// Lines that point elsewhere: "Read more: …", "Tags: …", "Related: …".
	pointerRe = regexp.MustCompile(`(?i)^(?:read (?:more|also|next|the full (?:story|article))|also read|see also|more on this(?: story)?|related(?: posts?| articles?| stories| story| news| content| coverage| reading| links| topics| videos?)?|tags?|topics?|filed under|categories|category|keywords)\s*(?:[:|»›>…\-–—]|\.\.\.|$)`)

	// A heading after which a page lists other stories.
	relatedHeading = regexp.MustCompile(`(?i)^(?:related(?: posts?| articles?| stories| story| news| content| coverage| reading| links| topics| videos?)?|more (?:stories|news|articles|on this(?: story)?|from [^.!?]{1,40})|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| stories| articles| reading)?|read (?:next|more)|also read|see also|further reading|what to read next|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|popular(?: now| stories)?|latest (?:news|stories|articles)|top stories|editor'?s picks|comments)\s*[:.…]*$`)

	copyrightRe = regexp.MustCompile(`(?i)^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b`)
	followRe    = regexp.MustCompile(`(?i)^(?:follow (?:us|@\w+|[\p{L}.' ]{1,40} on (?:twitter|x|facebook|instagram|telegram|linkedin|threads|bluesky|tiktok|youtube))|click here\b|sign up (?:for|to)\b|download (?:our|the) app\b|join (?:our|us on)\b)`)
)

// chrome holds whole lines that are pieces of a page's interface, compared
// after normalizeForCompare.
var chrome = map[string]bool{}

func init() {
	for _, s := range []string{
		"advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "paid content",
		"continue reading", "continue reading below", "story continues below", "article continues below",
		"skip to content", "skip to main content", "skip navigation", "sign in", "log in", "login",
		"sign up", "register", "menu", "search", "close", "loading", "comments", "leave a comment",
		"leave a reply", "show comments", "view comments", "back to top", "next article",
		"previous article", "next story", "previous story", "listen to this article", "listen",
		"follow us", "privacy policy", "terms of use", "terms of service", "contact us", "about us",
		"home", "subscribe", "subscribe now", "donate", "donate now", "support us", "share", "load more",
		"watch", "watch now", "play video", "photo gallery", "gallery", "view gallery", "enlarge this image",
		"toggle caption", "hide caption", "click to enlarge", "open in app", "image", "photo",
	} {
		chrome[s] = true
	}
}

// shareWords are the words a share line is made of; shareKeys are those of
// them that make a line a share line.
var (
	shareWords = map[string]bool{}
	shareKeys  = map[string]bool{}
)

func init() {
	for _, w := range strings.Fields("this article story post page on via the it with a friend friends and or to send copy link url save bookmark comments comment x sms e mail messenger flipboard pocket") {
		shareWords[w] = true
	}
	for _, w := range strings.Fields("share tweet email mail print facebook twitter linkedin whatsapp telegram reddit pinterest bluesky threads") {
		shareWords[w], shareKeys[w] = true, true
	}
}

// isFurniture reports whether one line, on its own, is web furniture.
func isFurniture(l string) bool {
	words := wordCount(l)
	norm := normalizeForCompare(l)
	switch {
	case chrome[norm]:
		return true
	case isCaptionLine(l):
		return true
	case words <= 30 && photoBy.MatchString(l):
		return true
	case correctionRe.MatchString(l):
		return true
	case words <= 80 && appealRe.MatchString(l) && addressRe.MatchString(l) && !speechRe.MatchString(l):
		return true
	case words <= 80 && cookieRe.MatchString(l) && !speechRe.MatchString(l):
		return true
	case words <= 25 && pointerRe.MatchString(l):
		return true
	case words <= 30 && copyrightRe.MatchString(l):
		return true
	case words <= 20 && followRe.MatchString(l):
		return true
	case words <= 12 && isShareLine(norm):
		return true
	}
	return false
}

// isShareLine reports whether a normalized line is made only of share words
// (and numbers, such as share counts) with at least one share keyword.
func isShareLine(norm string) bool {
	key := false
	for _, w := range strings.Fields(norm) {
		switch {
		case shareKeys[w]:
			key = true
		case shareWords[w], isDigits(w):
		default:
			return false
		}
	}
	return key
}

// isCaptionLine reports whether l is an image caption or credit.
func isCaptionLine(l string) bool {
	for _, re := range captionRes {
		if re.MatchString(l) {
			return true
		}
	}
	return false
}

// isCaptionFragment reports whether l looks like alt text: at most 8 words,
// starting with a lowercase letter, without sentence punctuation.
func isCaptionFragment(l string) bool {
	if wordCount(l) > 8 || strings.ContainsAny(l, ".!?;:") {
		return false
	}
	for _, r := range l {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

// shortenTitle derives a title from the start of a text that has none: its
// first line's first sentence, cut at a word boundary to at most 100
// characters (with "…" when cut).
func shortenTitle(text string) string {
	line := text
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = strings.Join(strings.Fields(line), " ")
	// First sentence: a '.', '!' or '?' followed by a space and a capital.
	for i := 0; i < len(line); i++ {
		if c := line[i]; (c == '.' || c == '!' || c == '?') && i >= 20 && i+2 < len(line) && line[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(line[i+2:])
			if unicode.IsUpper(r) || r == '"' || r == '“' {
				line = line[:i+1]
				break
			}
		}
	}
	const limit = 100
	if utf8.RuneCountInString(line) <= limit {
		return line
	}
	cut, hard, n := 0, 0, 0
	for i := range line {
		if n == limit {
			hard = i
			break
		}
		if line[i] == ' ' {
			cut = i
		}
		n++
	}
	if cut == 0 {
		cut = hard
	}
	return strings.TrimRight(line[:cut], " ,;:-–—") + "…"
}
