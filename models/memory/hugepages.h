#pragma once
// Large buffers a query writes once (the rows of a filter, the matches it gathers, the time
// order): backed by 2 MB pages where the kernel has them.
//
// A buffer of tens of MB is fresh memory each time, and each of its 4 KB pages faults on
// first write. On the virtual machines Vigil was measured on, a fault costs 2-3 µs: writing
// 64 MB took 40 ms in 16,384 faults, against 10 ms in 32 faults with 2 MB pages. At 24 M
// entries the rows of a cleared filter alone are 192 MB.

#include <cstddef>
#include <vector>

namespace vigil {

// Advice for [data, data + bytes), before it is first written; smaller buffers (under 4 MB)
// and kernels without transparent huge pages are left as they are.
void preferHugePages(const void* data, std::size_t bytes);

// reserve(), with that advice for what was reserved.
template <typename T, typename A> void reserveLarge(std::vector<T, A>& v, std::size_t n) {
    v.reserve(n);
    preferHugePages(v.data(), v.capacity() * sizeof(T));
}

} // namespace vigil
