#include "CSystem.h"
#include <stdbool.h>
#include <stdlib.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

// mimalloc's collector, when the executable is linked with mimalloc (weak: absent otherwise).
extern void mi_collect(bool force) __attribute__((weak));

void horizon_release_free_memory(void) {
    if (mi_collect) {
        mi_collect(true);
        return;
    }
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
