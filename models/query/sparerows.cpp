#include "sparerows.h"

#include "../exec/executor.h"
#include "../memory/hugepages.h"

#include <algorithm>
#include <mutex>

namespace vigil {

namespace {
std::mutex g_mutex;
std::vector<std::vector<EntryIndex>> g_kept; // at most kMaxKept, emptied
constexpr std::size_t kMaxKept = 2;
constexpr std::size_t kMaxOversize = 4; // a kept buffer serves results of at least a quarter its room
} // namespace

std::vector<EntryIndex> SpareRows::take(std::size_t n) {
    std::vector<EntryIndex> rows;
    {
        const std::lock_guard<std::mutex> lock(g_mutex);
        auto best = g_kept.end();
        for (auto it = g_kept.begin(); it != g_kept.end(); ++it) {
            const std::size_t room = it->capacity();
            if (room >= n && room / kMaxOversize <= std::max(n, kMinRows) &&
                (best == g_kept.end() || room < best->capacity()))
                best = it;
        }
        if (best != g_kept.end()) {
            rows.swap(*best);
            g_kept.erase(best);
        }
    }
    if (rows.capacity() < n) reserveLarge(rows, n);
    rows.resize(n);
    return rows;
}

std::vector<EntryIndex> SpareRows::copyOf(const std::vector<EntryIndex>& rows, Executor* executor) {
    std::vector<EntryIndex> copy = take(rows.size());
    // 192 MB at 24 M entries: one thread copied at about half the speed two do.
    const int parts = rows.size() < kMinRows ? 1 : partsFor(executor);
    forEachPart(executor, parts, [&](int part) {
        const std::size_t from = rows.size() * std::size_t(part) / std::size_t(parts);
        const std::size_t to = rows.size() * std::size_t(part + 1) / std::size_t(parts);
        std::copy(rows.begin() + std::ptrdiff_t(from), rows.begin() + std::ptrdiff_t(to),
                  copy.begin() + std::ptrdiff_t(from));
    });
    return copy;
}

void SpareRows::give(std::vector<EntryIndex>&& rows) {
    if (rows.capacity() < kMinRows) return;
    std::vector<EntryIndex> freed; // outside the lock
    const std::lock_guard<std::mutex> lock(g_mutex);
    g_kept.push_back(std::move(rows));
    if (g_kept.size() > kMaxKept) {
        auto smallest = std::min_element(g_kept.begin(), g_kept.end(), [](const auto& a, const auto& b) {
            return a.capacity() < b.capacity();
        });
        freed.swap(*smallest);
        g_kept.erase(smallest);
    }
}

void SpareRows::release() {
    std::vector<std::vector<EntryIndex>> freed;
    const std::lock_guard<std::mutex> lock(g_mutex);
    freed.swap(g_kept);
}

std::size_t SpareRows::keptRows() {
    const std::lock_guard<std::mutex> lock(g_mutex);
    std::size_t rows = 0;
    for (const auto& kept : g_kept)
        rows += kept.capacity();
    return rows;
}

} // namespace vigil
