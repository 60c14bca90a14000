#pragma once
// Log volume over time, all instances together, stacked by level (errors at the bottom)
// as a step histogram, in the style of lnav's and Grafana's histograms. Meant to sit
// above the log table; a drag across it selects the time range the table shows.

#include "timechartview.h"

#include "models/metrics/chartdata.h"

#include <array>

class QAreaSeries;

namespace vigil {

class VolumeChart : public TimeChartView {
    Q_OBJECT
  public:
    explicit VolumeChart(QWidget* parent = nullptr);

    void setData(const ChartData& data);

    QAreaSeries* area(Level level) const { return m_areas[std::size_t(level)]; }
    // Entries of a level in the bucket containing time x (ms since epoch).
    std::uint64_t countAt(Level level, double x) const;

  protected:
    QString describeAt(const QPointF& value) const override;
    void resizeEvent(QResizeEvent* event) override;
    void paletteChanged() override;

  private:
    std::array<QAreaSeries*, kLevelCount> m_areas{};
    std::array<QLineSeries*, kLevelCount> m_upper{};
    QLineSeries* m_baseline = nullptr;                // zero line under the first band
    std::array<QList<QPointF>, kLevelCount> m_volume; // as last set, for the tooltip
    std::int64_t m_resolutionSeconds = 0;             // of the bars shown; 0 before the first data
};

} // namespace vigil
