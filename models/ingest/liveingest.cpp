#include "liveingest.h"

#include "fileclock.h"

#include "scanner.h"
#include "segmentsupply.h"
#include "streambytesource.h"

#include "../store/entryflags.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <sys/resource.h>

namespace vigil {

namespace {

constexpr std::size_t kMaxProblems = 1000;

// Following keeps a descriptor per file on disk plus recently deleted ones: use what the
// hard limit allows rather than the customary 1,024.
void raiseOpenFileLimit() {
    struct rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    const rlim_t wanted =
        limit.rlim_max == RLIM_INFINITY ? rlim_t(65536) : std::min<rlim_t>(limit.rlim_max, 65536);
    if (limit.rlim_cur >= wanted) return;
    limit.rlim_cur = wanted;
    setrlimit(RLIMIT_NOFILE, &limit);
}

} // namespace

// Shared with the ingest thread: how to stop it, and whether to finish first.
struct LiveIngest::Control {
    std::atomic<bool> cancel{false};
    std::atomic<bool> stopScan{false}; // also set by cancel: the scan checks this one
    ScanProgress progress;
    std::atomic<bool> finish{false};
};

// What the reading thread hands to the store's thread, in the order it happened: batches
// and calls (a file read, a scan finished) must not overtake one another.
//
// The store's thread frees none of the memory the reading thread allocated for the hand-off:
// freeing takes the lock of the malloc arena the memory came from, which the reading thread
// holds in its own mallocs (a store segment each 65,536 entries). Opening 5 GB, the window's
// thread waited in free() inside drainInbox 8 times, up to 6.6 ms (14 ms once at 1 GB), for
// a batch's box, a node of the queue or the list of its segments. Queued items go over in
// one vector, are drained in place, and go back to the reading thread as husks, which it
// frees on its next delivery.
struct LiveIngest::Inbox {
    struct Item {
        EntryBatch batch;                             // or
        std::function<void(LiveIngest&)> fn;          // a call
        std::vector<std::shared_ptr<Segment>> spares; // with a batch: segments the store will fill
        bool hasBatch() const { return !fn; }         // a batch may hold no entries
    };
    // Batches queued at most: the reading thread waits for room (the readers behind it wait
    // in turn, scanner.cpp), so that the batches in flight are the ones the recycler keeps.
    static constexpr std::size_t kMaxBatches = 4;
    // Beyond those, small batches up to this many entries in all. A followed file's batches
    // are a few entries each, one per file per look; held back behind four of them while the
    // store's thread is busy (a paint, a re-filter), the follower stopped looking, and a file
    // rotated away meanwhile (created, written and deleted in 200 ms) was never read.
    static constexpr std::size_t kSmallBatchEntries = 1024;
    static constexpr std::size_t kMaxQueuedEntries = 1 << 16;

    bool hasRoomFor(std::size_t entries) const {
        return batches < kMaxBatches ||
               (entries <= kSmallBatchEntries && queuedEntries + entries <= kMaxQueuedEntries);
    }

    std::mutex mutex;
    std::condition_variable room;  // a batch was taken
    std::vector<Item> items;       // queued by the reading thread
    std::vector<Item> spent;       // drained, for the reading thread to free
    std::size_t batches = 0;       // queued or taken items holding a batch, not yet appended
    std::size_t queuedEntries = 0; // entries in those batches
    bool drainPosted = false;      // a drain is queued on the store's thread
    BatchRecycler recycler;        // appended batches, back to the readers

    // The store's thread only: the items taken from `items`, drained from `next` on.
    std::vector<Item> taken;
    std::size_t next = 0;
};

LiveIngest::LiveIngest(EntryStore& store, QObject* parent) : LiveIngest(store, LiveIngestOptions(), parent) {}

LiveIngest::LiveIngest(EntryStore& store, const LiveIngestOptions& options, QObject* parent)
    : QObject(parent), m_store(store), m_options(options) {}

LiveIngest::~LiveIngest() {
    stop();
}

void LiveIngest::stop() {
    m_following = false;
    if (!m_thread) return;
    m_control->cancel.store(true);
    m_control->stopScan.store(true);
    m_thread->quit(); // ends the follow loop (or makes it return at once when not yet started)
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void LiveIngest::stopScan() {
    if (m_control && !m_scanDone) m_control->stopScan.store(true);
}

ScanProgressFigures LiveIngest::scanProgress() const {
    return m_control ? m_control->progress.figures() : ScanProgressFigures();
}

double LiveIngest::scanElapsedSeconds() const {
    return m_openedAtNs ? double(wallClockNanos() - m_openedAtNs) / 1e9 : 0;
}

void LiveIngest::finishFollowing() {
    if (!m_thread || !m_following) return;
    m_control->finish.store(true);
    m_thread->quit();
}

void LiveIngest::drainInbox(const std::shared_ptr<Inbox>& inbox, quint64 run) {
    QPointer<LiveIngest> self(this);
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        if (inbox->next == inbox->taken.size()) {
            std::lock_guard<std::mutex> lock(inbox->mutex);
            // The drained husks go back whole; the queue comes over in one swap.
            if (inbox->spent.empty()) {
                inbox->spent.swap(inbox->taken);
            } else {
                inbox->spent.insert(inbox->spent.end(), std::make_move_iterator(inbox->taken.begin()),
                                    std::make_move_iterator(inbox->taken.end()));
            }
            inbox->taken.clear(); // husks moved from: nothing left to free
            inbox->next = 0;
            if (inbox->items.empty()) {
                inbox->drainPosted = false;
                break;
            }
            inbox->taken.swap(inbox->items);
        }
        if (clock.elapsed() >= kDrainBudgetMs) {
            // The rest waits for the next turn: paints and timers go first.
            QMetaObject::invokeMethod(
                this,
                [self, inbox, run] {
                    if (self && self->m_run == run) self->drainInbox(inbox, run);
                },
                Qt::QueuedConnection);
            break;
        }
        Inbox::Item& item = inbox->taken[inbox->next++];
        if (item.hasBatch()) {
            {
                std::lock_guard<std::mutex> lock(inbox->mutex);
                --inbox->batches;
                inbox->queuedEntries -= item.batch.size();
            }
            inbox->room.notify_one();
            for (auto& segment : item.spares)
                m_store.addSpareSegment(std::move(segment)); // the list itself stays in the husk
            // Out of the husk first: appending emits signals, and a slot that handles events
            // could drain this inbox again.
            EntryBatch batch = std::move(item.batch);
            appendBatch(batch);
            // While the scan reads; a followed file's batches are a few entries each.
            if (!m_scanDone) inbox->recycler.give(std::move(batch));
            continue;
        }
        const std::function<void(LiveIngest&)> fn = std::move(item.fn);
        announceAppended(); // a call comes after the entries read before it
        fn(*this);
        if (!self || m_run != run) return;         // stopped or opened again from a slot
        if (m_scanDone) inbox->recycler.release(); // the readers are done
    }
    announceAppended();
}

void LiveIngest::announceAppended() {
    if (m_pendingEnd == m_pendingFirst) return;
    const std::uint64_t first = m_pendingFirst, end = m_pendingEnd;
    m_pendingFirst = m_pendingEnd = 0;
    Q_EMIT entriesAppended(first, end);
    if (m_retention.apply(m_store) > 0) {
        const std::uint64_t begin = m_store.beginIndex().value;
        for (const auto& stream : m_streams)
            if (stream) stream->releaseEvicted(begin);
        Q_EMIT entriesEvicted(begin);
    }
}

void LiveIngest::appendBatch(const EntryBatch& batch) {
    const EntryIndex first = m_store.append(batch);
    const std::uint64_t end = m_store.endIndex().value;
    if (batch.size() > 0) {
        if (m_pendingEnd == m_pendingFirst) m_pendingFirst = first.value;
        m_pendingEnd = end;
        if (batch.file.value < m_streams.size() && m_streams[batch.file.value])
            m_streams[batch.file.value]->noteStored(generationOf(batch.offset.front()), end - 1);
        if (batch.changeTimeUs != 0) recordLatency(batch);
    }
    if (!batch.newInstances.empty() || batch.size() == 0) Q_EMIT sourcesChanged();
}

void LiveIngest::recordLatency(const EntryBatch& batch) {
    const std::int64_t stored = wallClockNanos() / 1000;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const std::int64_t t = batch.timeUs[i];
        // A timestamp with a fraction of a second says when the entry was written; one in
        // whole seconds (or inherited from the entry above) says too little.
        const bool precise = t % 1000000 != 0 && !(batch.flags[i] & FlagInheritedTime) &&
                             stored - t > -1000000 && stored - t < 3600LL * 1000000;
        if (precise)
            ++m_latencyFromTimestamps;
        else
            ++m_latencyFromChangeTime;
        const std::int64_t micros = stored - (precise ? t : batch.changeTimeUs);
        m_latency.add(std::max<std::int64_t>(micros, 0) / 1e6); // a clock step back counts as zero
    }
}

LatencySummary LiveIngest::latency() const {
    LatencySummary s;
    s.entries = m_latency.count();
    s.fromTimestamps = m_latencyFromTimestamps;
    s.fromChangeTime = m_latencyFromChangeTime;
    if (!m_latency.empty()) {
        s.p50Ms = m_latency.quantileSeconds(0.50) * 1000;
        s.p99Ms = m_latency.quantileSeconds(0.99) * 1000;
        s.maxMs = m_latency.maxSeconds() * 1000;
    }
    return s;
}

void LiveIngest::addStream(FileId file, std::shared_ptr<StreamByteSource> bytes) {
    if (m_streams.size() <= file.value) m_streams.resize(file.value + 1);
    SourceInfo& source = m_store.sources()[file];
    // Entries the initial scan stored for it are generation 0: all before the current end.
    if (source.entries > 0) bytes->noteStored(0, m_store.endIndex().value - 1);
    source.bytes = bytes;
    m_streams[file.value] = std::move(bytes);
    Q_EMIT sourcesChanged();
}

void LiveIngest::addProblem(const IngestError& error) {
    for (const IngestError& p : m_problems)
        if (p.path == error.path && p.message == error.message) return;
    if (m_problems.size() >= kMaxProblems) m_problems.erase(m_problems.begin());
    m_problems.push_back(error);
    Q_EMIT problemsChanged();
}

void LiveIngest::open(const QStringList& roots) {
    stop();
    m_roots = roots;
    m_scanDone = false;
    m_scanStopped = false;
    m_filesOpened = m_filesSkipped = 0;
    m_openedAtNs = wallClockNanos();
    m_windowStartUs =
        m_options.windowSeconds > 0 ? m_openedAtNs / 1000 - m_options.windowSeconds * 1000000 : kNoTime;
    m_following = m_options.follow;
    m_streams.clear();
    m_pendingFirst = m_pendingEnd = 0;
    const quint64 run = ++m_run;
    const LiveIngestOptions options = m_options;
    if (options.follow) raiseOpenFileLimit();
    m_retention = Retention(options.memoryBudgetBytes, options.retainEntries);
    m_store.setDuplicateWindow(options.duplicateWindow > 0
                                   ? options.duplicateWindow
                                   : std::min<std::uint64_t>(m_retention.maxEntries() / 2, 2'000'000));
    m_store.setExecutor(options.executor);
    auto control = std::make_shared<Control>();
    m_control = control;
    QPointer<LiveIngest> self(this);
    auto inbox = std::make_shared<Inbox>();
    // Queues a batch or a call for the store's thread; one drain at a time is posted there,
    // and it does nothing when this object is gone or was opened again since.
    auto deliver = [this, self, run, inbox, control](Inbox::Item item) {
        std::vector<Inbox::Item> husks; // freed here, after the lock
        {
            // Only the queue under the lock: the store's thread takes it for every item, and
            // posting the drain allocates and writes to the event loop's descriptor.
            std::unique_lock<std::mutex> lock(inbox->mutex);
            husks.swap(inbox->spent);
            if (item.hasBatch()) {
                // Stopping never waits for a store's thread that no longer drains.
                while (!inbox->hasRoomFor(item.batch.size()) && !control->cancel.load())
                    inbox->room.wait_for(lock, std::chrono::milliseconds(50));
                ++inbox->batches;
                inbox->queuedEntries += item.batch.size();
            }
            inbox->items.push_back(std::move(item));
            if (inbox->drainPosted) return;
            inbox->drainPosted = true;
        }
        QMetaObject::invokeMethod(
            this,
            [self, inbox, run] {
                if (self && self->m_run == run) self->drainInbox(inbox, run);
            },
            Qt::QueuedConnection);
    };
    auto post = [deliver](std::function<void(LiveIngest&)> fn) {
        Inbox::Item item;
        item.fn = std::move(fn);
        deliver(std::move(item));
    };
    SourceTable& sources = m_store.sources();
    const std::int64_t sinceUs = m_windowStartUs;
    auto supply = std::make_shared<SegmentSupply>(Segment::Touch::Write); // for the window's thread
    m_thread = QThread::create([post, deliver, roots, options, control, sinceUs, &sources, supply, inbox] {
        ScanSink sink;
        sink.batch = [deliver, supply](EntryBatch&& b) {
            Inbox::Item item;
            item.spares = supply->forBatch(b.size());
            item.batch = std::move(b);
            deliver(std::move(item));
        };
        sink.fileRead = [post](FileId file, std::shared_ptr<const ByteSource> bytes, const QString& error) {
            post([file, bytes, error](LiveIngest& li) {
                recordFileRead(li.m_store, file, bytes, error);
                if (!error.isEmpty()) li.addProblem({li.m_store.sources()[file].absolutePath, error});
                Q_EMIT li.sourcesChanged();
            });
        };
        if (options.follow)
            sink.discovered = [post](std::int64_t newestNs) {
                const std::int64_t ageNs = wallClockNanos() - newestNs;
                if (newestNs > 0 && ageNs < std::int64_t(kRecentWriteSeconds) * 1000000000)
                    post([](LiveIngest& li) { Q_EMIT li.recentlyWrittenFound(); });
            };
        ScanOptions scanOptions;
        scanOptions.cancel = &control->stopScan;
        scanOptions.progress = &control->progress;
        scanOptions.sinceUs = sinceUs;
        scanOptions.executor = options.executor;
        scanOptions.finishFiles = !options.follow; // follow mode continues partial lines and open entries
        scanOptions.producers = options.producers;
        scanOptions.besideWindow = true;
        scanOptions.recycler = &inbox->recycler;
        EntryProducer::Sink producerSink;
        producerSink.batch = sink.batch;
        producerSink.sourceAdded = [post](FileId file, std::shared_ptr<const ByteSource> bytes) {
            post([file, bytes](LiveIngest& li) {
                recordFileRead(li.m_store, file, bytes, QString());
                Q_EMIT li.sourcesChanged();
            });
        };
        producerSink.problem = [post](const IngestError& e) {
            post([e](LiveIngest& li) { li.addProblem(e); });
        };
        producerSink.status = [post](const QString& text) {
            post([text](LiveIngest& li) { Q_EMIT li.sourceStatus(text); });
        };
        scanOptions.producerStatus = producerSink.status;
        ScanOutcome outcome = Scanner(sources).scan(roots, scanOptions, sink);
        if (control->cancel.load()) return;
        const bool stopped = outcome.stopped;

        std::unique_ptr<FollowEngine> engine;
        if (options.follow && !stopped) {
            FollowEngine::Sink engineSink;
            engineSink.batch = sink.batch;
            engineSink.sourceAdded = [post](FileId file, std::shared_ptr<StreamByteSource> bytes) {
                post([file, bytes](LiveIngest& li) { li.addStream(file, bytes); });
            };
            engineSink.generationEnded = [post](std::shared_ptr<StreamByteSource> bytes,
                                                std::uint32_t generation) {
                post([bytes, generation](LiveIngest&) { bytes->endGeneration(generation); });
            };
            engineSink.problem = [post](const IngestError& e) {
                post([e](LiveIngest& li) { li.addProblem(e); });
            };
            QStringList fileRoots; // the producers follow the others
            for (const QString& root : roots)
                if (!isProducerRoot(root)) fileRoots << root;
            engine = std::make_unique<FollowEngine>(sources, fileRoots, options.following, engineSink);
            engine->adoptScan(
                outcome); // quiet files' last entries are committed before the scan is announced
        }
        const std::vector<IngestError> discoveryErrors(outcome.errors.begin(), outcome.errors.end());
        const double seconds = outcome.seconds;
        const quint64 bytes = outcome.bytes;
        const std::size_t opened = outcome.filesOpened, skipped = outcome.skipped.size();
        post([discoveryErrors, seconds, bytes, stopped, opened, skipped](LiveIngest& li) {
            for (const IngestError& e : discoveryErrors)
                li.addProblem(e);
            li.m_scanDone = true;
            li.m_scanStopped = stopped;
            li.m_filesOpened = opened;
            li.m_filesSkipped = skipped;
            if (stopped) li.m_following = false;
            Q_EMIT li.initialScanFinished(seconds, bytes);
        });
        if (!engine) return;

        if (!control->finish.load()) {
            engine->startWatching();
            for (const auto& producer : outcome.producers)
                producer->startFollowing(producerSink);
            QEventLoop loop;
            loop.exec(); // until stop() or finishFollowing() quits this thread
        }
        if (control->cancel.load()) return;
        engine->finishAll();
        for (const auto& producer : outcome.producers)
            producer->finish();
        post([](LiveIngest& li) {
            li.m_following = false;
            Q_EMIT li.followingFinished();
        });
    });
    m_thread->setObjectName(QStringLiteral("vigil-ingest"));
    m_thread->start();
}

} // namespace vigil
