#pragma once
// The charts an on-call engineer keeps open: latency, error rate, request rate and log
// volume for the chosen window, with the instance and percentile pickers, and the
// endpoint table model that follows the same window. It reads the MetricsModel (whoever
// owns the store feeds it: connect LiveIngest::entriesAppended to MetricsModel::ingest)
// and refreshes at most once a second, only when the metrics changed or a live window
// has to scroll. A drag on any chart emits timeRangeSelected; a click on an instance's
// line emits instanceClicked: the main window filters its table with them.

#include "models/metrics/chartdata.h"
#include "models/metrics/chartwindow.h"
#include "models/metrics/requestrules.h"
#include "models/store/entrystore.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <set>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QTimer;
class QToolButton;
class QVBoxLayout;

namespace vigil {

class AlertEngine;
class EndpointDock;
class EndpointTableModel;
class LogTableModel;
class InstancePicker;
class LatencyChart;
class RateChart;
class VolumeChart;

class ChartsPanel : public QWidget {
    Q_OBJECT
  public:
    // `endpoints` (over the same metrics) is refreshed for the chart window; it must outlive
    // the panel.
    ChartsPanel(const EntryStore& store, const MetricsModel& metrics, EndpointTableModel& endpoints,
                QWidget* parent = nullptr);
    ~ChartsPanel() override;

    ChartWindow window() const { return m_window; }
    void setWindow(ChartWindow window);
    void setThresholds(const ChartThresholds& thresholds);
    void setPercentiles(const std::set<Percentile>& percentiles);
    void setInstanceHidden(InstanceId instance, bool hidden);
    // Instances (labels) whose lines are drawn thicker: those that stand out.
    void setEmphasised(const QStringList& labels);
    // The volume histogram shows the rows this table shows (its filter's instances, search,
    // fields and time range), not every entry; redrawn when a new filter's rows arrive.
    void setVolumeRows(const LogTableModel* table);
    // Tooltips of the error-rate and latency lines name the alerts that covered the point,
    // with the values the tray and the alert list show.
    void setAlerts(const AlertEngine* engine);
    // The clock live windows follow (UTC epoch microseconds); tests and benchmarks set it.
    void setClock(std::function<std::int64_t()> nowUs);
    // On by default: the once-a-second refresh. Off, the owner calls refresh() itself
    // (a hidden panel, a benchmark timing each update).
    void setAutoRefresh(bool on);

    LatencyChart* latencyChart() const { return m_latency; }
    RateChart* errorRateChart() const { return m_errorRate; }
    RateChart* requestRateChart() const { return m_requestRate; }
    VolumeChart* volumeChart() const { return m_volume; }
    EndpointTableModel* endpointModel() const { return m_endpoints; }
    // Removes the volume histogram from the panel so the window can put it above the
    // log table; the panel keeps updating it.
    VolumeChart* detachVolumeChart();
    EndpointDock* createEndpointDock(QWidget* parent);

    const ChartData& data() const { return m_data; }
    // Time the last complete refresh spent on the GUI thread (all its steps), not counting
    // the repaints between them.
    double lastRefreshMs() const { return m_lastRefreshMs; }
    // The same in GUI-thread CPU time (where the platform measures it, else equal to the
    // above): unlike wall time it leaves out moments the machine ran other processes.
    double lastRefreshCpuMs() const { return m_lastRefreshCpuMs; }
    int refreshCount() const { return m_refreshes; }

  public Q_SLOTS:
    // Rebuilds every series now, in bulk.
    void refresh();
    // The same, one chart at a time over 160 ms (what the once-a-second timer does).
    void refreshStaggered();
    // Rebuilds the volume histogram alone (the table's filter changed).
    void refreshVolume();

  Q_SIGNALS:
    void timeRangeSelected(qint64 fromUs, qint64 toUs);
    void instanceClicked(const QString& instance);
    void refreshed();

  private:
    void tick();
    static constexpr int kSteps = 5; // chart data + latency, error rate, request rate, volume, table
    static constexpr int kStepSpacingMs = 40;
    void runStep(int step);
    void updateInstancePicker();
    void emitInstance(InstanceId id);
    QString windowCaption() const;

    const EntryStore& m_store;
    const MetricsModel& m_metrics;
    QPointer<const LogTableModel> m_table;
    ChartWindow m_window = ChartWindow::Minutes15;
    QStringList m_emphasised;
    ChartThresholds m_thresholds;
    std::set<Percentile> m_percentiles{Percentile::P50, Percentile::P95, Percentile::P99};
    std::set<InstanceId> m_hidden;
    std::function<std::int64_t()> m_now;

    QVBoxLayout* m_chartsLayout = nullptr;
    LatencyChart* m_latency;
    RateChart* m_errorRate;
    RateChart* m_requestRate;
    VolumeChart* m_volume;
    EndpointTableModel* m_endpoints;
    EndpointDock* m_endpointDock = nullptr;
    QButtonGroup* m_windowButtons;
    std::array<QCheckBox*, 3> m_percentileBoxes{};
    InstancePicker* m_instancePicker;
    QLabel* m_status;
    QTimer* m_timer;

    ChartData m_data;
    std::uint64_t m_shownRevision = UINT64_MAX;
    double m_lastRefreshMs = 0, m_stepMs = 0;
    double m_lastRefreshCpuMs = 0, m_stepCpuMs = 0;
    std::uint64_t m_generation = 0;
    int m_refreshes = 0;
};

} // namespace vigil
