#pragma once
// Finds a plain-text needle in large blocks of log bytes, ASCII case-insensitively if asked,
// without lowercasing a copy first: it compares two of the needle's bytes against 32 or 64
// positions at a time and checks only the few places where both agree (the "generic SIMD"
// substring search). The two are its rarest in log text, not its first and last: "timeout"
// compared by its t and t stops at one position in a hundred of English text, by its m and u
// at one in a thousand. Search over a million entries reads each byte once.

#include "../memory/hugepages.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

// Offsets of matches, on 2 MB pages from their first byte when they grow large (hugepages.h).
using MatchOffsets = std::vector<std::uint64_t, LargeAllocator<std::uint64_t>>;

class NeedleFinder {
  public:
    enum class Kernel { Best, Baseline }; // Baseline: SSE2 even where AVX2 is there (tests)
    NeedleFinder(std::string_view needle, bool caseSensitive, Kernel kernel = Kernel::Best);

    std::size_t size() const { return m_needle.size(); }

    // The first match starting in [from, limit) and lying wholly before `end`, or null.
    const char* find(const char* from, const char* limit, const char* end) const;

    // Appends base + position for the first match on each line that starts before `limit`
    // (later matches on a line tell nothing more about the entry holding it).
    void findPerLine(const char* data, std::size_t limit, std::size_t size, std::uint64_t base,
                     MatchOffsets& out) const;

  private:
    bool matchesAt(const char* p) const;
    bool matchesAt(const char* p, const char* end) const; // a vector compare where it fits
    const char* scanSse2(const char* p, const char* limit, const char* end, const char*& rest) const;
    const char* scanAvx2(const char* p, const char* limit, const char* end, const char*& rest) const;

    std::string m_needle; // lower-cased unless case-sensitive
    bool m_caseSensitive;
    bool m_hasNewline;
    bool m_avx2 = false;                // chosen at run time: the build targets baseline x86-64
    unsigned char m_first, m_firstFold; // fold: 0x20 for letters when ignoring case
    // The two bytes the vector loops compare, at these offsets into the needle.
    std::size_t m_offsetA = 0, m_offsetB = 0;
    unsigned char m_byteA = 0, m_byteB = 0, m_foldA = 0, m_foldB = 0;
    // The needle's first 32 bytes and their folds, to check a candidate in one compare.
    alignas(32) std::array<unsigned char, 32> m_head{}, m_headFold{};
    std::uint32_t m_headMask = 0; // one bit per needle byte, for needles of up to 32
};

} // namespace vigil
