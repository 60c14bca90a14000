#pragma once
// Reads every log file below the roots, parsing files in parallel on worker threads and
// handing their batches, in arrival order, to a sink on the calling thread. Leaves a
// FileTail per file so follow mode can continue where the scan stopped.

#include "discovery.h"
#include "entryproducer.h"
#include "filetail.h"
#include "scanprogress.h"

#include "../store/entrystore.h"
#include "../store/ids.h"

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace vigil {

class Executor;

struct ScanOutcome {
    std::vector<FileId> files;
    std::vector<IngestError> errors;
    int readableRoots = 0;
    double seconds = 0;
    std::uint64_t bytes = 0;
    std::vector<std::unique_ptr<FileTail>>
        tails;                           // by position in `files` (producers' streams come last, without)
    std::size_t filesOpened = 0;         // files actually opened for reading
    std::vector<DiscoveredFile> skipped; // wholly older than the time window: not read
    bool stopped = false;                // cancelled: some files were not read (to their end)
    std::vector<std::unique_ptr<EntryProducer>> producers; // of the URL roots, to keep following
};

struct ScanOptions {
    int threads = 0;              // readers at most; 0: one per thread of the executor
    Executor* executor = nullptr; // runs the readers; none: the scan makes its own for the call
    bool finishFiles = true;      // commit partial last lines and open entries (false: follow will continue)
    const std::atomic<bool>* cancel = nullptr; // checked between files and between reads of a file
    std::int64_t sinceUs = kNoTime;            // files that cannot hold entries since then are skipped
    ScanProgress* progress = nullptr;          // updated as the scan goes
    ProducerFactory producers;                 // reads URL roots (loki://…); none: they are refused
    std::function<void(const QString&)> producerStatus; // what a producer is doing (optional)
    // Read beside a window: the readers yield to its thread (Executor::startReading).
    bool besideWindow = false;
    // Where the readers take their batches from, once the sink's thread has given them back
    // (batchrecycler.h); none: fresh ones.
    BatchRecycler* recycler = nullptr;
};

// Called on the thread that runs scan().
struct ScanSink {
    std::function<void(EntryBatch&&)> batch;
    // A file was read to its end (or failed: error not empty); its bytes stay readable through `bytes`.
    std::function<void(FileId, std::shared_ptr<const ByteSource> bytes, const QString& error)> fileRead;
    // Optional: the files were found, before any is read; the newest modification time
    // among them (nanoseconds since the epoch, 0 when there are none).
    std::function<void(std::int64_t newestModifiedNs)> discovered;
    // Optional: store segments made and touched on the reading threads (SegmentSupply), to
    // be appended into after the batch they came with. The appending thread then takes no
    // page fault for the columns: in `vigil scan` those were 7,000 of its faults at 200 MB.
    std::function<void(std::vector<std::shared_ptr<Segment>>&&)> freshSegments;
};

class Scanner {
  public:
    explicit Scanner(SourceTable& sources) : m_sources(sources) {}
    ScanOutcome scan(const QStringList& roots, const ScanOptions& options, const ScanSink& sink);

    // Registers a discovered file in the source table.
    static FileId registerSource(SourceTable& sources, const DiscoveredFile& file);

  private:
    void readProducers(const QStringList& roots, const ScanOptions& options, const ScanSink& sink,
                       ScanOutcome& outcome);
    SourceTable& m_sources;
};

// The headless case: scans straight into a store on the calling thread.
ScanOutcome scanInto(EntryStore& store, const QStringList& roots, const ScanOptions& options = {});

// Records in the store that a file was read: its byte source and any error.
void recordFileRead(EntryStore& store, FileId file, std::shared_ptr<const ByteSource> bytes,
                    const QString& error);

} // namespace vigil
