#pragma once
// Integer division that rounds toward minus infinity: timestamps before 1970 (negative
// microseconds) still fall into the bucket below them, not the one above, and show their
// own milliseconds (1965-03-01T00:00:00.123456 is .123, where `us / 1000` gave .124).

#include <cstdint>

namespace vigil {

constexpr std::int64_t kUsPerSecond = 1000000;

inline std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

inline std::int64_t ceilDiv(std::int64_t a, std::int64_t b) {
    return -floorDiv(-a, b);
}

// Epoch milliseconds (for QDateTime) of a time in epoch microseconds.
inline std::int64_t msFromUs(std::int64_t us) {
    return floorDiv(us, 1000);
}

} // namespace vigil
