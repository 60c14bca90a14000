#pragma once
// The store's one-byte index into the format registry (formatregistry.h). The formats
// built in are named here because tests and the registry's own table refer to them; a
// format registered at run time takes the next free index and needs no name here.
// The values are in detection order: JSON dialects are told apart by the first that
// matches, so tracing comes before structlog and user-context before Flask.

#include <cstdint>

namespace vigil {

enum class FormatId : std::uint8_t {
    Raw = 0,         // in no known format: shown as written
    PythonText,      // FORMATS.md 1: Python logging text
    PythonEvent,     // 2: Python logging text whose message is an EVENT: {json} payload
    TracingJson,     // 4: Rust tracing-subscriber
    StructlogJson,   // 3
    ProductionJson,  // 5
    UserContextJson, // 7
    FlaskJson,       // 6
    ColorConsole,    // 8
    GenericText,     // 9: timestamp + level word
    GenericJson,     // JSON lines of no dialect above, still with timestamp/level/message keys
};

} // namespace vigil
