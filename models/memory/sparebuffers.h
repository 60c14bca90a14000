#pragma once
// Large buffers kept after use for the next query, rather than freed.
//
// A query's large buffers are fresh memory each time, and every page of them faults and is
// zeroed on first write: on the virtual machines Vigil was measured on, the kernel zeroing
// pages was 13-23 % of the CPU time of filters at 24 M entries (80 ms of clearing a filter,
// whose 192 MB of rows cost 20 ms to copy). Buffers given back here keep their pages, so
// each click finds the memory of the click before it. At most `MaxKept` of one kind are
// kept, and the owner of the queries frees them when queries stop (release()).

#include "hugepages.h"

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <vector>

namespace vigil {

template <typename T, std::size_t MaxKept, typename Allocator = std::allocator<T>> class SpareBuffers {
  public:
    using Vector = std::vector<T, Allocator>;
    // Only buffers of at least this many elements are worth keeping.
    static constexpr std::size_t kMinSize = std::size_t(1) << 16;

    // A vector of `n` elements whose values are unspecified, for the caller to overwrite:
    // a kept buffer keeps its old elements, so shrinking it to `n` writes nothing, where
    // emptying it and growing it back to `n` would zero every element first.
    static Vector take(std::size_t n) {
        Vector v = takeKept(n);
        // Fresh memory with room to grow by an eighth: rows the table shows take the entries
        // that follow without a copy of them all (only the pages written are backed).
        if (v.capacity() < n) reserveLarge(v, n + n / 8); // none kept: v is empty
        v.resize(n);
        return v;
    }
    // An empty vector with room for `n` elements: a kept one, else fresh memory for
    // `reserve` elements, advised onto huge pages.
    static Vector takeEmpty(std::size_t n, std::size_t reserve) {
        Vector v = takeKept(n);
        v.clear(); // keeps the room, and for plain values writes nothing
        if (v.capacity() < n) reserveLarge(v, std::max(n, reserve));
        return v;
    }
    // Keeps the memory of `v`; the smallest kept buffer is freed if MaxKept are kept already.
    static void give(Vector&& v) {
        if (v.capacity() < kMinSize) return;
        Vector freed; // outside the lock
        const std::lock_guard<std::mutex> lock(s_mutex);
        s_kept.push_back(std::move(v));
        if (s_kept.size() > MaxKept) {
            auto smallest = std::min_element(s_kept.begin(), s_kept.end(), [](const auto& a, const auto& b) {
                return a.capacity() < b.capacity();
            });
            freed.swap(*smallest);
            s_kept.erase(smallest);
        }
    }
    static void release() {
        std::vector<Vector> freed; // outside the lock
        const std::lock_guard<std::mutex> lock(s_mutex);
        freed.swap(s_kept);
    }
    // Elements of room kept, for tests.
    static std::size_t keptRoom() {
        const std::lock_guard<std::mutex> lock(s_mutex);
        std::size_t room = 0;
        for (const auto& kept : s_kept)
            room += kept.capacity();
        return room;
    }

  private:
    // The kept buffer for `n` elements as it was given back, or an empty vector: the smallest
    // with room that is not far larger (a filter's 1 M rows would otherwise hold on to the
    // 192 MB a cleared filter needs next).
    static Vector takeKept(std::size_t n) {
        Vector v;
        const std::lock_guard<std::mutex> lock(s_mutex);
        auto best = s_kept.end();
        for (auto it = s_kept.begin(); it != s_kept.end(); ++it) {
            const std::size_t room = it->capacity();
            if (room >= n && room / kMaxOversize <= std::max(n, kMinSize) &&
                (best == s_kept.end() || room < best->capacity()))
                best = it;
        }
        if (best != s_kept.end()) {
            v.swap(*best);
            s_kept.erase(best);
        }
        return v;
    }

    static constexpr std::size_t kMaxOversize = 4; // serves needs of at least a quarter its room
    static inline std::mutex s_mutex;
    static inline std::vector<Vector> s_kept;
};

} // namespace vigil
