#pragma once
// A fast 64-bit hash of short byte strings (instance, logger and endpoint names, request
// paths), for the tables the scan consults on every entry. std::hash runs a byte-oriented
// loop that showed as 2 % of a scan; this one reads 8 or 16 bytes at a time and mixes them
// with one 64x64->128 multiply (the wyhash construction). The seed is drawn per process,
// so log lines written to collide in one run's tables do not collide in another's.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace vigil {

namespace bytehash_detail {
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
inline std::uint64_t load64(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
inline std::uint64_t load32(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
std::uint64_t processSeed();
} // namespace bytehash_detail

// A function's static rather than a global: a table filled while other globals are being
// initialised must not see the seed change under it.
inline std::uint64_t byteHashSeed() {
    static const std::uint64_t seed = bytehash_detail::processSeed();
    return seed;
}

inline std::uint64_t hashBytes(std::string_view s) {
    using namespace bytehash_detail;
    constexpr std::uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                            k2 = 0x8ebc6af09c88c6e3ull;
    const char* p = s.data();
    std::size_t n = s.size();
    std::uint64_t h = byteHashSeed() ^ mix(n ^ k2, k0);
    for (; n > 16; p += 16, n -= 16)
        h = mix(load64(p) ^ k1, load64(p + 8) ^ h);
    std::uint64_t a = 0, b = 0;
    if (n >= 8) {
        a = load64(p);
        b = load64(p + n - 8);
    } else if (n >= 4) {
        a = load32(p);
        b = load32(p + n - 4);
    } else if (n > 0) {
        a = (std::uint64_t(static_cast<unsigned char>(p[0])) << 16) |
            (std::uint64_t(static_cast<unsigned char>(p[n >> 1])) << 8) |
            static_cast<unsigned char>(p[n - 1]);
    }
    return mix(a ^ k1, b ^ h ^ k0);
}

// For unordered containers keyed by string_view.
struct ByteHash {
    std::size_t operator()(std::string_view s) const noexcept { return hashBytes(s); }
};

} // namespace vigil
