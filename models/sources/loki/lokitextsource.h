#pragma once
// The text of one Loki stream's entries, kept in memory in the order read: the ByteSource
// the table and detail pane read an entry back from. Each entry's lines end with '\n',
// as a file's would. Appended by the reading thread, read by any.

#include "models/store/bytesource.h"

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class LokiTextSource final : public ByteSource {
  public:
    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;
    // Appends `line` and a newline; returns the line's offset.
    std::uint64_t append(std::string_view line);
    std::uint64_t size() const;

  private:
    static constexpr std::size_t kChunk = 1 << 20; // chunks never move once full
    mutable std::mutex m_mutex;
    std::vector<std::string> m_chunks;
    std::uint64_t m_size = 0;
};

} // namespace vigil
