#pragma once
// The store's entries in time order (ties in store order): what users expect when every
// instance shares one table. Kept up to date incrementally from snapshots; appended
// entries usually sort after the previous ones, so an update touches only the tail.

#include "../store/segmentedcolumns.h"

#include <vector>

namespace vigil {

class TimeOrder {
  public:
    // Brings the order up to the snapshot: drops evicted entries, merges new ones in.
    void update(const SegmentedColumns& columns);

    const std::vector<EntryIndex>& order() const { return m_order; }
    EntryIndex end() const { return EntryIndex(m_end); }

    // Sorts indices by (time, index).
    static void sortByTime(const SegmentedColumns& columns, std::vector<EntryIndex>& indices);
    // Merges two (time, index)-sorted vectors.
    static std::vector<EntryIndex> merge(const SegmentedColumns& columns, const std::vector<EntryIndex>& a,
                                         const std::vector<EntryIndex>& b);

  private:
    std::vector<EntryIndex> m_order;
    std::uint64_t m_begin = 0, m_end = 0;
};

// (time, index) ordering of two entries.
inline bool timeLess(const SegmentedColumns& c, EntryIndex a, EntryIndex b) {
    const std::int64_t ta = c.timeUs(a), tb = c.timeUs(b);
    return ta < tb || (ta == tb && a.value < b.value);
}

} // namespace vigil
