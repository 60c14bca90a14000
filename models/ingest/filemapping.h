#pragma once
// A read-only mapping of a log file, kept between searches: a search then reads the page
// cache in place, where pread would copy every byte (at 5 GB the copy was a third of the
// search). The mapping reserves address space beyond the file's current end, so a growing
// log stays covered without mapping it again; only its pages that are read take memory,
// and those are the page cache's, shared and reclaimable, not the process's own.
// Bytes past the file's end at any moment must be read through guardedRead().

#include <cstdint>
#include <memory>

namespace vigil {

class FileMapping {
  public:
    // Maps `fd` (a regular file of `fileSize` bytes now); null when it cannot be mapped.
    static std::shared_ptr<const FileMapping> map(int fd, std::uint64_t fileSize);
    ~FileMapping();
    FileMapping(const FileMapping&) = delete;
    FileMapping& operator=(const FileMapping&) = delete;

    const char* data() const { return m_data; }
    std::uint64_t span() const { return m_span; } // bytes mapped, the file's and room to grow

  private:
    FileMapping(const char* data, std::uint64_t span) : m_data(data), m_span(span) {}
    const char* m_data;
    std::uint64_t m_span;
};

} // namespace vigil
