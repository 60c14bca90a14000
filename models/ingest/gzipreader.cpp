#include "gzipreader.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace vigil {

namespace {
constexpr std::size_t kInputBlock = 128 << 10;
} // namespace

GzipReader::GzipReader(int fd) : m_fd(fd), m_input(new unsigned char[kInputBlock]) {
    m_initialised = inflateInit2(&m_z, 16 + MAX_WBITS) == Z_OK; // gzip wrapper only
    if (!m_initialised) {
        m_error = QStringLiteral("cannot start decompression");
        m_done = true;
    }
}

GzipReader::~GzipReader() {
    if (m_initialised) inflateEnd(&m_z);
}

bool GzipReader::refill() {
    for (;;) {
        const ssize_t n = ::pread(m_fd, m_input.get(), kInputBlock, static_cast<off_t>(m_inputOffset));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            m_error = QStringLiteral("read failed: ") + QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        m_inputOffset += static_cast<std::uint64_t>(n);
        m_z.next_in = m_input.get();
        m_z.avail_in = static_cast<uInt>(n);
        return n > 0;
    }
}

std::size_t GzipReader::read(char* out, std::size_t capacity) {
    if (m_done) return 0;
    m_z.next_out = reinterpret_cast<Bytef*>(out);
    m_z.avail_out = static_cast<uInt>(std::min<std::size_t>(capacity, 1u << 30));
    const uInt wanted = m_z.avail_out;
    while (m_z.avail_out > 0) {
        if (m_z.avail_in == 0 && !refill()) {
            if (m_error.isEmpty() && !m_memberEnded)
                m_error = m_inputOffset == 0
                              ? QStringLiteral("corrupt gzip data: empty file")
                              : QStringLiteral("truncated gzip data: the compressed stream ends early");
            m_done = true;
            break;
        }
        if (m_memberEnded) { // another member may follow; anything else ends the data
            if (m_z.next_in[0] != 0x1f) {
                if (m_z.next_in[0] != 0) // zero padding is what tape and some tools add
                    m_error =
                        QStringLiteral("corrupt gzip data: unexpected bytes after the compressed stream");
                m_done = true;
                break;
            }
            inflateReset(&m_z);
            m_memberEnded = false;
        }
        const int result = inflate(&m_z, Z_NO_FLUSH);
        if (result == Z_STREAM_END) {
            m_memberEnded = true;
            continue;
        }
        if (result == Z_OK || (result == Z_BUF_ERROR && m_z.avail_in == 0)) continue;
        m_error = QStringLiteral("corrupt gzip data: ") + QString::fromUtf8(m_z.msg ? m_z.msg
                                                                            : result == Z_MEM_ERROR
                                                                                ? "out of memory"
                                                                                : "invalid data");
        m_done = true;
        break;
    }
    return wanted - m_z.avail_out;
}

} // namespace vigil
