#pragma once
// Keeps alert rules running over a live ingest: feeds each appended range to a
// MetricsModel and to the AlertEngine (in slices, so no GUI-thread event runs long), holds evaluation back
// until the initial scan has delivered every file (files arrive one after another, not in time order), then
// evaluates the whole history once and afterwards each complete second as it arrives.
// Owns the rules in force: a broken rules file leaves the last good ones running.
// The MetricsModel it feeds is public so charts can read the same buckets instead of
// counting the entries a second time.

#include "alertengine.h"
#include "rulesfile.h"

#include "../ingest/liveingest.h"
#include "../metrics/metricsmodel.h"

#include <QFileSystemWatcher>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace vigil {

class AlertMonitor : public QObject {
    Q_OBJECT
  public:
    explicit AlertMonitor(QObject* parent = nullptr);

    // Follows a (new) ingest: clears metrics, alerts and history of the previous one.
    void attach(LiveIngest* ingest);

    // Loads the rules file (created with the defaults when missing) and watches it, so
    // edits by hand apply when saved. On problems the rules in force stay and the
    // problems are returned (and announced).
    QStringList loadRules(const QString& path);
    // Applies rules edited elsewhere (the dialog saves them first).
    void setDocument(const RulesDocument& document);
    const RulesDocument& document() const { return m_document; }
    QString rulesPath() const { return m_rulesPath; }
    QStringList rulesProblems() const { return m_problems; }

    AlertEngine& engine() { return m_engine; }
    const MetricsModel& metrics() const { return m_metrics; }

    // Logs whose newest entry is older than this, once scanned, are history: their last
    // second is evaluated at once instead of waiting for a later entry.
    static constexpr std::int64_t kHistoricUs = 10LL * 1000000;
    // Live logs that pause: after this long without new entries, the newest second is
    // evaluated too (otherwise it would wait for the next entry).
    static constexpr int kQuietMs = 2000;
    // Appended entries are fed in slices of at most this long per GUI-thread event; the
    // rest waits for the next turn of the event loop.
    static constexpr int kDrainBudgetMs = 8;

  Q_SIGNALS:
    // Around the evaluation of everything the initial scan read: alerts raised in
    // between are history, not news.
    void catchUpStarted();
    void catchUpFinished();
    void rulesChanged();
    void rulesProblemsChanged(const QStringList& problems);

  private:
    void onAppended(quint64 first, quint64 end);
    void onScanFinished();
    void drain();
    void finishScan();

    MetricsModel m_metrics;
    AlertEngine m_engine;
    RulesDocument m_document;
    QString m_rulesPath;
    QStringList m_problems;
    QPointer<LiveIngest> m_ingest;
    QFileSystemWatcher m_watcher;
    QTimer m_reload; // editors write in several steps: read once they are done
    QTimer m_quiet;
    QTimer m_drain;
    quint64 m_pendingBegin = 0, m_pendingEnd = 0; // appended, not yet fed
    bool m_finishPending = false;                 // the scan finished before its entries were fed
    QList<QMetaObject::Connection> m_connections;
    bool m_scanDone = false;
};

} // namespace vigil
