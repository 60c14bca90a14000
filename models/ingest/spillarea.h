#pragma once
// Decompressed text kept on disk instead of in memory. The store keeps no text and reads an
// entry's bytes back from its file; a .gz backup has no such bytes, and holding its inflated
// text in memory cost 4 GB for a 2 GiB backup. So the text is written once, while it is
// parsed, to one unlinked temporary file shared by the whole process (one descriptor
// however many backups), in 1 MiB chunks, and read back from there. A released source
// punches its chunks out of the file, giving the disk space back.

#include "../store/bytesource.h"

#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace vigil {

class SpillArea {
  public:
    // The process's spill file, created in the temporary folder on first use; null (with
    // `error` set) when it cannot be created. One file per process: descriptors are scarce.
    static std::shared_ptr<SpillArea> shared(QString* error);
    ~SpillArea();

    std::uint64_t reserve(std::uint64_t size) { return m_end.fetch_add(size); }
    bool write(std::uint64_t at, const char* data, std::size_t size);
    bool read(std::uint64_t at, char* data, std::size_t size) const;
    void release(std::uint64_t at, std::uint64_t size);
    // Bytes of disk the file holds (holes punched by released sources excluded).
    std::uint64_t diskBytes() const;

  private:
    explicit SpillArea(int fd) : m_fd(fd) {}
    int m_fd;
    std::atomic<std::uint64_t> m_end{0};
};

// The decompressed text of one file, in a spill area. Written by one thread (append, then
// finishWriting) before any read; read by any thread afterwards.
class SpilledBytes final : public ByteSource {
  public:
    explicit SpilledBytes(std::shared_ptr<SpillArea> area) : m_area(std::move(area)) {}
    ~SpilledBytes() override;
    SpilledBytes(const SpilledBytes&) = delete;
    SpilledBytes& operator=(const SpilledBytes&) = delete;

    // False when the bytes could not be written (disk full): they will read back empty.
    bool append(const char* data, std::size_t size);
    bool finishWriting();
    std::uint64_t size() const { return m_size; }
    bool failed() const { return m_failed; }

    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;

  private:
    static constexpr std::size_t kChunk = 1 << 20;
    bool flush();

    std::shared_ptr<SpillArea> m_area;
    std::vector<std::uint64_t> m_chunks; // where each chunk of kChunk bytes lies in the area
    std::string m_pending;               // the chunk being filled
    std::uint64_t m_size = 0;
    bool m_failed = false;
};

} // namespace vigil
