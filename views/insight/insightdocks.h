#pragma once
// Puts the incident answers into a main window as docks that tab with the alert list:
// "Patterns" (the message patterns, mined off the GUI thread as entries arrive), "What
// stands out" (the instances unlike their siblings over the charts' window, one sentence
// each, rechecked at most once a second) and "What changed" (two time ranges compared). Clicking a pattern or
// a sentence asks the window to filter its table. A store's docks are rebuilt when other roots open.

#include "models/insight/outlierdetector.h"
#include "models/insight/siblinggroups.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QDockWidget;
class QListWidget;
class QMainWindow;
class QMenu;

namespace vigil {

class Workspace;

class EntryStore;
class LiveIngest;
class DiffView;
class PatternListModel;
class PatternRunner;
class PatternsView;

class InsightDocks : public QObject {
    Q_OBJECT
  public:
    explicit InsightDocks(QMainWindow* window);
    ~InsightDocks() override;

    // `range`: the window the charts show now (the outliers are judged over it).
    void attach(Workspace& workspace, std::function<TimeRange()> range);
    void detach();
    // Tabs both docks with `beside` (the alert list), which stays in front.
    void placeDocks(QDockWidget* beside);
    void addMenuActions(QMenu* menu);
    // Pattern times in UTC or local time, as the table shows them.
    void setUtc(bool utc);

    QDockWidget* patternsDock() const { return m_patternsDock; }
    QDockWidget* standsOutDock() const { return m_standsOutDock; }
    QDockWidget* diffDock() const { return m_diffDock; }
    DiffView* diffView() const;
    // A range dragged on the histogram: what the diff compares with the time before it.
    void setSelectedRange(qint64 fromUs, qint64 toUs);
    const std::vector<Outlier>& outliers() const { return m_outliers; }
    // Per InstanceId, the sentences that make it stand out (empty: none).
    std::vector<QString> remarks() const;
    QStringList flaggedLabels() const;
    PatternRunner* patternRunner() const { return m_runner; }

  Q_SIGNALS:
    void patternChosen(const QString& regex);
    void instanceChosen(const QString& instance);
    // The outliers changed (remarks(): the sidebar's badges; flaggedLabels(): the charts').
    void outliersChanged();

  private:
    // How often the findings are computed again while entries arrive.
    static constexpr int kRecheckMs = 1000;

    void recheck();
    void showFindings();

    QMainWindow* m_window;
    // The window deletes its docks before this object: the widgets may be gone at the end.
    QPointer<QDockWidget> m_patternsDock, m_standsOutDock, m_diffDock;
    QPointer<DiffView> m_diff;
    QPointer<PatternsView> m_patterns;
    QPointer<QListWidget> m_standsOut;
    const EntryStore* m_store = nullptr;
    const MetricsModel* m_metrics = nullptr;
    std::function<TimeRange()> m_range;
    PatternRunner* m_runner = nullptr; // the attached workspace's
    PatternListModel* m_model = nullptr;
    QList<QMetaObject::Connection> m_connections;
    SiblingGroups m_siblings;
    std::vector<Outlier> m_outliers;
    QTimer m_recheck;
    QElapsedTimer m_lastFindings; // when the findings were last computed
    std::uint64_t m_seenRevision = 0;
    std::uint64_t m_siblingsEnd = 0;
    bool m_utc = false;
};

} // namespace vigil
