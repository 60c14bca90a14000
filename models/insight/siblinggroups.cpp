#include "siblinggroups.h"

#include <map>

namespace vigil {

void SiblingGroups::add(const SegmentedColumns& columns, EntryIndex first, EntryIndex end) {
    const std::uint64_t from = std::max(first.value, columns.beginIndex().value);
    const std::uint64_t to = std::min(end.value, columns.endIndex().value);
    for (std::uint64_t i = from; i < to; ++i) {
        const EntryIndex e(i);
        const std::uint32_t instance = columns.instance(e).value;
        if (instance >= m_counts.size()) m_counts.resize(instance + 1, {});
        FormatId format = columns.format(e);
        // A service's EVENT lines are the same service's text lines.
        if (format == FormatId::PythonEvent) format = FormatId::PythonText;
        ++m_counts[instance][std::size_t(format)];
    }
}

FormatId SiblingGroups::dominantFormat(InstanceId instance) const {
    if (instance.value >= m_counts.size()) return FormatId::Raw;
    const auto& c = m_counts[instance.value];
    std::size_t best = 0;
    for (std::size_t f = 1; f < c.size(); ++f)
        if (c[f] > c[best] || best == 0) best = c[f] ? f : best;
    return FormatId(best);
}

std::vector<std::vector<InstanceId>> SiblingGroups::groups() const {
    std::map<FormatId, std::vector<InstanceId>> byFormat;
    for (std::uint32_t id = 1; id < m_counts.size(); ++id) {
        const FormatId f = dominantFormat(InstanceId(id));
        if (f != FormatId::Raw) byFormat[f].push_back(InstanceId(id));
    }
    std::vector<std::vector<InstanceId>> out;
    for (auto& [format, ids] : byFormat)
        if (ids.size() >= 2) out.push_back(std::move(ids));
    return out;
}

} // namespace vigil
