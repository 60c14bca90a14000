#pragma once
// File times and the wall clock as integer nanoseconds since the epoch, the one unit the
// follow code compares them in (latency, change detection, quiet periods of old files).

#include <cstdint>
#include <ctime>

namespace vigil {

inline std::int64_t nanosSinceEpoch(const struct timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

inline std::int64_t wallClockNanos() {
    struct timespec t {};
    clock_gettime(CLOCK_REALTIME, &t);
    return nanosSinceEpoch(t);
}

} // namespace vigil
