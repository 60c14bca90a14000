#include "sourcetable.h"

namespace vigil {

FormatId SourceInfo::dominantFormat() const {
    std::size_t best = 0;
    for (std::size_t i = 1; i < formatCounts.size(); ++i)
        if (formatCounts[i] > formatCounts[best]) best = i;
    // PythonEvent lines live inside Python text files: report the file as Python text.
    if (static_cast<FormatId>(best) == FormatId::PythonEvent) return FormatId::PythonText;
    return static_cast<FormatId>(best);
}

FileId SourceTable::add(SourceInfo info) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_sources.push_back(std::make_unique<SourceInfo>(std::move(info)));
    return FileId(static_cast<std::uint32_t>(m_sources.size() - 1));
}

SourceInfo& SourceTable::operator[](FileId id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return *m_sources[id.value];
}

const SourceInfo& SourceTable::operator[](FileId id) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return *m_sources[id.value];
}

std::uint32_t SourceTable::size() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return static_cast<std::uint32_t>(m_sources.size());
}

} // namespace vigil
