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
//
// Such a hypervisor still takes an exit at each mapped page's first write, hidden from the
// guest (the write just takes longer). mapEveryPage() leaves those to whoever writes first;
// writeEveryPage() takes them too, for a block another thread will fill (the window's
// thread above all). Where the writer has time to spare (`vigil scan`'s appending thread),
// mapping alone keeps the reading threads faster: 0.207 s against 0.224 s at 200 MB.

#include <cstddef>

namespace vigil {

// Maps every page of the block: no page fault left for whoever writes it first.
void mapEveryPage(void* data, std::size_t bytes);
// Maps and writes every page of the block: neither fault nor hypervisor exit left.
void writeEveryPage(void* data, std::size_t bytes);

// Writes in a vector's room past its elements (reserved, not yet written), so that the
// thread that later appends into it takes no page faults.
template <typename Vector> void faultInRoom(Vector& v) {
    writeEveryPage(v.data() + v.size(), (v.capacity() - v.size()) * sizeof(*v.data()));
}
// Maps it only, for the calling thread to write next.
template <typename Vector> void mapRoom(Vector& v) {
    mapEveryPage(v.data() + v.size(), (v.capacity() - v.size()) * sizeof(*v.data()));
}

} // namespace vigil
