#include "metricsmodel.h"
#include "timemath.h"

#include "../store/entryflags.h"

#include <algorithm>

namespace vigil {

namespace {
constexpr std::int64_t kUsPerSecond = 1000000;

// Seconds bounds of a microsecond range: [floor(from), ceil(to)), clamped so that
// multiplying back by the coarsest resolution cannot overflow.
void secondsOf(TimeRange range, std::int64_t& from, std::int64_t& to) {
    constexpr std::int64_t kLimit = std::int64_t(1) << 50;
    from = std::clamp(floorDiv(range.fromUs, kUsPerSecond), -kLimit, kLimit);
    to = std::clamp(ceilDiv(range.toUs, kUsPerSecond), -kLimit, kLimit);
}
} // namespace

TimeRange TimeRange::everything() {
    return TimeRange{INT64_MIN / 2, INT64_MAX / 2};
}

MetricsModel::MetricsModel(LatencyThresholds thresholds, QObject* parent)
    : QObject(parent), m_thresholds(thresholds) {
    m_horizonSec.fill(INT64_MIN);
}

void MetricsModel::setRetention(const Retention& retention) {
    m_retention = retention;
    prune();
}

void MetricsModel::prune() {
    if (!hasData()) return;
    const std::int64_t lastSec = floorDiv(m_lastUs, kUsPerSecond);
    for (std::size_t level = 0; level < kResolutionsSeconds.size(); ++level) {
        if (m_retention[level] <= 0) continue;
        const std::int64_t r = kResolutionsSeconds[level];
        const std::int64_t limitKey = floorDiv(lastSec - m_retention[level], r);
        // The horizon moves once per bucket of time; most calls stop here.
        if (limitKey * r <= m_horizonSec[level]) continue;
        m_horizonSec[level] = limitKey * r;
        for (InstanceBuckets& buckets : m_instances) {
            BucketMap& map = buckets.levels[level];
            map.erase(map.begin(), map.lower_bound(limitKey));
        }
    }
}

MetricsBucket& MetricsModel::bucketFor(InstanceBuckets& buckets, std::size_t level, std::int64_t key) {
    BucketMap& map = buckets.levels[level];
    // Entries arrive mostly in time order: the newest bucket is the usual target.
    if (!map.empty()) {
        auto last = std::prev(map.end());
        if (last->first == key) return last->second;
        if (last->first < key) return map.emplace_hint(map.end(), key, MetricsBucket())->second;
    }
    return map[key];
}

void MetricsModel::ingest(const SegmentedColumns& store, EntryIndex first, EntryIndex end) {
    const std::uint64_t from = std::max(first.value, store.beginIndex().value);
    const std::uint64_t to = std::min(end.value, store.endIndex().value);
    if (from >= to) return;
    for (std::uint64_t i = from; i < to; ++i) {
        const EntryIndex index(i);
        const std::uint8_t flags = store.flags(index);
        const std::int64_t timeUs = store.timeUs(index);
        ++m_ingested;
        // An entry before any timestamp of its file inherits time 0: it has no place in time;
        // nor has one stamped years ahead.
        if (((flags & FlagInheritedTime) && timeUs == 0) || (flags & FlagFutureTime)) {
            ++m_untimed;
            continue;
        }
        const std::uint32_t instance = store.instance(index).value;
        if (instance >= m_instances.size()) m_instances.resize(instance + 1);
        InstanceBuckets& buckets = m_instances[instance];

        MetricsBucket::EntryFacts facts;
        facts.level = store.level(index);
        facts.duplicate = flags & FlagDuplicate;
        facts.durationSeconds = store.durationSeconds(index);
        facts.status = store.status(index);
        facts.endpoint = store.endpoint(index).value;
        facts.toolsOn = (flags & FlagToolsKnown) && (flags & FlagToolsOn);

        const std::int64_t second = floorDiv(timeUs, kUsPerSecond);
        for (std::size_t level = 0; level < kResolutionsSeconds.size(); ++level) {
            if (second < m_horizonSec[level]) continue; // a late entry for buckets already dropped
            bucketFor(buckets, level, floorDiv(second, kResolutionsSeconds[level])).add(facts, m_thresholds);
        }
        m_firstUs = std::min(m_firstUs, timeUs);
        m_lastUs = std::max(m_lastUs, timeUs);
    }
    prune();
    ++m_revision;
    Q_EMIT updated();
}

void MetricsModel::clear() {
    m_instances.clear();
    m_ingested = m_untimed = 0;
    m_firstUs = INT64_MAX;
    m_lastUs = INT64_MIN;
    m_horizonSec.fill(INT64_MIN);
    ++m_revision;
}

std::vector<InstanceId> MetricsModel::instances() const {
    std::vector<InstanceId> out;
    for (std::size_t i = 0; i < m_instances.size(); ++i)
        if (!m_instances[i].levels.back().empty()) out.push_back(InstanceId(static_cast<std::uint32_t>(i)));
    return out;
}

std::int64_t MetricsModel::resolutionFor(std::int64_t spanUs, int maxPoints) {
    const std::int64_t spanSeconds = std::max<std::int64_t>(1, ceilDiv(spanUs, kUsPerSecond));
    for (std::int64_t r : kResolutionsSeconds)
        if (ceilDiv(spanSeconds, r) <= std::max(1, maxPoints)) return r;
    return kResolutionsSeconds.back();
}

std::vector<BucketPoint> MetricsModel::series(InstanceId instance, std::int64_t resolutionSeconds,
                                              TimeRange range) const {
    std::vector<BucketPoint> out;
    if (instance.value >= m_instances.size()) return out;
    const auto level = std::find(kResolutionsSeconds.begin(), kResolutionsSeconds.end(), resolutionSeconds);
    if (level == kResolutionsSeconds.end()) return out;
    const BucketMap& map =
        m_instances[instance.value].levels[std::size_t(level - kResolutionsSeconds.begin())];
    std::int64_t fromSec, toSec;
    secondsOf(range, fromSec, toSec);
    auto it = map.lower_bound(floorDiv(fromSec, resolutionSeconds));
    const auto stop = map.lower_bound(ceilDiv(toSec, resolutionSeconds));
    for (; it != stop; ++it)
        out.push_back(BucketPoint{it->first * resolutionSeconds * kUsPerSecond, &it->second});
    return out;
}

// Merges into `out` the buckets covering seconds [fromSec, toSec), using the coarsest
// level whose buckets fit wholly inside and recursing to finer levels for the edges.
void MetricsModel::collect(const InstanceBuckets& buckets, std::size_t level, std::int64_t fromSec,
                           std::int64_t toSec, unsigned parts, MetricsBucket& out) const {
    if (fromSec >= toSec) return;
    const std::int64_t r = kResolutionsSeconds[level];
    const BucketMap& map = buckets.levels[level];
    if (level == 0) {
        for (auto it = map.lower_bound(fromSec), stop = map.lower_bound(toSec); it != stop; ++it)
            out.merge(it->second, parts);
        return;
    }
    const std::int64_t firstWhole = ceilDiv(fromSec, r), endWhole = floorDiv(toSec, r);
    if (firstWhole >= endWhole) {
        // No whole bucket: the range lies in one bucket, or straddles the boundary of two.
        const std::int64_t boundary = firstWhole * r;
        if (boundary > fromSec && boundary < toSec) {
            collectEdge(buckets, level, fromSec, boundary, parts, out);
            collectEdge(buckets, level, boundary, toSec, parts, out);
        } else {
            collectEdge(buckets, level, fromSec, toSec, parts, out);
        }
        return;
    }
    collectEdge(buckets, level, fromSec, firstWhole * r, parts, out);
    for (auto it = map.lower_bound(firstWhole), stop = map.lower_bound(endWhole); it != stop; ++it)
        out.merge(it->second, parts);
    collectEdge(buckets, level, endWhole * r, toSec, parts, out);
}

// [fromSec, toSec) lies inside one bucket of `level`: finer buckets when they are still
// kept, else that whole bucket.
void MetricsModel::collectEdge(const InstanceBuckets& buckets, std::size_t level, std::int64_t fromSec,
                               std::int64_t toSec, unsigned parts, MetricsBucket& out) const {
    if (fromSec >= toSec) return;
    if (m_horizonSec[level - 1] <= fromSec) {
        collect(buckets, level - 1, fromSec, toSec, parts, out);
        return;
    }
    const BucketMap& map = buckets.levels[level];
    const auto it = map.find(floorDiv(fromSec, kResolutionsSeconds[level]));
    if (it != map.end()) out.merge(it->second, parts);
}

MetricsBucket MetricsModel::summary(InstanceId instance, TimeRange range, unsigned parts) const {
    MetricsBucket out;
    if (instance.value >= m_instances.size() || range.isEmpty()) return out;
    std::int64_t fromSec, toSec;
    secondsOf(range, fromSec, toSec);
    collect(m_instances[instance.value], kResolutionsSeconds.size() - 1, fromSec, toSec, parts, out);
    return out;
}

MetricsBucket MetricsModel::summaryAll(TimeRange range, unsigned parts) const {
    MetricsBucket out;
    for (InstanceId id : instances())
        out.merge(summary(id, range, parts), parts);
    return out;
}

std::vector<EndpointStats> MetricsModel::endpointStats(TimeRange range,
                                                       const std::vector<InstanceId>& only) const {
    MetricsBucket all;
    for (InstanceId id : only.empty() ? instances() : only)
        all.merge(summary(id, range, MetricsBucket::WithEndpoints), MetricsBucket::WithEndpoints);
    std::vector<EndpointStats> out;
    out.reserve(all.endpoints.size());
    for (const EndpointTally& t : all.endpoints)
        out.push_back(EndpointStats{EndpointId(t.endpoint), t});
    return out;
}

} // namespace vigil
