#pragma once
// Normalised log levels and their parsing from any spelling found in the formats.

#include <cstdint>
#include <string_view>

namespace vigil {

enum class Level : std::uint8_t {
    None = 0, // the entry carries no level (raw, unparsed lines)
    Trace,
    Debug,
    Info,
    Warning,
    Error,
    Critical,
};

constexpr int kLevelCount = 7;

// Accepts any case and the usual aliases (warn, fatal, err, crit, information).
// Returns Level::None for a word that is not a level.
Level parseLevel(std::string_view word);

// The canonical upper-case name ("WARNING"), or "" for Level::None.
std::string_view levelName(Level level);

inline bool isErrorOrAbove(Level level) {
    return level >= Level::Error;
}

} // namespace vigil
