package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"kg/ingest"
)

// progressBar draws ingest progress on a terminal, and nothing when the
// output is not one (a pipe, a file, a test).
type progressBar struct {
	w     io.Writer
	tty   bool
	drawn bool
	last  time.Time
}

func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	return &progressBar{w: w, tty: ok && term.IsTerminal(int(f.Fd()))}
}

func (b *progressBar) update(p ingest.Progress) {
	if !b.tty || (time.Since(b.last) < 100*time.Millisecond && p.FilesDone < p.FilesTotal) {
		return
	}
	b.last = time.Now()
	const width = 30
	filled := width
	if p.FilesTotal > 0 {
		filled = width * p.FilesDone / p.FilesTotal
	}
	secs := p.Elapsed.Seconds()
	rate, eta := 0.0, "?"
	if secs > 0 && p.FilesDone > 0 {
		rate = float64(p.Articles) / secs
		left := time.Duration(float64(p.Elapsed) / float64(p.FilesDone) * float64(p.FilesTotal-p.FilesDone))
		eta = left.Round(time.Second).String()
	}
	fmt.Fprintf(b.w, "\r[%s%s] %d/%d files  %.1f articles/s  ETA %s  ",
		strings.Repeat("=", filled), strings.Repeat(" ", width-filled), p.FilesDone, p.FilesTotal, rate, eta)
	b.drawn = true
}

// clear removes the bar so a line can be printed in its place.
func (b *progressBar) clear() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\033[K")
		b.drawn = false
	}
}

func (b *progressBar) finish() { b.clear() }
