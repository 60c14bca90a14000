#pragma once
// Maps strings to dense 32-bit ids and back. Id 0 is always the empty string.
// Lookups take string_view and never allocate for strings already present.

#include "bytehash.h"

#include <array>
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
    // Ids of strings interned lately, by their length and end bytes. A source's lines cycle
    // through a handful of loggers, so the last string alone missed on most lines, and each
    // miss paid the map: a modulo, a chain of nodes and a memcmp (a tenth of a Python file's
    // parse). A slot only points at a candidate, compared in full; 0 is the empty string.
    static constexpr std::size_t kRecentSlots = 16;
    std::array<std::uint32_t, kRecentSlots> m_recent{};
    static std::size_t recentSlot(std::string_view text);
};

} // namespace vigil
