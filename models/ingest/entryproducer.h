#pragma once
// A source that is not a folder of files, such as a remote log store: it registers its own
// sources (one per stream), hands entry batches to the same sink the file scanner feeds, and
// gives each entry's text back through a ByteSource. The scanner reads its history; follow
// mode then keeps it delivering. Everything above the store sees files and producers alike.
// A root naming one is a URL ("loki://host:3100?..."): the ingest asks a factory it is
// given for the producer, so models/ never links a network library.

#include "discovery.h"
#include "scanprogress.h"

#include "../store/entrybatch.h"
#include "../store/sourcetable.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace vigil {

class EntryProducer {
  public:
    struct Sink {
        std::function<void(EntryBatch&&)> batch;
        // A source (stream) was registered; its bytes stay readable through `bytes`.
        std::function<void(FileId, std::shared_ptr<const ByteSource> bytes)> sourceAdded;
        std::function<void(const IngestError&)> problem;
        // What it is doing, in a few words ("page 3, 15,000 entries"; "rate limited, retrying in 2 s").
        std::function<void(const QString&)> status;
    };

    virtual ~EntryProducer() = default;

    // Reads everything since `sinceUs` up to now, running its own event loop on the calling
    // thread until done, failed or `cancel` is set. False when nothing could be read
    // (unreachable, refused): the reason went to sink.problem.
    virtual bool readHistory(SourceTable& sources, std::int64_t sinceUs, const std::atomic<bool>* cancel,
                             ScanProgress* progress, const Sink& sink) = 0;
    // Follow mode: from now on delivers new entries through `sink` from the calling thread's
    // event loop, reconnecting as needed, until destroyed.
    virtual void startFollowing(const Sink& sink) = 0;
    // Commits entries still open (a traceback may continue) into a last batch.
    virtual void finish() = 0;
    // Bytes of entry text read so far.
    virtual std::uint64_t bytesRead() const = 0;
};

// Makes the producer for a root URL; nullptr with `error` set when the URL is not understood.
using ProducerFactory = std::function<std::unique_ptr<EntryProducer>(const QString& root, QString* error)>;

// A root that names a producer rather than a folder or file: "scheme://…".
bool isProducerRoot(const QString& root);

} // namespace vigil
