#include "patternrunner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>

#include <algorithm>

namespace vigil {

struct PatternRunner::Task {
    StoreSnapshot snapshot;
    TextAccess text;
    std::unique_ptr<PatternIndex> index;
    EntryIndex from{0}, end{0};
    std::shared_ptr<std::atomic<bool>> cancel;
    std::vector<PatternRow> rows;
    std::size_t total = 0;
    double seconds = 0;
};

namespace {
// Keeps the most frequent and the newest rows, in their original (first met) order.
void keepShown(std::vector<PatternRow>& rows, std::size_t limit) {
    if (rows.size() <= limit) return;
    std::vector<std::size_t> byNew(rows.size()), byCount(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        byNew[i] = byCount[i] = i;
    const std::size_t half = limit / 2;
    std::nth_element(byNew.begin(), byNew.begin() + std::ptrdiff_t(half), byNew.end(),
                     [&](std::size_t a, std::size_t b) { return rows[a].firstUs > rows[b].firstUs; });
    std::stable_sort(byCount.begin(), byCount.end(),
                     [&](std::size_t a, std::size_t b) { return rows[a].count > rows[b].count; });
    std::vector<bool> keep(rows.size(), false);
    for (std::size_t i = 0; i < half; ++i)
        keep[byNew[i]] = true;
    // The rest by count, whether or not the newest already took some of the most frequent.
    std::size_t kept = half;
    for (std::size_t i = 0; i < byCount.size() && kept < limit; ++i)
        if (!keep[byCount[i]]) keep[byCount[i]] = true, ++kept;
    std::vector<PatternRow> out;
    out.reserve(limit);
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (keep[i]) out.push_back(std::move(rows[i]));
    rows.swap(out);
}
} // namespace

PatternRunner::PatternRunner(const EntryStore& store, Executor& executor, QObject* parent)
    : QObject(parent), m_store(store), m_executor(executor), m_index(std::make_unique<PatternIndex>()) {
    m_timer.setSingleShot(true);
    m_timer.setObjectName(QStringLiteral("patternRunner")); // named for traces of the GUI thread's events
    connect(&m_timer, &QTimer::timeout, this, &PatternRunner::startNext);
}

PatternRunner::~PatternRunner() {
    m_closing = true;
    blockSignals(true);
    if (m_cancel) m_cancel->store(true);
    waitForIdle();
}

void PatternRunner::entriesAppended() {
    // The first entries show at once; later ones wait for the interval.
    // start(ms) keeps ms as the interval: the constant is named each time, or one start(0)
    // would make every later run immediate.
    if (!m_timer.isActive()) m_timer.start(m_coveredEnd.value == 0 ? 0 : m_intervalMs);
}

void PatternRunner::waitForIdle() {
    // The task posts its result before its ticket completes.
    while (m_running) {
        m_ticket.wait();
        QCoreApplication::sendPostedEvents(this);
    }
}

void PatternRunner::startNext() {
    if (m_running || m_closing || !m_index) return;
    if (m_store.endIndex().value <= m_coveredEnd.value) return;
    auto task = std::make_shared<Task>();
    task->snapshot = m_store.snapshot();
    task->text = TextAccess::capture(m_store);
    task->index = std::move(m_index);
    task->from = EntryIndex(std::max(m_coveredEnd.value, m_store.beginIndex().value));
    task->end = m_store.endIndex();
    task->cancel = m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    QPointer<PatternRunner> self(this);
    // Catch-up work: the queries the user waits for and the window's thread go first.
    m_ticket = m_executor.startInIdleTime([self, task] {
        QElapsedTimer timer;
        timer.start();
        EntryIndex reached;
        task->index->add(task->snapshot, task->text, task->from, task->end, task->cancel.get(), &reached);
        task->end = reached;
        task->rows = task->index->rows();
        task->total = task->rows.size();
        keepShown(task->rows, kMaxShown);
        task->seconds = double(timer.nsecsElapsed()) / 1e9;
        // The runner outlives its tasks (its destructor waits), so `self` is valid here.
        QMetaObject::invokeMethod(
            self.data(),
            [self, task] {
                if (self) self->finished(task);
            },
            Qt::QueuedConnection);
    });
}

void PatternRunner::finished(std::shared_ptr<Task> task) {
    m_index = std::move(task->index);
    m_running = false;
    m_coveredEnd = task->end;
    m_lastSeconds = task->seconds;
    m_total = task->total;
    m_rows = std::make_shared<const std::vector<PatternRow>>(std::move(task->rows));
    Q_EMIT rowsChanged();
    if (m_store.endIndex().value > m_coveredEnd.value && !m_timer.isActive()) m_timer.start(m_intervalMs);
}

} // namespace vigil
