#include "chartdata.h"

#include "../secrets/safetext.h"
#include "../secrets/secretmasker.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace vigil {

double percentileQuantile(Percentile p) {
    switch (p) {
    case Percentile::P50: return 0.50;
    case Percentile::P95: return 0.95;
    case Percentile::P99: return 0.99;
    }
    return 0.5;
}

QString percentileName(Percentile p) {
    switch (p) {
    case Percentile::P50: return QStringLiteral("p50");
    case Percentile::P95: return QStringLiteral("p95");
    case Percentile::P99: return QStringLiteral("p99");
    }
    return {};
}

ChartData buildChartData(const MetricsModel& metrics, const StringInterner& instanceNames, TimeRange range,
                         int maxPoints, int maxBars) {
    ChartData out;
    out.range = range;
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
        const std::string_view name = instanceNames.text(id.value);
        lines.name = name.empty() ? QCoreApplication::translate("ChartData", "(no instance)")
                                  : shownLogValue(name, SecretMasker());
        for (auto& l : lines.latency) l.reserve(qsizetype(buckets.size()));
        lines.errorRate.reserve(qsizetype(buckets.size()));
        lines.requestRate.reserve(qsizetype(buckets.size() + 2));
        double previousEnd = -1;
        for (const BucketPoint& p : buckets) {
            const MetricsBucket& b = *p.bucket;
            const double x = double(p.startUs / 1000);
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
                const double rate = double(b.requests) / double(r);
                lines.requestRate.append(QPointF(x, rate));
                out.maxRequestRate = std::max(out.maxRequestRate, rate);
                previousEnd = x + stepMs;
            }
        }
        if (previousEnd >= 0) lines.requestRate.append(QPointF(previousEnd, 0));
        out.instances.push_back(std::move(lines));
    }

    const std::int64_t rv = MetricsModel::resolutionFor(range.toUs - range.fromUs, maxBars);
    out.volumeResolutionSeconds = rv;
    for (InstanceId id : metrics.instances())
        for (const BucketPoint& p : metrics.series(id, rv, range)) {
            auto& levels = volume[p.startUs];
            for (int k = 0; k < kLevelCount; ++k) levels[std::size_t(k)] += p.bucket->levels[std::size_t(k)];
        }
    // Volume as steps: each bucket is a flat top from its start to its end.
    const double barMs = double(rv) * 1000.0;
    double previousEnd = -1;
    for (auto& l : out.volume) l.reserve(qsizetype(volume.size() * 2 + 2));
    for (const auto& [startUs, levels] : volume) {
        const double x0 = double(startUs / 1000), x1 = x0 + barMs;
        if (previousEnd >= 0 && x0 > previousEnd)
            for (auto& l : out.volume) l << QPointF(previousEnd, 0) << QPointF(x0, 0);
        std::uint64_t cumulative = 0;
        for (Level level : kVolumeStack) {
            cumulative += levels[std::size_t(level)];
            out.volume[std::size_t(level)] << QPointF(x0, double(cumulative)) << QPointF(x1, double(cumulative));
        }
        out.maxVolume = std::max(out.maxVolume, double(cumulative));
        previousEnd = x1;
    }
    return out;
}

} // namespace vigil
