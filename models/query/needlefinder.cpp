#include "needlefinder.h"

#include <cstring>
#include <utility>

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
// How common a byte is in log text, higher for more common: spaces, digits (every line's
// time) and the punctuation of timestamps, paths and key=value pairs first, then letters by
// their frequency in English, capitals below lower case, anything else last.
int commonness(unsigned char c, bool caseSensitive) {
    static constexpr char kLetters[] = "etaoinsrhldcumfpgwybvkxjqz"; // most common first
    if (c == ' ') return 300;
    if (c >= '0' && c <= '9') return 250;
    for (const char* p = ":-.,/_=\"'[]()"; *p; ++p)
        if (c == static_cast<unsigned char>(*p)) return 220;
    const unsigned char l = lower(c);
    for (int i = 0; kLetters[i]; ++i)
        if (l == static_cast<unsigned char>(kLetters[i]))
            return (c == l || !caseSensitive ? 100 : 40) + 2 * (26 - i);
    return 10;
}
} // namespace

NeedleFinder::NeedleFinder(std::string_view needle, bool caseSensitive, Kernel kernel)
    : m_needle(needle), m_caseSensitive(caseSensitive),
      m_hasNewline(needle.find('\n') != std::string_view::npos) {
    if (!caseSensitive)
        for (char& c : m_needle)
            c = static_cast<char>(lower(static_cast<unsigned char>(c)));
    const unsigned char first = m_needle.empty() ? 0 : static_cast<unsigned char>(m_needle.front());
    m_firstFold = !caseSensitive && isLetter(first) ? 0x20 : 0;
    m_first = first | m_firstFold;
    // The rarest byte, then the rarest at another offset (of another value where it can).
    auto at = [&](std::size_t i) { return static_cast<unsigned char>(m_needle[i]); };
    auto cost = [&](std::size_t i) { return commonness(at(i), caseSensitive); };
    for (std::size_t i = 1; i < m_needle.size(); ++i)
        if (cost(i) < cost(m_offsetA)) m_offsetA = i;
    m_offsetB = m_needle.size() > 1 && m_offsetA == 0 ? 1 : 0;
    for (std::size_t i = 0; i < m_needle.size(); ++i) {
        if (i == m_offsetA) continue;
        const int penalty = at(i) == at(m_offsetA) ? 1000 : 0;
        const int best = cost(m_offsetB) + (at(m_offsetB) == at(m_offsetA) ? 1000 : 0);
        if (cost(i) + penalty < best) m_offsetB = i;
    }
    if (m_offsetB < m_offsetA) std::swap(m_offsetA, m_offsetB);
    if (!m_needle.empty()) {
        m_foldA = !caseSensitive && isLetter(at(m_offsetA)) ? 0x20 : 0;
        m_foldB = !caseSensitive && isLetter(at(m_offsetB)) ? 0x20 : 0;
        m_byteA = at(m_offsetA) | m_foldA;
        m_byteB = at(m_offsetB) | m_foldB;
    }
    for (std::size_t i = 0; i < m_needle.size() && i < m_head.size(); ++i) {
        m_head[i] = static_cast<unsigned char>(m_needle[i]);
        m_headFold[i] = !caseSensitive && isLetter(m_head[i]) ? 0x20 : 0;
    }
    if (m_needle.size() <= m_head.size())
        m_headMask = m_needle.size() == 32 ? ~0u : (1u << m_needle.size()) - 1u;
#if defined(__x86_64__)
    m_avx2 = kernel == Kernel::Best && __builtin_cpu_supports("avx2");
#else
    (void)kernel;
#endif
}

bool NeedleFinder::matchesAt(const char* p) const {
    const std::size_t n = m_needle.size();
    if (m_caseSensitive) return std::memcmp(p, m_needle.data(), n) == 0;
    for (std::size_t i = 0; i < n; ++i)
        if (lower(static_cast<unsigned char>(p[i])) != static_cast<unsigned char>(m_needle[i])) return false;
    return true;
}

// Letters compare with bit 0x20 set on both sides: the needle is lower case, and (c | 0x20)
// equals a lower-case letter only for that letter and its capital.
bool NeedleFinder::matchesAt(const char* p, const char* end) const {
#if defined(__x86_64__)
    if (m_headMask && m_headMask <= 0xFFFFu && end - p >= 16) {
        const __m128i bytes =
            _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)),
                         _mm_load_si128(reinterpret_cast<const __m128i*>(m_headFold.data())));
        const __m128i same =
            _mm_cmpeq_epi8(bytes, _mm_load_si128(reinterpret_cast<const __m128i*>(m_head.data())));
        return (~static_cast<unsigned>(_mm_movemask_epi8(same)) & m_headMask) == 0;
    }
#else
    (void)end;
#endif
    return matchesAt(p);
}

// The vector loops: 32 or 64 start positions per step while their last bytes are inside the
// buffer, testing for any candidate once per step and calling out only on one. Each returns
// a match, or sets `rest` to where the scalar tail goes on.
#if defined(__x86_64__)
const char* NeedleFinder::scanSse2(const char* p, const char* limit, const char* end,
                                   const char*& rest) const {
    const std::size_t n = m_needle.size();
    const __m128i first = _mm_set1_epi8(static_cast<char>(m_byteA));
    const __m128i last = _mm_set1_epi8(static_cast<char>(m_byteB));
    const __m128i firstFold = _mm_set1_epi8(static_cast<char>(m_foldA));
    const __m128i lastFold = _mm_set1_epi8(static_cast<char>(m_foldB));
    for (; p < limit && end - (p + n - 1) >= 32; p += 32) {
        const char* o = p + m_offsetA;
        const char* q = p + m_offsetB;
        _mm_prefetch(p + 4096, _MM_HINT_T0);
        const __m128i a0 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(o)), firstFold);
        const __m128i a1 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(o + 16)), firstFold);
        const __m128i b0 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q)), lastFold);
        const __m128i b1 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 16)), lastFold);
        const __m128i m0 = _mm_and_si128(_mm_cmpeq_epi8(a0, first), _mm_cmpeq_epi8(b0, last));
        const __m128i m1 = _mm_and_si128(_mm_cmpeq_epi8(a1, first), _mm_cmpeq_epi8(b1, last));
        if (_mm_movemask_epi8(_mm_or_si128(m0, m1)) == 0) continue;
        std::uint32_t mask = static_cast<std::uint32_t>(_mm_movemask_epi8(m0)) |
                             static_cast<std::uint32_t>(_mm_movemask_epi8(m1)) << 16;
        for (; mask; mask &= mask - 1) {
            const char* at = p + __builtin_ctz(mask);
            if (at >= limit) break;
            if (matchesAt(at, end)) return at;
        }
    }
    rest = p;
    return nullptr;
}

// A candidate against the needle's first 32 bytes in one compare, when they are all it has.
__attribute__((target("avx2"))) static inline bool
headMatchesAvx2(const char* at, const unsigned char* head, const unsigned char* fold, std::uint32_t mask) {
    const __m256i bytes = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)),
                                          _mm256_load_si256(reinterpret_cast<const __m256i*>(fold)));
    const __m256i same = _mm256_cmpeq_epi8(bytes, _mm256_load_si256(reinterpret_cast<const __m256i*>(head)));
    return (~static_cast<std::uint32_t>(_mm256_movemask_epi8(same)) & mask) == 0;
}

__attribute__((target("avx2"))) const char* NeedleFinder::scanAvx2(const char* p, const char* limit,
                                                                   const char* end, const char*& rest) const {
    const std::size_t n = m_needle.size();
    const __m256i first = _mm256_set1_epi8(static_cast<char>(m_byteA));
    const __m256i last = _mm256_set1_epi8(static_cast<char>(m_byteB));
    const __m256i firstFold = _mm256_set1_epi8(static_cast<char>(m_foldA));
    const __m256i lastFold = _mm256_set1_epi8(static_cast<char>(m_foldB));
    for (; p < limit && end - (p + n - 1) >= 64; p += 64) {
        const char* o = p + m_offsetA;
        const char* q = p + m_offsetB;
        _mm_prefetch(p + 4096, _MM_HINT_T0); // a page ahead: a mapped page cache misses at each page
        const __m256i a0 =
            _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(o)), firstFold);
        const __m256i a1 =
            _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(o + 32)), firstFold);
        const __m256i b0 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(q)), lastFold);
        const __m256i b1 =
            _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(q + 32)), lastFold);
        const __m256i m0 = _mm256_and_si256(_mm256_cmpeq_epi8(a0, first), _mm256_cmpeq_epi8(b0, last));
        const __m256i m1 = _mm256_and_si256(_mm256_cmpeq_epi8(a1, first), _mm256_cmpeq_epi8(b1, last));
        const __m256i any = _mm256_or_si256(m0, m1);
        if (_mm256_testz_si256(any, any)) continue;
        std::uint64_t mask = static_cast<std::uint32_t>(_mm256_movemask_epi8(m0)) |
                             std::uint64_t(static_cast<std::uint32_t>(_mm256_movemask_epi8(m1))) << 32;
        for (; mask; mask &= mask - 1) {
            const char* at = p + __builtin_ctzll(mask);
            if (at >= limit) break;
            if (m_headMask && end - at >= 32
                    ? headMatchesAvx2(at, m_head.data(), m_headFold.data(), m_headMask)
                    : matchesAt(at))
                return at;
        }
    }
    for (; p < limit && end - (p + n - 1) >= 32; p += 32) {
        const __m256i a =
            _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + m_offsetA)), firstFold);
        const __m256i b =
            _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + m_offsetB)), lastFold);
        unsigned mask = static_cast<unsigned>(
            _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, last))));
        for (; mask; mask &= mask - 1) {
            const char* at = p + __builtin_ctz(mask);
            if (at >= limit) break;
            if (matchesAt(at, end)) return at;
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
                               MatchOffsets& out) const {
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
