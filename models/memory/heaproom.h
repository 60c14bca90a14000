#pragma once
// Room in the calling thread's malloc heap, taken in one step before a task allocates.
//
// Each thread mallocs from an arena of its own (ingest/processsetup.cpp), and glibc extends
// a thread's heap by exactly what an allocation lacks, page by page, with one mprotect() each;
// every such call takes the process's memory-map lock for writing. The metrics catch-up,
// adding histogram bins and endpoint tallies for millions of entries in small allocations,
// made 22,000 of those calls while 5 GB opened (31,000 at 1 GB), some waiting 50-60 ms for the
// lock behind the readers' page faults; the window's thread, faulting a page or mapping memory
// meanwhile, queued behind them (one event of 23 ms wall held 0.9 ms of its CPU and no wait
// for a core). A block of kHeapRoom taken and freed at once extends the heap in one call, and
// the room stays the arena's for the small allocations that follow: a heap is trimmed only
// past the trim threshold (64 MB, processsetup.cpp). Where the thread's heap is within
// kHeapRoom of its largest size (64 MB), glibc maps a new heap for the block and unmaps it
// again as it is freed; a few calls later the thread's own allocations have filled the old
// heap and moved on to a new one.

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define VIGIL_MALLOC_REPLACED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VIGIL_MALLOC_REPLACED 1
#endif
#endif

namespace vigil {

// Whether malloc is glibc's own, with the heaps above: AddressSanitizer's allocator is not.
#if defined(__GLIBC__) && !defined(VIGIL_MALLOC_REPLACED)
constexpr bool kGlibcHeaps = true;
#else
constexpr bool kGlibcHeaps = false;
#endif

// Between two of its calls the metrics catch-up allocates a few MB in small pieces
// (metricsdelta.cpp). Opening 1 GB, 8 MB left 1,600 of the 31,000 mprotect() calls; 4 MB, 3,800.
constexpr std::size_t kHeapRoom = std::size_t(8) << 20;

// Makes sure the calling thread's heap has kHeapRoom free: at most one system call, and none
// while it has. Nothing without glibc's heaps.
void keepHeapRoom();

} // namespace vigil
