#include "filetail.h"

#include "filebytesource.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace vigil {

namespace {
constexpr std::size_t kReadBlock = 4 << 20;
QString errnoText(int e) { return QString::fromLocal8Bit(std::strerror(e)); }
} // namespace

FileTail::FileTail(FileId file, QString path, std::string defaultInstance, bool gzip)
    : FileTail(file, std::move(path), std::make_shared<SourceStrings>(defaultInstance), gzip, 0) {}

FileTail::FileTail(FileId file, QString path, std::shared_ptr<SourceStrings> strings, bool gzip,
                   std::uint64_t offsetBase)
    : m_file(file), m_path(std::move(path)), m_gzip(gzip), m_readBlock(kReadBlock),
      m_assembler(file, std::move(strings)) {
    m_batch.file = file;
    m_splitter.setReportedBase(offsetBase);
}

FileTail::~FileTail() {
    if (m_gzip && m_fd >= 0) ::close(m_fd); // plain files: the FileByteSource owns the descriptor
}

bool FileTail::open() {
    const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        m_error = errno == ENOENT ? QStringLiteral("deleted before it could be read") : errnoText(errno);
        return false;
    }
    return adopt(fd);
}

bool FileTail::adopt(int fd) {
    m_fd = fd;
    struct stat st {};
    if (fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        m_error = QStringLiteral("not a regular file");
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_device = st.st_dev;
    m_inode = st.st_ino;
    // A blocking descriptor again: O_NONBLOCK was only there so a FIFO could not hang open().
    fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) & ~O_NONBLOCK);
    posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    if (!m_gzip) m_source = std::make_shared<FileByteSource>(m_fd);
    return true;
}

void FileTail::switchTo(std::shared_ptr<FileByteSource> copy) {
    if (m_gzip || !copy) return;
    m_fd = copy->fd();
    m_source = std::move(copy);
}

bool FileTail::looksBinary(const char* data, std::size_t size) const {
    // Logs may hold a stray NUL or escape code; a binary file is full of them.
    const std::size_t n = std::min<std::size_t>(size, 4096);
    std::size_t control = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\x1b' && c != '\f') ++control;
    }
    return n >= 64 && control * 10 > n;
}

void FileTail::hand(const BatchSink& sink) {
    m_assembler.exportNewStrings(m_batch);
    if (m_batch.empty() && m_batch.newInstances.empty()) return;
    EntryBatch ready;
    ready.file = m_file;
    std::swap(ready, m_batch);
    ready.changeTimeUs = m_changeTimeUs;
    sink(std::move(ready));
}

void FileTail::consume(const char* data, std::size_t size) {
    if (m_head.size() < kHeadBytes && m_readOffset == m_head.size())
        m_head.append(data, std::min(size, kHeadBytes - m_head.size()));
    m_readOffset += size;
    m_splitter.commit(size, m_assembler, m_batch);
}

bool FileTail::readAvailable(const BatchSink& sink, std::size_t batchEntries) {
    if (m_fd < 0 && !m_error.isEmpty()) return false;
    const bool ok = m_gzip ? readGzip(sink, batchEntries) : readPlain(sink, batchEntries);
    m_splitter.releaseSpareRoom();
    hand(sink);
    return ok;
}

bool FileTail::readPlain(const BatchSink& sink, std::size_t batchEntries) {
    for (;;) {
        char* tail = m_splitter.writableTail(m_readBlock);
        const ssize_t n = ::pread(m_fd, tail, m_readBlock, static_cast<off_t>(m_readOffset));
        if (n < 0) {
            if (errno == EINTR) continue;
            m_error = QStringLiteral("read failed: ") + errnoText(errno);
            return false;
        }
        if (n == 0 || (m_stop && m_stop->load(std::memory_order_relaxed))) return true;
        if (!m_checkedBinary) {
            m_checkedBinary = true;
            if (m_readOffset == 0 && looksBinary(tail, static_cast<std::size_t>(n))) {
                m_error = QStringLiteral("skipped: binary content, not a text log");
                return false;
            }
        }
        consume(tail, static_cast<std::size_t>(n));
        if (m_batch.size() >= batchEntries) hand(sink);
    }
}

bool FileTail::readGzip(const BatchSink& sink, std::size_t batchEntries) {
    if (m_source) return true; // decompressed already; backups do not change
    gzFile gz = gzdopen(dup(m_fd), "rb");
    if (!gz) {
        m_error = QStringLiteral("cannot open gzip stream");
        return false;
    }
    gzbuffer(gz, 1 << 17);
    std::string data;
    bool ok = true;
    for (;;) {
        const std::size_t at = data.size();
        data.resize(at + kReadBlock);
        const int n = gzread(gz, data.data() + at, static_cast<unsigned>(kReadBlock));
        if (n < 0) {
            int code = 0;
            m_error = QStringLiteral("corrupt gzip data: ") + QString::fromUtf8(gzerror(gz, &code));
            data.resize(at);
            ok = false;
            break;
        }
        data.resize(at + static_cast<std::size_t>(n));
        if (n == 0) break;
    }
    gzclose(gz);
    if (!data.empty() && looksBinary(data.data(), data.size())) {
        m_error = QStringLiteral("skipped: binary content, not a text log");
        return false;
    }
    consumeCopy(data.data(), data.size(), sink, batchEntries);
    m_source = std::make_shared<MemoryByteSource>(std::move(data));
    return ok;
}

void FileTail::consumeCopy(const char* data, std::size_t size, const BatchSink& sink, std::size_t batchEntries) {
    for (std::size_t at = 0; at < size; at += kReadBlock) {
        const std::size_t n = std::min(kReadBlock, size - at);
        char* tail = m_splitter.writableTail(n);
        std::memcpy(tail, data + at, n);
        consume(tail, n);
        if (m_batch.size() >= batchEntries) hand(sink);
    }
}

void FileTail::feed(const char* data, std::size_t size, const BatchSink& sink) {
    consumeCopy(data, size, sink, 65536);
    hand(sink);
}

void FileTail::finish(const BatchSink& sink) {
    m_splitter.finish(m_assembler, m_batch);
    hand(sink);
}

void FileTail::commitOpenEntry(const BatchSink& sink) {
    m_assembler.commitOpen(m_batch);
    hand(sink);
}

} // namespace vigil
