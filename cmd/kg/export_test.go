package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exampleStore ingests the bundled examples into a new bolt store.
func exampleStore(t *testing.T) string {
	t.Helper()
	store := filepath.Join(t.TempDir(), "kg.db")
	if _, r := ingestJSON(t, store, examplesDir(t)); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	return store
}

func TestExportImportRoundTrip(t *testing.T) {
	store := exampleStore(t)
	for _, format := range []string{"jsonld", "nquads"} {
		t.Run(format, func(t *testing.T) {
			ext := map[string]string{"jsonld": ".jsonld", "nquads": ".nq"}[format]
			first := filepath.Join(t.TempDir(), "sub"+ext)
			args := []string{"export", "--store", store, "--entity", "Paul Ostrander", "--hops", "2", "--format", format}
			if r := kg(t, append(args, "-o", first)...); r.code != 0 {
				t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
			}
			// Deterministic: the same export twice is byte-identical.
			again := kg(t, args...)
			if want, _ := os.ReadFile(first); again.stdout != string(want) {
				t.Error("two exports of the same subgraph differ")
			}
			empty := filepath.Join(t.TempDir(), "other.db")
			r := kg(t, "import", "--store", empty, first)
			if r.code != 0 || !strings.Contains(r.stdout, "new") {
				t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			before := storeStats(t, empty)
			if r := kg(t, "import", "--store", empty, first); r.code != 0 || !strings.Contains(r.stdout, ", 0 new") {
				t.Errorf("second import: exit %d, %s", r.code, r.stdout)
			}
			if after := storeStats(t, empty); after != before {
				t.Errorf("importing twice changed the store: %+v -> %+v", before, after)
			}
			second := kg(t, "export", "--store", empty, "--entity", "Paul Ostrander", "--hops", "2", "--format", format)
			if want, _ := os.ReadFile(first); second.stdout != string(want) {
				t.Errorf("export → import → export differs:\nfirst  %.300s\nsecond %.300s", want, second.stdout)
			}
		})
	}
}

func TestExportArticleAndAll(t *testing.T) {
	store := exampleStore(t)
	r := kg(t, "export", "--store", store, "--article", "briefs.jsonl", "--format", "nquads")
	if r.code != 0 || !strings.Contains(r.stdout, "briefs.jsonl") {
		t.Fatalf("export --article: exit %d\n%.300s%s", r.code, r.stdout, r.stderr)
	}
	all := kg(t, "export", "--store", store, "--all", "--format", "nquads")
	lines := strings.Count(all.stdout, "\n")
	if st := storeStats(t, store); int64(lines) != st.Quads {
		t.Errorf("--all wrote %d lines, the store holds %d quads", lines, st.Quads)
	}
}

func TestExportBadInput(t *testing.T) {
	store := exampleStore(t)
	unwritable := filepath.Join(t.TempDir(), "no", "such", "dir", "out.jsonld")
	big := filepath.Join(t.TempDir(), "big.jsonld")
	for _, tc := range []struct {
		desc string
		args []string
		code int
		want string
	}{
		{"unknown entity", []string{"--entity", "Nobody Atall"}, 1, "no entity is named"},
		{"hops out of range", []string{"--entity", "Paul Ostrander", "--hops", "5"}, 2, "--hops must be from 1 to 4"},
		{"no subject", nil, 2, "exactly one of"},
		{"bad format", []string{"--entity", "Paul Ostrander", "--format", "xml"}, 2, "jsonld or nquads"},
		{"unwritable output", []string{"--entity", "Paul Ostrander", "-o", unwritable}, 1, "cannot write"},
		{"larger than --max-nodes", []string{"--entity", "Paul Ostrander", "--hops", "3", "--max-nodes", "5", "-o", big}, 1, "more than the limit of 5"},
		{"unknown article", []string{"--article", "nothing.txt"}, 1, "no article was ingested"},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			r := kg(t, append([]string{"export", "--store", store}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", r.code, r.stderr, tc.code, tc.want)
			}
		})
	}
	if _, err := os.Stat(big); !os.IsNotExist(err) {
		t.Errorf("a failed export left %s behind", big)
	}
	ents, _ := os.ReadDir(filepath.Dir(big))
	if len(ents) != 0 {
		t.Errorf("a failed export left files: %v", ents)
	}
}

func TestImportMalformed(t *testing.T) {
	store := exampleStore(t)
	before := storeStats(t, store)
	dir := t.TempDir()
	for _, tc := range []struct {
		desc, file, content, want string
	}{
		{"truncated JSON-LD", "bad.jsonld", "{\n  \"@graph\": [\n    {\"@id\": ", "line 3"},
		{"bad N-Quads line", "bad.nq", "<https://a.example/s> <https://a.example/p> \"ok\" .\n<https://a.example/s> oops .\n", "line 2"},
		{"unknown extension", "data.csv", "a,b\n", "unknown format"},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			writeFile(t, path, tc.content)
			r := kg(t, "import", "--store", store, path)
			if r.code == 0 || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, tc.file) {
				t.Errorf("exit %d, stderr %q; want a failure naming %s and %q", r.code, r.stderr, tc.file, tc.want)
			}
		})
	}
	if after := storeStats(t, store); after != before {
		t.Errorf("failed imports changed the store: %+v -> %+v", before, after)
	}
}

func TestExportAmbiguousName(t *testing.T) {
	// Two entities that share a name: a country and a person.
	nq := filepath.Join(t.TempDir(), "jordan.nq")
	const (
		typ  = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
		name = "<https://schema.org/name>"
		art  = "<https://kg.localhost/id/article/x>"
	)
	writeFile(t, nq, strings.Join([]string{
		"<https://kg.localhost/id/place/jordan> " + typ + " <https://schema.org/Place> " + art + " .",
		"<https://kg.localhost/id/place/jordan> " + name + " \"Jordan\" " + art + " .",
		"<https://kg.localhost/id/person/jordan> " + typ + " <https://schema.org/Person> " + art + " .",
		"<https://kg.localhost/id/person/jordan> " + name + " \"Jordan\" " + art + " .",
	}, "\n")+"\n")
	store := filepath.Join(t.TempDir(), "kg.db")
	if r := kg(t, "import", "--store", store, nq); r.code != 0 {
		t.Fatalf("import: exit %d %s", r.code, r.stderr)
	}
	r := kg(t, "export", "--store", store, "--entity", "jordan")
	for _, want := range []string{"names 2 entities", "person/jordan", "place/jordan"} {
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("exit %d, stderr %q; want exit 1 mentioning %q", r.code, r.stderr, want)
		}
	}
}
