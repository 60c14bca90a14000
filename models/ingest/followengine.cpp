#include "followengine.h"

#include "filebytesource.h"
#include "fileclock.h"
#include "gzipreader.h"
#include "spillarea.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil {

namespace {

constexpr std::size_t kFingerprints = 1024;
constexpr int kPendingRetryMs = 100;
constexpr int kRelistRounds = 3;

std::int64_t modifiedNs(const struct stat& st) {
    return nanosSinceEpoch(st.st_mtim);
}

std::uint64_t hashBytes(const char* data, std::size_t size) {
    return std::hash<std::string_view>()(std::string_view(data, size));
}

// Decompresses a .gz into the spill file (never into memory); false while it is incomplete
// (still being written) or corrupt. Content that starts binary stops it at once (a bomb).
bool gunzip(int fd, std::shared_ptr<SpilledBytes>& out) {
    std::shared_ptr<SpillArea> area = SpillArea::shared(nullptr);
    if (!area) return false;
    out = std::make_shared<SpilledBytes>(area);
    GzipReader gz(fd);
    std::unique_ptr<char[]> block(new char[1 << 20]);
    bool first = true;
    while (const std::size_t n = gz.read(block.get(), 1 << 20)) {
        out->append(block.get(), n);
        if (first && FileTail::looksBinary(block.get(), n)) break; // read as new content: rejected there
        first = false;
    }
    out->finishWriting();
    return gz.error().isEmpty() && out->size() > 0;
}

// Whether `probe` holds a complete line and starts with the same bytes as `head`; the
// number of bytes compared, 0 when it does not match.
std::size_t sameStart(const std::string& probe, const std::string& head) {
    const std::size_t n = std::min(probe.size(), head.size());
    if (n == 0 || !std::memchr(probe.data(), '\n', n)) return 0;
    return std::memcmp(probe.data(), head.data(), n) == 0 ? n : 0;
}

} // namespace

FollowEngine::FollowEngine(SourceTable& sources, QStringList roots, FollowOptions options, Sink sink,
                           QObject* parent)
    : QObject(parent), m_sources(sources), m_roots(std::move(roots)), m_options(options),
      m_sink(std::move(sink)) {
    m_clock.start();
    m_batchSink = [this](EntryBatch&& batch) { m_sink.batch(std::move(batch)); };
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { runCycle(false); });
}

FollowEngine::~FollowEngine() = default;

void FollowEngine::problem(const QString& path, const QString& message) {
    if (m_sink.problem) m_sink.problem({path, message});
}

void FollowEngine::endGeneration(Generation& gen) {
    if (m_sink.generationEnded)
        m_sink.generationEnded(gen.stream->bytes, gen.number);
    else
        gen.stream->bytes->endGeneration(gen.number);
}

void FollowEngine::markKnown(const FileKey& key, std::uint64_t size, std::int64_t modified) {
    m_known[key] = Known{nullptr, size, modified, 0};
}

void FollowEngine::adoptScan(ScanOutcome& outcome) {
    const std::int64_t nowMs = now();
    const std::int64_t realNowNs = wallClockNanos();
    for (std::size_t i = 0; i < outcome.files.size() && i < outcome.tails.size(); ++i) {
        std::unique_ptr<FileTail>& tail = outcome.tails[i];
        auto stream = std::make_shared<FollowStream>();
        stream->id = outcome.files[i];
        stream->path = m_sources[stream->id].absolutePath;
        stream->strings = tail->strings();
        stream->bytes = std::make_shared<StreamByteSource>();
        stream->nextGeneration = 1;
        m_streamsByPath[stream->path] = stream;
        const bool opened = tail->opened();
        if (opened) stream->bytes->setGeneration(0, tail->byteSource());
        m_sink.sourceAdded(stream->id, stream->bytes);
        if (!opened) continue; // a later file under its path is new content
        const FileKey key{tail->device(), tail->inode()};
        Generation gen;
        gen.stream = stream;
        gen.tail = std::move(tail);
        // Read whole, not readable as a log, or the same file as another tail (a rotation
        // between the scan's listing and its opening of the files): nothing more to follow.
        if (gen.tail->isGzip() || !gen.tail->error().isEmpty() || m_known.count(key)) {
            if (gen.tail->error().isEmpty()) gen.tail->finish(m_batchSink);
            gen.finished = true;
            endGeneration(gen);
            remember(gen);
            if (!m_known.count(key)) markKnown(key, gen.tail->openedSize(), gen.tail->openedModifiedNs());
            continue;
        }
        gen.tail->setReadBlock(kFollowReadBlock);
        gen.tail->trimBuffers();
        gen.lastGrowthMs =
            nowMs - std::max<std::int64_t>(0, (realNowNs - gen.tail->openedModifiedNs()) / 1000000);
        m_followers.push_back(std::make_unique<FileFollower>(std::move(gen)));
        m_known[key] = Known{m_followers.back().get(), 0, 0, 0};
    }
    outcome.tails.clear();
    // Backups left out by a time window stay out while they do not change.
    for (const DiscoveredFile& f : outcome.skipped)
        markKnown(FileKey{f.device, f.inode}, f.size, f.modifiedNs);
    // What was appended since the scan read it; open entries of files quiet for long enough.
    pollAll(nowMs);
    scheduleDeadline(nowMs);
}

void FollowEngine::startWatching() {
    if (m_watcher) return;
    m_watcher = new DirectoryWatcher(m_options.coalesceMs, m_options.pollIntervalMs, this);
    connect(m_watcher, &DirectoryWatcher::changed, this, &FollowEngine::runCycle);
    m_watcher->start();
    runCycle(true); // sets the watch lists and catches what appeared since the scan listed
}

bool FollowEngine::poll(std::size_t index, std::int64_t nowMs) {
    FileFollower* follower = m_followers[index].get();
    FileFollower::Outcome out = follower->poll(m_batchSink, nowMs, m_options.timings);
    if (out.truncated) {
        wait(std::move(*out.truncated), nowMs);
        // copytruncate copies, then cuts: a copy seen unfinished is most likely whole by now.
        for (auto& [key, p] : m_pending)
            p.nextTryMs = nowMs;
    }
    Generation& gen = follower->generation();
    const FileKey key{gen.tail->device(), gen.tail->inode()};
    if (out.unreachable) { // closed while idle, then renamed or deleted: gone once listings miss it
        auto it = m_known.find(key);
        if (it != m_known.end() && it->second.unlisted < 2) return true;
        follower->finish(m_batchSink);
        out.ended = true;
    }
    if (!out.error.isEmpty()) problem(gen.tail->path(), out.error);
    if (!out.ended) return true;
    struct stat st {};
    const FileByteSource::Lease lease = out.error.isEmpty() ? FileByteSource::Lease() : gen.tail->lease();
    if (lease && fstat(lease.fd(), &st) == 0 && st.st_nlink > 0)
        markKnown(key, static_cast<std::uint64_t>(st.st_size), modifiedNs(st)); // not again until it changes
    else
        m_known.erase(key);
    if (follower->deleted()) hold(gen);
    wait(std::move(gen), nowMs);
    m_followers.erase(m_followers.begin() + static_cast<std::ptrdiff_t>(index));
    return false;
}

void FollowEngine::drain(FileFollower* follower, std::int64_t nowMs) {
    for (std::size_t i = 0; i < m_followers.size(); ++i)
        if (m_followers[i].get() == follower) {
            poll(i, nowMs);
            return;
        }
}

void FollowEngine::wait(Generation&& gen, std::int64_t nowMs) {
    Waiting waiting{std::move(gen), nowMs + m_options.copyGraceMs, nullptr};
    if (std::shared_ptr<FileByteSource> copy = std::move(waiting.gen.copy))
        takeCopy(waiting, std::move(copy));
    m_waiting.push_back(std::move(waiting));
}

void FollowEngine::hold(Generation& gen) {
    const std::uint64_t size = gen.tail->readOffset();
    if (size <= m_options.maxDeletedBytesHeld / 4)
        spill(gen); // a huge one stays open, within the limits below
    m_held.push_back(Held{gen.stream->bytes, gen.number, size});
    m_heldBytes += size;
    auto overLimit = [this] {
        return m_held.size() > m_options.maxDeletedFilesHeld || m_heldBytes > m_options.maxDeletedBytesHeld;
    };
    while (!m_held.empty() && overLimit()) {
        m_held.front().bytes->releaseGeneration(m_held.front().generation);
        m_heldBytes -= m_held.front().size;
        m_held.pop_front();
    }
}

void FollowEngine::spill(Generation& gen) {
    if (gen.bytesLost) return; // no text left to keep
    std::shared_ptr<SpilledBytes> spilled = gen.tail->mirror();
    std::shared_ptr<SpillArea> area = SpillArea::shared(nullptr);
    if (!spilled && area) { // read through the stream: the generation's text may be in a copy by now
        spilled = std::make_shared<SpilledBytes>(area);
        const std::uint64_t size = gen.tail->readOffset();
        const std::uint64_t base = generationBase(gen.number);
        std::string block;
        for (std::uint64_t at = 0; at < size; at += block.size()) {
            const auto n = static_cast<std::uint32_t>(std::min<std::uint64_t>(1 << 20, size - at));
            if (!gen.stream->bytes->read(base + at, n, block) || block.empty() ||
                !spilled->append(block.data(), block.size()))
                return;
        }
    }
    if (!spilled || !spilled->finishWriting()) return;
    gen.stream->bytes->setGeneration(gen.number, std::move(spilled));
    gen.tail->dropFile();
}

void FollowEngine::remember(const Generation& gen) {
    const std::string& head = gen.tail->head();
    if (head.empty()) return;
    m_fingerprints.push_back(
        Fingerprint{hashBytes(head.data(), head.size()), static_cast<std::uint32_t>(head.size())});
    if (m_fingerprints.size() > kFingerprints) m_fingerprints.pop_front();
}

std::shared_ptr<FollowStream> FollowEngine::streamFor(const DiscoveredFile& file) {
    std::shared_ptr<FollowStream>& stream = m_streamsByPath[file.absolutePath];
    if (!stream) {
        stream = std::make_shared<FollowStream>();
        stream->id = Scanner::registerSource(m_sources, file);
        stream->path = file.absolutePath;
        stream->strings = std::make_shared<SourceStrings>(m_sources[stream->id].defaultInstance);
        stream->bytes = std::make_shared<StreamByteSource>();
        m_sink.sourceAdded(stream->id, stream->bytes);
    }
    return stream;
}

bool FollowEngine::isKnown(const DiscoveredFile& file) {
    auto it = m_known.find(FileKey{file.device, file.inode});
    if (it == m_known.end()) return false;
    if (it->second.follower) return true;
    if (it->second.size == file.size && it->second.modifiedNs == file.modifiedNs) return true;
    m_known.erase(it); // changed since: look at it again
    return false;
}

bool FollowEngine::defer(const FileKey& key, const DiscoveredFile& file, int fd, std::int64_t nowMs) {
    auto [it, added] = m_pending.try_emplace(key);
    if (added) it->second.firstSeenMs = nowMs;
    if (!it->second.held) {
        const int kept = fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (kept >= 0) it->second.held = std::make_shared<FileByteSource>(kept, file.nativePath);
    }
    it->second.file = file;
    if (nowMs - it->second.firstSeenMs >= m_options.pendingLimitMs) return false;
    it->second.nextTryMs = nowMs + std::max(kPendingRetryMs, m_options.coalesceMs);
    return true;
}

FollowEngine::Match FollowEngine::findMatch(const std::string& probe) {
    Match best;
    std::size_t bestLength = 0;
    for (Waiting& w : m_waiting) { // a generation cut away or deleted: what copies are made of
        const std::size_t n = sameStart(probe, w.gen.tail->head());
        if (n > bestLength) {
            best = Match();
            best.waiting = &w;
            bestLength = n;
        }
    }
    for (const auto& f : m_followers) {
        const std::size_t n = sameStart(probe, f->generation().tail->head());
        if (n > bestLength) {
            best = Match();
            best.live = f.get();
            bestLength = n;
        }
    }
    if (best) return best;
    for (const Fingerprint& fp : m_fingerprints) {
        if (probe.size() < fp.length || !std::memchr(probe.data(), '\n', fp.length)) continue;
        if (hashBytes(probe.data(), fp.length) == fp.hash) {
            best.fingerprint = true;
            break;
        }
    }
    return best;
}

void FollowEngine::takeCopy(Waiting& waiting, std::shared_ptr<FileByteSource> copy) {
    Generation& gen = waiting.gen;
    waiting.copy = copy; // kept until the grace period ends: it may still be growing
    struct stat st {};
    const FileByteSource::Lease lease = copy->lease();
    const bool longer = lease && fstat(lease.fd(), &st) == 0 &&
                        static_cast<std::uint64_t>(st.st_size) > gen.tail->readOffset();
    if (!gen.finished && longer) {
        gen.tail->switchTo(copy);   // the same bytes at the same offsets: read on from it
        gen.tail->setChangeTime(0); // late bytes of unknown age: no latency sample
        gen.tail->readAvailable(m_batchSink);
        gen.lastGrowthMs = now();
    }
    rebind(gen, std::move(copy));
}

void FollowEngine::takeCopy(Waiting& waiting, std::shared_ptr<SpilledBytes> decompressed) {
    Generation& gen = waiting.gen;
    if (!gen.finished && decompressed->size() > gen.tail->readOffset()) {
        gen.tail->setChangeTime(0);
        std::string block;
        for (std::uint64_t at = gen.tail->readOffset(); at < decompressed->size(); at += block.size()) {
            const auto n =
                static_cast<std::uint32_t>(std::min<std::uint64_t>(1 << 20, decompressed->size() - at));
            if (!decompressed->read(at, n, block) || block.empty()) break;
            gen.tail->feed(block.data(), block.size(), m_batchSink);
        }
        gen.lastGrowthMs = now();
    }
    rebind(gen, std::move(decompressed));
}

void FollowEngine::rebind(Generation& gen, std::shared_ptr<const ByteSource> copy) {
    if (!gen.bytesLost) return;
    gen.stream->bytes->setGeneration(gen.number, std::move(copy)); // the original was cut
    gen.bytesLost = false;
}

void FollowEngine::consider(const DiscoveredFile& listed, std::int64_t nowMs) {
    const FileKey listedKey{listed.device, listed.inode};
    int fd = -1;
    if (auto p = m_pending.find(listedKey); p != m_pending.end()) {
        if (nowMs < p->second.nextTryMs) return;
        // The descriptor kept since it was first seen: the name may be gone already (the next
        // rotation removes app.log.1 80 ms later), its bytes are not.
        if (const FileByteSource::Lease lease =
                p->second.held ? p->second.held->lease() : FileByteSource::Lease())
            fd = fcntl(lease.fd(), F_DUPFD_CLOEXEC, 0);
    }
    if (fd < 0) fd = ::open(listed.nativePath.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        m_pending.erase(listedKey);
        if (error != ENOENT) { // gone meanwhile is no problem
            problem(listed.absolutePath, QString::fromLocal8Bit(std::strerror(error)));
            markKnown(listedKey, listed.size, listed.modifiedNs);
        }
        return;
    }
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return;
    }
    // The name may hold another file than when it was listed: what was opened counts.
    DiscoveredFile file = listed;
    file.device = st.st_dev;
    file.inode = st.st_ino;
    file.size = static_cast<std::uint64_t>(st.st_size);
    file.modifiedNs = modifiedNs(st);
    const FileKey key{file.device, file.inode};
    if (!(key == listedKey) && isKnown(file)) {
        ::close(fd);
        return;
    }
    if (file.gzip) {
        considerGzip(file, fd, listedKey, nowMs);
        return;
    }
    if (isBackupName(file.absolutePath.section(QLatin1Char('/'), -1))) {
        std::string probe(FileTail::kHeadBytes, '\0');
        const ssize_t n = ::pread(fd, probe.data(), probe.size(), 0);
        probe.resize(static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
        if (!std::memchr(probe.data(), '\n', probe.size()) && defer(listedKey, listed, fd, nowMs)) {
            ::close(fd);
            return;
        }
        Match match = findMatch(probe);
        if (match.live) { // read the original first: only what it no longer holds may come from the copy
            drain(match.live, nowMs);
            match = findMatch(probe);
        }
        if (match) {
            m_pending.erase(listedKey);
            auto copy = std::make_shared<FileByteSource>(fd, file.nativePath);
            if (match.waiting)
                takeCopy(*match.waiting, copy);
            else if (match.live)
                match.live->generation().copy = copy; // used if the original is cut
            markKnown(key, file.size, file.modifiedNs);
            return;
        }
    }
    m_pending.erase(listedKey);
    follow(file, fd, key, nowMs);
}

void FollowEngine::considerGzip(const DiscoveredFile& file, int fd, const FileKey& listedKey,
                                std::int64_t nowMs) {
    const FileKey key{file.device, file.inode};
    std::shared_ptr<SpilledBytes> data;
    const bool complete = gunzip(fd, data);
    if (!complete && defer(listedKey, file, fd, nowMs)) { // still being written
        ::close(fd);
        return;
    }
    m_pending.erase(listedKey);
    std::string probe;
    if (data) data->read(0, static_cast<std::uint32_t>(FileTail::kHeadBytes), probe);
    Match match = findMatch(probe);
    if (match.live) {
        drain(match.live, nowMs);
        match = findMatch(probe);
    }
    if (match) {
        if (match.waiting && data) takeCopy(*match.waiting, std::move(data));
        ::close(fd);
        markKnown(key, file.size, file.modifiedNs);
        return;
    }
    data.reset(); // new content: read whole as a generation of its own source
    std::shared_ptr<FollowStream> stream = streamFor(file);
    Generation gen = makeGeneration(stream, file.absolutePath, file.nativePath, true);
    markKnown(key, file.size, file.modifiedNs);
    if (!gen.tail->adopt(fd)) {
        problem(file.absolutePath, gen.tail->error());
        return;
    }
    if (!gen.tail->readAvailable(m_batchSink)) problem(file.absolutePath, gen.tail->error());
    gen.tail->finish(m_batchSink);
    gen.finished = true;
    stream->bytes->setGeneration(gen.number, gen.tail->byteSource());
    endGeneration(gen);
    remember(gen);
}

void FollowEngine::follow(const DiscoveredFile& file, int fd, const FileKey& key, std::int64_t nowMs) {
    std::shared_ptr<FollowStream> stream = streamFor(file);
    Generation gen = makeGeneration(stream, file.absolutePath, file.nativePath, false);
    if (!gen.tail->adopt(fd)) {
        problem(file.absolutePath, gen.tail->error());
        return;
    }
    stream->bytes->setGeneration(gen.number, gen.tail->byteSource());
    gen.lastGrowthMs = nowMs;
    m_followers.push_back(std::make_unique<FileFollower>(std::move(gen)));
    m_known[key] = Known{m_followers.back().get(), 0, 0, 0};
    poll(m_followers.size() - 1, nowMs);
}

void FollowEngine::pollAll(std::int64_t nowMs) {
    for (std::size_t i = 0; i < m_followers.size();)
        if (poll(i, nowMs)) ++i;
}

void FollowEngine::runCycle(bool rescan) {
    if (m_stopped) return;
    const std::int64_t t = now();
    // Known files first (the old file after a rename drains before the new one is read).
    pollAll(t);
    if (rescan) {
        bool newFileWatches = false;
        for (int round = 0; round < kRelistRounds; ++round) {
            const Discovery found = discoverLogFiles(m_roots);
            DirectoryWatcher::Added added;
            if (m_watcher && m_options.fileSystemEvents) {
                QStringList files;
                for (const DiscoveredFile& f : found.files)
                    files << f.absolutePath;
                added = m_watcher->setWatched(found.directories, files);
                newFileWatches = newFileWatches || added.files > 0;
            }
            for (const IngestError& e : found.errors)
                problem(e.path, e.message);
            std::unordered_set<FileKey, FileKeyHash> listed;
            for (const DiscoveredFile& f : found.files) {
                const FileKey key{f.device, f.inode};
                listed.insert(key);
                auto known = m_known.find(key);
                if (known != m_known.end() && known->second.follower) // renamed by rotation, maybe
                    known->second.follower->generation().tail->relocate(f.nativePath);
                if (!isKnown(f)) consider(f, t);
            }
            // Forget files done with that are gone (missing from two listings: one listing may
            // miss a file renamed meanwhile), and pending ones no longer there.
            for (auto it = m_known.begin(); it != m_known.end();) {
                Known& k = it->second;
                k.unlisted = listed.count(it->first) ? 0 : k.unlisted + 1;
                it = !k.follower && k.unlisted >= 2 ? m_known.erase(it) : std::next(it);
            }
            // A pending file whose name is gone is looked at once more, through its kept descriptor.
            std::vector<DiscoveredFile> gone;
            for (auto& [key, p] : m_pending)
                if (!listed.count(key)) {
                    p.nextTryMs = t;
                    gone.push_back(p.file);
                }
            for (const DiscoveredFile& f : gone)
                consider(f, t);
            for (auto it = m_pending.begin(); it != m_pending.end();)
                it = !listed.count(it->first) ? m_pending.erase(it) : std::next(it);
            if (added.directories == 0) break; // folders watched only now may have filled before: list again
        }
        // Files followed were looked at above, before some of them were watched (all of them at
        // the first cycle, a renamed one after each rotation): what they gained in between
        // raised no event, and would wait for the stat-poll. Looked at once more.
        if (newFileWatches) pollAll(t);
    } else {
        std::vector<DiscoveredFile> due;
        for (const auto& [key, p] : m_pending)
            if (p.nextTryMs <= t) due.push_back(p.file);
        for (const DiscoveredFile& f : due)
            consider(f, t);
    }
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        Generation& gen = it->gen;
        if (it->copy && !gen.finished) {
            takeCopy(*it, it->copy); // a copy still being written grows
            // A copy deleted already (the next rotation) cannot grow: it gave all it will give,
            // and holding it until the grace period ends would hold its disk space too.
            struct stat st {};
            const FileByteSource::Lease lease = it->copy->lease();
            if (lease && fstat(lease.fd(), &st) == 0 && st.st_nlink == 0) it->untilMs = t;
        }
        if (!gen.finished && gen.tail->hasOpenEntry() &&
            t - gen.lastGrowthMs >= m_options.timings.quietPeriodMs)
            gen.tail->commitOpenEntry(m_batchSink);
        if (t < it->untilMs) {
            ++it;
            continue;
        }
        if (!gen.finished) gen.tail->finish(m_batchSink);
        gen.finished = true;
        if (gen.cut) spill(gen); // its copy (deleted by the next rotation, maybe) is let go
        endGeneration(gen);
        remember(gen);
        it = m_waiting.erase(it);
    }
    scheduleDeadline(t);
}

void FollowEngine::scheduleDeadline(std::int64_t nowMs) {
    std::int64_t next = -1;
    auto take = [&next](std::int64_t deadline) {
        if (deadline >= 0 && (next < 0 || deadline < next)) next = deadline;
    };
    for (const auto& f : m_followers)
        take(f->nextDeadline(m_options.timings));
    for (const Waiting& w : m_waiting) {
        take(w.untilMs);
        if (!w.gen.finished && w.gen.tail->hasOpenEntry())
            take(w.gen.lastGrowthMs + m_options.timings.quietPeriodMs);
    }
    for (const auto& [key, p] : m_pending)
        take(p.nextTryMs);
    if (next < 0 || m_stopped)
        m_deadline.stop();
    else
        m_deadline.start(static_cast<int>(std::clamp<std::int64_t>(next - nowMs + 1, 1, 60000)));
}

void FollowEngine::finishAll() {
    if (m_stopped) return;
    runCycle(true);
    for (const auto& f : m_followers)
        f->finish(m_batchSink);
    for (Waiting& w : m_waiting) {
        if (!w.gen.finished) w.gen.tail->finish(m_batchSink);
        w.gen.finished = true;
    }
    m_stopped = true;
    m_deadline.stop();
    if (m_watcher) m_watcher->stop();
}

FollowEngine::Status FollowEngine::status() const {
    Status s;
    s.followed = m_followers.size();
    s.waiting = m_waiting.size();
    s.pending = m_pending.size();
    s.known = m_known.size();
    s.sources = m_streamsByPath.size();
    return s;
}

} // namespace vigil
