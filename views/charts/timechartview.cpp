#include "timechartview.h"

#include "chartstyle.h"
#include "models/metrics/timemath.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetrics>
#include <QGraphicsLineItem>
#include <QGuiApplication>
#include <QLegendMarker>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QRubberBand>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace vigil {

namespace {
constexpr std::int64_t kSecondUs = 1000000;
// Tick intervals that read well on a clock, in seconds.
constexpr std::int64_t kNiceIntervals[] = {1,   2,    5,    10,   15,    30,    60,    120,   300,    600,
                                           900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};
constexpr std::int64_t kMaxTickIntervals = 8;
constexpr int kDefaultTimeTicks = 7;
} // namespace

TimeChartView::TimeChartView(const QString& title, const QString& yTitle, YScale scale, QWidget* parent)
    // The chart is given to the constructor: QChartView(parent) makes a default one, which
    // setChart() would only take off the scene, never delete.
    : QChartView(new QChart, parent), m_x(new QDateTimeAxis), m_log(scale == YScale::Log) {
    if (m_log) {
        auto* log = new QLogValueAxis;
        log->setBase(10);
        log->setLabelFormat(QStringLiteral("%g"));
        log->setMinorTickCount(-1); // 2..9 within each decade
        m_y = log;
    } else {
        auto* linear = new QValueAxis;
        linear->setLabelFormat(QStringLiteral("%.3g"));
        m_y = linear;
    }
    QChart* c = chart();
    c->setTitle(title);
    c->setAnimationOptions(QChart::NoAnimation);
    c->setMargins(QMargins(4, 2, 4, 2));
    c->legend()->setAlignment(Qt::AlignTop);
    c->legend()->setShowToolTips(true);
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    m_x->setTickCount(kDefaultTimeTicks);
    m_y->setTitleText(yTitle);
    m_yMin = m_log ? 0.01 : 0;
    m_yMax = m_log ? 100 : 1;
    m_y->setRange(m_yMin, m_yMax);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    // Fonts after the axes joined the chart, in whole points: a fractional size set before
    // left the time labels out of the layout (Qt 6.4).
    QFont small = c->legend()->font();
    small.setPointSize(std::max(7, int(small.pointSizeF() * 0.9 + 0.5)));
    c->legend()->setFont(small);
    m_x->setLabelsFont(small);
    m_y->setTitleFont(small);
    m_y->setLabelsFont(small);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    setMinimumHeight(150);
    applyChartPalette(this, palette());
    // The plot's size is known only once the chart has laid itself out, after the view's
    // resize: the labels are fitted to it then, once a change (fitted on the resize itself,
    // against the plot before it, an axis could change twice, each rebuilding every series).
    connect(c, &QChart::plotAreaChanged, this, &TimeChartView::fitLabelsToPlot);
}

bool TimeChartView::openGlAllowed() {
    // VIGIL_CHARTS_OPENGL=0 turns it off: with a software OpenGL (Mesa llvmpipe, as under
    // Xvfb) the GUI thread waits for the rasteriser threads and stalls longer than with
    // QPainter.
    if (qEnvironmentVariableIsSet("VIGIL_CHARTS_OPENGL") &&
        qEnvironmentVariableIntValue("VIGIL_CHARTS_OPENGL") == 0)
        return false;
    return !QGuiApplication::platformName().startsWith(QLatin1String("offscreen")) &&
           !QGuiApplication::platformName().startsWith(QLatin1String("minimal"));
}

bool TimeChartView::dark() const {
    return isDarkChartPalette(palette());
}

void TimeChartView::attach(QAbstractSeries* series) {
    chart()->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
}

void TimeChartView::replaceIfChanged(QXYSeries* series, const QList<QPointF>& points) {
    if (series->points() != points) series->replace(points);
}

QLineSeries* TimeChartView::addLineSeries(const QString& name, bool hoverable) {
    auto* s = new QLineSeries(this);
    s->setName(name);
    s->setUseOpenGL(openGlAllowed());
    attach(s);
    if (hoverable) m_hoverable << s;
    return s;
}

int TimeChartView::maxTimeIntervals() const {
    // A label and a gap each: seven "10:20:00" in a 280 px chart at scale 2 were each cut to
    // "10:2…", and so were seven in a 56 px spacing (QtCharts keeps a margin beside each).
    // The plot is the chart less its value axis (about 60 px until it is laid out).
    const int label = QFontMetrics(m_x->labelsFont()).horizontalAdvance(QStringLiteral("00:00:00"));
    const qreal laidOut = chart()->plotArea().width();
    const int plot = laidOut > 0 ? int(laidOut) : width() - 60;
    return int(std::clamp<std::int64_t>(plot / (label + label / 2), 2, kMaxTickIntervals));
}

void TimeChartView::fitLabelsToPlot() {
    if (m_requestedRange.isEmpty()) {
        // No data yet: the default axis's labels must not be cut either.
        const int ticks = std::min(kDefaultTimeTicks, maxTimeIntervals() + 1);
        if (m_x->tickCount() != ticks) m_x->setTickCount(ticks);
    } else if (timeAxisFor(m_requestedRange, m_requestedGrowToTicks, maxTimeIntervals()).tickCount !=
               m_x->tickCount()) {
        setTimeRange(m_requestedRange, m_requestedGrowToTicks);
    }
    // The value axis's title along the plot's height, or none: "seco…" names no unit.
    const qreal height = chart()->plotArea().height();
    if (height > 0)
        m_y->setTitleVisible(QFontMetrics(m_y->titleFont()).horizontalAdvance(m_y->titleText()) <= height);
    // Value labels a line apart at least, else QtCharts cuts each to "…" (the volume strip
    // above the table is 56-120 px): five, three or two of them, so that the values stay
    // round (0, 50 and 100 %).
    if (auto* values = qobject_cast<QValueAxis*>(m_y)) {
        const qreal spacing = QFontMetrics(values->labelsFont()).height() * 1.2;
        const int ticks = height >= 4 * spacing ? 5 : height >= 2 * spacing ? 3 : 2;
        if (values->tickCount() != ticks) values->setTickCount(ticks);
    }
}

TimeChartView::TimeAxis TimeChartView::timeAxisFor(TimeRange range, bool growToTicks, int maxIntervals) {
    const auto floorSecond = [](std::int64_t us) { return us - ((us % kSecondUs) + kSecondUs) % kSecondUs; };
    const std::int64_t span =
        std::max<std::int64_t>(1, (range.toUs - range.fromUs + kSecondUs - 1) / kSecondUs);
    // Whole seconds: the end rounded up, the span kept.
    const std::int64_t end = floorSecond(range.toUs + kSecondUs - 1);
    std::int64_t from = end - span * kSecondUs;
    std::int64_t intervals = std::min(6, maxIntervals), seconds = span;
    if (growToTicks) {
        std::int64_t step = kNiceIntervals[std::size(kNiceIntervals) - 1];
        for (std::int64_t i : kNiceIntervals)
            if ((span + i - 1) / i <= maxIntervals) {
                step = i;
                break;
            }
        from = floorSecond(range.fromUs);
        const std::int64_t fromSeconds = from / kSecondUs;
        from = (fromSeconds - ((fromSeconds % step) + step) % step) * kSecondUs;
        intervals =
            std::max<std::int64_t>(1, (range.toUs - from + step * kSecondUs - 1) / (step * kSecondUs));
        seconds = intervals * step;
    } else {
        for (std::int64_t k = maxIntervals; k >= std::min(4, maxIntervals); --k)
            if (span % k == 0) {
                intervals = k;
                break;
            }
    }
    TimeAxis axis;
    axis.shown = TimeRange{from, from + seconds * kSecondUs};
    axis.tickCount = int(intervals) + 1;
    axis.format = seconds > 86400                              ? QStringLiteral("MM-dd HH:mm")
                  : (growToTicks && seconds / intervals >= 60) ? QStringLiteral("HH:mm")
                                                               : QStringLiteral("HH:mm:ss");
    return axis;
}

bool TimeChartView::timeRangeMoves(TimeRange range, bool growToTicks) const {
    if (range.isEmpty()) return false;
    const TimeRange shown = timeAxisFor(range, growToTicks, maxTimeIntervals()).shown;
    return shown.fromUs != m_range.fromUs || shown.toUs != m_range.toUs;
}

void TimeChartView::setTimeRange(TimeRange range, bool growToTicks) {
    if (range.isEmpty()) return;
    m_requestedRange = range;
    m_requestedGrowToTicks = growToTicks;
    const TimeAxis axis = timeAxisFor(range, growToTicks, maxTimeIntervals());
    const TimeRange& shown = axis.shown;
    // Every axis change re-lays out the whole chart: touch only what changed.
    if (m_x->tickCount() != axis.tickCount) m_x->setTickCount(axis.tickCount);
    if (shown.fromUs != m_range.fromUs || shown.toUs != m_range.toUs)
        m_x->setRange(QDateTime::fromMSecsSinceEpoch(msFromUs(shown.fromUs)),
                      QDateTime::fromMSecsSinceEpoch(msFromUs(shown.toUs)));
    m_range = shown;
    if (m_x->format() != axis.format) m_x->setFormat(axis.format);
    if (!m_timeLabelsShown) {
        // Qt 6.4 leaves the time labels out of the layout until something re-creates
        // them; once is enough, later ranges keep them.
        m_x->setLabelsVisible(false);
        m_x->setLabelsVisible(true);
        m_timeLabelsShown = true;
    }
    updateThresholdPoints();
}

void TimeChartView::showOnlyThresholdsInLegend() {
    for (QLegendMarker* m : chart()->legend()->markers())
        m->setVisible(m_thresholdSeries.contains(qobject_cast<QLineSeries*>(m->series())));
}

double TimeChartView::niceMaximum(double max, double cap) const {
    for (const ThresholdLine& t : m_thresholds)
        max = std::max(max, t.value * 1.15);
    if (!(max > 0)) max = 1;
    // A "nice" upper bound: 1, 2, 2.5 or 5 times a power of ten, at least 10 % above the data.
    const double target = max * 1.1;
    const double p = std::pow(10.0, std::floor(std::log10(target)));
    double nice = p;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * p >= target) {
            nice = m * p;
            break;
        }
    }
    if (cap > 0 && max <= cap) nice = std::min(nice, cap);
    return nice;
}

bool TimeChartView::yMaximumMoves(double max, double cap) const {
    return m_yMin != 0 || niceMaximum(max, cap) != m_yMax;
}

void TimeChartView::setYMaximum(double max, double cap) {
    applyYRange(0, niceMaximum(max, cap));
}

std::pair<double, double> TimeChartView::logRangeFor(double minPositive, double max) const {
    for (const ThresholdLine& t : m_thresholds) {
        minPositive = std::min(minPositive, t.value / 1.5);
        max = std::max(max, t.value * 1.5);
    }
    if (!(minPositive > 0) || !(max > minPositive)) {
        minPositive = 0.01;
        max = 100;
    }
    const double lo = std::pow(10.0, std::floor(std::log10(minPositive)));
    double hi = std::pow(10.0, std::ceil(std::log10(max * 1.05)));
    if (hi < lo * 100) hi = lo * 100; // at least two decades, or the grid says little
    return {lo, hi};
}

bool TimeChartView::yLogRangeMoves(double minPositive, double max) const {
    const auto [lo, hi] = logRangeFor(minPositive, max);
    return lo != m_yMin || hi != m_yMax;
}

void TimeChartView::setYLogRange(double minPositive, double max) {
    const auto [lo, hi] = logRangeFor(minPositive, max);
    applyYRange(lo, hi);
}

void TimeChartView::applyYRange(double lo, double hi) {
    // Every axis change re-lays out the whole chart: only when it changed.
    if (lo == m_yMin && hi == m_yMax) return;
    m_yMin = lo;
    m_yMax = hi;
    m_y->setRange(lo, hi);
}

double TimeChartView::yFraction(double v) const {
    if (m_log) {
        if (!(v > 0)) return 0;
        return std::log(v / m_yMin) / std::log(m_yMax / m_yMin);
    }
    return m_yMax > m_yMin ? (v - m_yMin) / (m_yMax - m_yMin) : 0;
}

double TimeChartView::yAtFraction(double f) const {
    if (m_log) return m_yMin * std::pow(m_yMax / m_yMin, f);
    return m_yMin + f * (m_yMax - m_yMin);
}

void TimeChartView::setThresholds(const QList<ThresholdLine>& lines) {
    for (QLineSeries* s : m_thresholdSeries) {
        chart()->removeSeries(s);
        delete s;
    }
    m_thresholdSeries.clear();
    m_thresholds = lines;
    for (const ThresholdLine& t : lines) {
        auto* s = new QLineSeries(this);
        s->setName(t.label);
        s->setPen(thresholdPen(t.critical, dark()));
        attach(s);
        m_thresholdSeries << s;
    }
    updateThresholdPoints();
}

void TimeChartView::updateThresholdPoints() {
    if (m_range.isEmpty()) return;
    const double a = double(msFromUs(m_range.fromUs)), b = double(msFromUs(m_range.toUs));
    for (int i = 0; i < m_thresholdSeries.size(); ++i) {
        const double v = m_thresholds[i].value;
        replaceIfChanged(m_thresholdSeries[i], QList<QPointF>{QPointF(a, v), QPointF(b, v)});
    }
}

QRectF TimeChartView::plotRectInViewport() const {
    const QRectF plot = chart()->plotArea();
    const QPointF tl = mapFromScene(chart()->mapToScene(plot.topLeft()));
    const QPointF br = mapFromScene(chart()->mapToScene(plot.bottomRight()));
    return QRectF(tl, br);
}

QPointF TimeChartView::valueAt(const QPoint& pos) const {
    const QRectF r = plotRectInViewport();
    const double xmin = double(m_x->min().toMSecsSinceEpoch()), xmax = double(m_x->max().toMSecsSinceEpoch());
    const double fx = r.width() > 0 ? (pos.x() - r.left()) / r.width() : 0;
    const double fy = r.height() > 0 ? (r.bottom() - pos.y()) / r.height() : 0;
    return QPointF(xmin + fx * (xmax - xmin), yAtFraction(fy));
}

QPoint TimeChartView::viewportPosOf(const QPointF& v) const {
    const QRectF r = plotRectInViewport();
    const double xmin = double(m_x->min().toMSecsSinceEpoch()), xmax = double(m_x->max().toMSecsSinceEpoch());
    const double fx = xmax > xmin ? (v.x() - xmin) / (xmax - xmin) : 0;
    const double fy = yFraction(v.y());
    return QPointF(r.left() + fx * r.width(), r.bottom() - fy * r.height()).toPoint();
}

std::optional<TimeChartView::Hit> TimeChartView::hitTest(const QPoint& pos, qreal maxPixels) const {
    const QRectF r = plotRectInViewport();
    if (!r.adjusted(-maxPixels, -maxPixels, maxPixels, maxPixels).contains(pos) || r.width() <= 0)
        return std::nullopt;
    const double xmin = double(m_x->min().toMSecsSinceEpoch()), xmax = double(m_x->max().toMSecsSinceEpoch());
    const double msPerPixel = (xmax - xmin) / r.width();
    const double ppx = r.width() / std::max(1.0, xmax - xmin);
    const double ph = r.height();
    const double cx = valueAt(pos).x();
    std::optional<Hit> best;
    double bestDistance = maxPixels;
    for (QXYSeries* s : m_hoverable) {
        if (!s->isVisible()) continue;
        const QList<QPointF> pts = s->points(); // implicitly shared, no copy
        if (pts.isEmpty()) continue;
        // Points are in time order: start one segment before the cursor's window.
        auto it = std::lower_bound(pts.begin(), pts.end(), cx - maxPixels * msPerPixel,
                                   [](const QPointF& p, double x) { return p.x() < x; });
        if (it != pts.begin()) --it;
        for (; it != pts.end(); ++it) {
            const QPointF a((it->x() - xmin) * ppx, yFraction(it->y()) * ph);
            const QPointF c((cx - xmin) * ppx, r.bottom() - pos.y());
            const auto next = std::next(it);
            QPointF nearest = a;
            QPointF nearestValue = *it;
            if (next != pts.end()) {
                const QPointF b((next->x() - xmin) * ppx, yFraction(next->y()) * ph);
                const QPointF ab = b - a;
                const double len2 = QPointF::dotProduct(ab, ab);
                const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(c - a, ab) / len2, 0.0, 1.0) : 0.0;
                nearest = a + t * ab;
                nearestValue = t < 0.5 ? *it : *next; // report the data point, not the interpolation
            }
            const QPointF d = nearest - c;
            const double distance = std::sqrt(QPointF::dotProduct(d, d));
            if (distance <= bestDistance) {
                bestDistance = distance;
                best = Hit{s, nearestValue};
            }
            if (it->x() > cx + maxPixels * msPerPixel) break;
        }
    }
    return best;
}

QString TimeChartView::formatTime(double ms) {
    return QDateTime::fromMSecsSinceEpoch(qint64(ms)).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString TimeChartView::describe(QXYSeries* series, const QPointF& value) const {
    return QStringLiteral("%1: %2\n%3")
        .arg(series->name())
        .arg(value.y(), 0, 'g', 4)
        .arg(formatTime(value.x()));
}

QString TimeChartView::describeAt(const QPointF&) const {
    return {};
}

QString TimeChartView::hoverText(const QPoint& pos) const {
    if (const auto hit = hitTest(pos)) return describe(hit->series, hit->value);
    if (!plotRectInViewport().contains(pos)) return {};
    return describeAt(valueAt(pos));
}

void TimeChartView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && plotRectInViewport().contains(event->position())) {
        m_pressPos = event->position().toPoint();
        m_dragging = false;
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimeChartView::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if (m_pressPos && (event->buttons() & Qt::LeftButton)) {
        if (!m_dragging && std::abs(pos.x() - m_pressPos->x()) > 4) m_dragging = true;
        if (m_dragging) {
            if (!m_band) m_band = new QRubberBand(QRubberBand::Rectangle, viewport());
            const QRectF plot = plotRectInViewport();
            const int x0 = std::min(pos.x(), m_pressPos->x()), x1 = std::max(pos.x(), m_pressPos->x());
            m_band->setGeometry(QRect(QPoint(std::max(x0, int(plot.left())), int(plot.top())),
                                      QPoint(std::min(x1, int(plot.right())), int(plot.bottom()))));
            m_band->show();
        }
        event->accept();
        return;
    }
    const QString text = hoverText(pos);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
    QChartView::mouseMoveEvent(event);
}

void TimeChartView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && m_pressPos) {
        const QPoint pos = event->position().toPoint();
        if (m_band) m_band->hide();
        if (m_dragging) {
            const double a = valueAt(*m_pressPos).x(), b = valueAt(pos).x();
            const double lo = std::max(std::min(a, b), double(m_x->min().toMSecsSinceEpoch()));
            const double hi = std::min(std::max(a, b), double(m_x->max().toMSecsSinceEpoch()));
            if (hi > lo) Q_EMIT timeRangeSelected(qint64(lo * 1000.0), qint64(hi * 1000.0));
        } else if (const auto hit = hitTest(pos)) {
            Q_EMIT seriesClicked(hit->series);
        }
        m_pressPos.reset();
        m_dragging = false;
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeChartView::leaveEvent(QEvent* event) {
    QToolTip::hideText();
    QChartView::leaveEvent(event);
}

void TimeChartView::paintEvent(QPaintEvent* event) {
    cacheGridLines();
    QChartView::paintEvent(event);
}

void TimeChartView::cacheGridLines() {
    // New points repaint the whole plot, and with it every grid line and tick under the
    // series: antialiased one by one, they took half of a chart's repaint. Each is drawn
    // once into a pixmap of its own and copied from there until it moves. (The axes make
    // new lines as their ranges change, hence the walk at every paint: a few dozen items.)
    for (QGraphicsItem* item : scene()->items())
        if (item->type() == QGraphicsLineItem::Type && item->cacheMode() == QGraphicsItem::NoCache)
            item->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

void TimeChartView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        applyChartPalette(this, palette());
        for (int i = 0; i < m_thresholdSeries.size(); ++i)
            m_thresholdSeries[i]->setPen(thresholdPen(m_thresholds[i].critical, dark()));
        paletteChanged();
    }
    QChartView::changeEvent(event);
}

} // namespace vigil
