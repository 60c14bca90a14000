#pragma once
// One line per instance over time: either the error rate (errors over operations, in %,
// with the 5 % / 10 % alert thresholds) or the request rate (requests per second).

#include "brokenline.h"
#include "timechartview.h"

#include "models/metrics/chartdata.h"

#include <map>
#include <set>

namespace vigil {

class RateChart : public TimeChartView {
    Q_OBJECT
  public:
    enum class Kind { ErrorRate, RequestRate };
    explicit RateChart(Kind kind, QWidget* parent = nullptr);

    Kind kind() const { return m_kind; }
    void setData(const ChartData& data, const std::set<InstanceId>& hiddenInstances);
    // Error rate thresholds in percent.
    void setErrorThresholds(double warningPercent, double criticalPercent);

    // The line's first part; line() has all of it (error rate lines break over gaps).
    QLineSeries* series(InstanceId instance) const;
    const BrokenLine* line(InstanceId instance) const;

  Q_SIGNALS:
    void instanceClicked(InstanceId instance);

  protected:
    QString describe(QXYSeries* series, const QPointF& value) const override;
    void paletteChanged() override;

  private:
    Kind m_kind;
    std::map<InstanceId, BrokenLine> m_series;
};

} // namespace vigil
