#pragma once
// Fast timestamp parsing to UTC epoch microseconds. Naive timestamps are taken as UTC.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vigil {

// Parses "YYYY-MM-DD[T ]HH:MM:SS" with an optional fraction after '.' or ',' (any number of
// digits) and an optional zone: 'Z', "+HH:MM", "+HHMM", "+HH". Returns kNoTime when the text
// does not start with such a timestamp; on success sets `consumed` to its length.
std::int64_t parseIsoTimestamp(std::string_view text, std::size_t& consumed);

// Whole-string variant (JSON values); also accepts epoch seconds or milliseconds as digits.
std::int64_t parseTimestampValue(std::string_view text);

// Epoch seconds (fractional) or milliseconds (values above 1e11) from a JSON number.
std::int64_t epochNumberToMicros(double value);

std::int64_t daysFromCivil(int year, unsigned month, unsigned day);

} // namespace vigil
