#include "filefollower.h"

#include "fileclock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil {

namespace {
constexpr std::size_t kHeadCheckBytes = 512;
} // namespace

Generation makeGeneration(const std::shared_ptr<FollowStream>& stream, const QString& path,
                          const QByteArray& nativePath, bool gzip) {
    Generation g;
    g.stream = stream;
    g.number = stream->nextGeneration++;
    g.tail = std::make_unique<FileTail>(stream->id, path, stream->strings, gzip, generationBase(g.number));
    g.tail->setNativePath(nativePath);
    if (stream->copytruncated && !gzip)
        if (std::shared_ptr<SpillArea> area = SpillArea::shared(nullptr))
            g.tail->setMirror(std::make_shared<SpilledBytes>(area));
    g.tail->setReadBlock(kFollowReadBlock);
    return g;
}

FileFollower::FileFollower(Generation generation) : m_gen(std::move(generation)) {}

bool FileFollower::headChanged(int fd) const {
    const std::string& head = m_gen.tail->head();
    const std::size_t n = std::min(head.size(), kHeadCheckBytes);
    if (n == 0) return false;
    char now[kHeadCheckBytes];
    const ssize_t got = ::pread(fd, now, n, 0);
    return got != static_cast<ssize_t>(n) || std::memcmp(now, head.data(), n) != 0;
}

bool FileFollower::readAppended(const BatchSink& sink, std::int64_t nowMs, Outcome& out) {
    FileTail* tail = m_gen.tail.get();
    const FileByteSource::Lease lease = tail->lease();
    if (!lease) {
        out.unreachable = true;
        return false;
    }
    struct stat st {};
    if (fstat(lease.fd(), &st) != 0) {
        out.error = QStringLiteral("cannot follow: ") + QString::fromLocal8Bit(std::strerror(errno));
        finish(sink);
        out.ended = true;
        return false;
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size < tail->readOffset() || (size > tail->readOffset() && headChanged(lease.fd()))) {
        // Cut in place: what follows is new content on the same inode, a new generation with
        // its own byte range. The old one keeps its partial line for a copy to complete.
        m_gen.stream->copytruncated = true;
        Generation next = makeGeneration(m_gen.stream, tail->path(), tail->nativePath(), false);
        const int fd = fcntl(lease.fd(), F_DUPFD_CLOEXEC, 0);
        if (fd < 0 || !next.tail->adopt(fd)) {
            out.error = QStringLiteral("cannot follow after truncation: ") + next.tail->error();
            finish(sink);
            out.ended = true;
            return false;
        }
        m_gen.cut = true;
        if (std::shared_ptr<SpilledBytes> mirror = tail->mirror()) {
            m_gen.stream->bytes->setGeneration(m_gen.number, std::move(mirror));
        } else {
            m_gen.stream->bytes->loseGeneration(m_gen.number);
            m_gen.bytesLost = true;
        }
        m_gen.stream->bytes->setGeneration(next.number, next.tail->byteSource());
        next.lastGrowthMs = nowMs;
        out.truncated = std::move(m_gen);
        m_gen = std::move(next);
        tail = m_gen.tail.get();
    }
    if (size > tail->readOffset()) {
        tail->setChangeTime(nanosSinceEpoch(st.st_mtim) / 1000);
        if (!tail->readAvailable(sink)) {
            out.error = tail->error();
            finish(sink);
            out.ended = true;
            return false;
        }
        tail->trimBuffers();
        m_gen.lastGrowthMs = nowMs;
    }
    if (st.st_nlink == 0) m_deleted = true;
    return true;
}

FileFollower::Outcome FileFollower::poll(const BatchSink& sink, std::int64_t nowMs,
                                         const FollowTimings& timings) {
    Outcome out;
    // A file whose descriptor was closed while idle is looked at by its path: taking a lease
    // would open it again, and with more files than descriptors every poll would close the
    // least recently used one to make room, the files being written and their rotated
    // backups among them. A backup closed that way and then deleted by the next rotation
    // takes its entries' text with it.
    const std::shared_ptr<FileByteSource>& file = m_gen.tail->fileBytes();
    if ((!file || !file->closedAndUnchanged(m_gen.tail->readOffset())) && !readAppended(sink, nowMs, out))
        return out;
    FileTail* tail = m_gen.tail.get();
    const std::int64_t quietMs = nowMs - m_gen.lastGrowthMs;
    // Bytes that come after a committed partial line start a new line.
    if (tail->hasPartialLine() && quietMs >= timings.partialLineAfterMs) tail->finish(sink);
    if (tail->hasOpenEntry() && quietMs >= timings.quietPeriodMs) tail->commitOpenEntry(sink);
    if (m_deleted && quietMs >= timings.endAfterQuietMs) {
        finish(sink);
        out.ended = true;
    }
    return out;
}

void FileFollower::finish(const BatchSink& sink) {
    if (m_gen.finished) return;
    m_gen.tail->finish(sink);
    m_gen.tail->trimBuffers();
    m_gen.finished = true;
}

std::int64_t FileFollower::nextDeadline(const FollowTimings& timings) const {
    std::int64_t deadline = -1;
    auto take = [&deadline, this](int afterMs) {
        const std::int64_t at = m_gen.lastGrowthMs + afterMs;
        deadline = deadline < 0 ? at : std::min(deadline, at);
    };
    if (m_gen.tail->hasOpenEntry()) take(timings.quietPeriodMs);
    if (m_gen.tail->hasPartialLine()) take(timings.partialLineAfterMs);
    if (m_deleted) take(timings.endAfterQuietMs);
    return deadline;
}

} // namespace vigil
