#pragma once
// Keeps the metrics and the alert engine of a deployment up to date with its live ingest:
// each appended range is counted on a worker (a MetricsDelta and AlertFacts over a store
// snapshot) and the results merged into the MetricsModel, then the AlertEngine, a few
// milliseconds per GUI-thread turn (merging costs per bucket and second, not per entry);
// holds evaluation back until the initial scan has delivered every file (files arrive one
// after another, not in time order), then evaluates the whole history once and afterwards
// each complete second as it arrives. The Workspace owns all three; the charts read the
// same metrics instead of counting the entries a second time. Without an executor (a test,
// a headless command) the counting runs on the calling thread, in slices.

#include "alertengine.h"

#include "../exec/executor.h"
#include "../ingest/liveingest.h"
#include "../metrics/metricsmodel.h"

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <vector>

namespace vigil {

class AlertMonitor : public QObject {
    Q_OBJECT
  public:
    // All must outlive the monitor; `executor` may be null.
    AlertMonitor(MetricsModel& metrics, AlertEngine& engine, Executor* executor = nullptr,
                 QObject* parent = nullptr);
    ~AlertMonitor() override;

    // Follows a (new) ingest: clears metrics, alerts and history of the previous one.
    void attach(LiveIngest* ingest);

    // Logs whose newest entry is older than this, once scanned, are history: their last
    // second is evaluated at once instead of waiting for a later entry.
    static constexpr std::int64_t kHistoricUs = 10LL * 1000000;
    // Live logs that pause: after this long without new entries, the newest second is
    // evaluated too (otherwise it would wait for the next entry).
    static constexpr int kQuietMs = 2000;
    // Appended entries are fed in slices of at most this long per GUI-thread event; the
    // rest waits for the next turn of the event loop.
    static constexpr int kDrainBudgetMs = 6;
    // While a query the user waits for runs, the turns wait this long instead: back to back,
    // they held one of two cores (the drain of 24 M entries' history takes seconds), and a
    // re-filter took 2-3 times the wall time it takes alone.
    static constexpr int kYieldToQueryMs = 20;
    static constexpr quint64 kSlice = 1024; // entries between looks at the clock, without executor
    // Entries a worker counts at most per task: a scan's results reach the charts as it goes.
    static constexpr quint64 kTaskEntries = 1u << 20;

    // Every appended entry is in the metrics and the engine (nothing counted nor merging).
    bool idle() const { return !m_task && m_pendingBegin >= m_pendingEnd; }
    // Entries counted on worker threads and merged so far (none without an executor).
    quint64 entriesCountedByWorkers() const { return m_workerEntries; }

  Q_SIGNALS:
    // Around the evaluation of everything the initial scan read: alerts raised in
    // between are history, not news.
    void catchUpStarted();
    void catchUpFinished();

  private:
    struct Task;
    void startTask();
    bool mergeTask(int budgetMs);
    void onAppended(quint64 first, quint64 end);
    void onScanFinished();
    void drain();
    // Each evaluates for at most budgetMs, then leaves the rest to the next turns.
    void finishScan(int budgetMs = kDrainBudgetMs);
    void continueCatchUp(int budgetMs = kDrainBudgetMs);

    MetricsModel& m_metrics;
    AlertEngine& m_engine;
    Executor* m_executor;
    std::shared_ptr<Task> m_task; // counting on a worker, or counted and merging
    std::vector<Executor::Ticket> m_tickets;
    quint64 m_workerEntries = 0;
    QPointer<LiveIngest> m_ingest;
    QTimer m_quiet;
    QTimer m_drain;
    quint64 m_pendingBegin = 0, m_pendingEnd = 0; // appended, not yet given to a task
    bool m_finishPending = false;                 // the scan finished before its entries were fed
    QList<QMetaObject::Connection> m_connections;
    bool m_scanDone = false;
    bool m_catchingUp = false; // evaluating what the scan read, a slice a turn
    bool m_catchUpAll = false; // ... its newest second too (the logs are history)
};

} // namespace vigil
