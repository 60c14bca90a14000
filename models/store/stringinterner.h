#pragma once
// Maps strings to dense 32-bit ids and back. Id 0 is always the empty string.
// Lookups take string_view and never allocate for strings already present.

#include "bytehash.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil {

class StringInterner {
  public:
    StringInterner();

    std::uint32_t intern(std::string_view text);
    // Returns kNoId-compatible "not found" as UINT32_MAX; does not insert.
    std::uint32_t find(std::string_view text) const;
    std::string_view text(std::uint32_t id) const { return m_texts[id]; }
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_texts.size()); }

    static constexpr std::uint32_t kNotFound = UINT32_MAX;

  private:
    std::deque<std::string> m_storage; // stable addresses for the views below
    std::vector<std::string_view> m_texts;
    std::unordered_map<std::string_view, std::uint32_t, ByteHash> m_ids;
    std::uint32_t m_lastId = 0; // the id intern() returned last
};

} // namespace vigil
