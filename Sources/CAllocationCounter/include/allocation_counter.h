// Counts heap allocations of the whole process, for ring-bench's "no allocation in steady state"
// proof. Linked only into ring-bench: it replaces malloc & co. with thin wrappers around glibc's
// own __libc_* entry points that bump one relaxed atomic counter.
#ifndef EPISODIC_ALLOCATION_COUNTER_H
#define EPISODIC_ALLOCATION_COUNTER_H

#include <stdint.h>

/// Allocations (malloc, calloc, realloc, memalign family) since the process started, or -1 where
/// counting is not supported (non-glibc systems).
int64_t episodic_allocation_count(void);

#endif
