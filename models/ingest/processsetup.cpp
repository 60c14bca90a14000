#include "processsetup.h"

#include <sys/resource.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace vigil {

namespace {
// More than the process has threads, so that each thread mallocs from an arena of its own.
// Capped at two, the window's thread shared its arena with half the others, among them the
// catch-up threads of lowered priority: preempted inside malloc with the arena's lock held,
// they kept the window's thread waiting a time slice at a time. Opening 5 GB, the window's
// thread slept 777 ms in such waits (the longest 19 ms, inside a 61 ms event); 116 ms with
// an arena each (the longest 9 ms). The cap was set for memory, when freed batches stayed
// behind in readers' arenas; they go back to the readers now (batchrecycler.h), and a
// scan's resident bytes per entry are the same with an arena each (44.7 B at 1 GB).
constexpr int kMallocArenas = 64;
} // namespace

void applyIngestProcessSettings() {
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, kMallocArenas);
    // Batches of a few MB are built and freed all through a scan. With glibc's defaults each
    // one is a fresh mmap or lands in memory just trimmed away, and every page of it faults
    // again (2,500 of a 200 MB scan's 15,700 faults). releaseFreedMemory() trims once at the
    // end of a scan without a window (scanner.cpp says why not beside one).
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
}

void releaseFreedMemory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace vigil
