#pragma once
// Keeps reading the roots after the initial scan: every file is followed by device and
// inode (FileFollower), new files and folders are found by listing the roots again when the
// watcher reports a folder change or the poll timer fires, and entries leave in batches.
// Runs on one thread (the ingest thread), driven by DirectoryWatcher events and timers, or
// by runCycle() calls in tests.
//
// Where entries are reported. A source (FileId) is a path: a file found under a path that
// has no source yet gets one; every later file found under that path (the new app.log after
// a rotation, the same inode after copytruncate, a file deleted and created again) becomes
// the next generation of that source, with its own offset range (StreamByteSource). A file
// renamed by rotation keeps its source, since it is followed by inode, not by name.
//
// Copies and compressed backups: the rule that keeps them from doubling entries.
// Rotation tools also write bytes Vigil has read already under new names: copytruncate
// copies app.log to app.log.1 before cutting app.log to zero, and compression turns
// app.log.1 into app.log.1.gz (or app.log.2.gz) and deletes app.log.1. So a file that
// appears while following under a backup name (app.log.N, *.gz, app.log-DATE) is first
// compared with what has been read: when its first bytes (up to 4 KB, at least one whole
// line) equal the first bytes of a generation read so far, it is that generation's content
// under another name. Vigil then reads from it only what lies beyond the bytes already read
// from the original (the lines written just before a copytruncate cut them away), and uses
// it for the original's text when the original lost it; otherwise it reads nothing from it.
// A backup whose first bytes match nothing read is new content and read in full. A backup
// with no complete line yet, or a .gz still being written, is looked at again until it is
// complete (at most pendingLimitMs). Files under primary names (app.log, app_2024-01-05.log)
// are always new content. Generations that ended (deleted, or cut away by a truncation)
// stay comparable in full for copyGraceMs and by a fingerprint of their first bytes after.

#include "directorywatcher.h"
#include "discovery.h"
#include "filefollower.h"
#include "scanner.h"
#include "spillarea.h"

#include "../store/sourcetable.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace vigil {

struct FollowOptions {
    int pollIntervalMs = 1000;    // stat-poll fallback: list folders and check every file
    int coalesceMs = 10;          // file-system events closer than this are handled together
    bool fileSystemEvents = true; // false: the poll alone (what a share without events gets)
    FollowTimings timings;
    int copyGraceMs = 10000; // an ended generation waits this long for a copy holding its last bytes
    int pendingLimitMs =
        30000; // a new backup without a complete line, or an unfinished .gz, is awaited this long
    // Deleted files are kept open so their entries' text stays readable, up to these limits
    // (the oldest are closed first); a deleted file also closes once its entries are evicted.
    std::size_t maxDeletedFilesHeld = 256;
    std::uint64_t maxDeletedBytesHeld = std::uint64_t(1) << 30;
};

class FollowEngine : public QObject {
    Q_OBJECT
  public:
    // Called on the engine's thread. `generationEnded` (optional; by default the stream is
    // told at once) must reach the stream after the generation's batches have been stored.
    struct Sink {
        std::function<void(EntryBatch&&)> batch;
        std::function<void(FileId, std::shared_ptr<StreamByteSource>)> sourceAdded;
        std::function<void(std::shared_ptr<StreamByteSource>, std::uint32_t generation)> generationEnded;
        std::function<void(const IngestError&)> problem;
    };

    FollowEngine(SourceTable& sources, QStringList roots, FollowOptions options, Sink sink,
                 QObject* parent = nullptr);
    ~FollowEngine() override;

    // Continues from an initial scan made with ScanOptions::finishFiles = false: takes its
    // file tails, reports a StreamByteSource per source, and commits the open entries of
    // files that have been quiet for the quiet period.
    void adoptScan(ScanOutcome& outcome);
    // Follows from events and timers from now on (without it only runCycle() reads).
    void startWatching();
    // One round: reads every followed file, lists the roots again when `rescan`, commits
    // what has been quiet, ends what was deleted.
    void runCycle(bool rescan);
    // A last full round, then commits every partial line and open entry and stops.
    void finishAll();

    struct Status {
        std::size_t followed = 0, waiting = 0, pending = 0, known = 0, sources = 0;
    };
    Status status() const;

  private:
    struct FileKey {
        std::uint64_t device = 0, inode = 0;
        bool operator==(const FileKey& o) const { return device == o.device && inode == o.inode; }
    };
    struct FileKeyHash {
        std::size_t operator()(const FileKey& k) const {
            return std::hash<std::uint64_t>()(k.inode * 31 + k.device);
        }
    };
    // A file seen and dealt with: followed, or done with (read whole, a copy, unreadable) as
    // long as its size and change time stay the same.
    struct Known {
        FileFollower* follower = nullptr;
        std::uint64_t size = 0;
        std::int64_t modifiedNs = 0;
        int unlisted = 0; // listings in a row that did not show it (a listing may miss a file being renamed)
    };
    struct Waiting { // an ended generation that a copy may still complete
        Generation gen;
        std::int64_t untilMs = 0;
        std::shared_ptr<FileByteSource> copy; // the copy found of it, read again while it grows
    };
    struct Fingerprint { // an ended generation, recognisable after its tail is gone
        std::uint64_t hash = 0;
        std::uint32_t length = 0;
    };
    struct Pending {
        DiscoveredFile file;
        std::int64_t firstSeenMs = 0, nextTryMs = 0;
        std::shared_ptr<FileByteSource> held; // its descriptor, kept from the first look
    };
    struct Held { // a deleted file kept open for its entries' text
        std::shared_ptr<StreamByteSource> bytes;
        std::uint32_t generation = 0;
        std::uint64_t size = 0;
    };
    // What a new backup's first bytes matched.
    struct Match {
        FileFollower* live = nullptr;
        Waiting* waiting = nullptr;
        bool fingerprint = false;
        explicit operator bool() const { return live || waiting || fingerprint; }
    };

    std::int64_t now() const { return m_clock.elapsed(); }
    void emitBatch(EntryBatch&& batch);
    void problem(const QString& path, const QString& message);
    std::shared_ptr<FollowStream> streamFor(const DiscoveredFile& file);
    bool isKnown(const DiscoveredFile& file);
    void consider(const DiscoveredFile& file, std::int64_t nowMs);
    bool defer(const FileKey& key, const DiscoveredFile& file, int fd, std::int64_t nowMs);
    void considerGzip(const DiscoveredFile& file, int fd, const FileKey& key, std::int64_t nowMs);
    void follow(const DiscoveredFile& file, int fd, const FileKey& key, std::int64_t nowMs);
    Match findMatch(const std::string& probe);
    void drain(FileFollower* follower, std::int64_t nowMs);
    // What a copy of an ended generation holds beyond the bytes read: read it, and read the
    // generation's text from the copy if the original lost it.
    void takeCopy(Waiting& waiting, std::shared_ptr<FileByteSource> copy);
    void takeCopy(Waiting& waiting, std::shared_ptr<SpilledBytes> decompressed);
    void rebind(Generation& gen, std::shared_ptr<const ByteSource> copy);
    bool poll(std::size_t index, std::int64_t nowMs); // false: the follower ended and is gone
    void pollAll(std::int64_t nowMs);                 // every follower, in order
    void wait(Generation&& gen, std::int64_t nowMs);
    void endGeneration(Generation& gen);
    void remember(const Generation& gen);
    void hold(Generation& gen);
    // Moves a deleted file's bytes to the spill file and closes it: a deleted file held open
    // keeps its disk space and a descriptor for as long as its entries are retained.
    void spill(Generation& gen);
    void markKnown(const FileKey& key, std::uint64_t size, std::int64_t modifiedNs);
    void scheduleDeadline(std::int64_t nowMs);

    SourceTable& m_sources;
    QStringList m_roots;
    FollowOptions m_options;
    Sink m_sink;
    BatchSink m_batchSink;
    QElapsedTimer m_clock;
    DirectoryWatcher* m_watcher = nullptr;
    QTimer m_deadline;
    bool m_stopped = false;

    std::map<QString, std::shared_ptr<FollowStream>> m_streamsByPath;
    std::vector<std::unique_ptr<FileFollower>> m_followers; // oldest first: drained before newer files
    std::unordered_map<FileKey, Known, FileKeyHash> m_known;
    std::unordered_map<FileKey, Pending, FileKeyHash> m_pending;
    std::deque<Waiting> m_waiting;
    std::deque<Fingerprint> m_fingerprints;
    std::deque<Held> m_held;
    std::uint64_t m_heldBytes = 0;
};

} // namespace vigil
