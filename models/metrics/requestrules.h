#pragma once
// What the metrics count, in one place so charts, the endpoint table and alert rules agree:
// - a request is an entry that carries a duration or an HTTP status (any spelling the
//   parsers know: duration_ms, duration_seconds, "- 35.2s", status_code, "- 200 -");
// - an error is an entry at level ERROR or above, or with an HTTP status 5xx;
// - an entry marked FlagDuplicate (the copy of an error in error.log) counts for neither;
// - the error rate is errors over operations, where operations are the requests plus the
//   errors that are not requests ("Request failed: upstream timed out" has neither a
//   duration nor a status yet is a failed operation), so the rate never exceeds 100 %.
// Slow thresholds are seed 000's: tools off (or unknown) 5 s / 10 s, tools on 30 s / 60 s.
// "Slow" counts durations above the slow threshold up to the very-slow one; "very slow"
// those above it (the service logs the first as a warning, the second as an error).

#include "../store/level.h"

#include <cmath>
#include <cstdint>

namespace vigil {

struct LatencyThresholds {
    double slowSeconds = 5.0;
    double verySlowSeconds = 10.0;
    double slowToolsSeconds = 30.0;
    double verySlowToolsSeconds = 60.0;
};

inline bool isRequest(float durationSeconds, std::uint16_t status) {
    return !std::isnan(durationSeconds) || status != 0;
}

inline bool isServerErrorStatus(std::uint16_t status) {
    return status >= 500 && status <= 599;
}

inline bool isErrorEntry(Level level, std::uint16_t status) {
    return isErrorOrAbove(level) || isServerErrorStatus(status);
}

enum class Slowness : std::uint8_t { Normal, Slow, VerySlow };

inline Slowness classifyDuration(double seconds, bool toolsOn, const LatencyThresholds& t) {
    const double slow = toolsOn ? t.slowToolsSeconds : t.slowSeconds;
    const double verySlow = toolsOn ? t.verySlowToolsSeconds : t.verySlowSeconds;
    if (seconds > verySlow) return Slowness::VerySlow;
    if (seconds > slow) return Slowness::Slow;
    return Slowness::Normal;
}

} // namespace vigil

namespace vigil {

// The alert thresholds the charts draw, FORMATS.md defaults (p95 from seed 004, error
// rate from seeds 002 and 004) until the alert rules supply their own.
struct ChartThresholds {
    double p95Seconds = 2.0;
    double errorRateWarning = 0.05;
    double errorRateCritical = 0.10;
};

} // namespace vigil
