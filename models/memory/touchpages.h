#pragma once
// Faulting in every page of a fresh block makes the calling thread take its page faults
// now, rather than whichever thread first uses the block (the GUI thread appending entries,
// or a lookup that would map the shared zero page for a later write to replace).
//
// madvise(MADV_POPULATE_WRITE) maps the block a few megabytes a system call, after one write
// every 2 MB has faulted in the block's 2 MB pages (touchpages.cpp says why); a write a
// page took an exception per 4 KB page, and under a hypervisor each exception costs far more
// than the page it maps: `perf record` of `vigil scan` over 200 MB on such a machine put 23 %
// of all CPU in Segment::touchPages and its faults. Where the kernel lacks the call (before
// Linux 5.14), a zero byte a page is written instead, as it is on the partial pages at the
// block's edges: a calloc'd block stays zeroed, and a block must not hold data yet.

#include <cstddef>

namespace vigil {

void writeEveryPage(void* data, std::size_t bytes);

// Faults in a vector's room past its elements (reserved, not yet written), so that the
// thread that later appends into it takes no page faults.
template <typename Vector> void faultInRoom(Vector& v) {
    writeEveryPage(v.data() + v.size(), (v.capacity() - v.size()) * sizeof(*v.data()));
}

} // namespace vigil
