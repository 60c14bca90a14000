#pragma once
// The common ground of Vigil's time charts: a QChartView with a date-time x axis and a
// value y axis, no animations, palette-following colours, threshold lines, a tooltip with
// value and time under the cursor, a drag across the plot that selects a time range, and
// a click on a line. Hit-testing is done here from the series' points, so it also works
// when the series are drawn with OpenGL.

#include "models/metrics/metricsmodel.h"

#include <QChartView>
#include <QLineSeries>

#include <functional>
#include <optional>

class QDateTimeAxis;
class QRubberBand;

namespace vigil {

struct ThresholdLine {
    double value = 0;
    QString label;
    bool critical = false;
};

class TimeChartView : public QChartView {
    Q_OBJECT
  public:
    enum class YScale { Linear, Log };
    TimeChartView(const QString& title, const QString& yTitle, YScale scale = YScale::Linear,
                  QWidget* parent = nullptr);

    QDateTimeAxis* xAxis() const { return m_x; }
    QAbstractAxis* yAxis() const { return m_y; }
    double yMin() const { return m_yMin; }
    double yMax() const { return m_yMax; }
    bool logScale() const { return m_log; }
    TimeRange timeRange() const { return m_range; }

    // Shows `range` with time ticks on whole seconds. With growToTicks (the "all" window)
    // the axis also widens to whole tick intervals so the labels are round times; a fixed
    // window keeps its exact span and divides it evenly.
    void setTimeRange(TimeRange range, bool growToTicks = false);
    // Sets the y axis to [0, max], leaving room for the thresholds and rounding up, but
    // never above `cap` (100 for a percentage).
    void setYMaximum(double max, double cap = 0);
    // Log scale: whole decades around [minPositive, max] and the thresholds.
    void setYLogRange(double minPositive, double max);
    // Whether the calls above would move an axis. QtCharts rebuilds every series' path (and
    // the stroke it hit-tests with) on each axis change and each replace(): a chart that
    // knows its axes will move empties its series first and sets them once afterwards.
    bool timeRangeMoves(TimeRange range, bool growToTicks = false) const;
    bool yMaximumMoves(double max, double cap = 0) const;
    bool yLogRangeMoves(double minPositive, double max) const;
    void setThresholds(const QList<ThresholdLine>& lines);
    QList<QLineSeries*> thresholdSeries() const { return m_thresholdSeries; }

    struct Hit {
        QXYSeries* series = nullptr;
        QPointF value;
    };
    // The point or line segment of a hoverable, visible series nearest to a viewport
    // position, within maxPixels.
    std::optional<Hit> hitTest(const QPoint& viewportPos, qreal maxPixels = 8) const;
    QPointF valueAt(const QPoint& viewportPos) const;   // chart value under a viewport position
    QPoint viewportPosOf(const QPointF& value) const;   // and back
    QString hoverText(const QPoint& viewportPos) const; // what the tooltip shows there

    // Extra tooltip lines for an instance's line at a time (ms since the epoch): the alerts
    // of this chart's metric that covered it, as the tray and the alert list word them.
    using NoteSource = std::function<QStringList(InstanceId instance, double msecsSinceEpoch)>;
    void setNoteSource(NoteSource source) { m_notes = std::move(source); }

    // Not under the offscreen platform (it crashes there), nor when VIGIL_CHARTS_OPENGL=0.
    static bool openGlAllowed();

  Q_SIGNALS:
    void timeRangeSelected(qint64 fromUs, qint64 toUs);
    void seriesClicked(QXYSeries* series);

  protected:
    // A line series on this chart's axes, hoverable and clickable.
    QLineSeries* addLineSeries(const QString& name, bool hoverable = true);
    void attach(QAbstractSeries* series);
    // Bulk replace(), skipped when the points did not change (old logs, quiet instances).
    static void replaceIfChanged(QXYSeries* series, const QList<QPointF>& points);
    virtual QString describe(QXYSeries* series, const QPointF& value) const;
    virtual QString describeAt(const QPointF& value) const; // no series near: default none
    virtual void paletteChanged() {}
    bool dark() const;
    // Legend entries for the threshold lines only: instances are keyed once, by the panel.
    void showOnlyThresholdsInLegend();
    static QString formatTime(double msecsSinceEpoch);
    QStringList notesFor(InstanceId instance, double msecsSinceEpoch) const {
        return m_notes ? m_notes(instance, msecsSinceEpoch) : QStringList();
    }

    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

  private:
    void cacheGridLines();
    struct TimeAxis {
        TimeRange shown;
        int tickCount = 0;
        QString format;
    };
    // At most `maxIntervals` between ticks: as many time labels as the chart's width holds.
    static TimeAxis timeAxisFor(TimeRange range, bool growToTicks, int maxIntervals);
    int maxTimeIntervals() const;
    void fitLabelsToPlot(); // as many time and value labels as the plot holds uncut
    double niceMaximum(double max, double cap) const;
    std::pair<double, double> logRangeFor(double minPositive, double max) const;
    QRectF plotRectInViewport() const;
    void updateThresholdPoints();

    QDateTimeAxis* m_x;
    NoteSource m_notes;
    double yFraction(double v) const; // 0 at the bottom of the plot, 1 at the top
    double yAtFraction(double f) const;
    void applyYRange(double lo, double hi);

    QAbstractAxis* m_y;
    bool m_log;
    double m_yMin = 0, m_yMax = 1;
    TimeRange m_range;
    TimeRange m_requestedRange; // as last asked for, laid out again when the width changes
    bool m_requestedGrowToTicks = false;
    QList<ThresholdLine> m_thresholds;
    QList<QLineSeries*> m_thresholdSeries;
    QList<QXYSeries*> m_hoverable;
    QRubberBand* m_band = nullptr;
    std::optional<QPoint> m_pressPos;
    bool m_dragging = false;
    bool m_timeLabelsShown = false;
};

} // namespace vigil
