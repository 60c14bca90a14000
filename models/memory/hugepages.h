#pragma once
// Large blocks written once (a store segment's columns; the rows of a filter, the matches it
// gathers, the time order): backed by 2 MB pages where the kernel has free ones at hand.
//
// Each fresh 4 KB page costs a fault on first write and, on a hypervisor that shadows the
// guest's page tables, a further exit on first touch: after madvise(MADV_POPULATE_WRITE),
// writing 105 MB of fresh 4 KB pages took 131 ms on such a machine, 6 ms on 2 MB pages.
// At 24 M entries the rows of a cleared filter alone are 192 MB.
//
// But a 2 MB page the kernel has no free block for is made by compaction, in the faulting
// thread: with the page cache filling memory, a 5 GB scan spent 3.5 s of system time
// instead of 1.4 that way on one machine. So the advice is given only while the kernel
// reports free 2 MB blocks (/proc/buddyinfo) for the block and a margin besides.
//
// And never where those free blocks go back to a hypervisor (freepagereporting.h): there a
// fresh 2 MB page cost 7 ms a MB against 0.4 for 4 KB pages, and a 5 GB scan took 11-20 s
// instead of 5. VIGIL_HUGE_PAGES=on or =off in the environment overrides that judgement
// (to compare the two, and for the tests of the 2 MB page path).

#include <cstddef>
#include <cstdlib>
#include <vector>

namespace vigil {

// Whether 2 MB pages are worth asking for on this machine at all (see above).
bool hugePagesPayOff();

// Whether they are, and the kernel has free, unfragmented 2 MB blocks enough for `bytes`
// and a margin, without compacting memory. False where that is unknown.
bool freeHugePagesAtHand(std::size_t bytes);

// Advice for [data, data + bytes), before it is first written, when 2 MB pages are at hand;
// smaller buffers (under 4 MB) and kernels without transparent huge pages are left as they are.
void preferHugePages(const void* data, std::size_t bytes);

// A block of `bytes` for std::free(): aligned to 2 MB and advised as above when 2 MB pages
// are at hand, else a plain malloc'd one. Throws std::bad_alloc when there is no memory.
void* allocateLarge(std::size_t bytes);

// An allocator for vectors that grow into large blocks: allocateLarge()'s blocks start on a
// 2 MB boundary, where a plain block starts anywhere and its first 2 MB up to the boundary
// can only be 4 KB pages. A filter gathers its matches in 16 lists, each a few MB at 24 M
// entries: with malloc's blocks most of their pages were 4 KB ones, 4,100 page faults for
// the first filter that kept one instance's 1.5 M errors.
template <typename T> struct LargeAllocator {
    using value_type = T;
    LargeAllocator() = default;
    template <typename U> LargeAllocator(const LargeAllocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(allocateLarge(n * sizeof(T))); }
    void deallocate(T* p, std::size_t) { std::free(p); }
    template <typename U> bool operator==(const LargeAllocator<U>&) const { return true; }
    template <typename U> bool operator!=(const LargeAllocator<U>&) const { return false; }
};

// reserve(), with that advice for what was reserved.
template <typename T, typename A> void reserveLarge(std::vector<T, A>& v, std::size_t n) {
    v.reserve(n);
    preferHugePages(v.data(), v.capacity() * sizeof(T));
}
// A LargeAllocator advised its block as it allocated it.
template <typename T> void reserveLarge(std::vector<T, LargeAllocator<T>>& v, std::size_t n) {
    v.reserve(n);
}

} // namespace vigil
