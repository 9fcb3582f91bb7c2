package graph

import "syscall"

// dropMapped unmaps the pages of [base, base+length) from the process's page
// tables (madvise MADV_DONTNEED). On a shared file mapping this discards
// nothing: the pages stay in the page cache and fault back in when read.
// base must be page-aligned, as a mapping's start is.
func dropMapped(base, length uintptr) error {
	if length == 0 {
		return nil
	}
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, base, length, syscall.MADV_DONTNEED); errno != 0 {
		return errno
	}
	return nil
}
