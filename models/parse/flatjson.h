#pragma once
// Checks a JSON log line in one pass and lists its objects' fields, for the JSON fast path
// (FlatJsonReader). Lines like this one from the corpus' voice agent:
//   {"timestamp": "2025-11-10T10:20:00.032338Z", "level": "ERROR", "logger": "app.telephony.asterisk_ari",
//    "message": "STT timeout", "call_id": "ast-44-907", "extra": {"duration_sec": 11.53}}
// cost simdjson's stage 1 plus its on-demand walk about 3,000 instructions (callgrind); one
// pass that copies the line and lists its quotes, then a walk that records each field,
// cost about two thirds of that, with fewer loads waiting on each other.
//
// It accepts only what it is sure simdjson reads the same way, and answers false on
// anything else so the caller falls back to simdjson: JSON that is not strictly valid, a
// document that is not one object (trailing bytes other than whitespace included), lines
// longer than kMaxLine, nesting deeper than kMaxNesting, numbers with an exponent or
// beyond 2^53 or 22 decimals (their doubles would need simdjson's own conversion), \u
// escapes naming a lone surrogate, invalid UTF-8 and control bytes in strings. Escapes it
// does handle are unescaped into its own buffer, as simdjson would into its string buffer.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace vigil {

enum class FlatJsonKind : std::uint8_t { String, Number, True, False, Null, Object, Array };

// One "key": value of an object. An object value's own fields follow it; `next` is the
// index of the field after them (its next sibling, or the end of its parent's fields).
// Fields inside arrays are not listed: no rule reads into an array.
struct FlatJsonField {
    std::string_view key;  // unescaped
    std::string_view text; // a string value, unescaped
    double number = 0;     // a number value
    std::uint32_t next = 0;
    FlatJsonKind kind = FlatJsonKind::Null;
};

class FlatJsonScanner {
  public:
    // Objects and arrays nested deeper than this are left to simdjson.
    static constexpr int kMaxNesting = 16;
    // So are longer lines: the buffers take about 18 bytes a byte of line, and are kept.
    static constexpr std::size_t kMaxLine = 64 << 10;

    // Lists the fields of `json` when it is one object the scanner is sure of. The line is
    // copied first, with zero bytes after it (what simdjson's padding is for), so the
    // views point into this scanner's buffers, valid until the next scan.
    bool scan(std::string_view json);

    // The fields of the line last scanned, valid when scan() returned true.
    const FlatJsonField* fields() const { return m_fields.get(); }
    std::uint32_t fieldCount() const { return m_count; }

  private:
    std::unique_ptr<char[]> m_line;            // the line, then zero bytes
    std::unique_ptr<std::uint32_t[]> m_quotes; // offsets of the line's quotes
    std::unique_ptr<char[]> m_unescaped;       // unescaped strings
    std::unique_ptr<FlatJsonField[]> m_fields;
    std::size_t m_capacity = 0; // the longest line the buffers hold
    std::uint32_t m_count = 0;
};

} // namespace vigil
