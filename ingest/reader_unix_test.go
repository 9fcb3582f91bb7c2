//go:build unix

package ingest

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"kg/graph"
)

// permChildEnv names the file a child process of TestReadPermissionDenied
// reads.
const permChildEnv = "KG_INGEST_TEST_UNREADABLE"

// nobody is the user the child process runs as when the test runs as root.
const nobody = 65534

// TestReadPermissionDenied reads a file its user may not read. Root reads
// any file whatever its mode, so when the test runs as root (as in CI) it
// runs the read in a child process: a copy of this test binary, in a
// world-readable directory, started as user nobody.
func TestReadPermissionDenied(t *testing.T) {
	const rel = "private/locked.txt"
	const want = rel + ": read: permission denied (the file is not readable by this user)"
	if path := os.Getenv(permChildEnv); path != "" {
		_, err := Reader{}.Read(path, rel)
		fmt.Printf("child uid %d: kind=%v err=%v\n", os.Geteuid(), graph.KindOf(err), err)
		if err == nil || err.Error() != want || graph.KindOf(err) != graph.Invalid {
			t.Fatalf("got %v (kind %v), want %q (invalid input)", err, graph.KindOf(err), want)
		}
		return
	}

	// The child runs as another user: it needs a directory it can reach
	// (t.TempDir makes 0700 ones), holding the file and a copy of the binary.
	base := os.TempDir()
	if !traversable(base) {
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, "kg-ingest-perm-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked.txt")
	if err := os.WriteFile(locked, []byte("Secret title\nSecret text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		_, err := Reader{}.Read(locked, rel)
		if err == nil || err.Error() != want || graph.KindOf(err) != graph.Invalid {
			t.Fatalf("got %v (kind %v), want %q (invalid input)", err, graph.KindOf(err), want)
		}
		return
	}

	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "ingest.test")
	if err := copyFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestReadPermissionDenied$", "-test.count=1", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), permChildEnv+"="+locked, "HOME="+dir, "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the child process reading as uid %d failed (%v):\n%s", nobody, err, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("child uid %d: kind=invalid input err=%s", nobody, want)) {
		t.Fatalf("the child process did not report the expected error:\n%s", out)
	}
	t.Logf("read as uid %d in a child process: %s", nobody, want)
}

// traversable reports whether every user may pass through dir and each of
// its parents.
func traversable(dir string) bool {
	for d := dir; ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil || info.Mode().Perm()&0o001 == 0 {
			return false
		}
		if filepath.Dir(d) == d {
			return true
		}
	}
}

func copyFile(from, to string, mode os.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
