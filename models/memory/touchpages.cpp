#include "touchpages.h"

#include <cstdint>
#include <sys/mman.h>

namespace vigil {

namespace {

constexpr std::uintptr_t kPage = 4096;

// The range's first byte, then the first byte of each later page it reaches.
void writeByteEveryPage(unsigned char* from, std::size_t bytes) {
    if (bytes == 0) return;
    *reinterpret_cast<volatile unsigned char*>(from) = 0;
    const auto start = reinterpret_cast<std::uintptr_t>(from);
    for (std::uintptr_t page = (start & ~(kPage - 1)) + kPage; page < start + bytes; page += kPage)
        *reinterpret_cast<volatile unsigned char*>(page) = 0;
}

// Pages mapped by one madvise call: two 2 MB pages. The call holds the process's memory-map
// lock (for reading) throughout, and a thread that maps or unmaps memory meanwhile waits for
// it, holding whatever it held: at 24 M entries one call zeroing a 50 MB table took 53 ms, a
// reader's malloc waited behind it inside its arena's lock, and the window's thread, freeing
// a batch into that arena, waited 70-95 ms for an event that needed 1 ms of CPU.
constexpr std::uintptr_t kPopulateStep = std::uintptr_t(4) << 20;
constexpr std::uintptr_t kHugePage = std::uintptr_t(2) << 20;

// A byte at each 2 MB boundary in the range. Where the range is advised onto 2 MB pages
// (hugepages.h) each write maps a whole one, and a page fault holds only its own mapping's
// lock: the kernel's zeroing of those pages (up to 10 ms for 4 MB, in the memory a hypervisor
// hands out fresh) no longer holds the memory-map lock that mmap, munmap and brk wait for.
void writeByteEveryHugePage(std::uintptr_t start, std::uintptr_t end) {
    for (std::uintptr_t page = (start + kHugePage - 1) & ~(kHugePage - 1); page < end; page += kHugePage)
        *reinterpret_cast<volatile unsigned char*>(page) = 0;
}

bool populateWritable(std::uintptr_t from, std::uintptr_t to) {
#ifdef MADV_POPULATE_WRITE
    for (std::uintptr_t at = from; at < to; at += kPopulateStep) {
        // No std::min: it takes its arguments by reference, and a sanitizer's stack frame for
        // them is itself fresh memory that faults.
        const std::uintptr_t length = to - at < kPopulateStep ? to - at : kPopulateStep;
        if (madvise(reinterpret_cast<void*>(at), length, MADV_POPULATE_WRITE) != 0) return false;
    }
    return true;
#else
    (void)from;
    (void)to;
    return false;
#endif
}

} // namespace

void mapEveryPage(void* data, std::size_t bytes) {
    if (bytes == 0) return;
    auto* first = static_cast<unsigned char*>(data);
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    // madvise takes whole pages; the partial pages at either edge are written by hand.
    const std::uintptr_t from = (start + kPage - 1) & ~(kPage - 1);
    const std::uintptr_t to = (start + bytes) & ~(kPage - 1);
    if (bytes >= kHugePage) writeByteEveryHugePage(start, start + bytes); // smaller: no 2 MB page fits
    if (from < to && populateWritable(from, to)) {
        writeByteEveryPage(first, from - start);
        if (to < start + bytes) writeByteEveryPage(reinterpret_cast<unsigned char*>(to), start + bytes - to);
        return;
    }
    writeByteEveryPage(first, bytes);
}

void writeEveryPage(void* data, std::size_t bytes) {
    mapEveryPage(data, bytes);
    // Under a hypervisor that shadows the guest's page tables, a page madvise() mapped still
    // costs the first thread that writes it a hidden exit (4 us a page here): these writes
    // take them now. Measured on 64 MB: populate 11 ms, then a write a page 73 ms, then a
    // copy into it 4 ms; without the writes that copy took 82 ms, and 27 % of the window's
    // thread's CPU opening 5 GB was such copies into segments the readers had populated. On
    // pages already mapped elsewhere the writes cost next to nothing.
    writeByteEveryPage(static_cast<unsigned char*>(data), bytes);
}

} // namespace vigil
