package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kg/graph"
)

func TestSupported(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"a.txt", true}, {"a.TXT", true}, {"a.md", true}, {"a.Markdown", true}, {"a.html", true},
		{"a.HTM", true}, {"a.json", true}, {"a.jsonl", true}, {"dir/a.b.json", true},
		{"a.pdf", false}, {"a", false}, {".txt", true}, {"a.txt.gz", false}, {"a.jsonld", false}, {"a.", false},
	}
	for _, tc := range tests {
		if got := Supported(tc.name); got != tc.want {
			t.Errorf("Supported(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// tree builds files (content "x"), directories (names ending in "/") and
// symlinks ("name -> target") under a new temporary directory.
func tree(t *testing.T, entries ...string) string {
	t.Helper()
	base := t.TempDir()
	for _, e := range entries {
		if name, target, ok := strings.Cut(e, " -> "); ok {
			p := filepath.Join(base, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
				t.Skipf("cannot create symlinks here: %v", err)
			}
			continue
		}
		p := filepath.Join(base, filepath.FromSlash(e))
		if strings.HasSuffix(e, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return base
}

func TestWalk(t *testing.T) {
	base := tree(t,
		"root/a.txt",
		"root/B.MD",
		"root/notes.pdf",
		"root/README",
		"root/.hidden.txt",
		"root/.git/config.txt",
		"root/sub/c.html",
		"root/sub/deeper/d.json",
		"root/sub/deeper/e.JSONL",
		"root/sub/up -> ..",
		"root/self -> .",
		"root/z.jsonl",
		"outside/secret.txt",
		"root/out-link.txt -> ../outside/secret.txt",
		"root/out-dir -> ../outside",
		"root/loop-a.txt -> loop-b.txt",
		"root/loop-b.txt -> loop-a.txt",
		"root/in-link.txt -> sub/c.html",
		"root/dir-link -> sub",
		"root/broken.txt -> nowhere.txt",
		"root/hidden-link.txt -> .hidden.txt",
		"root/hidden-dir-link -> .git",
	)
	root := filepath.Join(base, "root")
	files, skipped, err := Walk([]string{root})
	if err != nil {
		t.Fatal(err)
	}

	var rels []string
	for _, f := range files {
		rels = append(rels, f.Rel)
		if f.Path != filepath.Join(root, filepath.FromSlash(f.Rel)) || f.Size != 1 {
			t.Errorf("file %+v: Path is not root joined with Rel, or Size is not 1", f)
		}
	}
	wantRels := []string{"B.MD", "a.txt", "sub/c.html", "sub/deeper/d.json", "sub/deeper/e.JSONL", "z.jsonl"}
	if !reflect.DeepEqual(rels, wantRels) {
		t.Errorf("files %q, want %q (lexical order, '/' separators)", rels, wantRels)
	}

	reasons := map[string]string{}
	for _, s := range skipped {
		rel, err := filepath.Rel(root, s.Path)
		if err != nil {
			t.Fatal(err)
		}
		reasons[filepath.ToSlash(rel)] = s.Reason
	}
	wantReasons := []struct{ desc, rel, reason string }{
		{"unsupported extension", "notes.pdf", `unsupported file type ".pdf"`},
		{"no extension", "README", "unsupported file type (no extension)"},
		{"hidden file", ".hidden.txt", "hidden file"},
		{"hidden directory, not entered", ".git", "hidden directory, not entered"},
		{"a directory symlink to its parent", "sub/up", `symlink loop: points to its own parent directory "."`},
		{"a directory symlink to itself", "self", `symlink loop: points to its own parent directory "."`},
		{"a file symlink pointing outside", "out-link.txt", "outside " + root},
		{"a directory symlink pointing outside", "out-dir", "outside " + root},
		{"a symlink loop a -> b -> a", "loop-a.txt", "symlink loop (loop-a.txt -> loop-b.txt never reaches a file)"},
		{"the other end of the loop", "loop-b.txt", "symlink loop (loop-b.txt -> loop-a.txt never reaches a file)"},
		{"a symlink to a file inside", "in-link.txt", `symlink to "sub/c.html", read there`},
		{"a symlink to a directory inside", "dir-link", `symlink to directory "sub" inside the folder, read there`},
		{"a broken symlink", "broken.txt", "broken symlink (to nowhere.txt, which does not exist)"},
		{"a symlink to a hidden file", "hidden-link.txt", "which is not read (hidden or unsupported)"},
		{"a symlink to a hidden directory", "hidden-dir-link", `symlink to directory ".git" inside the folder, which is not read (hidden)`},
	}
	for _, w := range wantReasons {
		got, ok := reasons[w.rel]
		if !ok {
			t.Errorf("%s: %s not in Skipped", w.desc, w.rel)
		} else if !strings.Contains(got, w.reason) {
			t.Errorf("%s: reason %q, want it to contain %q", w.desc, got, w.reason)
		}
		delete(reasons, w.rel)
	}
	for rel, reason := range reasons {
		t.Errorf("unexpected skip %s: %s", rel, reason)
	}
	for _, s := range skipped {
		if strings.Contains(s.Path, ".git"+string(filepath.Separator)) {
			t.Errorf("entered a hidden directory: %s", s.Path)
		}
	}
}

func TestWalkRoots(t *testing.T) {
	base := tree(t,
		"docs/a.txt",
		"docs/sub/b.md",
		"single.html",
		".hidden-single.txt",
		"image.png",
		"link-to-docs -> docs",
	)
	at := func(p string) string { return filepath.Join(base, filepath.FromSlash(p)) }
	tests := []struct {
		desc    string
		roots   []string
		rels    []string
		skipped []Skipped
	}{
		{desc: "a single file root is listed by its base name",
			roots: []string{at("single.html")}, rels: []string{"single.html"}},
		{desc: "a hidden single file named as a root is read",
			roots: []string{at(".hidden-single.txt")}, rels: []string{".hidden-single.txt"}},
		{desc: "an unsupported single file root is skipped",
			roots: []string{at("image.png")}, skipped: []Skipped{{at("image.png"), `unsupported file type ".png"`}}},
		{desc: "a root given as a symlink is followed, paths stay under the link",
			roots: []string{at("link-to-docs")}, rels: []string{"a.txt", "sub/b.md"}},
		{desc: "a root given twice is walked once",
			roots: []string{at("docs"), at("docs")}, rels: []string{"a.txt", "sub/b.md"},
			skipped: []Skipped{{at("docs/a.txt"), "already listed as " + at("docs/a.txt")}, {at("docs/sub/b.md"), "already listed as " + at("docs/sub/b.md")}}},
		{desc: "a folder and a folder inside it: each file once",
			roots: []string{at("docs"), at("docs/sub")}, rels: []string{"a.txt", "sub/b.md"},
			skipped: []Skipped{{at("docs/sub/b.md"), "already listed as " + at("docs/sub/b.md")}}},
		{desc: "a folder through a symlink and directly: each file once",
			roots: []string{at("link-to-docs"), at("docs/a.txt")}, rels: []string{"a.txt", "sub/b.md"},
			skipped: []Skipped{{at("docs/a.txt"), "already listed as " + at("link-to-docs/a.txt")}}},
	}
	for _, tc := range tests {
		t.Run(tc.desc, func(t *testing.T) {
			files, skipped, err := Walk(tc.roots)
			if err != nil {
				t.Fatal(err)
			}
			var rels []string
			for _, f := range files {
				rels = append(rels, f.Rel)
			}
			if !reflect.DeepEqual(rels, tc.rels) || !reflect.DeepEqual(skipped, tc.skipped) {
				t.Errorf("got files %q skipped %q\nwant files %q skipped %q", rels, skipped, tc.rels, tc.skipped)
			}
		})
	}
}

func TestWalkMissingRoot(t *testing.T) {
	base := tree(t, "docs/a.txt")
	missing := filepath.Join(base, "no-such-folder")
	alsoMissing := filepath.Join(base, "gone.txt")
	files, skipped, err := Walk([]string{filepath.Join(base, "docs"), missing, alsoMissing})
	if err == nil {
		t.Fatal("Walk succeeded for a root that does not exist")
	}
	if files != nil || skipped != nil {
		t.Errorf("Walk returned files %v skipped %v with its error", files, skipped)
	}
	if graph.KindOf(err) != graph.NotFound {
		t.Errorf("kind %v, want NotFound", graph.KindOf(err))
	}
	want := missing + ": walk: no such file or directory\n" + alsoMissing + ": walk: no such file or directory"
	if err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
	var ge *graph.Error
	if !errors.As(err, &ge) || ge.Path != missing {
		t.Errorf("first *graph.Error in the chain does not name %s", missing)
	}
}
