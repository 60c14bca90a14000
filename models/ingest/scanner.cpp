#include "scanner.h"

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

FileId Scanner::registerSource(EntryStore& store, const DiscoveredFile& file) {
    SourceInfo info;
    info.root = file.root;
    info.relativePath = file.relativePath;
    info.absolutePath = file.absolutePath;
    info.defaultInstance = instanceFromPath(file.relativePath, file.root);
    info.device = file.device;
    info.inode = file.inode;
    return store.sources().add(std::move(info));
}

ScanOutcome Scanner::scan(const QStringList& roots, const ScanOptions& options) {
    QElapsedTimer timer;
    timer.start();
    ScanOutcome outcome;
    Discovery found = discoverLogFiles(roots);
    outcome.errors = std::move(found.errors);
    outcome.readableRoots = found.readableRoots;

    const std::size_t jobCount = found.files.size();
    for (const DiscoveredFile& f : found.files) {
        const FileId id = registerSource(m_store, f);
        outcome.files.push_back(id);
        outcome.tails.push_back(std::make_unique<FileTail>(id, f.absolutePath,
                                                           m_store.sources()[id].defaultInstance, f.gzip));
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
            m_store.append(m.batch);
            continue;
        }
        ++done;
        const FileTail& tail = *outcome.tails[m.job];
        SourceInfo& source = m_store.sources()[outcome.files[m.job]];
        source.bytes = tail.byteSource();
        if (!tail.error().isEmpty()) {
            source.error = tail.error();
            outcome.errors.push_back({source.absolutePath, tail.error()});
        }
        outcome.bytes += source.byteCount;
    }
    for (std::thread& t : workers) t.join();
    outcome.seconds = timer.nsecsElapsed() / 1e9;
    return outcome;
}

} // namespace vigil
