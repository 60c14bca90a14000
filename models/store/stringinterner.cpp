#include "stringinterner.h"

#include <cstring>

namespace vigil {

StringInterner::StringInterner() {
    m_texts.emplace_back();
    m_ids.emplace(std::string_view(), 0);
}

std::uint32_t StringInterner::intern(std::string_view text) {
    // A source names the same instance or logger on line after line.
    const std::string_view last = m_texts[m_lastId];
    if (last.size() == text.size() && std::memcmp(last.data(), text.data(), text.size()) == 0)
        return m_lastId;
    auto it = m_ids.find(text);
    if (it != m_ids.end()) return m_lastId = it->second;
    const std::string& stored = m_storage.emplace_back(text);
    const auto id = static_cast<std::uint32_t>(m_texts.size());
    m_texts.emplace_back(stored);
    m_ids.emplace(std::string_view(stored), id);
    return m_lastId = id;
}

std::uint32_t StringInterner::find(std::string_view text) const {
    auto it = m_ids.find(text);
    return it == m_ids.end() ? kNotFound : it->second;
}

} // namespace vigil
