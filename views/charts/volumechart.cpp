#include "volumechart.h"

#include "chartstyle.h"

#include <QAreaSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QResizeEvent>
#include <QValueAxis>

#include <algorithm>

namespace vigil {

VolumeChart::VolumeChart(QWidget* parent)
    : TimeChartView(tr("Log volume by level"), tr("entries"), YScale::Linear, parent) {
    setMinimumHeight(120);
    // Counts, whole up to a million: "%.3g" wrote a bar of 20,000 as "2e+04".
    if (auto* values = qobject_cast<QValueAxis*>(yAxis())) values->setLabelFormat(QStringLiteral("%.6g"));
    // Area series stay in software rendering: QtCharts has no OpenGL path for them. Each
    // band's lower edge is the band below's upper series (area series do not own their
    // lines), so one replace() per level moves both edges.
    m_baseline = new QLineSeries(this);
    QLineSeries* below = m_baseline;
    for (Level level : kVolumeStack) {
        const std::size_t i = std::size_t(level);
        m_upper[i] = new QLineSeries(this);
        auto* area = new QAreaSeries(m_upper[i], below);
        below = m_upper[i];
        const std::string_view name = levelName(level);
        area->setName(name.empty() ? tr("other") : QString::fromLatin1(name.data(), qsizetype(name.size())));
        attach(area);
        m_areas[i] = area;
    }
    paletteChanged();
}

void VolumeChart::resizeEvent(QResizeEvent* event) {
    // Squeezed above the table on a short window, the level key no longer fits and Qt elides
    // each entry to "…" (the axis's labels and title are fitted in timechartview.cpp). The
    // level buttons above it carry the same colours as the key.
    chart()->legend()->setVisible(event->size().height() >= 140);
    TimeChartView::resizeEvent(event);
}

void VolumeChart::paletteChanged() {
    for (Level level : kVolumeStack) {
        QAreaSeries* a = m_areas[std::size_t(level)];
        const QColor c = levelColor(level, dark());
        a->setBrush(c);
        QPen pen(c.darker(dark() ? 100 : 115));
        pen.setWidthF(0.8);
        pen.setCosmetic(true);
        a->setPen(pen);
    }
}

void VolumeChart::setData(const ChartData& data) {
    const std::int64_t r = data.volumeResolutionSeconds;
    if (r != m_resolutionSeconds) {
        m_resolutionSeconds = r;
        yAxis()->setTitleText(tr("entries / %1").arg(r < 60 ? tr("%1 s").arg(r) : tr("%1 min").arg(r / 60)));
    }
    const Level first = kVolumeStack[0];
    QList<QPointF> zero = data.volume[std::size_t(first)];
    for (QPointF& p : zero)
        p.setY(0);
    // Each band's edges: the baseline, then every level's upper line.
    std::array<QLineSeries*, kLevelCount + 1> edges{};
    std::array<const QList<QPointF>*, kLevelCount + 1> targets{};
    edges[0] = m_baseline;
    targets[0] = &zero;
    for (std::size_t k = 0; k < kLevelCount; ++k) {
        const std::size_t i = std::size_t(kVolumeStack[k]);
        edges[k + 1] = m_upper[i];
        targets[k + 1] = &data.volume[i];
    }
    // QtCharts rebuilds an edge's path and stroke on every axis change and every replace():
    // moving the time axis, replacing the points, then rescaling the y axis built each edge
    // three times per update. When an axis moves, every edge is emptied first and filled
    // once the axes stand; otherwise only the edges whose points changed are replaced.
    const bool axesMove = timeRangeMoves(data.range, data.growToTicks) || yMaximumMoves(data.maxVolume);
    std::array<bool, kLevelCount + 1> rebuild{};
    for (std::size_t k = 0; k < edges.size(); ++k) {
        rebuild[k] =
            axesMove ? edges[k]->count() > 0 || !targets[k]->isEmpty() : edges[k]->points() != *targets[k];
        if (rebuild[k] && edges[k]->count()) edges[k]->clear();
    }
    setTimeRange(data.range, data.growToTicks);
    setYMaximum(data.maxVolume);
    for (std::size_t k = 0; k < edges.size(); ++k)
        if (rebuild[k] && !targets[k]->isEmpty()) edges[k]->replace(*targets[k]);
    const QList<QPointF>* below = &zero;
    for (Level level : kVolumeStack) {
        const std::size_t i = std::size_t(level);
        m_volume[i] = data.volume[i];
        // A level with no entries in the window has no legend entry.
        bool any = false;
        for (int k = 0; k < data.volume[i].size() && k < below->size() && !any; ++k)
            any = data.volume[i][k].y() > (*below)[k].y();
        for (QLegendMarker* m : chart()->legend()->markers(m_areas[i]))
            m->setVisible(any);
        below = &data.volume[i];
    }
}

std::uint64_t VolumeChart::countAt(Level level, double x) const {
    const std::size_t i = std::size_t(level);
    const QList<QPointF>& upper = m_volume[i];
    // Points come in pairs (bucket start, bucket end); find the pair holding x.
    for (int k = 0; k + 1 < upper.size(); k += 2) {
        if (x < upper[k].x() || x >= upper[k + 1].x()) continue;
        double lowerValue = 0;
        const auto pos = std::find(std::begin(kVolumeStack), std::end(kVolumeStack), level);
        if (pos != std::begin(kVolumeStack)) lowerValue = m_volume[std::size_t(*std::prev(pos))][k].y();
        return std::uint64_t(upper[k].y() - lowerValue + 0.5);
    }
    return 0;
}

QString VolumeChart::describeAt(const QPointF& value) const {
    QStringList parts;
    std::uint64_t total = 0;
    for (Level level : kVolumeStack) {
        const std::uint64_t n = countAt(level, value.x());
        if (!n) continue;
        total += n;
        const std::string_view name = levelName(level);
        parts << QStringLiteral("%1 %2")
                     .arg(name.empty() ? tr("other")
                                       : QString::fromLatin1(name.data(), qsizetype(name.size())))
                     .arg(n);
    }
    if (!total) return {};
    return tr("%1 entries: %2\n%3").arg(total).arg(parts.join(QStringLiteral(", ")), formatTime(value.x()));
}

} // namespace vigil
