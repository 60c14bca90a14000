#include "scanner.h"

#include "../exec/executor.h"
#include "processsetup.h"
#include "segmentsupply.h"
#include "timewindow.h"

#include "../store/retention.h"

#include <QElapsedTimer>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace vigil {

namespace {

// What a worker hands to the appending thread: a batch, or "this file is done".
struct WorkerMessage {
    EntryBatch batch;
    bool fileDone = false;
    std::size_t job = 0;
    std::vector<std::shared_ptr<Segment>> freshSegments; // for this batch and the next
};

// Readers wait while the appending thread has kMaxQueuedBatches batches still to hand on:
// the window appends slower than two readers parse, and with no bound the batches queued
// here and in the window's inbox grew to about 100 MB while 5 GB opened, all of it freed
// at the end (and returned to the system in one malloc_trim that held the arena lock the
// window's thread mallocs from for 95 ms). Bounded, the batches in flight stay within what
// the BatchRecycler keeps, and no batch memory is freed while a scan runs.
class MessageQueue {
  public:
    static constexpr std::size_t kMaxQueuedBatches = 4;

    void push(WorkerMessage&& m) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            // "File done" messages never wait: the appending thread counts them to finish.
            if (!m.fileDone) {
                m_room.wait(lock, [this] { return m_batches < kMaxQueuedBatches; });
                ++m_batches;
            }
            m_items.push_back(std::move(m));
        }
        m_ready.notify_one();
    }
    WorkerMessage pop() {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_items.empty(); });
        WorkerMessage m = std::move(m_items.front());
        m_items.pop_front();
        if (!m.fileDone) {
            --m_batches;
            lock.unlock();
            m_room.notify_one();
        }
        return m;
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_ready, m_room;
    std::deque<WorkerMessage> m_items;
    std::size_t m_batches = 0; // batch messages in m_items
};

} // namespace

FileId Scanner::registerSource(SourceTable& sources, const DiscoveredFile& file) {
    SourceInfo info;
    info.root = file.root;
    info.relativePath = file.relativePath;
    info.absolutePath = file.absolutePath;
    info.defaultInstance = instanceFromPath(file.relativePath, file.root);
    info.device = file.device;
    info.inode = file.inode;
    return sources.add(std::move(info));
}

void Scanner::readProducers(const QStringList& roots, const ScanOptions& options, const ScanSink& sink,
                            ScanOutcome& outcome) {
    for (const QString& root : roots) {
        if (options.cancel && options.cancel->load()) break;
        QString error;
        std::unique_ptr<EntryProducer> producer =
            options.producers ? options.producers(root, &error) : nullptr;
        if (!producer) {
            outcome.errors.push_back(
                {root, error.isEmpty() ? QStringLiteral("no reader for this kind of URL") : error});
            continue;
        }
        EntryProducer::Sink psink;
        psink.batch = [&](EntryBatch&& b) {
            if (options.progress) options.progress->addEntries(b.size());
            sink.batch(std::move(b));
        };
        psink.sourceAdded = [&](FileId id, std::shared_ptr<const ByteSource> bytes) {
            outcome.files.push_back(id); // after every file's, so files[i] still pairs with tails[i]
            sink.fileRead(id, std::move(bytes), QString());
        };
        psink.problem = [&](const IngestError& e) { outcome.errors.push_back(e); };
        psink.status = options.producerStatus;
        if (producer->readHistory(m_sources, options.sinceUs, options.cancel, options.progress, psink))
            ++outcome.readableRoots;
        if (options.finishFiles) producer->finish(); // its open entries too, as a file's
        outcome.bytes += producer->bytesRead();
        outcome.producers.push_back(std::move(producer));
    }
}

ScanOutcome Scanner::scan(const QStringList& roots, const ScanOptions& options, const ScanSink& sink) {
    QElapsedTimer timer;
    timer.start();
    ScanOutcome outcome;
    QStringList fileRoots, producerRoots;
    for (const QString& root : roots)
        (isProducerRoot(root) ? producerRoots : fileRoots) << root;
    Discovery found = discoverLogFiles(fileRoots);
    outcome.errors = std::move(found.errors);
    outcome.readableRoots = found.readableRoots;
    if (options.sinceUs != kNoTime) {
        auto old =
            std::stable_partition(found.files.begin(), found.files.end(), [&](const DiscoveredFile& f) {
                return mayHoldEntriesSince(f, options.sinceUs);
            });
        outcome.skipped.assign(std::make_move_iterator(old), std::make_move_iterator(found.files.end()));
        found.files.erase(old, found.files.end());
    }
    std::uint64_t totalBytes = 0;
    for (const DiscoveredFile& f : found.files)
        totalBytes += f.size;
    if (options.progress) options.progress->setListed(found.files.size(), totalBytes, outcome.skipped.size());

    if (sink.discovered) {
        std::int64_t newest = 0;
        for (const DiscoveredFile& f : found.files)
            newest = std::max(newest, f.modifiedNs);
        sink.discovered(newest);
    }
    const std::size_t jobCount = found.files.size();
    for (const DiscoveredFile& f : found.files) {
        const FileId id = registerSource(m_sources, f);
        outcome.files.push_back(id);
        outcome.tails.push_back(
            std::make_unique<FileTail>(id, f.absolutePath, m_sources[id].defaultInstance, f.gzip));
        outcome.tails.back()->setNativePath(f.nativePath);
        outcome.tails.back()->setRecycler(options.recycler);
    }

    // Largest files first, so the last file to finish is a small one.
    std::vector<std::size_t> order(jobCount);
    for (std::size_t i = 0; i < jobCount; ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return found.files[a].size > found.files[b].size; });

    MessageQueue queue;
    SegmentSupply segments(Segment::Touch::Map); // for `vigil scan`'s appending thread (scanner.h)
    std::mutex segmentOrder;
    std::atomic<std::size_t> next{0}, opened{0};
    auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    auto work = [&] {
        for (std::size_t k; (k = next.fetch_add(1)) < jobCount;) {
            const std::size_t job = order[k];
            FileTail& tail = *outcome.tails[job];
            const BatchSink batchSink = [&](EntryBatch&& b) {
                WorkerMessage m{std::move(b), false, job, {}};
                if (!sink.freshSegments) {
                    queue.push(std::move(m));
                    return;
                }
                // Segments are made and queued in one step: a batch queued ahead of the one
                // carrying the segment it fills would find none and allocate its own.
                std::lock_guard<std::mutex> inOrder(segmentOrder);
                m.freshSegments = segments.forBatch(m.batch.size());
                queue.push(std::move(m));
            };
            if (cancelled()) {
                queue.push({EntryBatch(), true, job, {}});
                continue;
            }
            opened.fetch_add(1);
            tail.setStopFlag(options.cancel);
            // Stopped halfway, what was read is committed: it stays usable.
            if (tail.open() && tail.readAvailable(batchSink) && (options.finishFiles || cancelled()))
                tail.finish(batchSink);
            queue.push({EntryBatch(), true, job, {}});
        }
        LineSplitter::dropThreadSpare();
    };
    std::optional<Executor> own;
    Executor& executor = options.executor ? *options.executor : own.emplace(options.threads);
    const std::size_t threadCount = std::min<std::size_t>(
        jobCount, options.threads > 0 ? std::size_t(options.threads) : std::size_t(executor.threadCount()));
    // This thread hands batches to the sink while the readers run: it takes no file itself.
    std::vector<Executor::Ticket> readers;
    for (std::size_t i = 0; i < threadCount; ++i)
        readers.push_back(options.besideWindow ? executor.startReading(work) : executor.start(work));

    // Bytes on disk credited to the progress per file: plain files as they are read, a .gz
    // (whose batches count decompressed bytes) when it is done.
    std::vector<std::uint64_t> credited(options.progress ? jobCount : 0);
    for (std::size_t done = 0; done < jobCount;) {
        WorkerMessage m = queue.pop();
        if (!m.fileDone) {
            outcome.bytes += m.batch.bytes;
            if (options.progress) {
                options.progress->addEntries(m.batch.size());
                const DiscoveredFile& f = found.files[m.job];
                if (!f.gzip) {
                    const std::uint64_t add =
                        std::min<std::uint64_t>(m.batch.bytes, f.size - credited[m.job]);
                    credited[m.job] += add;
                    options.progress->addBytes(add);
                }
            }
            if (!m.freshSegments.empty()) sink.freshSegments(std::move(m.freshSegments));
            sink.batch(std::move(m.batch));
            continue;
        }
        ++done;
        if (options.progress) {
            if (!cancelled()) options.progress->addBytes(found.files[m.job].size - credited[m.job]);
            options.progress->fileDone();
        }
        const FileTail& tail = *outcome.tails[m.job];
        if (!tail.error().isEmpty())
            outcome.errors.push_back({found.files[m.job].absolutePath, tail.error()});
        sink.fileRead(outcome.files[m.job], tail.byteSource(), tail.error());
    }
    for (const Executor::Ticket& reader : readers)
        reader.wait();
    if (options.recycler) options.recycler->release(); // the readers are done
    // Not beside the window: malloc_trim holds each malloc arena's lock while it returns the
    // arena's free pages, and the window's thread mallocs from one of them. Opening 5 GB, it
    // returned 97-128 MB in 95-106 ms, and the window's thread waited in malloc() for all of
    // it; the memory stays for the window's next allocations instead.
    if (!options.besideWindow) releaseFreedMemory();
    readProducers(producerRoots, options, sink, outcome);
    outcome.filesOpened = opened.load();
    outcome.stopped = cancelled();
    if (options.progress) options.progress->setFinished();
    outcome.seconds = timer.nsecsElapsed() / 1e9;
    return outcome;
}

} // namespace vigil

namespace vigil {

void recordFileRead(EntryStore& store, FileId file, std::shared_ptr<const ByteSource> bytes,
                    const QString& error) {
    SourceInfo& source = store.sources()[file];
    source.bytes = std::move(bytes);
    source.error = error;
}

ScanOutcome scanInto(EntryStore& store, const QStringList& roots, const ScanOptions& options) {
    Scanner scanner(store.sources());
    ScanSink sink;
    // The same memory limit as the window's: nothing is evicted below it.
    const Retention retention;
    BatchRecycler recycler;
    ScanOptions recycling = options;
    if (!recycling.recycler) recycling.recycler = &recycler;
    sink.batch = [&store, &retention, recycler = recycling.recycler](EntryBatch&& batch) {
        store.append(batch);
        retention.apply(store);
        recycler->give(std::move(batch));
    };
    sink.fileRead = [&store](FileId file, std::shared_ptr<const ByteSource> bytes, const QString& error) {
        recordFileRead(store, file, std::move(bytes), error);
    };
    sink.freshSegments = [&store](std::vector<std::shared_ptr<Segment>>&& segments) {
        for (auto& segment : segments)
            store.addSpareSegment(std::move(segment));
    };
    return scanner.scan(roots, recycling, sink);
}

} // namespace vigil
