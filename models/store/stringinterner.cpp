#include "stringinterner.h"

namespace vigil {

StringInterner::StringInterner() {
    m_texts.emplace_back();
    m_ids.emplace(std::string_view(), 0);
}

std::uint32_t StringInterner::intern(std::string_view text) {
    auto it = m_ids.find(text);
    if (it != m_ids.end()) return it->second;
    const std::string& stored = m_storage.emplace_back(text);
    const auto id = static_cast<std::uint32_t>(m_texts.size());
    m_texts.emplace_back(stored);
    m_ids.emplace(std::string_view(stored), id);
    return id;
}

std::uint32_t StringInterner::find(std::string_view text) const {
    auto it = m_ids.find(text);
    return it == m_ids.end() ? kNotFound : it->second;
}

} // namespace vigil
