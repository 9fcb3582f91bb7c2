package graphiql

import (
	"encoding/json"
	"io/fs"
	"testing"
)

func TestVersionsMatchManifests(t *testing.T) {
	for pkg, want := range map[string]string{"graphiql": Version, "react": ReactVersion, "react-dom": ReactDOMVersion} {
		b, err := FS.ReadFile(pkg + "/package.json")
		if err != nil {
			t.Fatal(err)
		}
		var m struct{ Name, Version, License string }
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s/package.json: %v", pkg, err)
		}
		if m.Name != pkg || m.Version != want || m.License != "MIT" {
			t.Errorf("%s/package.json: name %q version %q license %q, want %q %q MIT", pkg, m.Name, m.Version, m.License, pkg, want)
		}
	}
}

func TestListedFilesAreEmbedded(t *testing.T) {
	listed := map[string]bool{}
	for _, list := range [][]string{Styles, Scripts, Licenses} {
		for _, p := range list {
			listed[p] = true
			info, err := fs.Stat(FS, p)
			if err != nil {
				t.Errorf("%s: %v", p, err)
			} else if info.Size() == 0 {
				t.Errorf("%s is empty", p)
			}
		}
	}
	// Everything embedded is either listed or a package manifest.
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !listed[p] && d.Name() != "package.json" {
			t.Errorf("unlisted embedded file %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
