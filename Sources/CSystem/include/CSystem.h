#ifndef HORIZON_CSYSTEM_H
#define HORIZON_CSYSTEM_H

/// Hands the memory freed so far back to the system, so that what one step of a run let go does
/// not stay resident while the next step grows: mimalloc's `mi_collect` when the executable is
/// linked with mimalloc (as `horizon` is), else glibc's `malloc_trim`. Does nothing where neither
/// is there.
void horizon_release_free_memory(void);

#endif
