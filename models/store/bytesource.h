#pragma once
// Where an entry's text lives. The store keeps byte ranges, never copies of the text; a
// ByteSource turns a range back into bytes. Files, decompressed backups and (later) remote
// log stores each provide one.

#include <cstdint>
#include <string>

namespace vigil {

class ByteSource {
  public:
    virtual ~ByteSource() = default;
    // Reads [offset, offset+length) into out. Returns false (out holding what could be read)
    // when the bytes are no longer there, e.g. the file was truncated.
    virtual bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const = 0;
};

// Bytes held in memory: decompressed .gz backups, test fixtures.
class MemoryByteSource final : public ByteSource {
  public:
    explicit MemoryByteSource(std::string data) : m_data(std::move(data)) {}
    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;
    const std::string& data() const { return m_data; }

  private:
    std::string m_data;
};

} // namespace vigil
