#pragma once
// Reads the roots off the GUI thread and appends what it reads to the store on the
// store's thread, in batches. The one entry point the UI uses for ingest, whatever the
// source. The reading thread queues what it has in one inbox, which the store's thread
// drains a few milliseconds at a time (one entriesAppended per turn): no turn of its event
// loop waits long however fast the files are read. After the initial scan it keeps
// following the roots (FollowEngine on the same thread): appends, rotation, new files and
// folders. It keeps the store within a retention limit by evicting the oldest entries (the
// counters keep them) and measures how long entries take from being written to being stored.

#include "../metrics/latencyhistogram.h"
#include "discovery.h"
#include "entryproducer.h"
#include "followengine.h"
#include "scanprogress.h"

#include "../store/entrystore.h"
#include "../store/ids.h"
#include "../store/retention.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

namespace vigil {

class Executor;
class StreamByteSource;

struct LiveIngestOptions {
    bool follow = true; // keep reading after the initial scan
    FollowOptions following;
    // What the store may hold (see Retention): a memory budget, 0 for the default share of
    // physical memory, and optionally a count of entries, 0 for none. Whole 65,536-entry
    // segments are evicted, oldest first, only beyond these.
    std::uint64_t memoryBudgetBytes = 0;
    std::uint64_t retainEntries = 0;
    // Hashes the duplicate detector remembers (WARNING and above are hashed); 0: half of
    // the entries the retention holds, at most 2 M (about 3 bytes per held entry).
    std::size_t duplicateWindow = 0;
    // Files that cannot hold entries of the last `windowSeconds` are not read (0: all).
    std::int64_t windowSeconds = 0;
    // Runs the initial scan's readers (none: the scan makes its own). Must outlive the ingest.
    Executor* executor = nullptr;
    // Reads URL roots (a remote log store); none: such roots are refused.
    ProducerFactory producers;
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
    // Longest the store's thread spends draining the inbox in one turn of its event loop.
    static constexpr int kDrainBudgetMs = 4;

    QStringList roots() const { return m_roots; }
    bool initialScanDone() const { return m_scanDone; }
    bool following() const { return m_following; }
    const std::vector<IngestError>& problems() const { return m_problems; }
    // While the initial scan runs: how far it has got (read by a timer), and since when.
    ScanProgressFigures scanProgress() const;
    double scanElapsedSeconds() const;
    // Stops the initial scan where it is: what was read stays in the store, nothing is
    // followed; initialScanFinished() follows with scanStopped() true.
    void stopScan();
    bool scanStopped() const { return m_scanStopped; }
    // Of the last initial scan: files opened, and files left out by the time window.
    std::size_t filesOpened() const { return m_filesOpened; }
    std::size_t filesSkipped() const { return m_filesSkipped; }
    // The start of the time window the files were chosen by (UTC µs; kNoTime: none).
    std::int64_t windowStartUs() const { return m_windowStartUs; }
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
    // A remote source says what it is doing or what went wrong ("rate limited, retrying in 2 s").
    void sourceStatus(const QString& text);

  private:
    struct Control;
    struct Inbox;
    void drainInbox(const std::shared_ptr<Inbox>& inbox, quint64 run);
    void appendBatch(const EntryBatch& batch);
    void announceAppended();
    void addStream(FileId file, std::shared_ptr<StreamByteSource> bytes);
    void addProblem(const IngestError& error);
    void recordLatency(const EntryBatch& batch);

    EntryStore& m_store;
    LiveIngestOptions m_options;
    Retention m_retention; // from m_options at open()
    QStringList m_roots;
    QThread* m_thread = nullptr;
    std::shared_ptr<Control> m_control;
    quint64 m_run = 0; // calls posted by an earlier open() are ignored
    bool m_scanDone = false;
    bool m_scanStopped = false;
    std::size_t m_filesOpened = 0, m_filesSkipped = 0;
    std::int64_t m_windowStartUs = kNoTime;
    std::int64_t m_openedAtNs = 0;
    bool m_following = false;
    std::vector<IngestError> m_problems;
    std::vector<std::shared_ptr<StreamByteSource>> m_streams; // by FileId
    std::uint64_t m_pendingFirst = 0, m_pendingEnd = 0;       // appended, not yet announced
    LatencyHistogram m_latency;
    std::uint64_t m_latencyFromTimestamps = 0, m_latencyFromChangeTime = 0;
};

} // namespace vigil
