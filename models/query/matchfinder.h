#pragma once
// Finds which of the table's rows contain a text (substring or regular expression) without
// filtering the others out: what "next match" (F3) steps through while every row stays in
// view, as in klogg's quick find. The rows' text is read on a pool thread, file by file
// (the query engine's search); results for outdated rows or patterns are dropped.
// Its tasks run on the executor given, which must outlive the finder.

#include "../exec/executor.h"
#include "queryengine.h"

#include <QObject>

#include <memory>
#include <vector>

namespace vigil {

class LogTableModel;

class MatchFinder : public QObject {
    Q_OBJECT
  public:
    MatchFinder(LogTableModel& table, Executor& executor, QObject* parent = nullptr);
    ~MatchFinder() override;

    // Starts finding the rows that match; returns a reason (and finds nothing) when the
    // regular expression is invalid. An empty text matches nothing.
    QString setPattern(const QString& text, bool regex, bool caseSensitive);
    QString text() const { return m_text; }
    // Runs again over the rows shown now (they changed since the last result).
    void refresh();

    // The last result is for the current pattern and rows.
    bool ready() const { return !m_running && !m_stale; }
    // Matching entries, in time order (the table's order).
    const std::vector<EntryIndex>& matches() const { return m_matches; }
    bool stale() const { return m_stale; }
    bool running() const { return m_running; }

  Q_SIGNALS:
    void finished();

  private:
    struct Task;
    void start();

    LogTableModel& m_table;
    QString m_text;
    std::shared_ptr<const CompiledQuery> m_query;
    std::vector<EntryIndex> m_matches;
    quint64 m_generation = 0;
    bool m_running = false, m_stale = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    Executor& m_executor;
    std::vector<Executor::Ticket> m_tickets; // waited for on destruction: none outlives the store
};

} // namespace vigil
