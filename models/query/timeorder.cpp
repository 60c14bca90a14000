#include "timeorder.h"

#include "../memory/hugepages.h"

#include <algorithm>

namespace vigil {

namespace {
// Sorts `indices` by (time, index) and returns the sorted pairs: sorting pairs avoids a column
// lookup per comparison.
std::vector<std::pair<std::int64_t, std::uint64_t>> keyedByTime(const SegmentedColumns& columns,
                                                                std::vector<EntryIndex>& indices) {
    std::vector<std::pair<std::int64_t, std::uint64_t>> keyed;
    reserveLarge(keyed, indices.size());
    for (EntryIndex i : indices)
        keyed.emplace_back(columns.timeUs(i), i.value);
    if (!std::is_sorted(keyed.begin(), keyed.end())) std::sort(keyed.begin(), keyed.end());
    for (std::size_t k = 0; k < indices.size(); ++k)
        indices[k] = EntryIndex(keyed[k].second);
    return keyed;
}
} // namespace

void TimeOrder::sortByTime(const SegmentedColumns& columns, std::vector<EntryIndex>& indices) {
    keyedByTime(columns, indices);
}

std::vector<EntryIndex> TimeOrder::merge(const SegmentedColumns& columns, const std::vector<EntryIndex>& a,
                                         const std::vector<EntryIndex>& b) {
    std::vector<EntryIndex> out;
    out.reserve(a.size() + b.size());
    // Everything in `a` before b's first entry is copied without comparisons.
    const auto split =
        b.empty() ? a.end()
                  : std::upper_bound(a.begin(), a.end(), b.front(),
                                     [&](EntryIndex x, EntryIndex y) { return timeLess(columns, x, y); });
    out.insert(out.end(), a.begin(), split);
    std::merge(split, a.end(), b.begin(), b.end(), std::back_inserter(out),
               [&](EntryIndex x, EntryIndex y) { return timeLess(columns, x, y); });
    return out;
}

void TimeOrder::count(const SegmentedColumns& columns,
                      const std::vector<std::pair<std::int64_t, std::uint64_t>>& sorted) {
    if (!m_countsKept) return;
    FilterTally fresh;
    std::vector<SecondCounts> seconds;
    SecondRuns runs(seconds);
    for (const auto& [timeUs, index] : sorted)
        runs.add(timeUs, columns.level(EntryIndex(index)));
    fresh.addSeconds(seconds); // ascending: appended
    m_counts.merge(fresh);
    if (m_counts.seconds().size() > (m_end - m_begin) / 16 + 65536) {
        m_countsKept = false;
        m_counts = FilterTally();
    }
}

void TimeOrder::update(const SegmentedColumns& columns) {
    // Work per update is the new entries and the rows they interleave with, not the whole
    // order: 25 M entries are 200 MB to walk or copy, and following updates ten times a second.
    const std::uint64_t begin = columns.beginIndex().value;
    if (begin > m_begin) {
        // Counts of evicted entries cannot be taken back (their times are gone), unless
        // every entry counted was evicted.
        m_countsKept = m_end <= begin || (m_countsKept && m_end <= m_begin);
        m_counts = FilterTally();
        m_begin = begin;
        m_order.erase(
            std::remove_if(m_order.begin(), m_order.end(), [begin](EntryIndex i) { return i.value < begin; }),
            m_order.end());
    }
    const std::uint64_t from = std::max(m_end, begin), to = columns.endIndex().value;
    m_end = std::max(m_end, to);
    if (from >= to) return;
    std::vector<EntryIndex> added;
    reserveLarge(added, to - from);
    for (std::uint64_t i = from; i < to; ++i)
        added.emplace_back(i);
    count(columns, keyedByTime(columns, added));              // the times the sort read, counted
    if (m_order.capacity() < m_order.size() + added.size()) { // grown by half, on 2 MB pages
        std::vector<EntryIndex> grown;
        reserveLarge(grown, (m_order.size() + added.size()) * 3 / 2);
        grown.assign(m_order.begin(), m_order.end());
        m_order.swap(grown);
    }
    auto less = [&](EntryIndex x, EntryIndex y) { return timeLess(columns, x, y); };
    // Only the rows after the first new entry's place can interleave with the new entries.
    const auto split = std::upper_bound(m_order.begin(), m_order.end(), added.front(), less);
    const std::vector<EntryIndex> tail(split, m_order.end());
    m_order.erase(split, m_order.end());
    std::merge(tail.begin(), tail.end(), added.begin(), added.end(), std::back_inserter(m_order), less);
}

} // namespace vigil
