#include "endpointtemplate.h"

#include "../parse/urlpath.h"

namespace vigil {

namespace {
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
} // namespace

bool isIdSegment(std::string_view s) {
    if (s.empty()) return false;
    std::size_t digits = 0, hex = 0, letters = 0, other = 0;
    for (char c : s) {
        if (isDigit(c))
            ++digits;
        else if (isAlpha(c))
            ++letters;
        else if (c != '-' && c != '_' && c != '.' && c != '~' && c != ':' && c != '=' && c != '%')
            ++other;
        if (isHex(c)) ++hex;
    }
    if (other) return false;
    if (digits == s.size()) return true; // 8123
    // UUIDs and hashes: every character a hex digit or a dash, long enough to not be a word.
    std::size_t dashes = 0;
    for (char c : s)
        if (c == '-') ++dashes;
    if (hex + dashes == s.size() && hex >= 8 && digits > 0) return true;
    // Tokens mixing letters and digits: "req_9f3a2b7c1d", "u123abc". Short ones such as
    // "v1", "v2beta" or "oauth2" are versions and names.
    if (digits >= 3 && s.size() >= 6) return true;
    // Numbers with a unit or sign: "8123.json" keeps its extension as a word part.
    const std::size_t dot = s.rfind('.');
    if (dot != std::string_view::npos && dot > 0) {
        const std::string_view stem = s.substr(0, dot);
        bool allDigits = true;
        for (char c : stem)
            allDigits = allDigits && isDigit(c);
        if (allDigits) return true;
    }
    return false;
}

std::string_view endpointTemplate(std::string_view path, std::string& out) {
    out.clear();
    path = withoutQuery(path);
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            out += '/';
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < path.size() && path[end] != '/')
            ++end;
        const std::string_view segment = path.substr(i, end - i);
        if (isIdSegment(segment)) {
            // "8123.json" keeps its extension: a different representation, not another id.
            const std::size_t dot = segment.rfind('.');
            out += "{id}";
            if (dot != std::string_view::npos && dot + 1 < segment.size() && isAlpha(segment[dot + 1]))
                out.append(segment.substr(dot));
        } else {
            out.append(segment);
        }
        i = end;
    }
    return out;
}

} // namespace vigil
