#pragma once
// Reads the streams out of Loki's answers: query_range's
//   {"status":"success","data":{"resultType":"streams","result":[{"stream":{"job":"api"},
//    "values":[["1700000000123456789","line"]]}]}}
// and the tail socket's {"streams":[…],"dropped_entries":[…]}. Loki writes timestamps as
// strings of nanoseconds; qryn writes JSON numbers: both are read as exact 64-bit integers.

#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil {

struct LokiEntry {
    std::int64_t ns = 0;
    std::string line;
};

struct LokiStream {
    std::vector<std::pair<std::string, std::string>> labels; // sorted by name
    std::string key;                                         // {job="api", pod="a"}: one per stream
    std::vector<LokiEntry> entries;

    std::string_view label(std::string_view name) const;
};

struct LokiResponse {
    std::vector<LokiStream> streams;
    std::uint64_t entries = 0;
    std::uint64_t dropped = 0; // entries the tail reported it could not send
    QString error;             // not JSON, not streams, or status other than success
};

LokiResponse parseLokiResponse(std::string_view json);

// "1700000000123456789", 1700000000123456789 or 1.7e18: nanoseconds, false when none of those.
bool parseLokiTimestamp(std::string_view text, std::int64_t* ns);

} // namespace vigil
