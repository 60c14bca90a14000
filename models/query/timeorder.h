#pragma once
// The store's entries in time order (ties in store order): what users expect when every
// instance shares one table. Kept up to date incrementally from snapshots; appended
// entries usually sort after the previous ones, so an update touches only the tail.
//
// It also counts every entry per second and level as it sorts them in: the histogram of a
// cleared filter. Reading 24 M entries' times and levels for that cost 100-150 ms of CPU on
// every clear, where the order's own updates already read each new entry's time once.

#include "../store/segmentedcolumns.h"
#include "filtertally.h"

#include <utility>
#include <vector>

namespace vigil {

// (time, index) pairs, sorted to put entries in time order.
using TimeKeys = std::vector<std::pair<std::int64_t, std::uint64_t>>;

class TimeOrder {
  public:
    // Brings the order up to the snapshot: drops evicted entries, merges new ones in.
    void update(const SegmentedColumns& columns);

    const std::vector<EntryIndex>& order() const { return m_order; }
    EntryIndex end() const { return EntryIndex(m_end); }
    // The per-second counts of every entry in the order, or null where they are not kept:
    // after an eviction (the evicted entries' times are gone from the columns, so their
    // counts could not be taken back), or when the entries spread over more seconds than
    // one in 16 entries (the counts would cost more memory than reading the entries).
    const FilterTally* countsOfAll() const { return m_countsKept ? &m_counts : nullptr; }

    // Sorts indices by (time, index).
    static void sortByTime(const SegmentedColumns& columns, std::vector<EntryIndex>& indices);
    // Merges two (time, index)-sorted vectors.
    static std::vector<EntryIndex> merge(const SegmentedColumns& columns, const std::vector<EntryIndex>& a,
                                         const std::vector<EntryIndex>& b);

  private:
    // Counts new entries from the (time, index) pairs their sort made.
    void count(const SegmentedColumns& columns, const TimeKeys& sorted);

    std::vector<EntryIndex> m_order;
    std::uint64_t m_begin = 0, m_end = 0;
    FilterTally m_counts; // seconds only: level counts come from the segment digests
    bool m_countsKept = true;
    // Each update's new entries and their sort keys, kept for the next update: allocated
    // afresh (above 32 MB a mapping of their own, unmapped when freed) they were new pages
    // each time. With the copy update() no longer makes, the kernel zeroing fresh pages for
    // the order was 8.5 % of all CPU samples while 5 GB opened, its own work 7 %; the
    // benchmark's page faults went from 898-927 k to 824-882 k.
    std::vector<EntryIndex> m_added;
    TimeKeys m_keyed;
};

// (time, index) ordering of two entries.
inline bool timeLess(const SegmentedColumns& c, EntryIndex a, EntryIndex b) {
    const std::int64_t ta = c.timeUs(a), tb = c.timeUs(b);
    return ta < tb || (ta == tb && a.value < b.value);
}

} // namespace vigil
