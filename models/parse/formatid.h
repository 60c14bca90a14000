#pragma once
// The line formats Vigil recognises (FORMATS.md), as a compact per-entry tag.

#include <cstdint>
#include <string_view>

namespace vigil {

enum class FormatId : std::uint8_t {
    Raw = 0,         // in no known format: shown as written
    PythonText,      // 1: Python logging text
    PythonEvent,     // 2: Python logging text whose message is an EVENT: {json} payload
    StructlogJson,   // 3
    TracingJson,     // 4: Rust tracing-subscriber
    ProductionJson,  // 5
    FlaskJson,       // 6
    UserContextJson, // 7
    ColorConsole,    // 8
    GenericText,     // 9: timestamp + level word
    GenericJson,     // JSON lines of no dialect above, still with timestamp/level/message keys
};

constexpr int kFormatCount = 11;

std::string_view formatName(FormatId id);
inline bool isJsonFormat(FormatId id) {
    return id == FormatId::StructlogJson || id == FormatId::TracingJson || id == FormatId::ProductionJson ||
           id == FormatId::FlaskJson || id == FormatId::UserContextJson || id == FormatId::GenericJson;
}

} // namespace vigil
