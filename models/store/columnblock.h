#pragma once
// The memory of one store segment's columns: one mapping, aligned to 2 MiB and offered to
// the kernel for transparent huge pages. A segment is written once, right after it is
// made, and every 4 KiB page of it used to fault on first write: 11,300 of the 15,700
// page faults of a 200 MB scan. With a huge page under its first 2 MiB, a segment of
// 2.7 MiB takes about 180 faults instead of 690. Where huge pages are off, it is plain memory.

#include <cstddef>

namespace vigil {

class ColumnBlock {
  public:
    explicit ColumnBlock(std::size_t bytes); // zero-filled; throws std::bad_alloc
    ~ColumnBlock();
    ColumnBlock(const ColumnBlock&) = delete;
    ColumnBlock& operator=(const ColumnBlock&) = delete;

    char* data() const { return m_data; }

  private:
    char* m_data = nullptr;
    std::size_t m_bytes = 0;
};

} // namespace vigil
