//go:build !linux

package graph

// dropMapped does nothing outside Linux, where madvise's MADV_DONTNEED may
// mean something else (on macOS it is only a hint); ReleaseMemory is then a
// no-op.
func dropMapped(base, length uintptr) error { return nil }
