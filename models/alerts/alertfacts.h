#pragma once
// What the alert engine keeps of entries, per instance and second: the longest request
// durations and the authentication failures. Collected from a store snapshot on a worker
// thread (an EVENT entry's text is read to tell a failed login), then handed to the
// engine, which merges them per second: a million entries would otherwise be read on the
// thread that paints.

#include "../query/textaccess.h"
#include "../store/segmentedcolumns.h"

#include <cstdint>
#include <map>
#include <vector>

namespace vigil {

struct AlertSecondFacts {
    float maxOff = -1, maxOn = -1; // longest request durations, tools off/unknown and on
    std::uint32_t authFailures = 0;
    void merge(const AlertSecondFacts& o);
};

class AlertFacts {
  public:
    // Adds entries [first, end) of `columns` (clamped to what it holds). Any thread;
    // `text` was captured from the store the columns come from.
    void collect(const SegmentedColumns& columns, const TextAccess& text, EntryIndex first, EntryIndex end);

    // By InstanceId: every second with entries (duplicates included: they are activity).
    std::vector<std::map<std::int64_t, AlertSecondFacts>> instances;
    // Where an engine's merge cut short by its budget resumes.
    std::size_t mergeInstance = 0;
};

} // namespace vigil
