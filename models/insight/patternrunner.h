#pragma once
// Keeps a PatternIndex of a store up to date off the GUI thread: each run adds the entries
// appended since the last one, on the executor over a read-only snapshot, and
// hands back a copy of the rows. Runs are spaced (at most one per `interval`) so that a
// deployment written at thousands of entries a second costs a few updates a second.

#include "patternindex.h"

#include "../exec/executor.h"
#include "../store/entrystore.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace vigil {

using PatternRows = std::shared_ptr<const std::vector<PatternRow>>;

class PatternRunner : public QObject {
    Q_OBJECT
  public:
    // The executor must outlive the runner.
    PatternRunner(const EntryStore& store, Executor& executor, QObject* parent = nullptr);
    ~PatternRunner() override;

    // Entries were appended: a run follows within the interval.
    void entriesAppended();
    void setInterval(int ms) { m_intervalMs = ms; }
    // Blocks until no run is in progress (tests, shutdown).
    void waitForIdle();

    // At most kMaxShown rows: half the most frequent patterns, half the newest first seen,
    // so that one update stays a few milliseconds on the GUI thread whatever the logs hold.
    static constexpr std::size_t kMaxShown = 5000;
    const PatternRows& rows() const { return m_rows; }
    std::size_t totalPatterns() const { return m_total; }
    EntryIndex coveredEnd() const { return m_coveredEnd; }
    // Seconds the last run took on its worker.
    double lastRunSeconds() const { return m_lastSeconds; }

  Q_SIGNALS:
    void rowsChanged();

  private:
    struct Task;
    void startNext();
    void finished(std::shared_ptr<Task> task);

    const EntryStore& m_store;
    Executor& m_executor;
    Executor::Ticket m_ticket;             // of the running task
    std::unique_ptr<PatternIndex> m_index; // null while a task holds it
    PatternRows m_rows = std::make_shared<const std::vector<PatternRow>>();
    EntryIndex m_coveredEnd{0};
    int m_intervalMs = 500; // between runs while entries keep arriving
    QTimer m_timer;
    bool m_running = false, m_closing = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    double m_lastSeconds = 0;
    std::size_t m_total = 0;
};

} // namespace vigil
