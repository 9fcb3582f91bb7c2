package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kg/graph"
)

// File is one file found by Walk.
type File struct {
	Path string // the path to open: the root joined with the file's place under it
	Rel  string // slash-separated path relative to its root; a file root's base name
	Size int64  // size in bytes when listed
}

// Skipped is a path Walk did not read, with why.
type Skipped struct {
	Path   string // as Walk found it: the root joined with the entry's place under it
	Reason string // e.g. "unsupported file type \".pdf\"", "symlink loop", "hidden"
}

// Supported reports whether name has an extension Read handles: .txt, .md,
// .markdown, .html, .htm, .json, .jsonl, in any letter case.
func Supported(name string) bool { return formatOf(name) != formatNone }

// Walk lists the article files under each root. A root is a directory,
// walked recursively with each directory's entries in lexical order, or a
// single file, whose Rel is its base name (a file root is listed even when it
// is hidden; with an unsupported extension it is Skipped). A root may be a
// symlink; it is followed.
//
// Under a directory root, these are reported in Skipped and neither read nor
// entered:
//   - files with an unsupported extension ("unsupported file type …");
//   - hidden files and directories, whose names start with '.';
//   - files that are not regular (pipes, sockets, devices);
//   - directories that cannot be read (the reason says why);
//   - every symlink, none is followed: one that points outside the root
//     ("symlink to …, outside <root>; not followed"), one that loops
//     ("symlink loop (a -> b never reaches a file)"), a broken one ("broken
//     symlink (to …, which does not exist)"), one to the directory holding it
//     or an ancestor ("symlink loop: points to its own parent directory …"),
//     and one to a file or directory inside the root ("symlink to "<rel>",
//     read there": the target is listed under its own path, so no file is
//     read twice; or, when the target is hidden or unsupported, "… which is
//     not read").
//
// A file reached through two roots (a root given twice, or a directory and a
// folder inside it) is listed once, under the first root; the second time it
// is Skipped ("already listed as …").
//
// A root that does not exist is an error: a *graph.Error of kind
// graph.NotFound naming it (op "walk"); all roots are checked before any is
// walked, and with several missing the errors are joined. Other root errors
// (permission denied on the root itself) are graph.Invalid. Walk returns no
// files with an error.
func Walk(roots []string) ([]File, []Skipped, error) {
	var errs []error
	for _, root := range roots {
		if _, err := os.Stat(root); err != nil {
			kind, msg := graph.Invalid, osErrorText(err)
			if errors.Is(err, fs.ErrNotExist) {
				kind, msg = graph.NotFound, "no such file or directory"
			}
			errs = append(errs, graph.E(kind, "walk", root, msg))
		}
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}

	w := &walker{seen: map[string]string{}}
	for _, root := range roots {
		info, err := os.Stat(root)
		if err != nil { // vanished since the check above
			return nil, nil, graph.E(osErrorKind(err), "walk", root, osErrorText(err))
		}
		real, err := filepath.EvalSymlinks(root)
		if err != nil {
			return nil, nil, graph.E(graph.Invalid, "walk", root, osErrorText(err))
		}
		if real, err = filepath.Abs(real); err != nil {
			return nil, nil, graph.E(graph.Invalid, "walk", root, err)
		}
		if !info.IsDir() {
			w.file(root, filepath.Base(root), real, info)
			continue
		}
		w.root, w.rootReal = root, real
		w.dir(root, "", real)
	}
	return w.files, w.skipped, nil
}

type walker struct {
	files    []File
	skipped  []Skipped
	seen     map[string]string // real path of each listed file -> where it was listed
	root     string            // the directory root being walked, as given
	rootReal string            // its absolute real path
}

func (w *walker) skip(path, reason string) {
	w.skipped = append(w.skipped, Skipped{Path: path, Reason: reason})
}

// file lists one regular file (or skips it), real being its real path.
func (w *walker) file(path, rel, real string, info fs.FileInfo) {
	switch {
	case !info.Mode().IsRegular():
		w.skip(path, "not a regular file ("+fileType(info.Mode())+")")
	case !Supported(path):
		w.skip(path, unsupportedReason(path))
	default:
		if first, dup := w.seen[real]; dup {
			w.skip(path, "already listed as "+first)
			return
		}
		w.seen[real] = path
		w.files = append(w.files, File{Path: path, Rel: rel, Size: info.Size()})
	}
}

// dir walks the directory at path, rel (slash-separated) below the root,
// whose real path is real (no symlink is followed below a root, so it is
// the root's real path joined with rel).
func (w *walker) dir(path, rel, real string) {
	entries, err := os.ReadDir(path)
	if err != nil {
		w.skip(path, "cannot read directory: "+osErrorText(err))
	}
	for _, e := range entries { // ReadDir sorts by name
		name := e.Name()
		p, r, rl := filepath.Join(path, name), name, filepath.Join(real, name)
		if rel != "" {
			r = rel + "/" + name
		}
		if strings.HasPrefix(name, ".") {
			if e.IsDir() {
				w.skip(p, "hidden directory, not entered")
			} else {
				w.skip(p, "hidden file")
			}
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			w.skip(p, w.symlinkReason(p, real))
			continue
		}
		if e.IsDir() {
			w.dir(p, r, rl)
			continue
		}
		info, err := e.Info()
		if err != nil {
			w.skip(p, "cannot stat: "+osErrorText(err))
			continue
		}
		w.file(p, r, rl, info)
	}
}

// symlinkReason says why the symlink at path, in the directory whose real
// path is dirReal, is not followed.
func (w *walker) symlinkReason(path, dirReal string) string {
	dest, _ := os.Readlink(path)
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Sprintf("broken symlink (to %s, which does not exist)", dest)
		}
		return fmt.Sprintf("symlink loop (%s -> %s never reaches a file)", filepath.Base(path), dest)
	}
	if target, err = filepath.Abs(target); err != nil {
		return "symlink not followed: " + err.Error()
	}
	rel, ok := within(w.rootReal, target)
	if !ok {
		return fmt.Sprintf("symlink to %s, outside %s; not followed", target, w.root)
	}
	info, err := os.Stat(target)
	if err != nil {
		return "symlink not followed: " + osErrorText(err)
	}
	if info.IsDir() {
		if _, inside := within(target, dirReal); inside {
			return fmt.Sprintf("symlink loop: points to its own parent directory %q; not followed", displayRel(rel))
		}
		if hiddenPath(rel) {
			return fmt.Sprintf("symlink to directory %q inside the folder, which is not read (hidden); not followed", displayRel(rel))
		}
		return fmt.Sprintf("symlink to directory %q inside the folder, read there", displayRel(rel))
	}
	if !Supported(target) || hiddenPath(rel) {
		return fmt.Sprintf("symlink to %q inside the folder, which is not read (hidden or unsupported); not followed", displayRel(rel))
	}
	return fmt.Sprintf("symlink to %q, read there", displayRel(rel))
}

// within reports whether path lies in (or is) dir, both absolute and clean,
// and path's slash-separated place relative to dir.
func within(dir, path string) (string, bool) {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func displayRel(rel string) string {
	if rel == "." || rel == "" {
		return "."
	}
	return rel
}

// hiddenPath reports whether a slash-separated relative path has a hidden
// component.
func hiddenPath(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") && part != "." {
			return true
		}
	}
	return false
}

func unsupportedReason(path string) string {
	if ext := filepath.Ext(path); ext != "" {
		return fmt.Sprintf("unsupported file type %q", ext)
	}
	return "unsupported file type (no extension)"
}
