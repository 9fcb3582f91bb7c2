package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct {
		desc  string
		title string
		in    string
		want  string
	}{
		{desc: "paragraphs are kept, separated by a blank line, white space collapsed",
			in:   "  First   paragraph.\n\n\nSecond\tparagraph.\r\nThird.",
			want: "First paragraph.\n\nSecond paragraph.\n\nThird."},
		{desc: "empty input", in: " \n\n ", want: ""},
		{desc: "the title repeated exactly, in another case, or with the site's name",
			title: "Bridge opens in Tarn – Valley Post",
			in:    "Bridge opens in Tarn – Valley Post\nThe bridge opened.\nBRIDGE OPENS IN TARN\nBridge Opens in Tarn, Valley Post\nIt cost a lot.",
			want:  "The bridge opened.\n\nIt cost a lot."},
		{desc: "a nearly repeated title (a typo) goes; a paragraph starting with the title stays",
			title: "Council approves harbor bridge",
			in:    "Council approves harbour bridge\nCouncil approves harbor bridge after a long debate that divided the city for years.",
			want:  "Council approves harbor bridge after a long debate that divided the city for years."},
		{desc: "captions and credits",
			in: "News paragraph one.\nA crowd at the rally. Photo: Jane Roe\nPhoto: Jane Roe\nImage: handout\nPhotograph: archive\n" +
				"Crowds gather in the square (Photo by Max Smith/Example Agency)\nThe minister arrives. AP Photo/Ann Lee\n" +
				"Protesters march. REUTERS/Tom Brandt\nThe stadium at dusk. Getty Images\nThe harbour (AFP)\nCredits: city archive\nNews paragraph two.",
			want: "News paragraph one.\n\nNews paragraph two."},
		{desc: "a short lowercase fragment right before a caption goes; one elsewhere stays",
			in:   "Paragraph one.\ndelegates in the hall\nDelegates in the hall. Credit:: press office\nsmall town life\nParagraph two.",
			want: "Paragraph one.\n\nsmall town life\n\nParagraph two."},
		{desc: "Getty Images as the subject of a sentence stays",
			in:   "Getty Images said on Tuesday it would cut 40 jobs.",
			want: "Getty Images said on Tuesday it would cut 40 jobs."},
		{desc: "correction notices",
			in:   "The story.\nTo suggest a correction or clarification, write to us here\nYou can also highlight the text and press Ctrl + Enter\nPlease leave your suggestions or corrections here\nSpotted a mistake? Let us know.",
			want: "The story."},
		{desc: "ad-blocker, donation and subscription appeals",
			in: "The story.\nPlease disable your ad blocker to support us.\nSupport our journalism: donate today.\nSubscribe to our newsletter for daily updates.\n" +
				"We rely on readers like you. Become a member.\nThe union said members subscribe to the fund voluntarily, and we support that, the chair added.",
			want: "The story.\n\nThe union said members subscribe to the fund voluntarily, and we support that, the chair added."},
		{desc: "an appeal word inside a quotation stays",
			in:   `"We will donate our salaries to the hospital," the players said.`,
			want: `"We will donate our salaries to the hospital," the players said.`},
		{desc: "share lines",
			in:   "The story.\nShare this\nShare on Facebook\nShare on Twitter Share on LinkedIn\nTweet\nEmail\nPrint\nCopy link\nShare 12\nFacebook Twitter WhatsApp",
			want: "The story."},
		{desc: "a sentence using a share word stays",
			in:   "Share prices fell 4 percent on Monday.\nHe sent an email to staff.",
			want: "Share prices fell 4 percent on Monday.\n\nHe sent an email to staff."},
		{desc: "read-more, tags and related lines in the text",
			in:   "Para one.\nRead more: Ports reopen after storm\nREAD ALSO: Council budget approved\nRelated: Storm damage\nTags: ports, storms\nPara two.\nRelated to the storm, the council met.",
			want: "Para one.\n\nPara two.\n\nRelated to the storm, the council met."},
		{desc: "everything after a Related heading near the end",
			in:   "Para one is here.\nPara two is here.\nPara three is here.\nRelated Posts\nA headline about something else entirely that is long enough.\nAnother headline with many many words in it for sure.",
			want: "Para one is here.\n\nPara two is here.\n\nPara three is here."},
		{desc: "a Related heading before any paragraph does not cut the article",
			in:   "Related articles\nPara one is here.\nPara two is here.",
			want: "Para one is here.\n\nPara two is here."},
		{desc: "a trailing block of short lines such as the site's name",
			in:   "Para one.\nPara two ends here.\n\n   Valley Herald\nIndependent news since 1998\nAbout",
			want: "Para one.\n\nPara two ends here."},
		{desc: "short paragraphs with sentence punctuation stay, also at the end",
			in:   "Turnout was high.\nWhy?\nNobody knows.",
			want: "Turnout was high.\n\nWhy?\n\nNobody knows."},
		{desc: "a short subheading inside the article stays",
			in:   "Para one.\nThe vote\nPara two.",
			want: "Para one.\n\nThe vote\n\nPara two."},
		{desc: "cookie notices, copyright and site chrome",
			in:   "Story text.\nWe use cookies to improve your experience. By continuing to browse you accept our cookie policy.\nAdvertisement\nSkip to content\n© 2024 Valley Herald. All rights reserved.\nFollow us on Twitter\n***\n|\nMore story text.",
			want: "Story text.\n\nMore story text."},
		{desc: "lines of only short words without punctuation and nothing else stay",
			in:   "alpha beta\ngamma delta",
			want: "alpha beta\n\ngamma delta"},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			if got := Clean(tc.title, tc.in); got != tc.want {
				t.Errorf("Clean:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestShortenTitle(t *testing.T) {
	tests := []struct{ desc, in, want string }{
		{"a short line", "Short line", "Short line"},
		{"the first sentence", "The company was founded in 1990. It grew. It shrank.", "The company was founded in 1990."},
		{"only the first line", "First line\nSecond line", "First line"},
		{"cut at a word boundary", strings.Repeat("word ", 30), strings.TrimSpace(strings.Repeat("word ", 20)) + "…"},
		{"no spaces: cut at 100 characters", strings.Repeat("é", 150), strings.Repeat("é", 100) + "…"},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			if got := shortenTitle(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestCleanExampleArticle cleans the real example page from the shared data
// (not copied into the repository): its caption, credit line, repeated title
// and footer must go, every news paragraph must stay.
func TestCleanExampleArticle(t *testing.T) {
	path := filepath.Join(sharedData, "dev", "articles", "euromaidan-us-ukraine-talks.txt")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("the example article is absent (it comes with the shared folder beside the repository): %v", err)
	}
	fm, body, found, _ := splitFrontMatter(normalizeText(string(raw)))
	if !found || fm.title == "" {
		t.Fatalf("%s: no front-matter title", path)
	}
	got := Clean(fm.title, body)
	paragraphs := strings.Split(got, "\n\n")

	for _, p := range paragraphs {
		if normalizeForCompare(p) == normalizeForCompare(fm.title) {
			t.Errorf("the title is repeated in the text")
		}
		if strings.EqualFold(p, "negotiations in florida") {
			t.Errorf("the caption fragment %q is still there", p)
		}
	}
	for _, gone := range []string{"Credit:", "To suggest a correction", "Ctrl + Enter", "suggestions or corrections",
		"ad blocker", "advertising revenue", "Related Posts", "Euromaidan Press"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q is still in the text", gone)
		}
	}
	for _, kept := range []string{"Secretary of State", "news conference last week", "four hours of negotiations",
		"land swaps", "productive", "Donetsk and Luhansk"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q is gone from the text", kept)
		}
	}
	// Every line of the page that reads like a news paragraph (15 words or
	// more, ending like a sentence, no credit or appeal) is kept whole.
	keptSet := map[string]bool{}
	for _, p := range paragraphs {
		keptSet[p] = true
	}
	news := 0
	for _, l := range cleanLines(body) {
		if wordCount(l) >= 15 && endsSentence(l) && !strings.Contains(l, "Credit") && !strings.Contains(l, "ad blocker") {
			news++
			if !keptSet[l] {
				t.Errorf("news paragraph dropped: %.60q…", l)
			}
		}
	}
	if news < 15 || len(paragraphs) < news {
		t.Errorf("%d news paragraphs in the page, %d paragraphs kept", news, len(paragraphs))
	}
}

// FuzzClean: Clean must not panic, keeps valid UTF-8 valid, leaves no
// carriage return, no empty paragraph, and is idempotent.
func FuzzClean(f *testing.F) {
	for _, seed := range []struct{ title, text string }{
		{"T", "T\nPara.\nfragment\nCaption. Credit: x\nRelated Posts\nend"},
		{"", "Share this\nTweet\n\n\nRead more: x\nTags: a\n© 2020"},
		{"Long title here", "Long title hera\n" + strings.Repeat("a ", 100)},
		{"x", "\r\n\r\n\u2028\t \u00a0"},
		{"", "We use cookies.\nsubscribe to our newsletter, you\nPara one.\nSite Name"},
	} {
		f.Add(seed.title, seed.text)
	}
	f.Fuzz(func(t *testing.T, title, text string) {
		got := Clean(title, text)
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 output %q", got)
		}
		if strings.ContainsRune(got, '\r') || strings.Contains(got, "\n\n\n") || got != strings.TrimSpace(got) {
			t.Fatalf("malformed output %q", got)
		}
		if again := Clean(title, got); again != got {
			t.Fatalf("not idempotent:\n once %q\ntwice %q", got, again)
		}
	})
}
