#include "metricsdelta.h"

#include "../exec/executor.h"
#include "../memory/heaproom.h"

namespace vigil {

MetricsDelta::MetricsDelta(const MetricsModel& model)
    : m_thresholds(model.m_thresholds), m_retention(model.m_retention), m_horizonSec(model.m_horizonSec),
      m_modelLastUs(model.m_lastUs) {}

void MetricsDelta::count(const SegmentedColumns& columns, EntryIndex first, EntryIndex end) {
    const std::uint64_t from = std::max(first.value, columns.beginIndex().value);
    const std::uint64_t to = std::min(end.value, columns.endIndex().value);
    if (from >= to) return;
    for (std::uint64_t i = from; i < to; ++i) {
        if ((i & 4095) == 0) yieldToUrgentWork();
        // A task's small allocations outgrow the room taken as it started (heaproom.h).
        if ((i & 0xFFFF) == 0) keepHeapRoom();
        ++m_ingested;
        std::int64_t timeUs = 0;
        if (!MetricsModel::countEntry(columns, EntryIndex(i), m_instances, m_horizonSec, m_thresholds,
                                      timeUs)) {
            ++m_untimed;
            continue;
        }
        m_hasData = true;
        m_firstUs = std::min(m_firstUs, timeUs);
        m_lastUs = std::max(m_lastUs, timeUs);
    }
    // The model's horizon after the merge is at least this one: what lies below it would be
    // dropped there.
    if (m_hasData)
        MetricsModel::pruneTo(m_instances, std::max(m_lastUs, m_modelLastUs), m_retention, m_horizonSec);
}

} // namespace vigil
