#include "lokitextsource.h"

#include <algorithm>

namespace vigil {

std::uint64_t LokiTextSource::append(std::string_view line) {
    std::lock_guard<std::mutex> lock(m_mutex);
    const std::uint64_t offset = m_size;
    auto put = [this](std::string_view part) {
        while (!part.empty()) {
            if (m_chunks.empty() || m_chunks.back().size() == kChunk) {
                m_chunks.emplace_back();
                m_chunks.back().reserve(kChunk);
            }
            std::string& chunk = m_chunks.back();
            const std::size_t take = std::min(kChunk - chunk.size(), part.size());
            chunk.append(part.substr(0, take));
            part.remove_prefix(take);
        }
    };
    put(line);
    put("\n");
    const std::uint64_t total = line.size() + 1;
    m_size += total;
    return offset;
}

std::uint64_t LokiTextSource::size() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_size;
}

bool LokiTextSource::read(std::uint64_t offset, std::uint32_t length, std::string& out) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    out.clear();
    if (offset >= m_size) return length == 0;
    const std::uint64_t end = std::min<std::uint64_t>(m_size, offset + length);
    for (std::uint64_t at = offset; at < end;) {
        const std::string& chunk = m_chunks[at / kChunk];
        const std::size_t from = at % kChunk;
        const std::size_t take = std::min<std::uint64_t>(chunk.size() - from, end - at);
        out.append(chunk, from, take);
        at += take;
    }
    return end == offset + length;
}

} // namespace vigil
