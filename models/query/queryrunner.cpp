#include "queryrunner.h"

#include "sparerows.h"

#include "../memory/touchpages.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>

#include <algorithm>

namespace vigil {

struct QueryRunner::Task {
    bool full = false;
    bool newFilter = false; // the first full run of a filter just set
    quint64 generation = 0;
    std::shared_ptr<const CompiledQuery> query;
    StoreSnapshot snapshot;
    TextAccess text;
    std::unique_ptr<TimeOrder> order;
    EntryIndex from{0}, end{0};
    std::shared_ptr<std::atomic<bool>> cancel;
    std::optional<std::vector<EntryIndex>> rows;
    FilterTally tally;
    double seconds = 0;
};

QueryRunner::QueryRunner(const EntryStore& store, Executor& executor, QObject* parent)
    : QObject(parent), m_store(store), m_executor(executor), m_order(std::make_unique<TimeOrder>()) {
    qRegisterMetaType<std::shared_ptr<std::vector<EntryIndex>>>();
    qRegisterMetaType<EntryIndex>();
    // Kept buffers serve the clicks of someone filtering; after a while without a query
    // their memory goes back.
    m_spareRelease.setSingleShot(true);
    m_spareRelease.setInterval(kSpareRowsKeptMs);
    connect(&m_spareRelease, &QTimer::timeout, this,
            [this] { m_executor.start([] { releaseSpareQueryBuffers(); }); });
    m_rest.setSingleShot(true);
    m_rest.setObjectName(QStringLiteral("queryRest")); // named for traces of the GUI thread's events
    m_spareRelease.setObjectName(QStringLiteral("querySpareRelease"));
    connect(&m_rest, &QTimer::timeout, this, &QueryRunner::startNext);
}

QueryRunner::~QueryRunner() {
    m_closing = true;
    // The owning model is being destroyed (its members declared after the runner are
    // gone already): a result delivered while waiting below would be written into them.
    blockSignals(true);
    if (m_cancel) m_cancel->store(true);
    waitForIdle();
}

void QueryRunner::setQuery(std::shared_ptr<const CompiledQuery> query) {
    m_query = std::move(query);
    ++m_generation;
    m_fullPending = true;
    m_newFilterPending = true;
    m_appendPending = false;
    if (m_running && m_cancel) m_cancel->store(true);
    startNext();
}

void QueryRunner::entriesAppended() {
    if (!m_query) return;
    m_appendPending = true;
    startNext();
}

void QueryRunner::rerun() {
    if (!m_query) return;
    m_fullPending = true;
    startNext();
}

void QueryRunner::waitForIdle() {
    // The task posts its result before its ticket completes: delivering posted events
    // then runs finished(), which may start the next task.
    while (m_running) {
        m_ticket.wait();
        QCoreApplication::sendPostedEvents(this);
    }
}

void QueryRunner::startNext() {
    if (m_running || m_closing || !m_query || !m_order) return;
    if (!m_fullPending && !(m_appendPending && m_store.endIndex().value > m_coveredEnd.value)) return;
    if (!m_newFilterPending && m_sinceFinish.isValid()) {
        const qint64 rest = std::min<qint64>(qint64(m_lastRunSeconds * 1000 * kRestPerBusy), kMaxRestMs) -
                            m_sinceFinish.elapsed();
        if (rest > 0) {
            if (!m_rest.isActive()) m_rest.start(int(rest));
            return;
        }
    }
    m_rest.stop();
    auto task = std::make_shared<Task>();
    task->full = m_fullPending;
    task->newFilter = m_fullPending && m_newFilterPending;
    if (task->full) m_newFilterPending = false;
    task->generation = m_generation;
    task->query = m_query;
    task->snapshot = m_store.snapshot();
    task->text = TextAccess::capture(m_store);
    task->order = std::move(m_order);
    task->from = task->full ? m_store.beginIndex()
                            : EntryIndex(std::max(m_coveredEnd.value, m_store.beginIndex().value));
    task->end = m_store.endIndex();
    task->cancel = m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_fullPending = m_appendPending = false;
    m_running = true;
    QPointer<QueryRunner> self(this);
    Executor* executor = &m_executor;
    m_ticket = m_executor.start([self, task, executor] {
        const Executor::UrgentHold urgent(*executor); // the user waits for these rows
        QElapsedTimer timer;
        timer.start();
        task->order->update(task->snapshot);
        if (task->full) {
            task->rows = task->query->filterInTimeOrder(task->snapshot, task->text, *task->order, executor,
                                                        task->cancel.get(), &task->tally);
        } else {
            std::vector<EntryIndex> fresh;
            fresh.reserve(task->end.value - task->from.value);
            for (std::uint64_t i = task->from.value; i < task->end.value; ++i)
                fresh.emplace_back(i);
            task->rows = task->query->filter(task->snapshot, task->text, fresh, executor, task->cancel.get(),
                                             &task->tally);
            if (task->rows) TimeOrder::sortByTime(task->snapshot, *task->rows);
        }
        // The room a full result keeps for the entries that follow is written by the window's
        // thread as they come: faulted in here, not there.
        if (task->full && task->rows) {
            faultInRoom(*task->rows);
            task->tally.makeRoomForMoreSeconds();
        }
        task->seconds = timer.nsecsElapsed() / 1e9;
        // The runner outlives its tasks (its destructor waits), so `self` is valid here.
        QMetaObject::invokeMethod(
            self.data(),
            [self, task] {
                if (self) self->finished(task);
            },
            Qt::QueuedConnection);
    });
}

void QueryRunner::finished(std::shared_ptr<Task> task) {
    m_order = std::move(task->order);
    m_running = false;
    m_lastRunSeconds = task->seconds;
    m_sinceFinish.start();
    std::shared_ptr<std::vector<EntryIndex>> spent; // rows no one shows any more
    if (task->generation == m_generation && task->rows) {
        auto rows = std::make_shared<std::vector<EntryIndex>>(std::move(*task->rows));
        m_coveredEnd = task->end;
        m_resultTally = std::move(task->tally);
        m_resultBegin = task->snapshot.beginIndex();
        if (task->full)
            Q_EMIT fullResult(task->generation, rows, task->end, task->seconds);
        else
            Q_EMIT appendedResult(task->generation, rows, task->from, task->end);
        spent = std::move(rows); // what the receiver swapped out: the rows it showed before
    } else if (task->rows) {
        spent = std::make_shared<std::vector<EntryIndex>>(std::move(*task->rows)); // outdated
    }
    // Spent rows can be hundreds of megabytes: a worker frees them, or keeps them for the
    // next result (sparerows.h) when a new filter replaced them, as the user clicking
    // between filters will want them again. Not when opening or following replaced them:
    // kept then, they added 5-8 bytes an entry to the memory a deployment takes after
    // opening.
    // Moved, not copied: with a copy, a worker quicker than this thread left the last
    // reference, and the freeing (11 ms for 2.3 M rows), here.
    if (spent && spent.use_count() == 1 && spent->capacity() >= SpareRows::kMinSize) {
        const bool keep = task->newFilter && task->generation == m_generation;
        m_executor.start([spent = std::move(spent), keep] {
            if (keep) SpareRows::give(std::move(*spent));
        });
    }
    m_spareRelease.start();
    task.reset();
    startNext();
}

} // namespace vigil
