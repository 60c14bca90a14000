#pragma once
// Reads every log file below the roots into the store, parsing files in parallel on
// worker threads while the calling thread appends their batches. Leaves a FileTail per
// file so follow mode can continue where the scan stopped.

#include "discovery.h"
#include "filetail.h"

#include "../store/entrystore.h"

#include <memory>
#include <vector>

namespace vigil {

struct ScanOutcome {
    std::vector<FileId> files;
    std::vector<IngestError> errors;
    int readableRoots = 0;
    double seconds = 0;
    std::uint64_t bytes = 0;
    std::vector<std::unique_ptr<FileTail>> tails; // by position in `files`
};

struct ScanOptions {
    int threads = 0;        // 0: one per core
    bool finishFiles = true; // commit partial last lines and open entries (false: follow will continue)
};

class Scanner {
public:
    explicit Scanner(EntryStore& store) : m_store(store) {}
    ScanOutcome scan(const QStringList& roots, const ScanOptions& options = {});

    // Registers a discovered file in the store's source table.
    static FileId registerSource(EntryStore& store, const DiscoveredFile& file);

private:
    EntryStore& m_store;
};

} // namespace vigil
