#pragma once
// The plain-text line formats. Each parses one line (no newline) and returns false when
// the line is not in its format, leaving `out` untouched; their registry descriptors are at
// the end of textformats.cpp.

#include "parsedline.h"

#include <string_view>

namespace vigil {

// Seed 000, Python logging:
// 2025-10-10 12:00:00 - [eco-backend] - middleware.performance_monitor - WARNING -
// [middleware:send_with_timing:95] - Slow request [tools]: POST /v1/chat/completions - 35.2s The [instance]
// and [module:function:line] parts are optional; the time may carry ",123". A message "EVENT: {...}" is read
// by python-text's descriptor into python-event (format 2).
class PythonTextFormat {
  public:
    bool parse(std::string_view line, ParsedLine& out) const;
};

// Seed 004, colored development console:
// ESC[32m[INFO]ESC[0m 2024-11-05 10:30:45 - auth - User logged in: 0x123...
class ColorConsoleFormat {
  public:
    bool parse(std::string_view line, ParsedLine& out) const;
};

// Format 9, anything that starts with a timestamp (optionally bracketed) and carries a
// level word among its first words: "2025-11-10T10:20:00Z worker-3 ERROR lost connection".
class GenericTextFormat {
  public:
    bool parse(std::string_view line, ParsedLine& out) const;
};

} // namespace vigil
