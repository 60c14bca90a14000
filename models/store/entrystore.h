#pragma once
// The append-only, columnar store of every entry read. It keeps byte ranges into the
// sources, not text, and interned ids for instances, loggers and endpoints. Appends and
// eviction happen on one thread; other threads read through snapshots.

#include "duplicatedetector.h"
#include "entrybatch.h"
#include "instancetable.h"
#include "segmentedcolumns.h"
#include "sourcetable.h"
#include "storecounters.h"
#include "stringinterner.h"

#include <string>

namespace vigil {

class EntryStore : public SegmentedColumns {
  public:
    EntryStore();

    // Appends a batch: maps its source-local string ids to global ones, marks duplicates and
    // times too far past the wall clock (FlagFutureTime), updates the counters. Returns the index of its
    // first entry.
    EntryIndex append(const EntryBatch& batch);

    // A fresh segment whose pages another thread already touched (Segment::touchPages): the
    // store opens it when the current one is full, instead of a segment whose pages fault one
    // by one on the appending thread (the GUI thread) as entries are written: 660 faults of
    // a few µs each per 65,536 entries, most of the longest GUI events while a big
    // deployment was being opened. A few are kept at most; without any, appends allocate.
    void addSpareSegment(std::shared_ptr<Segment> segment);
    std::size_t spareSegments() const { return m_spares.size(); }
    // Segments opened from spares rather than allocated by the store.
    std::uint64_t sparesUsed() const { return m_sparesUsed; }
    static constexpr std::size_t kMaxSpares = 4;

    // Drops the oldest whole segments so that no more than maxEntries (rounded up to a
    // segment) remain; the counters keep counting them. Returns how many were dropped.
    std::uint64_t evictOldest(std::uint64_t maxEntries);

    StoreSnapshot snapshot() const;
    // The entries the last evictOldest() dropped, still readable until the next eviction:
    // whoever showed them can take them out of its own counts.
    const StoreSnapshot& lastEvicted() const { return m_lastEvicted; }

    // The entry's text as written (all of its lines); false when the source lost it.
    bool readText(EntryIndex index, std::string& out) const;

    SourceTable& sources() { return m_sources; }
    const SourceTable& sources() const { return m_sources; }
    // Instances are a root and a name: same-named instances of two roots stay apart.
    const InstanceTable& instances() const { return m_instances; }
    const StringInterner& loggers() const { return m_loggers; }
    const StringInterner& endpoints() const { return m_endpoints; }
    const StoreCounters& counters() const { return m_counters; }

    // Bounds the duplicate table to about the last `hashes` hashed entries (0: unbounded),
    // so that following for days keeps memory flat.
    void setDuplicateWindow(std::size_t hashes) { m_duplicates.setWindow(hashes); }
    // Where the duplicate table's next big table is made ahead (null: on this thread, when needed).
    void setExecutor(Executor* executor) { m_duplicates.setExecutor(executor); }

    // Resident bytes of the columns and the duplicate table (not counting the sources).
    std::uint64_t memoryBytes() const;

  private:
    struct SourceRemap {
        std::vector<std::uint32_t> instance{0}, logger{0}, endpoint{0};
    };
    Segment& writableTail();

    SourceTable m_sources;
    InstanceTable m_instances;
    StringInterner m_loggers, m_endpoints;
    std::vector<SourceRemap> m_remaps; // by FileId
    DuplicateDetector m_duplicates;
    StoreSnapshot m_lastEvicted;
    StoreCounters m_counters;
    std::vector<std::shared_ptr<Segment>> m_spares;
    std::uint64_t m_sparesUsed = 0;
};

} // namespace vigil
