#include "chartdata.h"

#include "../secrets/safetext.h"
#include "../secrets/secretmasker.h"
#include "timemath.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace vigil {

double percentileQuantile(Percentile p) {
    switch (p) {
    case Percentile::P50:
        return 0.50;
    case Percentile::P95:
        return 0.95;
    case Percentile::P99:
        return 0.99;
    }
    return 0.5;
}

QString percentileName(Percentile p) {
    switch (p) {
    case Percentile::P50:
        return QStringLiteral("p50");
    case Percentile::P95:
        return QStringLiteral("p95");
    case Percentile::P99:
        return QStringLiteral("p99");
    }
    return {};
}

double partialBucketScale(std::int64_t startUs, std::int64_t resolutionSeconds, std::int64_t dataEndUs) {
    const std::int64_t lengthUs = resolutionSeconds * 1000000;
    const std::int64_t passed = dataEndUs - startUs;
    if (passed >= lengthUs || dataEndUs <= 0) return 1;
    // At least a second has passed (the metrics count whole seconds).
    return double(lengthUs) / double(std::max<std::int64_t>(passed, 1000000));
}

namespace {
// (bucket start in µs, entries by level), by start.
using VolumeBuckets = std::vector<std::pair<std::int64_t, std::array<std::uint64_t, kLevelCount>>>;

// Volume as steps: each bucket is a flat top from its start to its end.
void volumeSteps(ChartData& out, const VolumeBuckets& volume) {
    const std::int64_t rv = out.volumeResolutionSeconds;
    const double barMs = double(rv) * 1000.0;
    double previousEnd = -1;
    for (auto& l : out.volume) {
        l.clear();
        l.reserve(qsizetype(volume.size() * 2 + 2));
    }
    out.maxVolume = 0;
    out.partialBarMs = -1;
    out.partialBarScale = 1;
    for (const auto& [startUs, levels] : volume) {
        const double x0 = double(msFromUs(startUs)), x1 = x0 + barMs;
        if (previousEnd >= 0 && x0 > previousEnd)
            for (auto& l : out.volume)
                l << QPointF(previousEnd, 0) << QPointF(x0, 0);
        const double scale = partialBucketScale(startUs, rv, out.dataEndUs);
        if (scale != 1) {
            out.partialBarMs = x0;
            out.partialBarScale = scale;
        }
        double cumulative = 0;
        for (Level level : kVolumeStack) {
            cumulative += double(levels[std::size_t(level)]) * scale;
            out.volume[std::size_t(level)] << QPointF(x0, cumulative) << QPointF(x1, cumulative);
        }
        out.maxVolume = std::max(out.maxVolume, cumulative);
        previousEnd = x1;
    }
}
} // namespace

ChartData buildChartData(const MetricsModel& metrics, const InstanceTable& instanceNames, TimeRange range,
                         int maxPoints, int maxBars, std::int64_t dataEndUs) {
    ChartData out;
    out.range = range;
    out.dataEndUs = dataEndUs > 0 ? std::min(dataEndUs, range.toUs) : range.toUs;
    if (range.isEmpty()) return out;
    const std::int64_t r = MetricsModel::resolutionFor(range.toUs - range.fromUs, maxPoints);
    out.resolutionSeconds = r;
    const double stepMs = double(r) * 1000.0;
    std::map<std::int64_t, std::array<std::uint64_t, kLevelCount>> volume;

    for (InstanceId id : metrics.instances()) {
        const std::vector<BucketPoint> buckets = metrics.series(id, r, range);
        if (buckets.empty()) continue;
        InstanceChartLines lines;
        lines.instance = id;
        const QString label = instanceNames.label(id.value);
        lines.name = label.isEmpty() ? QCoreApplication::translate("ChartData", "(no instance)")
                                     : shownLogValue(label, SecretMasker());
        for (auto& l : lines.latency)
            l.reserve(qsizetype(buckets.size()));
        lines.errorRate.reserve(qsizetype(buckets.size()));
        lines.requestRate.reserve(qsizetype(buckets.size() + 2));
        double previousEnd = -1;
        for (const BucketPoint& p : buckets) {
            const MetricsBucket& b = *p.bucket;
            const double x = double(msFromUs(p.startUs));
            if (b.latency.count()) {
                for (Percentile pc : kPercentiles) {
                    const double v = b.latency.quantileSeconds(percentileQuantile(pc));
                    lines.latency[std::size_t(pc)].append(QPointF(x, v));
                    out.maxLatency = std::max(out.maxLatency, v);
                }
            }
            if (b.operations) {
                const double pct = 100.0 * b.errorRate();
                lines.errorRate.append(QPointF(x, pct));
                out.maxErrorRate = std::max(out.maxErrorRate, pct);
            }
            if (b.requests) {
                // Down to zero over a gap, and back up, instead of a slope across it.
                if (previousEnd >= 0 && x > previousEnd) {
                    lines.requestRate.append(QPointF(previousEnd, 0));
                    if (x > previousEnd + stepMs) lines.requestRate.append(QPointF(x - stepMs, 0));
                } else if (previousEnd < 0) {
                    lines.requestRate.append(QPointF(x - stepMs, 0));
                }
                // A bucket still filling: requests over the part of it that has passed.
                const double rate =
                    double(b.requests) / double(r) * partialBucketScale(p.startUs, r, out.dataEndUs);
                lines.requestRate.append(QPointF(x, rate));
                out.maxRequestRate = std::max(out.maxRequestRate, rate);
                previousEnd = x + stepMs;
            }
        }
        if (previousEnd >= 0 && previousEnd * 1000 < double(out.dataEndUs))
            lines.requestRate.append(QPointF(previousEnd, 0));
        out.instances.push_back(std::move(lines));
    }

    const std::int64_t rv = MetricsModel::resolutionFor(range.toUs - range.fromUs, maxBars);
    out.volumeResolutionSeconds = rv;
    for (InstanceId id : metrics.instances())
        for (const BucketPoint& p : metrics.series(id, rv, range)) {
            auto& levels = volume[p.startUs];
            for (int k = 0; k < kLevelCount; ++k)
                levels[std::size_t(k)] += p.bucket->levels[std::size_t(k)];
        }
    volumeSteps(out, VolumeBuckets(volume.begin(), volume.end()));
    return out;
}

void fillVolume(ChartData& data, const FilterTally& rows, int maxBars) {
    if (data.range.isEmpty()) return;
    const std::int64_t rv = MetricsModel::resolutionFor(data.range.toUs - data.range.fromUs, maxBars);
    data.volumeResolutionSeconds = rv;
    const std::vector<SecondCounts>& seconds = rows.seconds();
    const std::int64_t fromSecond = floorDiv(data.range.fromUs, 1000000);
    const std::int64_t toSecond = ceilDiv(data.range.toUs, 1000000); // exclusive
    auto it = std::lower_bound(seconds.begin(), seconds.end(), fromSecond,
                               [](const SecondCounts& c, std::int64_t s) { return c.second < s; });
    VolumeBuckets volume; // seconds come in order, so their buckets do too
    for (; it != seconds.end() && it->second < toSecond; ++it) {
        const std::int64_t startUs = floorDiv(it->second, rv) * rv * 1000000;
        if (volume.empty() || volume.back().first != startUs) volume.push_back({startUs, {}});
        auto& levels = volume.back().second;
        for (int k = 0; k < kLevelCount; ++k)
            levels[std::size_t(k)] += it->levels[std::size_t(k)];
    }
    volumeSteps(data, volume);
}

} // namespace vigil
