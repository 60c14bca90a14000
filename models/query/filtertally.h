#pragma once
// Counts that follow the filter, computed by the query with the rows: for each level, the
// entries that pass every other condition (what a level button shows: "DEBUG 1,204" with
// one instance picked means 1,204 of its DEBUG entries would appear when DEBUG is on), and
// the rows shown per second and level (what the volume histogram draws). Level counts are
// kept per store segment so that eviction drops exactly what it removed.

#include "../metrics/timemath.h"
#include "../store/level.h"
#include "../store/segmentedcolumns.h"

#include <array>
#include <cstdint>
#include <vector>

namespace vigil {

class Executor;

using LevelCounts = std::array<std::uint64_t, kLevelCount>;

struct SecondCounts {
    std::int64_t second = 0; // epoch second
    std::array<std::uint32_t, kLevelCount> levels{};
};

// Counts rows by second and level in the order they come: one element per run of rows in
// the same second (ascending when the rows are in time order). Only a row that leaves the
// current second costs a division.
class SecondRuns {
  public:
    explicit SecondRuns(std::vector<SecondCounts>& out) : m_out(out) {}

    bool startsNewSecond(std::int64_t timeUs) const { return timeUs < m_startUs || timeUs >= m_endUs; }
    void add(std::int64_t timeUs, Level level) {
        if (startsNewSecond(timeUs)) {
            const std::int64_t second = floorDiv(timeUs, kUsPerSecond);
            m_out.push_back(SecondCounts{second, {}});
            m_startUs = second * kUsPerSecond;
            m_endUs = m_startUs + kUsPerSecond;
        }
        ++m_out.back().levels[std::size_t(level)];
    }

  private:
    std::vector<SecondCounts>& m_out;
    std::int64_t m_startUs = 1, m_endUs = 0; // of m_out.back(): none yet
};

// Room in `out` for the seconds of `rows` rows in time order from `firstUs` to `lastUs`:
// no more than they span, once, on 2 MB pages where at hand. Grown by copies into fresh
// 4 KB pages, the seconds of a search's 2.3 M rows at 24 M entries took 3,400 of the 8,800
// page faults left in the first search.
void reserveSeconds(std::vector<SecondCounts>& out, std::int64_t firstUs, std::int64_t lastUs,
                    std::size_t rows);

class FilterTally {
  public:
    // An entry that passes every condition but the level choice.
    void countLevel(EntryIndex entry, Level level) {
        ++slotFor(entry.value >> Segment::kShift)[std::size_t(level)];
    }
    // Adds counts by level of entries of the segment holding `inSegment`.
    void addLevels(EntryIndex inSegment, const LevelCounts& counts) {
        LevelCounts& slot = slotFor(inSegment.value >> Segment::kShift);
        for (std::size_t l = 0; l < slot.size(); ++l)
            slot[l] += counts[l];
    }
    // Counts the levels of every entry in [from, end) (a filter that lets everything through).
    void countAllLevels(const SegmentedColumns& columns, EntryIndex from, EntryIndex end);
    // Levels and per-second counts of every stored entry (a filter that lets everything
    // through), read in store order where times mostly ascend; `rowsInTimeOrder` (every entry)
    // is read instead when the store order jumps around in time too much to be worth it.
    void addEveryEntry(const SegmentedColumns& columns, const std::vector<EntryIndex>& rowsInTimeOrder,
                       Executor* executor = nullptr);
    // Adds rows shown (in time order) to the per-second histogram, spread over the
    // executor's threads when there is one (a million rows take a few milliseconds each).
    void addRows(const SegmentedColumns& columns, const std::vector<EntryIndex>& rowsInTimeOrder,
                 Executor* executor = nullptr);
    // Adds per-second counts of rows, ascending (a run of rows in time order, counted).
    void addSeconds(const std::vector<SecondCounts>& ascending) {
        roomForSeconds(ascending.size());
        for (const SecondCounts& c : ascending)
            addSecond(c);
    }
    // Adds another tally (a worker thread's part, or the entries appended since).
    void merge(const FilterTally& other);
    // Forgets the level counts of evicted segments, and evicted rows from the histogram.
    void dropSegmentsBefore(EntryIndex begin);
    void removeRow(std::int64_t timeUs, Level level);

    // Room for as many seconds again as are held, faulted in by the calling thread: the
    // window's thread merges the seconds of entries appended later into it, and growing them
    // there took 1,175 page faults in one event while opening 5 GB.
    void makeRoomForMoreSeconds();

    LevelCounts levelCounts() const;
    const std::vector<SecondCounts>& seconds() const { return m_seconds; }
    // Seconds that can be added before the per-second counts must grow into fresh memory.
    std::size_t secondsRoom() const { return m_seconds.capacity() - m_seconds.size(); }
    bool empty() const { return m_segments.empty() && m_seconds.empty(); }

  private:
    LevelCounts& slotFor(std::uint64_t segment) {
        if (m_segments.empty()) m_firstSegment = segment;
        if (segment < m_firstSegment) prependSegments(segment);
        if (segment - m_firstSegment >= m_segments.size()) m_segments.resize(segment - m_firstSegment + 1);
        return m_segments[segment - m_firstSegment];
    }
    void prependSegments(std::uint64_t segment);
    void addSecond(const SecondCounts& counts);
    void mergeSeconds(const std::vector<SecondCounts>& ascending);
    // Room for `more` seconds, grown at least twofold, on 2 MB pages where at hand (as
    // reserveSeconds, for the tally kept across queries).
    void roomForSeconds(std::size_t more);

    std::uint64_t m_firstSegment = 0;
    std::vector<LevelCounts> m_segments; // by segment - m_firstSegment
    std::vector<SecondCounts> m_seconds; // by second, ascending
};

} // namespace vigil
