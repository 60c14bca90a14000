#include "level.h"

#include <array>
#include <cctype>

namespace vigil {

namespace {
// ASCII only, inline: std::toupper is a locale-aware call per byte, on every line read.
inline char upperAscii(char c) {
    return static_cast<unsigned char>(c - 'a') < 26u ? static_cast<char>(c - 32) : c;
}

bool equalsUpper(std::string_view word, std::string_view upper) {
    if (word.size() != upper.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (upperAscii(word[i]) != upper[i]) return false;
    return true;
}
} // namespace

Level parseLevel(std::string_view w) {
    if (w.size() < 3 || w.size() > 11) return Level::None;
    switch (upperAscii(w[0])) {
    case 'T':
        if (equalsUpper(w, "TRACE")) return Level::Trace;
        break;
    case 'D':
        if (equalsUpper(w, "DEBUG")) return Level::Debug;
        break;
    case 'I':
        if (equalsUpper(w, "INFO") || equalsUpper(w, "INFORMATION")) return Level::Info;
        break;
    case 'N':
        if (equalsUpper(w, "NOTICE")) return Level::Info;
        break;
    case 'W':
        if (equalsUpper(w, "WARNING") || equalsUpper(w, "WARN")) return Level::Warning;
        break;
    case 'E':
        if (equalsUpper(w, "ERROR") || equalsUpper(w, "ERR")) return Level::Error;
        break;
    case 'C':
        if (equalsUpper(w, "CRITICAL") || equalsUpper(w, "CRIT")) return Level::Critical;
        break;
    case 'F':
        if (equalsUpper(w, "FATAL")) return Level::Critical;
        break;
    case 'P':
        if (equalsUpper(w, "PANIC")) return Level::Critical;
        break;
    default:
        break;
    }
    return Level::None;
}

std::string_view levelName(Level level) {
    static constexpr std::array<std::string_view, kLevelCount> names = {"",        "TRACE", "DEBUG",   "INFO",
                                                                        "WARNING", "ERROR", "CRITICAL"};
    return names[static_cast<std::size_t>(level)];
}

} // namespace vigil
