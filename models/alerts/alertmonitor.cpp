#include "alertmonitor.h"

#include "../metrics/metricsdelta.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <atomic>

namespace vigil {

struct AlertMonitor::Task {
    explicit Task(const MetricsModel& metrics) : delta(metrics) {}
    StoreSnapshot snapshot;
    TextAccess text;
    EntryIndex first{0}, end{0};
    MetricsDelta delta;
    AlertFacts facts;
    std::atomic<bool> counted{false};
    bool byWorker = false;
};

AlertMonitor::AlertMonitor(MetricsModel& metrics, AlertEngine& engine, Executor* executor, QObject* parent)
    : QObject(parent), m_metrics(metrics), m_engine(engine), m_executor(executor) {
    // Named for traces of the GUI thread's events.
    m_quiet.setObjectName(QStringLiteral("alertMonitorQuiet"));
    m_drain.setObjectName(QStringLiteral("alertMonitorDrain"));
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(kQuietMs);
    connect(&m_quiet, &QTimer::timeout, this, [this] {
        if (m_scanDone && !m_catchingUp && !m_task) m_engine.flush();
    });
    m_drain.setSingleShot(true);
    m_drain.setInterval(0);
    connect(&m_drain, &QTimer::timeout, this, &AlertMonitor::drain);
}

AlertMonitor::~AlertMonitor() {
    // A task holds its own snapshot and posts to this object only through a guarded
    // pointer, but the executor may be destroyed right after: let the tasks finish.
    for (const Executor::Ticket& t : m_tickets)
        t.wait();
}

void AlertMonitor::attach(LiveIngest* ingest) {
    for (const auto& c : m_connections)
        disconnect(c);
    m_connections.clear();
    m_quiet.stop();
    m_drain.stop();
    m_task.reset(); // a worker still counting delivers to nobody
    m_pendingBegin = m_pendingEnd = 0;
    m_finishPending = false;
    m_catchingUp = false;
    m_metrics.clear();
    m_engine.clear();
    m_ingest = ingest;
    m_scanDone = ingest && ingest->initialScanDone();
    if (!ingest) return;
    m_connections << connect(ingest, &LiveIngest::entriesAppended, this, &AlertMonitor::onAppended);
    m_connections << connect(ingest, &LiveIngest::initialScanFinished, this, &AlertMonitor::onScanFinished);
    const EntryStore& store = ingest->store();
    if (store.size() > 0) onAppended(store.beginIndex().value, store.endIndex().value);
}

void AlertMonitor::onAppended(quint64 first, quint64 end) {
    if (!m_ingest) return;
    // Appended ranges follow one another: extend the pending one.
    if (m_pendingBegin >= m_pendingEnd) m_pendingBegin = first;
    m_pendingEnd = std::max(m_pendingEnd, end);
    if (m_task) return; // taken up when the task in hand is merged
    // A worker is handed any range at once. Without one, a few entries (following) are fed
    // at once; more (a scan) in a turn of their own, so that this turn, which appended
    // them, stays short.
    if (m_executor || m_pendingEnd - m_pendingBegin <= kSlice)
        drain();
    else if (!m_drain.isActive())
        m_drain.start(0);
}

void AlertMonitor::startTask() {
    const EntryStore& store = m_ingest->store();
    auto task = std::make_shared<Task>(m_metrics);
    const std::uint64_t first = std::max<std::uint64_t>(m_pendingBegin, store.beginIndex().value);
    const std::uint64_t most = m_executor ? kTaskEntries : kSlice;
    task->first = EntryIndex(first);
    task->end =
        EntryIndex(std::max<std::uint64_t>(first, std::min<std::uint64_t>(m_pendingEnd, first + most)));
    m_pendingBegin = task->end.value;
    m_task = task;
    if (!m_executor) {
        task->delta.count(store, task->first, task->end);
        task->facts.collect(store, TextAccess::capture(store), task->first, task->end);
        task->counted = true;
        return;
    }
    task->snapshot = store.snapshot();
    task->text = TextAccess::capture(store);
    task->byWorker = true;
    QPointer<AlertMonitor> self(this);
    // One task runs at a time, but one dropped by attach() may still be finishing.
    m_tickets.erase(std::remove_if(m_tickets.begin(), m_tickets.end(),
                                   [](const Executor::Ticket& t) { return t.done(); }),
                    m_tickets.end());
    // The history a scan reads is caught up in idle time, so that the window opening it stays
    // smooth; what arrives while following is evaluated at once even on a busy machine.
    auto run = [self, task] {
        task->delta.count(task->snapshot, task->first, task->end);
        task->facts.collect(task->snapshot, task->text, task->first, task->end);
        task->snapshot = StoreSnapshot(); // segments evicted meanwhile can go
        task->counted = true;
        QMetaObject::invokeMethod(
            self.data(),
            [self, task] {
                if (self && self->m_task == task) self->drain();
            },
            Qt::QueuedConnection);
    };
    m_tickets.push_back(m_ingest->initialScanDone() ? m_executor->startInBackground(std::move(run))
                                                    : m_executor->startInIdleTime(std::move(run)));
}

bool AlertMonitor::mergeTask(int budgetMs) {
    QElapsedTimer clock;
    clock.start();
    if (!m_metrics.merge(m_task->delta, budgetMs)) return false;
    const int left = std::max<int>(1, budgetMs - int(clock.elapsed()));
    return m_engine.ingest(m_task->facts, m_ingest->store().instances(), left);
}

void AlertMonitor::drain() {
    if (!m_ingest) return;
    if (m_executor && m_executor->urgentWorkHeld()) {
        m_drain.start(kYieldToQueryMs);
        return;
    }
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        if (m_task) {
            if (!m_task->counted) return; // its worker calls back
            if (!mergeTask(std::max<int>(1, kDrainBudgetMs - int(clock.elapsed())))) {
                m_drain.start(0); // the rest in the next turns
                return;
            }
            if (m_task->byWorker) m_workerEntries += m_task->end.value - m_task->first.value;
            m_task.reset();
        }
        if (m_pendingBegin >= m_pendingEnd) break;
        if (clock.elapsed() >= kDrainBudgetMs) {
            m_drain.start(0);
            return;
        }
        startTask();
    }
    // What is left of this turn's budget: merging and catching up share one, rather than a
    // turn merging for its budget and then evaluating for another.
    const int left = kDrainBudgetMs - int(clock.elapsed());
    if ((m_finishPending || m_catchingUp) && left <= 0) {
        m_drain.start(0); // the evaluation in the next turn
        return;
    }
    if (m_finishPending) {
        m_finishPending = false;
        finishScan(left);
    } else if (m_catchingUp) {
        continueCatchUp(left);
    } else if (m_scanDone) {
        m_engine.evaluate();
        m_quiet.start();
    }
}

void AlertMonitor::onScanFinished() {
    if (!idle()) {
        m_finishPending = true; // once every scanned entry is fed
        return;
    }
    finishScan();
}

void AlertMonitor::finishScan(int budgetMs) {
    m_scanDone = true;
    const std::int64_t nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    m_catchUpAll = m_metrics.hasData() && m_metrics.lastTimeUs() < nowUs - kHistoricUs;
    m_catchingUp = true;
    Q_EMIT catchUpStarted();
    continueCatchUp(budgetMs);
}

void AlertMonitor::continueCatchUp(int budgetMs) {
    if (!m_engine.evaluateFor(budgetMs, m_catchUpAll)) {
        m_drain.start(0); // the rest in the next turns
        return;
    }
    m_catchingUp = false;
    if (!m_catchUpAll) m_quiet.start();
    Q_EMIT catchUpFinished();
}

} // namespace vigil
