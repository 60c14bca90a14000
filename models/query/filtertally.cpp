#include "filtertally.h"

#include "../exec/executor.h"
#include "../memory/hugepages.h"
#include "../memory/touchpages.h"
#include "../metrics/timemath.h"

#include <algorithm>
#include <atomic>

namespace vigil {

void FilterTally::prependSegments(std::uint64_t segment) {
    m_segments.insert(m_segments.begin(), std::size_t(m_firstSegment - segment), LevelCounts{});
    m_firstSegment = segment;
}

void FilterTally::countAllLevels(const SegmentedColumns& columns, EntryIndex from, EntryIndex end) {
    columns.forEachSegmentIn(from, end,
                             [&](const Segment& s, std::size_t first, std::size_t last, EntryIndex base) {
                                 LevelCounts& slot = slotFor(base.value >> Segment::kShift);
                                 // A whole, full segment: counted as it was stored.
                                 if (const SegmentDigest* digest = s.digestOf(first, last)) {
                                     for (const SegmentDigest::Row& row : digest->rows())
                                         for (int l = 0; l < kLevelCount; ++l)
                                             slot[std::size_t(l)] += row.levels[std::size_t(l)];
                                     return;
                                 }
                                 std::array<std::uint64_t, 256> counts{};
                                 for (std::size_t k = first; k < last; ++k)
                                     ++counts[s.level[k]];
                                 for (int l = 0; l < kLevelCount; ++l)
                                     slot[std::size_t(l)] += counts[std::size_t(l)];
                             });
}

void reserveSeconds(std::vector<SecondCounts>& out, std::int64_t firstUs, std::int64_t lastUs,
                    std::size_t rows) {
    const std::int64_t span = floorDiv(lastUs, kUsPerSecond) - floorDiv(firstUs, kUsPerSecond) + 1;
    reserveLarge(
        out, std::size_t(std::clamp<std::int64_t>(span, 1, std::int64_t(std::max<std::size_t>(rows, 1)))));
}

void FilterTally::roomForSeconds(std::size_t more) {
    const std::size_t needed = m_seconds.size() + more;
    if (m_seconds.capacity() < needed) reserveLarge(m_seconds, std::max(needed, 2 * m_seconds.capacity()));
}

void FilterTally::makeRoomForMoreSeconds() {
    roomForSeconds(m_seconds.size());
    faultInRoom(m_seconds);
}

void FilterTally::addSecond(const SecondCounts& counts) {
    if (m_seconds.empty() || m_seconds.back().second < counts.second) {
        m_seconds.push_back(counts);
        return;
    }
    auto it = std::lower_bound(m_seconds.begin(), m_seconds.end(), counts.second,
                               [](const SecondCounts& c, std::int64_t s) { return c.second < s; });
    if (it == m_seconds.end() || it->second != counts.second)
        it = m_seconds.insert(it, SecondCounts{counts.second, {}});
    for (int l = 0; l < kLevelCount; ++l)
        it->levels[std::size_t(l)] += counts.levels[std::size_t(l)];
}

namespace {
// The per-second counts of rows in time order: one element per second, ascending.
std::vector<SecondCounts> secondsOf(const SegmentedColumns& columns, const EntryIndex* from,
                                    const EntryIndex* to) {
    std::vector<SecondCounts> out;
    if (from == to) return out;
    reserveSeconds(out, columns.timeUs(*from), columns.timeUs(*(to - 1)), std::size_t(to - from));
    SecondRuns runs(out);
    for (const EntryIndex* p = from; p != to; ++p)
        runs.add(columns.timeUs(*p), columns.level(*p));
    return out;
}
} // namespace

void FilterTally::addRows(const SegmentedColumns& columns, const std::vector<EntryIndex>& rows,
                          Executor* executor) {
    const std::size_t n = rows.size();
    const int parts = n < 100000 ? 1 : partsFor(executor);
    std::vector<std::vector<SecondCounts>> pieces(static_cast<std::size_t>(parts));
    forEachPart(executor, parts, [&](int p) {
        pieces[std::size_t(p)] = secondsOf(columns, rows.data() + n * std::size_t(p) / std::size_t(parts),
                                           rows.data() + n * std::size_t(p + 1) / std::size_t(parts));
    });
    std::size_t more = 0;
    for (const std::vector<SecondCounts>& piece : pieces)
        more += piece.size();
    roomForSeconds(more);
    for (const std::vector<SecondCounts>& piece : pieces)
        addSeconds(piece); // appends, but where pieces meet
}

void FilterTally::addEveryEntry(const SegmentedColumns& columns,
                                const std::vector<EntryIndex>& rowsInTimeOrder, Executor* executor) {
    countAllLevels(columns, columns.beginIndex(), columns.endIndex());
    // Per part, the seconds in store order, a new element each time the second changes: a
    // file's entries ascend, so a part holds about (files × seconds) elements, which sorting
    // puts together. Past one element in 16 entries the time order is cheaper to walk.
    const std::uint64_t begin = columns.beginIndex().value, n = columns.size();
    const int parts = n < 100000 ? 1 : partsFor(executor);
    const std::size_t limit = std::size_t(n / 16 / std::uint64_t(parts)) + 1;
    std::vector<std::vector<SecondCounts>> pieces(static_cast<std::size_t>(parts));
    std::atomic<bool> scattered{false};
    forEachPart(executor, parts, [&](int p) {
        const std::uint64_t from = begin + n * std::uint64_t(p) / std::uint64_t(parts);
        const std::uint64_t to = begin + n * std::uint64_t(p + 1) / std::uint64_t(parts);
        std::vector<SecondCounts>& out = pieces[std::size_t(p)];
        SecondRuns runs(out);
        columns.forEachSegmentIn(
            from, to, [&](const Segment& s, std::size_t first, std::size_t last, EntryIndex) {
                const std::int64_t* time = s.timeUs;
                const std::uint8_t* level = s.level;
                for (std::size_t k = first; k < last && !scattered.load(std::memory_order_relaxed); ++k) {
                    if (out.size() == limit && runs.startsNewSecond(time[k])) {
                        scattered = true;
                        return;
                    }
                    runs.add(time[k], Level(level[k]));
                }
            });
    });
    if (scattered) {
        addRows(columns, rowsInTimeOrder, executor);
        return;
    }
    std::vector<SecondCounts> all;
    for (const std::vector<SecondCounts>& piece : pieces)
        all.insert(all.end(), piece.begin(), piece.end());
    std::sort(all.begin(), all.end(),
              [](const SecondCounts& a, const SecondCounts& b) { return a.second < b.second; });
    addSeconds(all); // sums the seconds several parts or files hold
}

void FilterTally::merge(const FilterTally& other) {
    for (std::size_t k = 0; k < other.m_segments.size(); ++k) {
        const std::uint64_t segment = other.m_firstSegment + k;
        LevelCounts& slot = slotFor(segment);
        for (int l = 0; l < kLevelCount; ++l)
            slot[std::size_t(l)] += other.m_segments[k][std::size_t(l)];
    }
    mergeSeconds(other.m_seconds);
}

void FilterTally::mergeSeconds(const std::vector<SecondCounts>& ascending) {
    if (ascending.empty()) return;
    if (m_seconds.empty() || m_seconds.back().second < ascending.front().second) {
        roomForSeconds(ascending.size());
        m_seconds.insert(m_seconds.end(), ascending.begin(), ascending.end());
        return;
    }
    // Seconds that fall among the ones held (entries of many files read at once, appended
    // while a deployment opens): inserted one by one, each insert moved the seconds after
    // it, thousands of times over hundreds of thousands of seconds on the GUI thread. One
    // pass instead: count the new seconds, grow once, merge from the back.
    const auto less = [](const SecondCounts& c, std::int64_t s) { return c.second < s; };
    const std::size_t start =
        std::size_t(std::lower_bound(m_seconds.begin(), m_seconds.end(), ascending.front().second, less) -
                    m_seconds.begin());
    std::size_t added = 0;
    for (std::size_t i = start, j = 0; j < ascending.size();) {
        if (i < m_seconds.size() && m_seconds[i].second < ascending[j].second) {
            ++i;
        } else {
            if (i >= m_seconds.size() || m_seconds[i].second != ascending[j].second) ++added;
            ++j;
        }
    }
    std::size_t held = m_seconds.size(), from = ascending.size();
    roomForSeconds(added);
    m_seconds.resize(held + added);
    for (std::size_t out = m_seconds.size(); from > 0;) {
        const SecondCounts& next = ascending[from - 1];
        if (held > start && m_seconds[held - 1].second > next.second) {
            m_seconds[--out] = m_seconds[--held];
            continue;
        }
        SecondCounts merged = next;
        if (held > start && m_seconds[held - 1].second == next.second) {
            const SecondCounts& same = m_seconds[--held];
            for (int l = 0; l < kLevelCount; ++l)
                merged.levels[std::size_t(l)] += same.levels[std::size_t(l)];
        }
        m_seconds[--out] = merged;
        --from;
    }
}

void FilterTally::dropSegmentsBefore(EntryIndex begin) {
    const std::uint64_t segment = begin.value >> Segment::kShift;
    if (m_segments.empty() || segment <= m_firstSegment) return;
    const std::size_t drop = std::min<std::size_t>(m_segments.size(), std::size_t(segment - m_firstSegment));
    m_segments.erase(m_segments.begin(), m_segments.begin() + std::ptrdiff_t(drop));
    m_firstSegment = segment;
}

void FilterTally::removeRow(std::int64_t timeUs, Level level) {
    const std::int64_t second = floorDiv(timeUs, kUsPerSecond);
    auto it = std::lower_bound(m_seconds.begin(), m_seconds.end(), second,
                               [](const SecondCounts& c, std::int64_t s) { return c.second < s; });
    if (it == m_seconds.end() || it->second != second) return;
    std::uint32_t& n = it->levels[std::size_t(level)];
    if (n > 0) --n;
    for (std::uint32_t v : it->levels)
        if (v) return;
    m_seconds.erase(it);
}

LevelCounts FilterTally::levelCounts() const {
    LevelCounts total{};
    for (const LevelCounts& s : m_segments)
        for (int l = 0; l < kLevelCount; ++l)
            total[std::size_t(l)] += s[std::size_t(l)];
    return total;
}

} // namespace vigil
