#pragma once
// A deployment's files readied for search in the background once its first scan is done.
//
// A search reads files through mappings (ingest/filemapping.h), and the first search after
// opening took every page of every file into the page tables one fault at a time: at 5 GB,
// 57,000 faults and about 200 ms of CPU, which made the first search "timeout" 2× slower
// than the same search run again (965 against 747 ms of CPU). Done here at low priority,
// pausing while a query the user waits for runs, the first search finds the files mapped.
// Only when the files fit twice in memory, and never more than half of it, counted on the
// files as they are then (a log may have grown since it was read): pages not in the page
// cache would be read from disk, pushing out what the user reads.

#include "../exec/executor.h"

#include <atomic>
#include <memory>

namespace vigil {

class EntryStore;

class SearchWarmUp {
  public:
    explicit SearchWarmUp(Executor& executor) : m_executor(executor) {}
    ~SearchWarmUp(); // stops the work between files

    // Readies the store's files (call on the store's thread), once per call; a call while
    // work runs stops that work first.
    void start(const EntryStore& store);
    // Bytes readied by the last start(), once its work is done (tests).
    std::uint64_t readied() const { return m_readied ? m_readied->load() : 0; }
    void wait() const { m_ticket.wait(); }

  private:
    Executor& m_executor;
    Executor::Ticket m_ticket;
    std::shared_ptr<std::atomic<bool>> m_stop;
    std::shared_ptr<std::atomic<std::uint64_t>> m_readied;
};

} // namespace vigil
