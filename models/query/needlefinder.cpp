#include "needlefinder.h"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace vigil {

namespace {
bool isLetter(unsigned char c) {
    return static_cast<unsigned char>((c | 0x20) - 'a') < 26u;
}
unsigned char lower(unsigned char c) {
    return static_cast<unsigned char>(c + (static_cast<unsigned char>(c - 'A') < 26u ? 32 : 0));
}
} // namespace

NeedleFinder::NeedleFinder(std::string_view needle, bool caseSensitive)
    : m_needle(needle), m_caseSensitive(caseSensitive),
      m_hasNewline(needle.find('\n') != std::string_view::npos) {
    if (!caseSensitive)
        for (char& c : m_needle)
            c = static_cast<char>(lower(static_cast<unsigned char>(c)));
    const unsigned char first = m_needle.empty() ? 0 : static_cast<unsigned char>(m_needle.front());
    const unsigned char last = m_needle.empty() ? 0 : static_cast<unsigned char>(m_needle.back());
    m_firstFold = !caseSensitive && isLetter(first) ? 0x20 : 0;
    m_lastFold = !caseSensitive && isLetter(last) ? 0x20 : 0;
    m_first = first | m_firstFold;
    m_last = last | m_lastFold;
#if defined(__x86_64__)
    m_avx2 = __builtin_cpu_supports("avx2");
#endif
}

bool NeedleFinder::matchesAt(const char* p) const {
    const std::size_t n = m_needle.size();
    if (m_caseSensitive) return std::memcmp(p, m_needle.data(), n) == 0;
    for (std::size_t i = 0; i < n; ++i)
        if (lower(static_cast<unsigned char>(p[i])) != static_cast<unsigned char>(m_needle[i])) return false;
    return true;
}

// The vector loops: 16 or 32 start positions per step while their last bytes are inside the
// buffer. Each returns a match, or sets `rest` to where the scalar tail goes on.
#if defined(__x86_64__)
const char* NeedleFinder::scanSse2(const char* p, const char* limit, const char* end,
                                   const char*& rest) const {
    const std::size_t n = m_needle.size();
    const __m128i first = _mm_set1_epi8(static_cast<char>(m_first));
    const __m128i last = _mm_set1_epi8(static_cast<char>(m_last));
    const __m128i firstFold = _mm_set1_epi8(static_cast<char>(m_firstFold));
    const __m128i lastFold = _mm_set1_epi8(static_cast<char>(m_lastFold));
    for (; p < limit && end - (p + n - 1) >= 16; p += 16) {
        const __m128i a = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), firstFold);
        const __m128i b =
            _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 1)), lastFold);
        unsigned mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
        for (; mask; mask &= mask - 1) {
            const char* at = p + __builtin_ctz(mask);
            if (at >= limit) break;
            if (matchesAt(at)) return at;
        }
    }
    rest = p;
    return nullptr;
}

__attribute__((target("avx2"))) const char* NeedleFinder::scanAvx2(const char* p, const char* limit,
                                                                   const char* end, const char*& rest) const {
    const std::size_t n = m_needle.size();
    const __m256i first = _mm256_set1_epi8(static_cast<char>(m_first));
    const __m256i last = _mm256_set1_epi8(static_cast<char>(m_last));
    const __m256i firstFold = _mm256_set1_epi8(static_cast<char>(m_firstFold));
    const __m256i lastFold = _mm256_set1_epi8(static_cast<char>(m_lastFold));
    for (; p < limit && end - (p + n - 1) >= 32; p += 32) {
        const __m256i a = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), firstFold);
        const __m256i b =
            _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + n - 1)), lastFold);
        unsigned mask = static_cast<unsigned>(
            _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, last))));
        for (; mask; mask &= mask - 1) {
            const char* at = p + __builtin_ctz(mask);
            if (at >= limit) break;
            if (matchesAt(at)) return at;
        }
    }
    rest = p;
    return nullptr;
}
#endif

const char* NeedleFinder::find(const char* from, const char* limit, const char* end) const {
    const std::size_t n = m_needle.size();
    if (n == 0) return from < limit ? from : nullptr;
    if (end - from < static_cast<std::ptrdiff_t>(n)) return nullptr;
    if (limit > end - n + 1) limit = end - n + 1;
    const char* p = from;
#if defined(__x86_64__)
    if (const char* hit = m_avx2 ? scanAvx2(p, limit, end, p) : scanSse2(p, limit, end, p)) return hit;
#endif
    for (; p < limit; ++p)
        if ((static_cast<unsigned char>(*p) | m_firstFold) == m_first && matchesAt(p)) return p;
    return nullptr;
}

void NeedleFinder::findPerLine(const char* data, std::size_t limit, std::size_t size, std::uint64_t base,
                               std::vector<std::uint64_t>& out) const {
    const char* end = data + size;
    const char* stop = data + limit;
    for (const char* p = data; p < stop;) {
        const char* hit = find(p, stop, end);
        if (!hit) return;
        out.push_back(base + static_cast<std::uint64_t>(hit - data));
        if (m_hasNewline) {
            p = hit + 1;
            continue;
        }
        const void* nl = std::memchr(hit, '\n', static_cast<std::size_t>(end - hit));
        if (!nl) return;
        p = static_cast<const char*>(nl) + 1;
    }
}

} // namespace vigil
