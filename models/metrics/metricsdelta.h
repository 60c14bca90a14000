#pragma once
// The buckets of a range of entries, counted apart from the MetricsModel on a worker thread
// that reads a store snapshot; the model then merges them on its own thread in a few
// milliseconds, since merging costs per bucket, not per entry. A million entries take about
// 150 ms to count: on the thread that paints they held every other event back.

#include "metricsmodel.h"

namespace vigil {

class MetricsDelta {
  public:
    // Takes the model's thresholds, retention and newest time, on the model's thread:
    // buckets the model would drop anyway are not kept.
    explicit MetricsDelta(const MetricsModel& model);

    // Counts entries [first, end) of `columns` (clamped to what it holds). Any thread.
    void count(const SegmentedColumns& columns, EntryIndex first, EntryIndex end);

    std::uint64_t entries() const { return m_ingested; }

  private:
    friend class MetricsModel;
    LatencyThresholds m_thresholds;
    MetricsModel::Retention m_retention;
    MetricsModel::Horizons m_horizonSec;
    std::vector<MetricsModel::InstanceBuckets> m_instances;
    std::uint64_t m_ingested = 0;
    std::uint64_t m_untimed = 0;
    bool m_hasData = false;
    std::int64_t m_firstUs = INT64_MAX, m_lastUs = INT64_MIN;
    std::int64_t m_modelLastUs = INT64_MIN;
    // Where a merge cut short by its budget resumes.
    std::size_t m_mergeInstance = 0, m_mergeLevel = 0;
    bool m_spanTaken = false; // its time span is in the model's, its horizons moved
    bool m_merged = false;
};

} // namespace vigil
