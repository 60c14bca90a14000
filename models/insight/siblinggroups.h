#pragma once
// Which instances are siblings, i.e. replicas of one service that should behave alike:
// instances whose entries are mostly in the same log format. Comparing an orchestrator's
// error rate with a voice service's says nothing; comparing eco-backend with
// eco-diagnostics and shared (all "2025-11-10 10:20:00 - [shared] - main - INFO - ...")
// does. Counted incrementally from the store's format column, so each batch costs its size.

#include "../store/segmentedcolumns.h"

#include <vector>

namespace vigil {

class SiblingGroups {
  public:
    void add(const SegmentedColumns& columns, EntryIndex first, EntryIndex end);
    void clear() { m_counts.clear(); }

    // Groups of two or more instances (ids), by their most frequent format; raw lines
    // count for no format.
    std::vector<std::vector<InstanceId>> groups() const;
    // The format an instance mostly writes (Raw when it has no parsed entry).
    FormatId dominantFormat(InstanceId instance) const;

  private:
    // By InstanceId: entries per file format, indexed by format. A hash map per instance
    // cost a lookup per entry on the GUI thread, 3 % of its time while opening 1 GB.
    std::vector<std::vector<std::uint64_t>> m_counts;
};

} // namespace vigil
