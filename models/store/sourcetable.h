#pragma once
// The files (sources) the store's entries come from: identity, paths, bytes and counts.

#include "bytesource.h"
#include "ids.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace vigil {

struct SourceInfo {
    QString root;         // the root folder it was found under
    QString relativePath; // path relative to that root, '/'-separated
    QString absolutePath;
    std::string defaultInstance; // instance by the path rule, for entries that name none
    std::shared_ptr<const ByteSource> bytes;
    std::uint64_t device = 0, inode = 0;

    std::uint64_t entries = 0, lines = 0, byteCount = 0;
    std::vector<std::uint64_t> formatCounts; // by format index, as long as the highest seen
    QString error;                           // why it could not be read (fully), empty when fine

    // The format most of its entries are in (python-event lines count as the python-text
    // file they are in); "raw" when none parsed.
    FormatId dominantFormat() const;
    void countFormat(std::uint8_t format) {
        if (format >= formatCounts.size()) formatCounts.resize(std::size_t(format) + 1);
        ++formatCounts[format];
    }
};

// Sources are added by reader threads and read by the store's thread: add() and lookup
// lock, and a SourceInfo never moves once added. Its counters and byte source are written
// only on the store's thread.
class SourceTable {
  public:
    FileId add(SourceInfo info);
    SourceInfo& operator[](FileId id);
    const SourceInfo& operator[](FileId id) const;
    std::uint32_t size() const;

  private:
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<SourceInfo>> m_sources;
};

} // namespace vigil
