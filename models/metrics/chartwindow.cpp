#include "chartwindow.h"

#include <QCoreApplication>

namespace vigil {

QString chartWindowName(ChartWindow window) {
    switch (window) {
    case ChartWindow::Minutes5:
        return QCoreApplication::translate("ChartWindow", "5 min");
    case ChartWindow::Minutes15:
        return QCoreApplication::translate("ChartWindow", "15 min");
    case ChartWindow::Hour1:
        return QCoreApplication::translate("ChartWindow", "1 h");
    case ChartWindow::Hours6:
        return QCoreApplication::translate("ChartWindow", "6 h");
    case ChartWindow::All:
        return QCoreApplication::translate("ChartWindow", "All");
    }
    return {};
}

std::int64_t chartWindowSpanUs(ChartWindow window) {
    constexpr std::int64_t minute = 60LL * 1000000;
    switch (window) {
    case ChartWindow::Minutes5:
        return 5 * minute;
    case ChartWindow::Minutes15:
        return 15 * minute;
    case ChartWindow::Hour1:
        return 60 * minute;
    case ChartWindow::Hours6:
        return 360 * minute;
    case ChartWindow::All:
        return 0;
    }
    return 0;
}

int chartWindowMaxPoints(ChartWindow window) {
    switch (window) {
    case ChartWindow::Minutes5:
        return 300;
    case ChartWindow::Minutes15:
        return 180;
    case ChartWindow::Hour1:
        return 120;
    case ChartWindow::Hours6:
        return 180;
    case ChartWindow::All:
        return 180;
    }
    return 180;
}

bool isLive(const MetricsModel& metrics, std::int64_t nowUs) {
    return metrics.hasData() && metrics.lastTimeUs() >= nowUs - kLiveToleranceUs;
}

TimeRange chartRange(ChartWindow window, const MetricsModel& metrics, std::int64_t nowUs) {
    if (!metrics.hasData()) return {};
    const bool live = isLive(metrics, nowUs);
    // A live window ends now (or at an entry stamped in the future by a skewed clock).
    const std::int64_t end = live ? std::max(nowUs, metrics.lastTimeUs() + 1) : metrics.lastTimeUs() + 1;
    if (window == ChartWindow::All)
        return TimeRange{metrics.firstTimeUs(), std::max(end, metrics.firstTimeUs() + 1000000)};
    const std::int64_t span = chartWindowSpanUs(window);
    const std::int64_t stepUs = MetricsModel::resolutionFor(span, chartWindowMaxPoints(window)) * 1000000;
    const std::int64_t q = end / stepUs;
    const std::int64_t aligned =
        (q * stepUs == end || end < 0 ? q : q + 1) * stepUs; // up to a bucket boundary
    return TimeRange{aligned - span, aligned};
}

ChartWindow windowHolding(std::int64_t spanUs) {
    for (ChartWindow w : kChartWindows)
        if (w != ChartWindow::All && chartWindowSpanUs(w) >= spanUs) return w;
    return ChartWindow::All;
}

} // namespace vigil
