#pragma once
// Time-bucketed metrics per instance, fed incrementally from the EntryStore: every entry
// lands in one bucket of each resolution (1 s, 5 s, 30 s, 2 min, 10 min, 1 h), so a chart
// of any window reads at most a few hundred ready buckets, and a summary over any time
// range merges whole coarse buckets plus finer ones at its edges. Charts, the endpoint
// table and alert rules read it; it never reads widgets. Counting rules: requestrules.h.

#include "metricsbucket.h"

#include "../store/segmentedcolumns.h"

#include <QObject>

#include <array>
#include <cstdint>
#include <map>
#include <vector>

namespace vigil {

// Half-open [fromUs, toUs) in UTC epoch microseconds.
struct TimeRange {
    std::int64_t fromUs = 0;
    std::int64_t toUs = 0;
    bool isEmpty() const { return toUs <= fromUs; }
    static TimeRange everything();
};

// One bucket of one instance as a chart plots it.
struct BucketPoint {
    std::int64_t startUs = 0;
    const MetricsBucket* bucket = nullptr; // valid until the next ingest() or clear()
};

class MetricsDelta;

struct EndpointStats {
    EndpointId endpoint;
    EndpointTally tally;
    double averageSeconds() const { return tally.timed ? tally.sumSeconds / double(tally.timed) : 0.0; }
};

class MetricsModel : public QObject {
    Q_OBJECT
  public:
    static constexpr std::array<std::int64_t, 6> kResolutionsSeconds = {1, 5, 30, 120, 600, 3600};
    // How long each resolution keeps its buckets, in seconds before the latest entry
    // (0: for ever). Fine buckets are the memory: at 5,000 requests/s an instance's 1 s
    // buckets take a few kilobytes each.
    using Retention = std::array<std::int64_t, kResolutionsSeconds.size()>;
    static constexpr Retention kDefaultRetention = {6 * 3600, 24 * 3600, 7 * 86400, 30 * 86400, 0, 0};

    explicit MetricsModel(LatencyThresholds thresholds = {}, QObject* parent = nullptr);

    // Drops, now and as time goes on, the buckets older than the retention of their level.
    void setRetention(const Retention& retention);
    const Retention& retention() const { return m_retention; }

    // Adds entries [first, end) of the store (or of a snapshot). Only the buckets they fall
    // in change. Entries with no time at all (raw lines before any timestamp) are counted
    // in untimedEntries() and in no bucket, as are entries stamped far past the wall clock
    // (FlagFutureTime): one would make itself the newest time every window ends at.
    void ingest(const SegmentedColumns& store, EntryIndex first, EntryIndex end);
    // Adds entries a MetricsDelta counted on another thread: the same buckets as ingest()
    // of those entries (sums of durations may differ in their last bit: they add in
    // another order). The thread that paints passes a budget: at most about budgetMs of
    // buckets are merged per call, false while some are left; readers then see part of
    // the delta, and revision() and updated() wait for the rest.
    bool merge(MetricsDelta& delta, int budgetMs = -1);
    void clear();

    const LatencyThresholds& thresholds() const { return m_thresholds; }
    // Grows with every ingest that changed something; readers compare it to skip work.
    std::uint64_t revision() const { return m_revision; }
    std::uint64_t ingestedEntries() const { return m_ingested; }
    std::uint64_t untimedEntries() const { return m_untimed; }

    // Instances that have at least one bucket, in id order (ids of the store's interner).
    std::vector<InstanceId> instances() const;
    bool hasData() const { return m_firstUs <= m_lastUs; }
    std::int64_t firstTimeUs() const { return m_firstUs; } // earliest entry time
    std::int64_t lastTimeUs() const { return m_lastUs; }   // latest entry time

    // The finest resolution (seconds) giving at most maxPoints buckets over spanUs.
    static std::int64_t resolutionFor(std::int64_t spanUs, int maxPoints);

    // The non-empty buckets of an instance at a resolution (one of kResolutionsSeconds)
    // whose start lies in [range.fromUs rounded down to the resolution, range.toUs), in
    // time order.
    std::vector<BucketPoint> series(InstanceId instance, std::int64_t resolutionSeconds,
                                    TimeRange range) const;

    // Everything of an instance (or of all instances) over a range, exact to the second:
    // whole coarse buckets inside the range, finer ones at its edges. Where the finer
    // buckets of an edge are past their retention, the edge widens to the coarser bucket
    // still kept.
    // `parts` (MetricsBucket::Parts) leaves out the histogram or the endpoints when not needed.
    MetricsBucket summary(InstanceId instance, TimeRange range,
                          unsigned parts = MetricsBucket::Everything) const;
    MetricsBucket summaryAll(TimeRange range, unsigned parts = MetricsBucket::Everything) const;

    // Per-endpoint tallies over a range, for the given instances (all when empty).
    std::vector<EndpointStats> endpointStats(TimeRange range,
                                             const std::vector<InstanceId>& instances = {}) const;

  Q_SIGNALS:
    // Emitted after an ingest() that added entries.
    void updated();

  private:
    friend class MetricsDelta;
    using BucketMap = std::map<std::int64_t, MetricsBucket>; // key: start second / resolution
    struct InstanceBuckets {
        std::array<BucketMap, kResolutionsSeconds.size()> levels;
    };
    using Horizons = std::array<std::int64_t, kResolutionsSeconds.size()>;
    static MetricsBucket& bucketFor(InstanceBuckets& buckets, std::size_t level, std::int64_t key);
    // The one place an entry is counted, for ingest() and MetricsDelta alike. False for an
    // entry with no place in time.
    static bool countEntry(const SegmentedColumns& store, EntryIndex index,
                           std::vector<InstanceBuckets>& instances, const Horizons& horizonSec,
                           const LatencyThresholds& thresholds, std::int64_t& timeUs);
    // Moves the horizons up to what `lastUs` and the retention allow, dropping the buckets
    // they pass.
    static void pruneTo(std::vector<InstanceBuckets>& instances, std::int64_t lastUs,
                        const Retention& retention, Horizons& horizonSec);
    void collect(const InstanceBuckets& buckets, std::size_t level, std::int64_t fromSec, std::int64_t toSec,
                 unsigned parts, MetricsBucket& out) const;
    void collectEdge(const InstanceBuckets& buckets, std::size_t level, std::int64_t fromSec,
                     std::int64_t toSec, unsigned parts, MetricsBucket& out) const;
    void prune();

    LatencyThresholds m_thresholds;
    std::vector<InstanceBuckets> m_instances; // by InstanceId
    std::uint64_t m_revision = 0;
    std::uint64_t m_ingested = 0;
    std::uint64_t m_untimed = 0;
    std::int64_t m_firstUs = INT64_MAX, m_lastUs = INT64_MIN;
    Retention m_retention = kDefaultRetention;
    // Per level, the first second whose bucket is still kept (INT64_MIN: nothing dropped).
    Horizons m_horizonSec;
};

} // namespace vigil
