#include "metricsmodel.h"
#include "timemath.h"

#include "metricsdelta.h"

#include "../store/entryflags.h"

#include <QElapsedTimer>

#include <algorithm>

namespace vigil {

namespace {

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
    if (hasData()) pruneTo(m_instances, m_lastUs, m_retention, m_horizonSec);
}

void MetricsModel::pruneTo(std::vector<InstanceBuckets>& instances, std::int64_t lastUs,
                           const Retention& retention, Horizons& horizonSec) {
    const std::int64_t lastSec = floorDiv(lastUs, kUsPerSecond);
    for (std::size_t level = 0; level < kResolutionsSeconds.size(); ++level) {
        if (retention[level] <= 0) continue;
        const std::int64_t r = kResolutionsSeconds[level];
        const std::int64_t limitKey = floorDiv(lastSec - retention[level], r);
        // The horizon moves once per bucket of time; most calls stop here.
        if (limitKey * r <= horizonSec[level]) continue;
        horizonSec[level] = limitKey * r;
        for (InstanceBuckets& buckets : instances) {
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

bool MetricsModel::countEntry(const SegmentedColumns& store, EntryIndex index,
                              std::vector<InstanceBuckets>& instances, const Horizons& horizonSec,
                              const LatencyThresholds& thresholds, std::int64_t& timeUs) {
    const std::uint8_t flags = store.flags(index);
    timeUs = store.timeUs(index);
    // An entry before any timestamp of its file inherits time 0: it has no place in time;
    // nor has one stamped years ahead (FlagFutureTime).
    if (((flags & FlagInheritedTime) && timeUs == 0) || (flags & FlagFutureTime)) return false;
    const std::uint32_t instance = store.instance(index).value;
    if (instance >= instances.size()) instances.resize(instance + 1);
    InstanceBuckets& buckets = instances[instance];

    MetricsBucket::EntryFacts facts;
    facts.level = store.level(index);
    facts.duplicate = flags & FlagDuplicate;
    facts.durationSeconds = store.durationSeconds(index);
    facts.status = store.status(index);
    facts.endpoint = store.endpoint(index).value;
    facts.toolsOn = (flags & FlagToolsKnown) && (flags & FlagToolsOn);

    const std::int64_t second = floorDiv(timeUs, kUsPerSecond);
    for (std::size_t level = 0; level < kResolutionsSeconds.size(); ++level) {
        if (second < horizonSec[level]) continue; // a late entry for buckets already dropped
        bucketFor(buckets, level, floorDiv(second, kResolutionsSeconds[level])).add(facts, thresholds);
    }
    return true;
}

void MetricsModel::ingest(const SegmentedColumns& store, EntryIndex first, EntryIndex end) {
    const std::uint64_t from = std::max(first.value, store.beginIndex().value);
    const std::uint64_t to = std::min(end.value, store.endIndex().value);
    if (from >= to) return;
    for (std::uint64_t i = from; i < to; ++i) {
        ++m_ingested;
        std::int64_t timeUs = 0;
        if (!countEntry(store, EntryIndex(i), m_instances, m_horizonSec, m_thresholds, timeUs)) {
            ++m_untimed;
            continue;
        }
        m_firstUs = std::min(m_firstUs, timeUs);
        m_lastUs = std::max(m_lastUs, timeUs);
    }
    prune();
    ++m_revision;
    Q_EMIT updated();
}

bool MetricsModel::merge(MetricsDelta& delta, int budgetMs) {
    if (delta.m_merged) return true; // a caller finishing its own slices calls once more
    QElapsedTimer clock;
    clock.start();
    if (delta.m_instances.size() > m_instances.size()) m_instances.resize(delta.m_instances.size());
    // The delta's newest entry moves the horizons: the buckets they pass go first, a
    // budget's worth at a time (hours of one-second buckets of every instance can go at once).
    if (delta.m_hasData && !delta.m_spanTaken) {
        m_firstUs = std::min(m_firstUs, delta.m_firstUs);
        m_lastUs = std::max(m_lastUs, delta.m_lastUs);
        std::vector<InstanceBuckets> none;
        pruneTo(none, m_lastUs, m_retention, m_horizonSec);
        delta.m_spanTaken = true;
    }
    unsigned moved = 0;
    for (std::size_t level = 0; level < kResolutionsSeconds.size(); ++level) {
        const std::int64_t r = kResolutionsSeconds[level];
        for (InstanceBuckets& buckets : m_instances) {
            BucketMap& map = buckets.levels[level];
            while (!map.empty() && map.begin()->first * r < m_horizonSec[level]) {
                map.erase(map.begin());
                if (budgetMs >= 0 && ++moved % 64 == 0 && clock.elapsed() >= budgetMs) return false;
            }
        }
    }
    for (; delta.m_mergeInstance < delta.m_instances.size();
         ++delta.m_mergeInstance, delta.m_mergeLevel = 0) {
        InstanceBuckets& from = delta.m_instances[delta.m_mergeInstance];
        InstanceBuckets& to = m_instances[delta.m_mergeInstance];
        for (; delta.m_mergeLevel < kResolutionsSeconds.size(); ++delta.m_mergeLevel) {
            const std::size_t level = delta.m_mergeLevel;
            const std::int64_t r = kResolutionsSeconds[level];
            BucketMap& source = from.levels[level];
            BucketMap& target = to.levels[level];
            while (!source.empty()) {
                auto node = source.extract(source.begin());
                // A bucket the horizon passed meanwhile is let go (freed here, so it counts
                // against the budget too: a delta of old buckets was once 21 ms in one turn).
                if (node.key() * r >= m_horizonSec[level]) {
                    // A bucket the model lacks moves over whole; one it has adds up.
                    const auto at = target.lower_bound(node.key());
                    if (at != target.end() && at->first == node.key())
                        at->second.merge(node.mapped());
                    else
                        target.insert(at, std::move(node));
                }
                if (budgetMs >= 0 && ++moved % 16 == 0 && clock.elapsed() >= budgetMs) return false;
            }
        }
    }
    m_ingested += delta.m_ingested;
    m_untimed += delta.m_untimed;
    delta.m_merged = true;
    ++m_revision;
    Q_EMIT updated();
    return true;
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
