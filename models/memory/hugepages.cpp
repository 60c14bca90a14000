#include "hugepages.h"

#include <cstdint>
#include <cstdlib>
#include <new>
#include <sys/mman.h>

namespace vigil {

namespace {
constexpr std::uintptr_t kHugePage = std::uintptr_t(2) << 20;

void adviseHugePages(std::uintptr_t from, std::uintptr_t to) {
#ifdef MADV_HUGEPAGE
    if (from < to) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE); // advice only
#else
    (void)from;
    (void)to;
#endif
}
} // namespace

void preferHugePages(const void* data, std::size_t bytes) {
    if (bytes < 2 * kHugePage) return;
    // Only whole, aligned 2 MB ranges can be huge pages; the edges stay 4 KB pages.
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    adviseHugePages((start + kHugePage - 1) & ~(kHugePage - 1), (start + bytes) & ~(kHugePage - 1));
}

void* allocateHugeAligned(std::size_t bytes) {
    void* block = nullptr;
    if (posix_memalign(&block, kHugePage, bytes) != 0) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(block);
    adviseHugePages(start, (start + bytes) & ~(kHugePage - 1));
    return block;
}

} // namespace vigil
