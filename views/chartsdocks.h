#pragma once
// Puts the charts into a main window: the charts panel and the endpoint table in docks,
// the log-volume histogram above the log table. A panel reads one store, so opening
// other roots builds a new one; the metrics it reads are the alert monitor's, so charts
// and alerts see the same numbers.

#include "models/metrics/requestrules.h"

#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QScrollArea;
class QVBoxLayout;

namespace vigil {

class ChartsPanel;
class EndpointDock;
class EndpointTableModel;
class AlertEngine;
class EntryStore;
class LogTableModel;
class MetricsModel;
class VolumeChart;

class ChartsDocks : public QObject {
    Q_OBJECT
  public:
    // `volumeSlot`: the layout (above the log table) that receives the volume histogram.
    ChartsDocks(QMainWindow* window, QVBoxLayout* volumeSlot, int volumeIndex);

    // `table`: the histogram above it shows the rows it shows.
    void attach(const EntryStore& store, const MetricsModel& metrics, EndpointTableModel& endpoints,
                const LogTableModel* table = nullptr, const AlertEngine* alerts = nullptr);
    // Drops the charts of the current store (before that store goes away).
    void detach();
    void setThresholds(const ChartThresholds& thresholds);
    void addMenuActions(QMenu* menu);
    // Puts the docks where a first run has them: charts on the right; the alert list and
    // endpoints tabbed below the table, or beside the charts when the window is short.
    void placeDocks(QDockWidget* alertList);
    ChartsPanel* panel() const { return m_panel; }

  Q_SIGNALS:
    void timeRangeSelected(qint64 fromUs, qint64 toUs);
    void instanceClicked(const QString& instance);

  private:
    void tabifyEndpoints();

    QMainWindow* m_window;
    QVBoxLayout* m_volumeSlot;
    int m_volumeIndex;
    QDockWidget* m_chartsDock;
    QPointer<QDockWidget> m_listDock;
    QScrollArea* m_scroll;
    QPointer<ChartsPanel> m_panel;
    QPointer<EndpointDock> m_endpointDock;
    QPointer<VolumeChart> m_volume;
    QPointer<QAction> m_endpointsAction;
    ChartThresholds m_thresholds;
    bool m_endpointsVisible = true;
};

} // namespace vigil
