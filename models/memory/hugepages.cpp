#include "hugepages.h"

#include "freepagereporting.h"
#include "kernelfile.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <sys/mman.h>

namespace vigil {

namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t(2) << 20;
constexpr unsigned kHugeOrder = 9;          // 2 MB = 2^9 pages of 4 KB
constexpr std::uint64_t kMarginBlocks = 64; // 128 MB left free for everyone else

// Free 2 MB blocks over all zones: a line of /proc/buddyinfo reads
// "Node 0, zone   Normal   9107   2494 ...", the free blocks of each order from 0 up.
std::uint64_t freeHugeBlocks() {
    std::string text = readKernelFile("/proc/buddyinfo");
    std::uint64_t blocks = 0;
    for (char* line = text.data(); line && *line;) {
        char* next = std::strchr(line, '\n');
        if (next) *next++ = '\0';
        const char* zone = std::strstr(line, "zone");
        if (zone) {
            zone += 4;
            while (*zone == ' ')
                ++zone;
            while (*zone && *zone != ' ') // the zone's name
                ++zone;
            char* at = const_cast<char*>(zone);
            for (unsigned order = 0;; ++order) {
                char* end = nullptr;
                const unsigned long long count = std::strtoull(at, &end, 10);
                if (end == at) break;
                if (order >= kHugeOrder && order - kHugeOrder < 32) blocks += count << (order - kHugeOrder);
                at = end;
            }
        }
        line = next;
    }
    return blocks;
}

void adviseHugePages(std::uintptr_t from, std::uintptr_t to) {
#ifdef MADV_HUGEPAGE
    if (from < to) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE); // advice only
#else
    (void)from;
    (void)to;
#endif
}

} // namespace

bool hugePagesPayOff() {
    const char* forced = std::getenv("VIGIL_HUGE_PAGES");
    if (forced && std::strcmp(forced, "on") == 0) return true;
    if (forced && std::strcmp(forced, "off") == 0) return false;
    return !freeBlocksGoBackToHost();
}

bool freeHugePagesAtHand(std::size_t bytes) {
#ifdef MADV_HUGEPAGE
    return hugePagesPayOff() && freeHugeBlocks() >= (bytes + kHugePage - 1) / kHugePage + kMarginBlocks;
#else
    (void)bytes;
    return false;
#endif
}

void preferHugePages(const void* data, std::size_t bytes) {
    if (bytes < 2 * kHugePage || !freeHugePagesAtHand(bytes)) return;
    // Only whole, aligned 2 MB ranges can be huge pages; the edges stay 4 KB pages.
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    adviseHugePages((start + kHugePage - 1) & ~(kHugePage - 1), (start + bytes) & ~(kHugePage - 1));
}

void* allocateLarge(std::size_t bytes) {
    if (bytes < kHugePage || !freeHugePagesAtHand(bytes)) {
        void* block = std::malloc(bytes);
        if (!block) throw std::bad_alloc();
        return block;
    }
    void* block = nullptr;
    if (posix_memalign(&block, kHugePage, bytes) != 0) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(block);
    adviseHugePages(start, (start + bytes) & ~(kHugePage - 1));
    return block;
}

} // namespace vigil
