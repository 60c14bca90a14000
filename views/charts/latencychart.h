#pragma once
// Latency per instance: p95 (bold), p50 and p99 (thin) lines in the instance's colour,
// for the instances and percentiles the user picked, with the p95 alert threshold drawn
// across, on a log axis: a 200 ms p50 and a 60 s p99 are both readable.

#include "brokenline.h"
#include "timechartview.h"

#include "models/metrics/chartdata.h"

#include <map>
#include <set>

namespace vigil {

class LatencyChart : public TimeChartView {
    Q_OBJECT
  public:
    explicit LatencyChart(QWidget* parent = nullptr);

    // Replaces every series' points in bulk; hides what is not picked.
    void setData(const ChartData& data, const std::set<InstanceId>& hiddenInstances,
                 const std::set<Percentile>& percentiles);
    void setP95Threshold(double seconds);

    // The line's first part (its name, pen and visibility); points() has all of its points.
    QLineSeries* series(InstanceId instance, Percentile p) const;
    const BrokenLine* line(InstanceId instance, Percentile p) const;
    InstanceId instanceOf(QXYSeries* series) const;

  Q_SIGNALS:
    void instanceClicked(InstanceId instance);

  protected:
    QString describe(QXYSeries* series, const QPointF& value) const override;
    void paletteChanged() override;

  private:
    struct Lines {
        QString name;
        std::array<BrokenLine, 3> byPercentile;
    };
    Lines& linesFor(InstanceId instance, const QString& name);
    static QList<QPointF> positive(const QList<QPointF>& points);

    std::map<InstanceId, Lines> m_lines;
};

} // namespace vigil
