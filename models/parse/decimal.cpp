#include "decimal.h"

#include <charconv>
#include <system_error>

namespace vigil {

bool parseDecimal(std::string_view text, double& out) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
        if (!text.empty() && text.front() == '-') return false; // one sign at most
    }
    if (text.empty()) return false;
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end) return false;
    out = value;
    return true;
}

} // namespace vigil
