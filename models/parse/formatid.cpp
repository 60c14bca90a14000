#include "formatid.h"

#include <array>

namespace vigil {

std::string_view formatName(FormatId id) {
    static constexpr std::array<std::string_view, kFormatCount> names = {
        "raw",          "python-text", "python-event",      "structlog-json", "tracing-json", "production-json",
        "flask-json",   "user-context-json", "color-console", "generic-text", "generic-json"};
    return names[static_cast<std::size_t>(id)];
}

} // namespace vigil
