#include "stringinterner.h"

#include <cstring>

namespace vigil {

StringInterner::StringInterner() {
    m_texts.emplace_back();
    m_ids.emplace(std::string_view(), 0);
}

std::size_t StringInterner::recentSlot(std::string_view text) {
    const std::size_t mix = text.size() * 7 + static_cast<unsigned char>(text.front()) * 3 +
                            static_cast<unsigned char>(text.back());
    return mix % kRecentSlots;
}

std::uint32_t StringInterner::intern(std::string_view text) {
    if (text.empty()) return 0; // its view may have no data pointer to compare
    std::uint32_t& recent = m_recent[recentSlot(text)];
    const std::string_view known = m_texts[recent];
    if (known.size() == text.size() && std::memcmp(known.data(), text.data(), text.size()) == 0)
        return recent;
    auto it = m_ids.find(text);
    if (it != m_ids.end()) return recent = it->second;
    const std::string& stored = m_storage.emplace_back(text);
    const auto id = static_cast<std::uint32_t>(m_texts.size());
    m_texts.emplace_back(stored);
    m_ids.emplace(std::string_view(stored), id);
    return recent = id;
}

std::uint32_t StringInterner::find(std::string_view text) const {
    auto it = m_ids.find(text);
    return it == m_ids.end() ? kNotFound : it->second;
}

} // namespace vigil
