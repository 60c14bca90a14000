#include "latencychart.h"

#include "chartstyle.h"

#include <QLegend>
#include <QLegendMarker>

#include <limits>

namespace vigil {

LatencyChart::LatencyChart(QWidget* parent)
    : TimeChartView(tr("Latency per instance (p95 bold; p50 below and p99 above it, thin)"),
                    tr("seconds (log)"), YScale::Log, parent) {
    connect(this, &TimeChartView::seriesClicked, this, [this](QXYSeries* s) {
        const InstanceId id = instanceOf(s);
        if (id.value != UINT32_MAX) Q_EMIT instanceClicked(id);
    });
}

void LatencyChart::setP95Threshold(double seconds) {
    setThresholds({ThresholdLine{seconds, tr("p95 alert %1 s").arg(seconds), true}});
}

// A log axis cannot show 0: a zero latency (a cached reply) sits on the axis floor.
QList<QPointF> LatencyChart::positive(const QList<QPointF>& points) {
    constexpr double kFloor = 1e-6;
    bool clean = true;
    for (const QPointF& p : points)
        clean = clean && p.y() >= kFloor;
    if (clean) return points; // shared, no copy
    QList<QPointF> out = points;
    for (QPointF& p : out)
        p.setY(std::max(p.y(), kFloor));
    return out;
}

LatencyChart::Lines& LatencyChart::linesFor(InstanceId instance, const QString& name) {
    auto it = m_lines.find(instance);
    if (it != m_lines.end()) return it->second;
    Lines& lines = m_lines[instance];
    lines.name = name;
    const QColor color = instanceColor(instance, dark());
    for (Percentile p : kPercentiles) {
        QLineSeries* s = addLineSeries(QStringLiteral("%1 %2").arg(name, percentileName(p)));
        s->setPen(percentilePen(p, color));
        lines.byPercentile[std::size_t(p)].setFirst(s);
    }
    return lines;
}

void LatencyChart::setData(const ChartData& data, const std::set<InstanceId>& hidden,
                           const std::set<Percentile>& percentiles) {
    const double stepMs = double(data.resolutionSeconds) * 1000.0 * 1.5;
    double max = 0, min = std::numeric_limits<double>::infinity();
    for (const InstanceChartLines& in : data.instances) {
        if (hidden.count(in.instance)) continue;
        for (Percentile p : kPercentiles) {
            if (!percentiles.count(p)) continue;
            for (const QPointF& pt : in.latency[std::size_t(p)]) {
                max = std::max(max, pt.y());
                if (pt.y() > 0) min = std::min(min, pt.y());
            }
        }
    }
    // Every axis move rebuilds every line: when one moves, the shown lines are emptied first
    // and rebuilt once, from their new points, after both axes stand.
    if (timeRangeMoves(data.range, data.growToTicks) || yLogRangeMoves(min, max))
        for (auto& [id, lines] : m_lines)
            if (!hidden.count(id))
                for (Percentile p : kPercentiles)
                    if (percentiles.count(p)) lines.byPercentile[std::size_t(p)].emptyParts();
    setTimeRange(data.range, data.growToTicks);
    setYLogRange(min, max);
    std::set<InstanceId> present;
    for (const InstanceChartLines& in : data.instances) {
        present.insert(in.instance);
        Lines& lines = linesFor(in.instance, in.name);
        const bool shown = !hidden.count(in.instance);
        for (Percentile p : kPercentiles) {
            BrokenLine& s = lines.byPercentile[std::size_t(p)];
            const bool visible = shown && percentiles.count(p);
            // Hidden lines keep their old points until shown: replacing costs even unseen.
            // A bucket without timed requests breaks the line.
            if (visible) {
                const QString name = s.first()->name();
                s.setPoints(positive(in.latency[std::size_t(p)]), stepMs,
                            [this, name] { return addLineSeries(name); });
            }
            s.setVisible(visible);
        }
    }
    for (auto& [id, lines] : m_lines) {
        if (present.count(id)) continue;
        for (BrokenLine& s : lines.byPercentile)
            s.clear();
    }
    showOnlyThresholdsInLegend(); // markers follow series visibility: hide them again
}

QLineSeries* LatencyChart::series(InstanceId instance, Percentile p) const {
    const BrokenLine* l = line(instance, p);
    return l ? l->first() : nullptr;
}

const BrokenLine* LatencyChart::line(InstanceId instance, Percentile p) const {
    const auto it = m_lines.find(instance);
    return it == m_lines.end() ? nullptr : &it->second.byPercentile[std::size_t(p)];
}

InstanceId LatencyChart::instanceOf(QXYSeries* series) const {
    for (const auto& [id, lines] : m_lines)
        for (const BrokenLine& s : lines.byPercentile)
            if (s.contains(series)) return id;
    return InstanceId(UINT32_MAX);
}

QString LatencyChart::describe(QXYSeries* series, const QPointF& value) const {
    const double v = value.y();
    const QString shown =
        v < 1 ? tr("%1 ms").arg(v * 1000, 0, 'f', v < 0.01 ? 2 : 0) : tr("%1 s").arg(v, 0, 'f', 3);
    QString text =
        tr("%1: %2 in this bucket\n%3 (click to filter)").arg(series->name(), shown, formatTime(value.x()));
    const InstanceId id = instanceOf(series);
    if (id.value != UINT32_MAX)
        for (const QString& note : notesFor(id, value.x()))
            text += QLatin1Char('\n') + note;
    return text;
}

void LatencyChart::paletteChanged() {
    for (auto& [id, lines] : m_lines)
        for (Percentile p : kPercentiles)
            lines.byPercentile[std::size_t(p)].setPen(percentilePen(p, instanceColor(id, dark())));
}

} // namespace vigil
