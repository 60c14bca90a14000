#pragma once
// Decompresses a .gz file as a stream, a block at a time, so memory stays bounded whatever
// the file inflates to (23 MB of gzip can hold 5 GiB of zeros). Unlike gzread it tells a
// complete file from one cut short (a backup copied while still being written, a disk
// full during compression) and from garbage behind a valid header: both are errors, and
// what was decompressed before them is still handed out.

#include <QString>

#include <cstdint>
#include <memory>
#include <zlib.h>

namespace vigil {

class GzipReader {
  public:
    // Reads the compressed bytes with pread from offset 0; the descriptor stays the caller's.
    explicit GzipReader(int fd);
    ~GzipReader();
    GzipReader(const GzipReader&) = delete;
    GzipReader& operator=(const GzipReader&) = delete;

    // Fills `out` with up to `capacity` decompressed bytes; fewer only at the end of the data
    // or on an error. 0: nothing more (see error()).
    std::size_t read(char* out, std::size_t capacity);
    // Why the data ended early (truncated, corrupt, unreadable); empty after a clean end.
    const QString& error() const { return m_error; }
    bool atEnd() const { return m_done; }

  private:
    bool refill();

    int m_fd;
    z_stream m_z{};
    bool m_initialised = false;
    bool m_memberEnded = false; // between two gzip members (files may concatenate them)
    bool m_done = false;
    std::uint64_t m_inputOffset = 0;
    std::unique_ptr<unsigned char[]> m_input;
    QString m_error;
};

} // namespace vigil
