#include "ratechart.h"

#include "chartstyle.h"

namespace vigil {

RateChart::RateChart(Kind kind, QWidget* parent)
    : TimeChartView(kind == Kind::ErrorRate ? tr("Error rate per instance (ERROR+ or 5xx, of operations)")
                                            : tr("Requests per second per instance"),
                    kind == Kind::ErrorRate ? tr("%") : tr("req/s"), YScale::Linear, parent),
      m_kind(kind) {
    connect(this, &TimeChartView::seriesClicked, this, [this](QXYSeries* s) {
        for (const auto& [id, line] : m_series)
            if (line.contains(s)) Q_EMIT instanceClicked(id);
    });
}

void RateChart::setErrorThresholds(double warningPercent, double criticalPercent) {
    setThresholds({ThresholdLine{warningPercent, tr("warning %1 %").arg(warningPercent), false},
                   ThresholdLine{criticalPercent, tr("critical %1 %").arg(criticalPercent), true}});
}

void RateChart::setData(const ChartData& data, const std::set<InstanceId>& hidden) {
    // Error rates exist only where there were operations: the line breaks over gaps.
    // Request rates drop to zero there instead (no requests is a rate of zero).
    const double stepMs = m_kind == Kind::ErrorRate ? double(data.resolutionSeconds) * 1000.0 * 1.5 : 0;
    double max = 0;
    for (const InstanceChartLines& in : data.instances)
        if (!hidden.count(in.instance))
            for (const QPointF& p : m_kind == Kind::ErrorRate ? in.errorRate : in.requestRate)
                max = std::max(max, p.y());
    const double yMax = m_kind == Kind::ErrorRate ? std::min(std::max(max, 1.0), 100.0) : max;
    const double cap = m_kind == Kind::ErrorRate ? 100.0 : 0.0;
    // Every axis move rebuilds every line: when one moves, the shown lines are emptied first
    // and rebuilt once, from their new points, after both axes stand.
    if (timeRangeMoves(data.range, data.growToTicks) || yMaximumMoves(yMax, cap))
        for (auto& [id, line] : m_series)
            if (!hidden.count(id)) line.emptyParts();
    setTimeRange(data.range, data.growToTicks);
    setYMaximum(yMax, cap);
    std::set<InstanceId> present;
    for (const InstanceChartLines& in : data.instances) {
        present.insert(in.instance);
        BrokenLine& s = m_series[in.instance];
        if (!s.first()) {
            s.setFirst(addLineSeries(in.name));
            QPen pen(instanceColor(in.instance, dark()));
            pen.setWidthF(1.6);
            pen.setCosmetic(true);
            s.setPen(pen);
        }
        const QList<QPointF>& points = m_kind == Kind::ErrorRate ? in.errorRate : in.requestRate;
        const bool visible = !hidden.count(in.instance);
        const QString name = in.name;
        if (visible)
            s.setPoints(points, stepMs, [this, name] {
                return addLineSeries(name);
            }); // hidden lines are refreshed when shown
        s.setVisible(visible);
    }
    for (auto& [id, s] : m_series)
        if (!present.count(id)) s.clear();
    showOnlyThresholdsInLegend();
}

QLineSeries* RateChart::series(InstanceId instance) const {
    const BrokenLine* l = line(instance);
    return l ? l->first() : nullptr;
}

const BrokenLine* RateChart::line(InstanceId instance) const {
    const auto it = m_series.find(instance);
    return it == m_series.end() ? nullptr : &it->second;
}

QString RateChart::describe(QXYSeries* series, const QPointF& value) const {
    // The chart's value is one bucket's; an alert's is over its rule's window: both are
    // labelled so that they are not mistaken for each other.
    const QString v = m_kind == Kind::ErrorRate ? tr("%1 % errors in this bucket").arg(value.y(), 0, 'f', 1)
                                                : tr("%1 req/s").arg(value.y(), 0, 'g', 4);
    QString text = tr("%1: %2\n%3 (click to filter)").arg(series->name(), v, formatTime(value.x()));
    for (const auto& [id, line] : m_series)
        if (line.contains(series))
            for (const QString& note : notesFor(id, value.x()))
                text += QLatin1Char('\n') + note;
    return text;
}

void RateChart::paletteChanged() {
    for (auto& [id, s] : m_series) {
        QPen pen = s.first()->pen();
        pen.setColor(instanceColor(id, dark()));
        s.setPen(pen);
    }
}

} // namespace vigil
