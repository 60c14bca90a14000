#include "lokideduplicator.h"

#include <functional>

namespace vigil {

bool LokiDeduplicator::accept(std::string_view streamKey, std::int64_t ns, std::string_view line) {
    if (m_newestNs != 0 && ns < m_newestNs - m_slackNs) return false;
    const std::hash<std::string_view> h;
    std::uint64_t key = h(streamKey);
    key = (key ^ std::uint64_t(ns)) * 0x9E3779B97F4A7C15ULL;
    key ^= h(line) + 0x632BE59BD9B4E019ULL + (key << 6) + (key >> 2);
    if (!m_keys.insert(key).second) return false;
    m_byTime.emplace(ns, key);
    if (ns > m_newestNs) {
        m_newestNs = ns;
        const std::int64_t oldest = m_newestNs - m_slackNs;
        for (auto it = m_byTime.begin(); it != m_byTime.end() && it->first < oldest;) {
            m_keys.erase(it->second);
            it = m_byTime.erase(it);
        }
    }
    return true;
}

} // namespace vigil
