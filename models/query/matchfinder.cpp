#include "matchfinder.h"

#include "../logtablemodel.h"

#include <QPointer>

#include <algorithm>

namespace vigil {

struct MatchFinder::Task {
    quint64 generation = 0;
    std::shared_ptr<const CompiledQuery> query;
    StoreSnapshot snapshot;
    TextAccess text;
    std::vector<EntryIndex> rows;
    std::shared_ptr<std::atomic<bool>> cancel;
    std::optional<std::vector<EntryIndex>> matches;
};

MatchFinder::MatchFinder(LogTableModel& table, Executor& executor, QObject* parent)
    : QObject(parent), m_table(table), m_executor(executor) {
    auto outdated = [this] { m_stale = true; };
    connect(&table, &QAbstractItemModel::modelReset, this, outdated);
    connect(&table, &QAbstractItemModel::rowsInserted, this, outdated);
    connect(&table, &QAbstractItemModel::rowsRemoved, this, outdated);
}

MatchFinder::~MatchFinder() {
    // Tasks hold their own copies; only wait so none outlives the store's byte sources.
    if (m_cancel) m_cancel->store(true);
    for (const Executor::Ticket& ticket : m_tickets)
        ticket.wait();
}

QString MatchFinder::setPattern(const QString& text, bool regex, bool caseSensitive) {
    m_text = text;
    m_matches.clear();
    m_query.reset();
    ++m_generation;
    if (m_cancel) m_cancel->store(true);
    m_stale = false;
    if (text.isEmpty()) return {};
    FilterSpec spec;
    spec.text = text.toStdString();
    spec.regex = regex;
    spec.caseSensitive = caseSensitive;
    QString error;
    m_query = CompiledQuery::compile(spec, m_table.store(), &error);
    if (!m_query) return error;
    start();
    return {};
}

void MatchFinder::refresh() {
    if (!m_query) return;
    ++m_generation;
    if (m_cancel) m_cancel->store(true);
    m_stale = false;
    start();
}

void MatchFinder::start() {
    auto task = std::make_shared<Task>();
    task->generation = m_generation;
    task->query = m_query;
    task->snapshot = m_table.store().snapshot();
    task->text = TextAccess::capture(m_table.store());
    task->rows = m_table.rows();
    task->cancel = m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    m_tickets.erase(std::remove_if(m_tickets.begin(), m_tickets.end(),
                                   [](const Executor::Ticket& t) { return t.done(); }),
                    m_tickets.end());
    QPointer<MatchFinder> self(this);
    Executor* executor = &m_executor;
    m_tickets.push_back(m_executor.start([self, task, executor] {
        task->matches =
            task->query->filter(task->snapshot, task->text, task->rows, executor, task->cancel.get());
        QMetaObject::invokeMethod(
            self.data(),
            [self, task] {
                if (!self || task->generation != self->m_generation) return;
                self->m_running = false;
                if (task->matches) self->m_matches = std::move(*task->matches);
                Q_EMIT self->finished();
            },
            Qt::QueuedConnection);
    }));
}

} // namespace vigil
