#pragma once
// The pieces of an exported record, written as UTF-8 bytes straight from the log text.
// An export handles every entry of a filter, millions of them: building each field as a
// QString and converting it back to UTF-8 cost more than reading and masking the entry.
// What comes out is byte for byte what the QString path gave, invalid UTF-8 included.

#include <cstdint>
#include <string>
#include <string_view>

namespace vigil {

// The bytes as valid UTF-8: unchanged when they are (the common case, checked fast),
// otherwise with each invalid sequence replaced as QString::fromUtf8 replaces it.
// `scratch` holds the result when it is not `utf8` itself.
std::string_view validUtf8(std::string_view utf8, std::string& scratch);

// "2025-11-10T10:20:00.007Z" for a time in epoch microseconds, as Qt::ISODateWithMs writes
// a UTC time (milliseconds rounded down, so toward the past before 1970 too).
void appendIsoUtcMillis(std::string& out, std::int64_t timeUs);

// A JSON string literal. Besides what JSON requires, C1 controls, DEL, line separators and
// bidirectional overrides are escaped too: JSON Lines go to terminals.
void appendJsonString(std::string& out, std::string_view utf8);

// A CSV field: quoted, with quotes doubled, when it holds a comma, quote or line break.
void appendCsvField(std::string& out, std::string_view utf8);

} // namespace vigil
