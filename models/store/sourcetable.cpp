#include "sourcetable.h"

#include "../parse/formatregistry.h"

namespace vigil {

FormatId SourceInfo::dominantFormat() const {
    const FormatRegistry& formats = formatRegistry();
    std::vector<std::uint64_t> byFile(formatCounts.size());
    for (std::size_t i = 0; i < formatCounts.size(); ++i) {
        const auto file = static_cast<std::size_t>(formats.fileFormat(FormatId(i)));
        if (file < byFile.size()) byFile[file] += formatCounts[i];
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < byFile.size(); ++i)
        if (byFile[i] > byFile[best]) best = i;
    return FormatId(best);
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
