#include "touchpages.h"

#include <cstdint>
#include <sys/mman.h>

namespace vigil {

namespace {

constexpr std::uintptr_t kPage = 4096;

void writeByteEveryPage(unsigned char* from, std::size_t bytes) {
    auto* at = reinterpret_cast<volatile unsigned char*>(from);
    for (std::size_t i = 0; i < bytes; i += kPage)
        at[i] = 0;
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
