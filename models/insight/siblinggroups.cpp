#include "siblinggroups.h"

#include "../parse/formatid.h"
#include "../parse/formatregistry.h"

#include <map>

namespace vigil {

void SiblingGroups::add(const SegmentedColumns& columns, EntryIndex first, EntryIndex end) {
    const std::uint64_t from = std::max(first.value, columns.beginIndex().value);
    const std::uint64_t to = std::min(end.value, columns.endIndex().value);
    const FormatRegistry& registry = formatRegistry();
    for (std::uint64_t i = from; i < to; ++i) {
        const EntryIndex e(i);
        const std::uint32_t instance = columns.instance(e).value;
        if (instance >= m_counts.size()) m_counts.resize(instance + 1, {});
        // A service's EVENT lines are the same service's text lines: its file format counts.
        const auto format = std::size_t(registry.fileFormat(columns.format(e)));
        std::vector<std::uint64_t>& counts = m_counts[instance];
        if (format >= counts.size()) counts.resize(format + 1);
        ++counts[format];
    }
}

FormatId SiblingGroups::dominantFormat(InstanceId instance) const {
    if (instance.value >= m_counts.size()) return FormatId::Raw;
    std::uint8_t best = 0; // Raw: no parsed entry
    std::uint64_t bestCount = 0;
    const std::vector<std::uint64_t>& counts = m_counts[instance.value];
    for (std::size_t format = 1; format < counts.size(); ++format)
        if (counts[format] > bestCount) { // the lowest format wins a tie
            best = std::uint8_t(format);
            bestCount = counts[format];
        }
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
