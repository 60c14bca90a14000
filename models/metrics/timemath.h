#pragma once
// Integer division that rounds toward minus infinity: timestamps before 1970 (negative
// microseconds) still fall into the bucket below them, not the one above.

#include <cstdint>

namespace vigil {

inline std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

inline std::int64_t ceilDiv(std::int64_t a, std::int64_t b) {
    return -floorDiv(-a, b);
}

} // namespace vigil
