#pragma once
// Where an entry's text lives. The store keeps byte ranges, never copies of the text; a
// ByteSource turns a range back into bytes. Files, decompressed backups and (later) remote
// log stores each provide one.

#include <cstddef>
#include <cstdint>
#include <string>

namespace vigil {

class ByteSource {
  public:
    virtual ~ByteSource() = default;
    // Reads [offset, offset+length) into out. Returns false (out holding what could be read)
    // when the bytes are no longer there, e.g. the file was truncated.
    virtual bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const = 0;

    // Hands scan.fn the bytes [offset, offset+length) for the length of the call, those of them
    // still there when the source is shorter: in place where the source can (a mapped file),
    // else read into `scratch`. Returns false when bytes were missing. The scan may be cut
    // short and run again from the start on other bytes (the file shrank under a mapping), so
    // it must start its output afresh each time, and take no lock nor create anything with
    // a destructor: it may be abandoned midway.
    struct Scan {
        void (*fn)(void* context, const char* data, std::size_t size);
        void* context;
    };
    virtual bool scan(std::uint64_t offset, std::uint32_t length, std::string& scratch, Scan scan) const {
        const bool whole = read(offset, length, scratch);
        scan.fn(scan.context, scratch.data(), scratch.size());
        return whole;
    }
    // Readies the source for scans where that takes work ahead of them (a file's mapping
    // filled in), from its start and at most `budget` bytes; may take long, for background
    // work. Returns the bytes readied.
    virtual std::uint64_t prepareScans(std::uint64_t budget) const {
        (void)budget;
        return 0;
    }
};

// Bytes held in memory: decompressed .gz backups, test fixtures.
class MemoryByteSource final : public ByteSource {
  public:
    explicit MemoryByteSource(std::string data) : m_data(std::move(data)) {}
    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;
    // In place: the bytes are in memory already.
    bool scan(std::uint64_t offset, std::uint32_t length, std::string& scratch, Scan scan) const override;
    const std::string& data() const { return m_data; }

  private:
    std::string m_data;
};

} // namespace vigil
