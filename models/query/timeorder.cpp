#include "timeorder.h"

#include "../memory/hugepages.h"

#include <algorithm>

namespace vigil {

namespace {
// Sorts `indices` by (time, index) into `keyed`, the sorted pairs: sorting pairs avoids a column
// lookup per comparison.
void keyedByTime(const SegmentedColumns& columns, std::vector<EntryIndex>& indices, TimeKeys& keyed) {
    keyed.clear();
    reserveLarge(keyed, indices.size());
    for (EntryIndex i : indices)
        keyed.emplace_back(columns.timeUs(i), i.value);
    if (!std::is_sorted(keyed.begin(), keyed.end())) std::sort(keyed.begin(), keyed.end());
    for (std::size_t k = 0; k < indices.size(); ++k)
        indices[k] = EntryIndex(keyed[k].second);
}

// Scratch is kept between updates while they are large (opening 5 GB, 129 updates: five
// of 2.2-5.4 M entries brought 16 of its 24 M), and given back once they are small next to
// it (a followed file's few entries): up to 24 bytes an entry held for nothing otherwise.
constexpr std::size_t kAlwaysKeptEntries = std::size_t(1) << 20;

template <typename T> void keepWhileUseful(std::vector<T>& scratch, std::size_t used) {
    if (scratch.capacity() > kAlwaysKeptEntries && used < scratch.capacity() / 16)
        std::vector<T>().swap(scratch);
}
} // namespace

void TimeOrder::sortByTime(const SegmentedColumns& columns, std::vector<EntryIndex>& indices) {
    TimeKeys keyed;
    keyedByTime(columns, indices, keyed);
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

void TimeOrder::count(const SegmentedColumns& columns, const TimeKeys& sorted) {
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
    std::vector<EntryIndex>& added = m_added;
    added.clear();
    reserveLarge(added, to - from);
    for (std::uint64_t i = from; i < to; ++i)
        added.emplace_back(i);
    keyedByTime(columns, added, m_keyed);
    count(columns, m_keyed);                                  // the times the sort read, counted
    if (m_order.capacity() < m_order.size() + added.size()) { // grown by half, on 2 MB pages
        std::vector<EntryIndex> grown;
        reserveLarge(grown, (m_order.size() + added.size()) * 3 / 2);
        grown.assign(m_order.begin(), m_order.end());
        m_order.swap(grown);
    }
    // Only the rows after the first new entry's place can interleave with the new entries.
    const std::size_t split = static_cast<std::size_t>(
        std::upper_bound(m_order.begin(), m_order.end(), added.front(),
                         [&](EntryIndex x, EntryIndex y) { return timeLess(columns, x, y); }) -
        m_order.begin());
    // Merged from the back, in place: a copy of the rows after `split` was most of the order
    // once files of one time span are read side by side (146 MB for each of the last updates
    // of 5 GB), and fresh memory each time.
    std::size_t old = m_order.size(), fresh = added.size();
    m_order.resize(old + fresh);
    for (std::size_t at = m_order.size(); fresh > 0;) {
        // A row goes after a new entry only when it is later: at the same time the new entry,
        // stored after every row, comes second. m_keyed holds the new entries' times.
        if (old > split && columns.timeUs(m_order[old - 1]) > m_keyed[fresh - 1].first) {
            m_order[--at] = m_order[--old];
            continue;
        }
        m_order[--at] = added[--fresh];
    }
    keepWhileUseful(m_added, added.size());
    keepWhileUseful(m_keyed, added.size());
}

} // namespace vigil
