#pragma once
// Matches gathered in store order, put into time order without walking the time order.
//
// The table shows rows in (time, index) order (timeorder.h). A filter over every entry used
// to test its columns in store order, then read the whole time order to pick the matches
// out: at 24 M entries that order is 192 MB, read on every click, even when the filter keeps
// one instance's errors (1.2 M rows) or nothing at all. Within a file entries mostly come in
// time order, so the matches in store order form a few long runs sorted by (time, index);
// merging those runs yields exactly the rows the time order would have given, at a cost
// that follows the matches, not the store. The same walk counts rows per second and level
// for the volume histogram, which otherwise reads each row's time a second time.

#include "filtertally.h"

#include "../memory/sparebuffers.h"

#include <cstdint>
#include <vector>

namespace vigil {

class Executor;

struct TimedHit {
    std::int64_t timeUs;
    std::uint64_t key; // entry index << 8 | level: unique, so (time, key) orders as (time, index)

    TimedHit(std::int64_t time, EntryIndex entry, Level level)
        : timeUs(time), key(entry.value << 8 | std::uint64_t(level)) {}
    EntryIndex entry() const { return EntryIndex(key >> 8); }
    Level level() const { return Level(key & 0xFF); }
    bool operator<(const TimedHit& o) const {
        return timeUs < o.timeUs || (timeUs == o.timeUs && key < o.key);
    }
};

// The memory of match lists, kept for the next query (sparebuffers.h): the 16 lists of one
// filter, and a search's.
using SpareHits = SpareBuffers<TimedHit, 32, LargeAllocator<TimedHit>>;

// One thread's matches, in store order. `limit` bounds how many are worth keeping: past it
// the matches are so many that reading the time order is cheaper, and the list is dropped.
class TimedHits {
  public:
    explicit TimedHits(std::size_t limit = SIZE_MAX) : m_limit(limit) {}
    ~TimedHits() { SpareHits::give(std::move(m_hits)); }
    TimedHits(const TimedHits&) = default;
    TimedHits(TimedHits&&) = default;
    TimedHits& operator=(const TimedHits&) = default;
    TimedHits& operator=(TimedHits&&) = default;

    void add(std::int64_t timeUs, EntryIndex entry, Level level) {
        if (m_overflowed) return;
        if (m_hits.size() == m_limit) {
            m_overflowed = true;
            SpareHits::give(std::move(m_hits));
            m_hits = SpareHits::Vector();
            return;
        }
        // Room for the most it may keep, once: pages are only backed as they are written,
        // and growing by copies would write everything twice. A quarter more, so that the
        // lists kept stay large enough while a followed store grows.
        if (m_hits.capacity() == 0 && m_limit != SIZE_MAX)
            m_hits = SpareHits::takeEmpty(m_limit, m_limit / 4 * 5);
        m_hits.emplace_back(timeUs, entry, level);
    }
    bool overflowed() const { return m_overflowed; }
    const SpareHits::Vector& hits() const { return m_hits; }

  private:
    std::size_t m_limit;
    bool m_overflowed = false;
    SpareHits::Vector m_hits;
};

// One list per part of a filter over `entries` entries in time order (none overflows before
// the lists together hold too many to be worth merging); lists that keep nothing when the
// rows need not come in time order.
std::vector<TimedHits> hitListsFor(std::size_t entries, int parts, bool timeOrdered);
// Whether the lists hold few enough matches that merging them costs less than reading the
// time order: up to one match in 10 entries. On the 1 GB corpus, reading the order and the
// rows' times cost about 6 ns an entry; gathering and merging about 55 ns a match.
bool worthMerging(const std::vector<TimedHits>& lists, std::size_t entries);

// The entries of all parts (none overflowed) in (time, index) order, split over the
// executor's threads by time; with a tally, their counts per second and level are added to it.
std::vector<EntryIndex> mergeByTime(const std::vector<TimedHits>& parts, Executor* executor,
                                    FilterTally* tally);

} // namespace vigil
