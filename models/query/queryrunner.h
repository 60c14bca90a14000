#pragma once
// Runs queries off the GUI thread, one at a time, on the executor given: a full run when
// the filter changes, and incremental runs over entries appended since the last result.
// Results come back on the store's thread as signals; results of an outdated filter are
// dropped. Owns the time order, which only the running task touches.

#include "../exec/executor.h"
#include "queryengine.h"
#include "timeorder.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace vigil {

class QueryRunner : public QObject {
    Q_OBJECT
  public:
    QueryRunner(const EntryStore& store, Executor& executor, QObject* parent = nullptr);
    ~QueryRunner() override;

    // Replaces the filter and starts a full run (cancelling a running one).
    void setQuery(std::shared_ptr<const CompiledQuery> query);
    // Entries were appended: queues an incremental run from the end of the last result.
    void entriesAppended();
    // Queues a full run of the current filter (its result replaces, not adds to, the rows):
    // cheaper for the GUI than merging many late entries into the rows it shows.
    void rerun();
    // Blocks until no task runs (tests, shutdown).
    void waitForIdle();

    // A run is under way, or waits for the runner's rest to end.
    bool busy() const { return m_running || m_rest.isActive(); }
    // The counts of the result being delivered (valid in slots of the two signals below):
    // level counts of its candidates and the per-second histogram of its rows.
    const FilterTally& resultTally() const { return m_resultTally; }
    FilterTally& resultTally() { return m_resultTally; } // a receiver may take it
    // The first entry the result's query could see: rows before it were evicted since.
    EntryIndex resultBegin() const { return m_resultBegin; }
    quint64 generation() const { return m_generation; }
    EntryIndex coveredEnd() const { return m_coveredEnd; }

  Q_SIGNALS:
    // A full result: every matching entry before `end`, in time order. Its one receiver may
    // take the rows (swap them out): tens of millions of rows are not copied on this thread.
    void fullResult(quint64 generation, std::shared_ptr<std::vector<EntryIndex>> rows, EntryIndex end,
                    double seconds);
    // The matching entries among [from, end), in time order.
    void appendedResult(quint64 generation, std::shared_ptr<std::vector<EntryIndex>> rows, EntryIndex from,
                        EntryIndex end);

  private:
    struct Task;
    void startNext();
    void finished(std::shared_ptr<Task> task);

    const EntryStore& m_store;
    Executor& m_executor;
    Executor::Ticket m_ticket; // of the running task
    std::shared_ptr<const CompiledQuery> m_query;
    std::unique_ptr<TimeOrder> m_order; // null while a task holds it
    quint64 m_generation = 0;
    EntryIndex m_coveredEnd{0};
    bool m_fullPending = false, m_appendPending = false, m_running = false, m_closing = false;
    bool m_newFilterPending = false; // setQuery() was called and its first full run not started
    std::shared_ptr<std::atomic<bool>> m_cancel;
    FilterTally m_resultTally;
    EntryIndex m_resultBegin{0};
    QTimer m_spareRelease; // frees the kept buffers (sparerows.h) when queries stop
    static constexpr int kSpareRowsKeptMs = 30000;
    // Runs that follow appended entries (not a filter just set) start only once the runner
    // has rested kRestPerBusy times as long as its last run took, at most kMaxRestMs: opening
    // 5 GB, back-to-back runs merged every batch into the time order, 5.2 s of CPU at the
    // window's own priority, and the window's thread waited for a core behind them.
    static constexpr double kRestPerBusy = 2.0;
    static constexpr int kMaxRestMs = 1000;
    QTimer m_rest;               // starts the next run when the rest is over
    QElapsedTimer m_sinceFinish; // since the last run finished
    double m_lastRunSeconds = 0;
};

} // namespace vigil
