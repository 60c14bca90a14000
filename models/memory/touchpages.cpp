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

bool populateWritable(std::uintptr_t from, std::uintptr_t to) {
#ifdef MADV_POPULATE_WRITE
    return from >= to || madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE) == 0;
#else
    (void)from;
    (void)to;
    return false;
#endif
}

} // namespace

void writeEveryPage(void* data, std::size_t bytes) {
    if (bytes == 0) return;
    auto* first = static_cast<unsigned char*>(data);
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    // madvise takes whole pages; the partial pages at either edge are written by hand.
    const std::uintptr_t from = (start + kPage - 1) & ~(kPage - 1);
    const std::uintptr_t to = (start + bytes) & ~(kPage - 1);
    if (from < to && populateWritable(from, to)) {
        writeByteEveryPage(first, from - start);
        if (to < start + bytes) writeByteEveryPage(reinterpret_cast<unsigned char*>(to), start + bytes - to);
        return;
    }
    writeByteEveryPage(first, bytes);
}

} // namespace vigil
