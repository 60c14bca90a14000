#pragma once
// The pipeline of one opened set of roots, everything below the UI: the live ingest, the
// store it fills, the metrics and the alert engine fed from the store, and the item models
// the views are handed. Opening other roots makes a new Workspace, so nothing of the
// previous roots lingers. Also measures the ingest rate and drops the rows of entries the
// ingest's retention evicted. The rules come from outside (the window's RulesSource).

// ingest ──► store ──► LogTableModel, InstanceModel        (views)
//                 └──► MetricsModel ──► AlertEngine ──► AlertListModel, tray
//                      (charts)

#include "alertlistmodel.h"
#include "alerts/alertengine.h"
#include "alerts/alertmonitor.h"
#include "bookmarkmodel.h"
#include "endpointtablemodel.h"
#include "ingest/liveingest.h"
#include "insight/patternlistmodel.h"
#include "insight/patternrunner.h"
#include "instancemodel.h"
#include "logtablemodel.h"
#include "metrics/metricsmodel.h"
#include "query/matchfinder.h"
#include "query/searchwarmup.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace vigil {

class Workspace : public QObject {
    Q_OBJECT
  public:
    // Background work runs on `executor`, which outlives the workspace (an export may
    // still be writing when other roots are opened).
    explicit Workspace(Executor& executor, QObject* parent = nullptr);
    ~Workspace() override;

    void open(const QStringList& roots);
    QStringList roots() const { return m_ingest->roots(); }

    Executor& executor() { return m_executor; }
    EntryStore& store() { return *m_store; }
    LiveIngest& ingest() { return *m_ingest; }
    LogTableModel& table() { return *m_table; }
    InstanceModel& instances() { return *m_instances; }
    const MetricsModel& metrics() const { return *m_metrics; }
    AlertEngine& alerts() { return *m_engine; }
    AlertMonitor& alertMonitor() { return *m_monitor; }
    AlertListModel& alertList() { return *m_alertList; }
    BookmarkModel& bookmarks() { return *m_bookmarks; }
    // Requests per endpoint over the charts' window (the charts refresh it).
    EndpointTableModel& endpoints() { return *m_endpoints; }
    MatchFinder& matchFinder() { return *m_finder; }
    // Message patterns, kept up to date as entries arrive.
    PatternRunner& patterns() { return *m_patterns; }
    PatternListModel& patternList() { return *m_patternList; }
    // The rules the alert engine evaluates (the defaults until set).
    void setAlertRules(std::vector<AlertRule> rules) { m_engine->setRules(std::move(rules)); }

    // Entries per second appended over the last measurement second.
    double ingestRate() const { return m_rate; }
    // The newest entry time seen (epoch µs), for "last N minutes" ranges.
    std::int64_t newestTimeUs() const { return m_newestUs; }
    // The most entries kept in memory below the memory budget (see Retention); older ones
    // are evicted (counters keep them). Takes effect at the next open().
    void setMaxEntries(std::uint64_t n);

  Q_SIGNALS:
    // Coalesced (at most every 250 ms): counts, instances and rate changed.
    void countsChanged();

  private:
    void onAppended(quint64 first, quint64 end);
    void checkEvicted();

    Executor& m_executor;
    std::unique_ptr<EntryStore> m_store;
    std::unique_ptr<LiveIngest> m_ingest;
    std::unique_ptr<LogTableModel> m_table;
    std::unique_ptr<InstanceModel> m_instances;
    std::unique_ptr<MetricsModel> m_metrics;
    std::unique_ptr<AlertEngine> m_engine; // reads m_metrics
    std::unique_ptr<AlertMonitor> m_monitor;
    std::unique_ptr<AlertListModel> m_alertList;
    std::unique_ptr<BookmarkModel> m_bookmarks;
    std::unique_ptr<EndpointTableModel> m_endpoints;
    std::unique_ptr<MatchFinder> m_finder;
    std::unique_ptr<PatternRunner> m_patterns;
    std::unique_ptr<PatternListModel> m_patternList;
    SearchWarmUp m_searchWarmUp; // once a scan is done, its files readied for the first search
    QTimer m_countsTimer, m_rateTimer;
    std::uint64_t m_rateBase = 0;
    double m_rate = 0;
    std::int64_t m_newestUs = kNoTime;
    std::uint64_t m_seenBegin = 0;
};

} // namespace vigil
