#pragma once
// One chart line (an instance's p95, its error rate) drawn as several QLineSeries, broken
// where buckets are missing: QLineSeries joins every point to the next, so a line over a
// quiet hour would otherwise claim values nobody measured. The first part carries the
// line's name and is the one the legend and the tests know; the others copy its pen.

#include <QLineSeries>

#include <functional>
#include <vector>

namespace vigil {

class BrokenLine {
  public:
    void setFirst(QLineSeries* first) { m_parts.assign(1, first); }
    QLineSeries* first() const { return m_parts.empty() ? nullptr : m_parts.front(); }
    const std::vector<QLineSeries*>& parts() const { return m_parts; }
    bool contains(const QXYSeries* series) const;

    // Splits the points where the next x is more than `maxStepMs` after the previous one
    // (0: never) and gives each run a part, made by `makePart` when there are too few.
    void setPoints(const QList<QPointF>& points, double maxStepMs,
                   const std::function<QLineSeries*()>& makePart);
    // The points of every part in use, in order.
    QList<QPointF> points() const;
    int runs() const { return m_used; }
    void setVisible(bool visible);
    bool isVisible() const { return m_visible; }
    void setPen(const QPen& pen);
    void clear();
    // Empties every part and keeps the run count: the next setPoints() fills them again.
    void emptyParts();

  private:
    std::vector<QLineSeries*> m_parts;
    int m_used = 1;
    bool m_visible = true;
};

} // namespace vigil
