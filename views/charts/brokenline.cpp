#include "brokenline.h"

#include <algorithm>

namespace vigil {

bool BrokenLine::contains(const QXYSeries* series) const {
    return std::find(m_parts.begin(), m_parts.end(), series) != m_parts.end();
}

void BrokenLine::setPoints(const QList<QPointF>& points, double maxStepMs,
                           const std::function<QLineSeries*()>& makePart) {
    std::vector<std::pair<qsizetype, qsizetype>> runs; // [from, to)
    qsizetype from = 0;
    for (qsizetype k = 1; k < points.size(); ++k)
        if (maxStepMs > 0 && points[k].x() - points[k - 1].x() > maxStepMs) {
            runs.emplace_back(from, k);
            from = k;
        }
    runs.emplace_back(from, points.size());
    while (m_parts.size() < runs.size()) {
        QLineSeries* part = makePart();
        part->setPen(m_parts.front()->pen());
        m_parts.push_back(part);
    }
    m_used = int(runs.size());
    for (std::size_t k = 0; k < m_parts.size(); ++k) {
        QLineSeries* part = m_parts[k];
        if (k >= runs.size()) {
            if (part->count()) part->clear();
            part->setVisible(false);
            continue;
        }
        const QList<QPointF> run =
            runs.size() == 1 ? points : points.mid(runs[k].first, runs[k].second - runs[k].first);
        if (part->points() != run) part->replace(run);
        // A lone bucket between gaps is a dot, not nothing.
        part->setPointsVisible(run.size() == 1);
        part->setVisible(m_visible);
    }
}

QList<QPointF> BrokenLine::points() const {
    QList<QPointF> out;
    for (int k = 0; k < m_used && k < int(m_parts.size()); ++k)
        out += m_parts[std::size_t(k)]->points();
    return out;
}

void BrokenLine::setVisible(bool visible) {
    m_visible = visible;
    for (int k = 0; k < int(m_parts.size()); ++k)
        m_parts[std::size_t(k)]->setVisible(visible && k < m_used);
}

void BrokenLine::setPen(const QPen& pen) {
    for (QLineSeries* part : m_parts)
        part->setPen(pen);
}

void BrokenLine::emptyParts() {
    for (QLineSeries* part : m_parts)
        if (part->count()) part->clear();
}

void BrokenLine::clear() {
    for (QLineSeries* part : m_parts)
        part->clear();
    m_used = 1;
}

} // namespace vigil
