#include "scanner.h"

#include "processsetup.h"

#include <QElapsedTimer>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace vigil {

namespace {

// What a worker hands to the appending thread: a batch, or "this file is done".
struct WorkerMessage {
    EntryBatch batch;
    bool fileDone = false;
    std::size_t job = 0;
};

class MessageQueue {
public:
    void push(WorkerMessage&& m) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_items.push_back(std::move(m));
        }
        m_ready.notify_one();
    }
    WorkerMessage pop() {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_items.empty(); });
        WorkerMessage m = std::move(m_items.front());
        m_items.pop_front();
        return m;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<WorkerMessage> m_items;
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

ScanOutcome Scanner::scan(const QStringList& roots, const ScanOptions& options, const ScanSink& sink) {
    QElapsedTimer timer;
    timer.start();
    ScanOutcome outcome;
    Discovery found = discoverLogFiles(roots);
    outcome.errors = std::move(found.errors);
    outcome.readableRoots = found.readableRoots;

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
        outcome.tails.push_back(std::make_unique<FileTail>(id, f.absolutePath, m_sources[id].defaultInstance, f.gzip));
    }

    // Largest files first, so the last file to finish is a small one.
    std::vector<std::size_t> order(jobCount);
    for (std::size_t i = 0; i < jobCount; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return found.files[a].size > found.files[b].size;
    });

    MessageQueue queue;
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k; (k = next.fetch_add(1)) < jobCount;) {
            const std::size_t job = order[k];
            FileTail& tail = *outcome.tails[job];
            const BatchSink sink = [&](EntryBatch&& b) { queue.push({std::move(b), false, job}); };
            if (options.cancel && options.cancel->load()) {
                queue.push({EntryBatch(), true, job});
                continue;
            }
            if (tail.open() && tail.readAvailable(sink) && options.finishFiles) tail.finish(sink);
            queue.push({EntryBatch(), true, job});
        }
    };
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threadCount =
        std::min<std::size_t>(jobCount, options.threads > 0 ? static_cast<unsigned>(options.threads) : cores);
    std::vector<std::thread> workers;
    for (std::size_t i = 0; i < threadCount; ++i) workers.emplace_back(work);

    for (std::size_t done = 0; done < jobCount;) {
        WorkerMessage m = queue.pop();
        if (!m.fileDone) {
            outcome.bytes += m.batch.bytes;
            sink.batch(std::move(m.batch));
            continue;
        }
        ++done;
        const FileTail& tail = *outcome.tails[m.job];
        if (!tail.error().isEmpty()) outcome.errors.push_back({found.files[m.job].absolutePath, tail.error()});
        sink.fileRead(outcome.files[m.job], tail.byteSource(), tail.error());
    }
    for (std::thread& t : workers) t.join();
    releaseFreedMemory();
    outcome.seconds = timer.nsecsElapsed() / 1e9;
    return outcome;
}

} // namespace vigil

namespace vigil {

void recordFileRead(EntryStore& store, FileId file, std::shared_ptr<const ByteSource> bytes, const QString& error) {
    SourceInfo& source = store.sources()[file];
    source.bytes = std::move(bytes);
    source.error = error;
}

ScanOutcome scanInto(EntryStore& store, const QStringList& roots, const ScanOptions& options) {
    Scanner scanner(store.sources());
    ScanSink sink;
    sink.batch = [&store](EntryBatch&& batch) { store.append(batch); };
    sink.fileRead = [&store](FileId file, std::shared_ptr<const ByteSource> bytes, const QString& error) {
        recordFileRead(store, file, std::move(bytes), error);
    };
    return scanner.scan(roots, options, sink);
}

} // namespace vigil
