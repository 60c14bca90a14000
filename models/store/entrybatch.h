#pragma once
// Entries parsed from one source, in columns, ready to be appended to the EntryStore.
// Strings are ids of the source's own interner; the strings first used in this batch
// travel with it so the store can map them to its global ids.

#include "ids.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil {

struct EntryBatch {
    FileId file;
    std::vector<std::int64_t> timeUs;
    std::vector<std::uint64_t> offset; // file offset of the entry's first byte
    std::vector<std::uint32_t> length; // bytes up to the end of its last line, newline excluded
    std::vector<std::uint32_t> instance, logger, endpoint; // source-local ids
    std::vector<float> durationSeconds;                    // NaN when absent
    std::vector<std::uint16_t> status;
    std::vector<std::uint8_t> level, format, flags;
    std::vector<std::uint64_t> contentHash; // 0 when not computed (entries below ERROR)

    std::vector<std::string> newInstances, newLoggers, newEndpoints;

    std::uint64_t lines = 0; // lines read into this batch, continuation lines included
    std::uint64_t bytes = 0; // file bytes consumed
    // Follow mode: the file's modification time (UTC microseconds) when these entries were
    // read, to measure write-to-store latency; 0 for entries of the initial scan.
    std::int64_t changeTimeUs = 0;

    std::size_t size() const { return timeUs.size(); }
    bool empty() const { return timeUs.empty() && lines == 0 && bytes == 0; }
    void clear();
    void reserve(std::size_t n);
    // Maps the pages of the room reserve() made, one system call a column, before the
    // calling thread pushes entries one by one into it (memory/touchpages.h).
    void mapRoom();
};

} // namespace vigil
