#pragma once
// What a format extracts from the first line of an entry. Views point into the line or
// into the JSON parser's string buffer: valid until the next parse on the same parser.

#include "../store/ids.h"
#include "../store/level.h"
#include "formatid.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace vigil {

struct ParsedLine {
    FormatId format = FormatId::Raw;
    std::int64_t timeUs = kNoTime; // UTC epoch microseconds
    Level level = Level::None;
    std::string_view instance; // explicit tag or JSON instance/service/app
    std::string_view logger;   // logger, target or module name
    std::string_view method;   // HTTP method
    std::string_view path;     // HTTP path, without query string
    std::uint16_t status = 0;  // HTTP status, 0 when absent
    float durationSeconds = std::numeric_limits<float>::quiet_NaN();
    std::int8_t toolsEnabled = -1;  // -1 unknown, 0 off, 1 on (seed 000)
    std::string_view correlationId; // request_id, call_id, task_id, session_id, X-Request-ID
    std::string_view message;       // the human message (text formats: a slice of the line)
    std::string_view location;      // source location, "module:function:line" (Python text)

    bool hasDuration() const { return !std::isnan(durationSeconds); }

    // Back to a default-constructed line, member by member: `*this = ParsedLine()` builds
    // a temporary on the stack and copies it in 16-byte loads from narrower stores, a stall
    // the scan paid on every line.
    void clear() {
        format = FormatId::Raw;
        timeUs = kNoTime;
        level = Level::None;
        // Each on its own: a chained assignment reloads the first one in 16 bytes.
        instance = {};
        logger = {};
        method = {};
        path = {};
        correlationId = {};
        message = {};
        location = {};
        status = 0;
        durationSeconds = std::numeric_limits<float>::quiet_NaN();
        toolsEnabled = -1;
    }
};

} // namespace vigil
