#pragma once
// Turns metrics buckets into the point lists the charts plot, in one pass per refresh, so
// each chart only calls replace(). x is milliseconds since the epoch (QDateTimeAxis).
// Count series drop to zero across empty buckets instead of drawing a line over a gap.

#include "metricsmodel.h"

#include "../store/stringinterner.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <array>

namespace vigil {

enum class Percentile { P50, P95, P99 };
constexpr Percentile kPercentiles[] = {Percentile::P50, Percentile::P95, Percentile::P99};
double percentileQuantile(Percentile p); // 0.5, 0.95, 0.99
QString percentileName(Percentile p);    // "p50", ...

// Bottom to top: the levels that matter in an incident sit on the baseline.
constexpr Level kVolumeStack[] = {Level::Critical, Level::Error, Level::Warning, Level::Info,
                                  Level::Debug,    Level::Trace, Level::None};

struct InstanceChartLines {
    InstanceId instance;
    QString name;
    std::array<QList<QPointF>, 3> latency; // by Percentile, seconds; buckets with timed requests only
    QList<QPointF> errorRate;              // percent; buckets with operations only
    QList<QPointF> requestRate;            // requests per second
};

struct ChartData {
    TimeRange range;
    bool growToTicks = false; // the charts may widen the range to round tick times ("all")
    std::int64_t resolutionSeconds = 1;
    std::vector<InstanceChartLines> instances;
    // Entries per bucket summed over all instances, stacked in kVolumeStack order:
    // volume[level] is the upper edge of that level's band (its count plus those of the
    // levels below it in the stack), drawn as steps.
    std::array<QList<QPointF>, kLevelCount> volume;
    std::int64_t volumeResolutionSeconds = 1; // coarser than the lines: bars, not a curve
    double maxLatency = 0, maxErrorRate = 0, maxRequestRate = 0, maxVolume = 0;
};

// maxPoints bounds the buckets of the lines, maxBars those of the volume histogram.
ChartData buildChartData(const MetricsModel& metrics, const StringInterner& instanceNames, TimeRange range,
                         int maxPoints, int maxBars);

} // namespace vigil
