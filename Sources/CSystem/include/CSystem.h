#ifndef HORIZON_CSYSTEM_H
#define HORIZON_CSYSTEM_H

/// Tunes the C allocator for a batch run that allocates and frees hundreds of megabytes in bursts
/// on every core: freed memory is kept for reuse instead of being handed back to the system and
/// faulted in again, and large arrays come from the heap rather than from fresh mappings.
/// Does nothing where the C library has no such settings.
void horizon_keep_freed_memory(void);

#endif
