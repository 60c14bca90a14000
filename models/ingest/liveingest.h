#pragma once
// Reads the roots off the GUI thread and appends what it reads to the store on the
// store's thread, in batches, announcing each append. The one entry point the UI uses
// for ingest, whatever the source. After the initial scan it keeps following the roots
// (FollowEngine on the same thread): appends, rotation, new files and folders. It keeps the
// store within a retention limit by evicting the oldest entries (the counters keep them)
// and measures how long entries take from being written to being stored.

#include "discovery.h"
#include "followengine.h"
#include "../metrics/latencyhistogram.h"

#include "../store/entrystore.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

namespace vigil {

class StreamByteSource;

struct LiveIngestOptions {
    bool follow = true;   // keep reading after the initial scan
    FollowOptions following;
    // At most about this many entries stay in the store (whole 65,536-entry segments are
    // evicted, oldest first); 0 keeps everything. 4 M entries take about 180 MB of columns.
    std::uint64_t retainEntries = 4'000'000;
    // Hashes the duplicate detector remembers (WARNING and above are hashed); 0: half of
    // retainEntries (unbounded when retainEntries is 0).
    std::size_t duplicateWindow = 0;
};

// Write-to-store latency of the entries read while following (the initial scan excluded).
// An entry's write time is its own timestamp when it has sub-second precision, otherwise
// the file's modification time when it was read (a lower bound for the entries of a batch).
struct LatencySummary {
    std::uint64_t entries = 0, fromTimestamps = 0, fromChangeTime = 0;
    double p50Ms = 0, p99Ms = 0, maxMs = 0;
};

class LiveIngest : public QObject {
    Q_OBJECT
public:
    explicit LiveIngest(EntryStore& store, QObject* parent = nullptr);
    LiveIngest(EntryStore& store, const LiveIngestOptions& options, QObject* parent = nullptr);
    ~LiveIngest() override;

    // Used from the next open() on.
    void setOptions(const LiveIngestOptions& options) { m_options = options; }
    const LiveIngestOptions& options() const { return m_options; }

    // Starts reading the roots (previous reading stops first). Returns at once.
    void open(const QStringList& roots);
    // Stops at once; what was not yet read (or committed) stays unread.
    void stop();
    // Reads what is there now, commits partial last lines and open entries, and stops
    // following; followingFinished() comes after the last of those entries was appended.
    void finishFollowing();

    static constexpr int kRecentWriteSeconds = 300;

    QStringList roots() const { return m_roots; }
    bool initialScanDone() const { return m_scanDone; }
    bool following() const { return m_following; }
    const std::vector<IngestError>& problems() const { return m_problems; }
    EntryStore& store() { return m_store; }
    LatencySummary latency() const;

Q_SIGNALS:
    // Entries [first, end) were appended to the store.
    void entriesAppended(quint64 first, quint64 end);
    // Entries before `begin` were evicted (retention limit); the counters still count them.
    void entriesEvicted(quint64 begin);
    // Sources were added or their counters changed.
    void sourcesChanged();
    void problemsChanged();
    void initialScanFinished(double seconds, quint64 bytes);
    // Following, a file under the roots was written within kRecentWriteSeconds when they
    // were opened: the logs are live (announced before the scan reads them).
    void recentlyWrittenFound();
    // After finishFollowing(): everything read is in the store.
    void followingFinished();

private:
    struct Control;
    void appendBatch(const EntryBatch& batch);
    void addStream(FileId file, std::shared_ptr<StreamByteSource> bytes);
    void addProblem(const IngestError& error);
    void recordLatency(const EntryBatch& batch);

    EntryStore& m_store;
    LiveIngestOptions m_options;
    QStringList m_roots;
    QThread* m_thread = nullptr;
    std::shared_ptr<Control> m_control;
    quint64 m_run = 0; // calls posted by an earlier open() are ignored
    bool m_scanDone = false;
    bool m_following = false;
    std::vector<IngestError> m_problems;
    std::vector<std::shared_ptr<StreamByteSource>> m_streams; // by FileId
    LatencyHistogram m_latency;
    std::uint64_t m_latencyFromTimestamps = 0, m_latencyFromChangeTime = 0;
};

} // namespace vigil
