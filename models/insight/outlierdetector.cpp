#include "outlierdetector.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace vigil {

namespace {

constexpr double kMadToSigma = 1.4826;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The newest second with an entry of `instance` in `window`, looking at fine buckets first.
std::optional<std::int64_t> lastEntryUs(const MetricsModel& metrics, InstanceId instance, TimeRange window) {
    for (std::int64_t resolution : {std::int64_t(1), std::int64_t(30), std::int64_t(600)}) {
        const std::int64_t reach = resolution * 600 * 1'000'000;
        const TimeRange part{std::max(window.fromUs, window.toUs - reach), window.toUs};
        const auto points = metrics.series(instance, resolution, part);
        for (auto it = points.rbegin(); it != points.rend(); ++it)
            if (it->bucket->volume() > 0) return std::min(window.toUs, it->startUs + resolution * 1'000'000);
        if (part.fromUs == window.fromUs) break;
    }
    return std::nullopt;
}

struct Sample {
    InstanceId instance;
    double value;
};

// How far a metric may stray before it counts, whatever the siblings' spread: a floor on
// the robust deviation, absolute and relative to the median.
struct MetricRule {
    OutlierMetric metric;
    double absoluteFloor;
    double relativeFloor;
    bool bothWays; // a drop counts too (traffic gone), not only a rise
};

constexpr MetricRule kRules[] = {
    {OutlierMetric::ErrorRate, 0.02, 0.25, false},  {OutlierMetric::P95Latency, 0.25, 0.25, false},
    {OutlierMetric::RequestRate, 0.05, 0.25, true}, {OutlierMetric::LogVolume, 0.1, 0.25, true},
    {OutlierMetric::Silence, 60.0, 0.0, false},
};

} // namespace

std::vector<Outlier> OutlierDetector::find(const MetricsModel& metrics,
                                           const std::vector<std::vector<InstanceId>>& groups,
                                           TimeRange window) const {
    std::vector<Outlier> out;
    if (window.isEmpty()) return out;
    const double seconds = double(window.toUs - window.fromUs) / 1e6;
    for (const auto& group : groups) {
        if (group.size() < 3) continue;
        std::vector<MetricsBucket> sums;
        std::vector<std::optional<std::int64_t>> last;
        for (InstanceId id : group) {
            sums.push_back(metrics.summary(id, window, MetricsBucket::WithLatency));
            last.push_back(lastEntryUs(metrics, id, window));
        }
        // The group's newest entry: silence is counted up to it, so old logs read the same
        // as live ones.
        std::int64_t groupLast = INT64_MIN;
        for (const auto& l : last)
            if (l) groupLast = std::max(groupLast, *l);
        if (groupLast == INT64_MIN) continue;
        for (const MetricRule& rule : kRules) {
            std::vector<Sample> samples;
            for (std::size_t k = 0; k < group.size(); ++k) {
                const MetricsBucket& b = sums[k];
                switch (rule.metric) {
                case OutlierMetric::ErrorRate:
                    if (b.operations >= m_options.minOperations) samples.push_back({group[k], b.errorRate()});
                    break;
                case OutlierMetric::P95Latency:
                    if (b.latency.count() >= m_options.minOperations)
                        samples.push_back({group[k], b.latency.quantileSeconds(0.95)});
                    break;
                // Rates compare the instances that wrote in the window: one that wrote
                // nothing is the silence's concern, and two silent siblings out of three
                // would otherwise make the one still writing look odd.
                case OutlierMetric::RequestRate:
                    if (b.requests > 0) samples.push_back({group[k], double(b.requests) / seconds});
                    break;
                case OutlierMetric::LogVolume:
                    if (b.volume() > 0) samples.push_back({group[k], double(b.volume()) / seconds});
                    break;
                case OutlierMetric::Silence: {
                    const std::int64_t lastUs = last[k] ? *last[k] : window.fromUs;
                    samples.push_back({group[k], double(groupLast - lastUs) / 1e6});
                    break;
                }
                }
            }
            if (samples.size() < 3) continue;
            std::vector<double> values;
            for (const Sample& s : samples)
                values.push_back(s.value);
            const double med = median(values);
            std::vector<double> deviations;
            for (double v : values)
                deviations.push_back(std::abs(v - med));
            const double spread = std::max(
                {kMadToSigma * median(deviations), rule.absoluteFloor, rule.relativeFloor * std::abs(med)});
            if (rule.metric == OutlierMetric::RequestRate && med <= 0) continue;
            for (const Sample& s : samples) {
                const double score = (s.value - med) / spread;
                if (!(score > m_options.threshold || (rule.bothWays && -score > m_options.threshold)))
                    continue;
                Outlier o;
                o.instance = s.instance;
                o.metric = rule.metric;
                o.value = s.value;
                o.median = med;
                o.score = std::abs(score);
                o.siblingsLow = INFINITY;
                o.siblingsHigh = -INFINITY;
                for (const Sample& other : samples)
                    if (other.instance != s.instance) {
                        o.siblingsLow = std::min(o.siblingsLow, other.value);
                        o.siblingsHigh = std::max(o.siblingsHigh, other.value);
                    }
                out.push_back(o);
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const Outlier& a, const Outlier& b) { return a.score > b.score; });
    return out;
}

QString outlierMetricName(OutlierMetric metric) {
    switch (metric) {
    case OutlierMetric::ErrorRate:
        return QStringLiteral("error rate");
    case OutlierMetric::P95Latency:
        return QStringLiteral("p95 latency");
    case OutlierMetric::RequestRate:
        return QStringLiteral("request rate");
    case OutlierMetric::LogVolume:
        return QStringLiteral("log volume");
    case OutlierMetric::Silence:
        return QStringLiteral("silent for");
    }
    return {};
}

QString formatOutlierValue(OutlierMetric metric, double value) {
    switch (metric) {
    case OutlierMetric::ErrorRate: {
        const double percent = value * 100;
        return QStringLiteral("%1 %").arg(percent, 0, 'f', percent < 10 && percent != 0 ? 1 : 0);
    }
    case OutlierMetric::P95Latency:
        return QStringLiteral("%1 s").arg(value, 0, 'g', 3);
    case OutlierMetric::RequestRate:
        return QStringLiteral("%1 req/s").arg(value, 0, 'g', 3);
    case OutlierMetric::LogVolume:
        return QStringLiteral("%1 entries/s").arg(value, 0, 'g', 3);
    case OutlierMetric::Silence:
        return QStringLiteral("%1 s").arg(value, 0, 'f', 0);
    }
    return {};
}

QString describeOutlier(const Outlier& o, const QString& instanceLabel) {
    const QString low = formatOutlierValue(o.metric, o.siblingsLow),
                  high = formatOutlierValue(o.metric, o.siblingsHigh);
    // "2–4 %": one unit for both ends when they share it.
    QString range = low;
    if (low != high) {
        const int space = low.indexOf(QLatin1Char(' '));
        const bool sameUnit = space > 0 && high.mid(high.indexOf(QLatin1Char(' '))) == low.mid(space);
        range = sameUnit ? QStringLiteral("%1–%2").arg(low.left(space), high)
                         : QStringLiteral("%1–%2").arg(low, high);
    }
    return QStringLiteral("%1: %2 %3, siblings %4")
        .arg(instanceLabel, outlierMetricName(o.metric), formatOutlierValue(o.metric, o.value), range);
}

} // namespace vigil
