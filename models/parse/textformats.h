#pragma once
// The plain-text line formats. Each parses one line (no newline) and returns false when
// the line is not in its format.

#include "parsedline.h"

#include <string_view>

namespace vigil {

class TextFormat {
public:
    virtual ~TextFormat() = default;
    virtual FormatId id() const = 0;
    virtual bool parse(std::string_view line, ParsedLine& out) const = 0;
};

// Seed 000, Python logging:
// 2025-10-10 12:00:00 - [eco-backend] - middleware.performance_monitor - WARNING - [middleware:send_with_timing:95] - Slow request [tools]: POST /v1/chat/completions - 35.2s
// The [instance] and [module:function:line] parts are optional; the time may carry ",123".
// A message "EVENT: {...}" is left for the JSON reader (format 2); see LineParser.
class PythonTextFormat final : public TextFormat {
public:
    FormatId id() const override { return FormatId::PythonText; }
    bool parse(std::string_view line, ParsedLine& out) const override;
};

// Seed 004, colored development console:
// ESC[32m[INFO]ESC[0m 2024-11-05 10:30:45 - auth - User logged in: 0x123...
class ColorConsoleFormat final : public TextFormat {
public:
    FormatId id() const override { return FormatId::ColorConsole; }
    bool parse(std::string_view line, ParsedLine& out) const override;
};

// Format 9, anything that starts with a timestamp (optionally bracketed) and carries a
// level word among its first words: "2025-11-10T10:20:00Z worker-3 ERROR lost connection".
class GenericTextFormat final : public TextFormat {
public:
    FormatId id() const override { return FormatId::GenericText; }
    bool parse(std::string_view line, ParsedLine& out) const override;
};

} // namespace vigil
