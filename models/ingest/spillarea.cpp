#include "spillarea.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil {

std::shared_ptr<SpillArea> SpillArea::shared(QString* error) {
    static std::mutex mutex;
    static std::weak_ptr<SpillArea> current;
    std::lock_guard<std::mutex> lock(mutex);
    if (auto area = current.lock()) return area;
    const QByteArray dir = QFile::encodeName(QDir::tempPath());
    int fd = ::open(dir.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) { // file systems without O_TMPFILE: create, then unlink at once
        QByteArray name = dir + "/vigil-spill-XXXXXX";
        fd = mkostemp(name.data(), O_CLOEXEC);
        if (fd >= 0) ::unlink(name.constData());
    }
    if (fd < 0) {
        if (error)
            *error = QStringLiteral("cannot create a temporary file for decompressed text: ") +
                     QString::fromLocal8Bit(std::strerror(errno));
        return nullptr;
    }
    std::shared_ptr<SpillArea> area(new SpillArea(fd));
    current = area;
    return area;
}

SpillArea::~SpillArea() {
    ::close(m_fd);
}

bool SpillArea::write(std::uint64_t at, const char* data, std::size_t size) {
    for (std::size_t done = 0; done < size;) {
        const ssize_t n = ::pwrite(m_fd, data + done, size - done, static_cast<off_t>(at + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool SpillArea::read(std::uint64_t at, char* data, std::size_t size) const {
    for (std::size_t done = 0; done < size;) {
        const ssize_t n = ::pread(m_fd, data + done, size - done, static_cast<off_t>(at + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

void SpillArea::release(std::uint64_t at, std::uint64_t size) {
    if (size > 0)
        fallocate(m_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(at),
                  static_cast<off_t>(size));
}

std::uint64_t SpillArea::diskBytes() const {
    struct stat st {};
    return fstat(m_fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_blocks) * 512 : 0;
}

SpilledBytes::~SpilledBytes() {
    for (std::size_t i = 0; i < m_chunks.size(); ++i)
        m_area->release(m_chunks[i], std::min<std::uint64_t>(kChunk, m_size - i * kChunk));
}

bool SpilledBytes::flush() {
    if (m_pending.empty()) return true;
    const std::uint64_t at = m_area->reserve(m_pending.size() < kChunk ? m_pending.size() : kChunk);
    m_chunks.push_back(at);
    if (!m_failed && !m_area->write(at, m_pending.data(), m_pending.size())) m_failed = true;
    m_pending.clear();
    return !m_failed;
}

bool SpilledBytes::append(const char* data, std::size_t size) {
    m_size += size;
    while (size > 0) {
        if (m_pending.capacity() < kChunk) m_pending.reserve(kChunk);
        const std::size_t n = std::min(size, kChunk - m_pending.size());
        m_pending.append(data, n);
        data += n;
        size -= n;
        if (m_pending.size() == kChunk) flush();
    }
    return !m_failed;
}

bool SpilledBytes::finishWriting() {
    flush();
    std::string().swap(m_pending);
    return !m_failed;
}

bool SpilledBytes::read(std::uint64_t offset, std::uint32_t length, std::string& out) const {
    out.clear();
    if (m_failed || offset >= m_size) return length == 0;
    const std::uint64_t end = std::min<std::uint64_t>(offset + length, m_size);
    out.resize(static_cast<std::size_t>(end - offset));
    for (std::uint64_t at = offset; at < end;) {
        const std::uint64_t chunk = at / kChunk;
        const std::uint64_t within = at % kChunk;
        const std::uint64_t n = std::min<std::uint64_t>(kChunk - within, end - at);
        char* to = out.data() + (at - offset);
        if (chunk < m_chunks.size()) {
            if (!m_area->read(m_chunks[chunk] + within, to, static_cast<std::size_t>(n))) {
                out.resize(static_cast<std::size_t>(at - offset));
                return false;
            }
        } else { // still being written
            std::memcpy(to, m_pending.data() + within, static_cast<std::size_t>(n));
        }
        at += n;
    }
    return end == offset + length;
}

} // namespace vigil
