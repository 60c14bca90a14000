#include "filetail.h"

#include "filebytesource.h"
#include "gzipreader.h"
#include "spillarea.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil {

namespace {
constexpr std::size_t kReadBlock = 1 << 20;
QString errnoText(int e) {
    return QString::fromLocal8Bit(std::strerror(e));
}
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
    if (m_fd >= 0) ::close(m_fd);
}

QByteArray FileTail::nativePath() const {
    if (m_bytes) return m_bytes->path();
    return m_nativePath.isEmpty() ? QFile::encodeName(m_path) : m_nativePath;
}

bool FileTail::open() {
    const QByteArray path = nativePath();
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        m_error = errno == ENOENT ? QStringLiteral("deleted before it could be read") : errnoText(errno);
        return false;
    }
    return adopt(fd);
}

bool FileTail::adopt(int fd) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        m_error = QStringLiteral("not a regular file");
        ::close(fd);
        return false;
    }
    m_opened = true;
    m_device = st.st_dev;
    m_inode = st.st_ino;
    m_openedSize = static_cast<std::uint64_t>(st.st_size);
    m_openedModifiedNs = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    // A blocking descriptor again: O_NONBLOCK was only there so a FIFO could not hang open().
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    if (m_gzip) {
        m_fd = fd;
    } else {
        m_bytes = std::make_shared<FileByteSource>(fd, nativePath());
        m_source = m_bytes;
    }
    return true;
}

void FileTail::switchTo(std::shared_ptr<FileByteSource> copy) {
    if (m_gzip || !copy) return;
    m_bytes = copy;
    m_source = std::move(copy);
}

bool FileTail::looksBinary(const char* data, std::size_t size) {
    // Logs may hold a stray NUL or escape code; a binary file is full of them.
    const std::size_t n = std::min<std::size_t>(size, 4096);
    std::size_t control = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\x1b' && c != '\f') ++control;
    }
    return n >= 64 && control * 10 > n;
}

// The first bytes decide whether a file is text. A plain file may start with a hole (NULs
// left by copytruncate under a writer without O_APPEND): the check waits for what follows it.
// Decompressed data starting with NULs is rejected at once: that is the shape of a gzip bomb.
bool FileTail::rejectBinary(const char* data, std::size_t size, bool holeAllowed) {
    if (m_checkedBinary) return false;
    std::size_t skip = 0;
    if (holeAllowed)
        while (skip < size && data[skip] == '\0')
            ++skip;
    if (skip == size) return false;
    m_checkedBinary = true;
    if (!looksBinary(data + skip, size - skip)) return false;
    m_error = QStringLiteral("skipped: binary content, not a text log");
    return true;
}

// Jumps over the rest of a hole without reading it, when the file system knows where data is.
void FileTail::skipHole(int fd) {
    const off_t data = ::lseek(fd, static_cast<off_t>(m_readOffset), SEEK_DATA);
    std::uint64_t to = 0;
    if (data >= 0) {
        to = static_cast<std::uint64_t>(data);
    } else if (errno == ENXIO) { // a hole up to the end
        struct stat st {};
        if (fstat(fd, &st) != 0) return;
        to = static_cast<std::uint64_t>(st.st_size);
    }
    if (to <= m_readOffset) return;
    m_mirror.reset(); // a hole is not worth writing out
    m_splitter.skipHole(to - m_readOffset);
    m_batch.bytes += to - m_readOffset;
    m_readOffset = to;
}

void FileTail::hand(const BatchSink& sink) {
    m_assembler.exportNewStrings(m_batch);
    if (m_batch.empty() && m_batch.newInstances.empty()) return;
    EntryBatch ready = m_recycler ? m_recycler->take() : EntryBatch();
    ready.file = m_file;
    std::swap(ready, m_batch);
    ready.changeTimeUs = m_changeTimeUs;
    // The next batch is sized like this one: its columns grown by doubling instead were
    // copied a dozen times each, into fresh pages that faulted in (two fifths of a scan's
    // page faults). A followed file's batches are a few entries, and so is what they reserve.
    // A recycled batch's room was written before: only room it grows by is faulted in.
    const std::size_t room = m_batch.timeUs.capacity();
    m_batch.reserve(ready.size() + ready.size() / 4);
    if (m_batch.timeUs.capacity() != room) m_batch.mapRoom();
    sink(std::move(ready));
}

void FileTail::consume(const char* data, std::size_t size) {
    if (m_head.size() < kHeadBytes && m_readOffset == m_head.size())
        m_head.append(data, std::min(size, kHeadBytes - m_head.size()));
    if (m_mirror && (m_mirror->size() != m_readOffset || !m_mirror->append(data, size))) m_mirror.reset();
    m_readOffset += size;
    m_splitter.commit(size, m_assembler, m_batch);
}

bool FileTail::readAvailable(const BatchSink& sink, std::size_t batchEntries) {
    if (!m_opened) return false;
    takeRoom();
    const bool ok = m_gzip ? readGzip(sink, batchEntries) : readPlain(sink, batchEntries);
    m_splitter.releaseSpareRoom();
    hand(sink);
    giveBackRoom();
    return ok;
}

bool FileTail::readPlain(const BatchSink& sink, std::size_t batchEntries) {
    const FileByteSource::Lease lease = this->lease();
    if (!lease) {
        m_error = m_bytes ? QStringLiteral("cannot open again: the file was renamed or deleted meanwhile")
                          : QStringLiteral("no longer readable");
        return false;
    }
    for (;;) {
        char* tail = m_splitter.writableTail(m_readBlock);
        const ssize_t n = ::pread(lease.fd(), tail, m_readBlock, static_cast<off_t>(m_readOffset));
        if (n < 0) {
            if (errno == EINTR) continue;
            m_error = QStringLiteral("read failed: ") + errnoText(errno);
            return false;
        }
        if (n == 0 || (m_stop && m_stop->load(std::memory_order_relaxed))) return true;
        if (rejectBinary(tail, static_cast<std::size_t>(n), true)) return false;
        consume(tail, static_cast<std::size_t>(n));
        if (m_splitter.inHole()) skipHole(lease.fd());
        if (m_batch.size() >= batchEntries) hand(sink);
    }
}

bool FileTail::readGzip(const BatchSink& sink, std::size_t batchEntries) {
    if (m_gzipRead) return true; // backups do not change
    m_gzipRead = true;
    QString spillError;
    std::shared_ptr<SpillArea> area = SpillArea::shared(&spillError);
    auto spilled = area ? std::make_shared<SpilledBytes>(area) : nullptr;
    GzipReader gz(m_fd);
    for (;;) {
        char* tail = m_splitter.writableTail(kReadBlock);
        const std::size_t n = gz.read(tail, kReadBlock);
        if (n == 0) break;
        if (rejectBinary(tail, n, false)) {
            ::close(m_fd);
            m_fd = -1;
            return false;
        }
        if (spilled && !spilled->append(tail, n) && spillError.isEmpty())
            spillError = QStringLiteral("cannot keep decompressed text: ") +
                         QString::fromLocal8Bit(std::strerror(errno));
        consume(tail, n);
        if (m_batch.size() >= batchEntries) hand(sink);
    }
    if (spilled) spilled->finishWriting();
    m_source = spilled;
    ::close(m_fd); // everything is in the spill file now
    m_fd = -1;
    if (gz.error().isEmpty() && spillError.isEmpty()) return true;
    m_error = gz.error().isEmpty() ? spillError : gz.error();
    // What was decompressed before the damage is kept: its last line and entry end here.
    finish(sink);
    return false;
}

void FileTail::consumeCopy(const char* data, std::size_t size, const BatchSink& sink,
                           std::size_t batchEntries) {
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
    giveBackRoom();
}

void FileTail::commitOpenEntry(const BatchSink& sink) {
    m_assembler.commitOpen(m_batch);
    hand(sink);
    giveBackRoom();
}

void FileTail::takeRoom() {
    // A tail's first batch would otherwise grow by doubling, its columns copied into fresh
    // pages that fault in: a fifth of a scan's page faults. Room an earlier file gave back
    // (giveBackRoom) was written before.
    if (!m_recycler || m_batch.timeUs.capacity() != 0 || !m_batch.empty()) return;
    m_batch = m_recycler->take();
    m_batch.file = m_file;
}

void FileTail::giveBackRoom() {
    // The reader moves on to another file: the room taken for this file's next batch goes
    // back for it, rather than staying with this tail, which outlives the scan (up to 1.6 MB
    // each: 7 B an entry more after scanning 200 MB). Data that follows starts a small batch.
    if (!m_recycler) return;
    m_recycler->give(std::move(m_batch));
    m_batch = EntryBatch();
    m_batch.file = m_file;
}

} // namespace vigil
