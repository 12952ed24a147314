#ifndef HORIZON_CSYSTEM_H
#define HORIZON_CSYSTEM_H

/// Hands the memory freed so far back to the system (glibc's malloc_trim), so that what one step
/// of a run let go does not stay resident while the next step grows. Does nothing where the C
/// library has no such call.
void horizon_release_free_memory(void);

#endif
