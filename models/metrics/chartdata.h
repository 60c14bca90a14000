#pragma once
// Turns metrics buckets into the point lists the charts plot, in one pass per refresh, so
// each chart only calls replace(). x is milliseconds since the epoch (QDateTimeAxis).
// Count series drop to zero across empty buckets instead of drawing a line over a gap;
// latency and error rate have points only where there was data (the charts break their
// lines where buckets are missing). The newest bucket is usually still filling: its rates
// and its volume bar are scaled to a full bucket from the part of it that has passed, so
// a live chart does not dip toward zero at its right edge.

#include "metricsmodel.h"

#include "../query/filtertally.h"
#include "../store/instancetable.h"

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
    // Where complete data ends (epoch µs): now for a live window, else the second after
    // the newest entry. A bucket that holds it is partial.
    std::int64_t dataEndUs = 0;
    // The volume bar of a partial bucket, when the window has one: its start (ms since the
    // epoch) and the factor its counts were scaled by (bucket length / part passed).
    double partialBarMs = -1, partialBarScale = 1;
};

// maxPoints bounds the buckets of the lines, maxBars those of the volume histogram.
// `dataEndUs` (0: the range's end) is where complete data ends.
ChartData buildChartData(const MetricsModel& metrics, const InstanceTable& instanceNames, TimeRange range,
                         int maxPoints, int maxBars, std::int64_t dataEndUs = 0);

// Replaces the volume histogram with the rows a filter shows (all instances' entries,
// when there is no filter, is what buildChartData draws from the metrics).
void fillVolume(ChartData& data, const FilterTally& rows, int maxBars);

// How much of a bucket [startUs, startUs + resolution) has passed by `dataEndUs`, as the
// factor that scales its counts to a full bucket (1 for a complete bucket).
double partialBucketScale(std::int64_t startUs, std::int64_t resolutionSeconds, std::int64_t dataEndUs);

} // namespace vigil
