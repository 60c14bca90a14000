#include "authfailure.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace vigil {

namespace {
bool containsNoCase(std::string_view hay, std::string_view needle) {
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           }) != hay.end();
}
// The value of "event_type" with or without blanks around the colon.
bool eventTypeIs(std::string_view text, std::string_view type) {
    const std::size_t key = text.find("\"event_type\"");
    if (key == std::string_view::npos) return false;
    std::size_t p = key + 12;
    while (p < text.size() && (text[p] == ' ' || text[p] == ':'))
        ++p;
    return text.substr(p, type.size() + 2) == std::string("\"") + std::string(type) + "\"";
}
} // namespace

bool isAuthFailureStatus(std::uint16_t status) {
    return status == 401;
}

bool isAuthFailureEventText(std::string_view text) {
    const std::size_t event = text.find("EVENT:");
    if (event == std::string_view::npos) return false;
    const std::string_view payload = text.substr(event);
    if (!eventTypeIs(payload, "authentication")) return false;
    std::string compact;
    compact.reserve(payload.size());
    for (char c : payload)
        if (c != ' ') compact.push_back(c);
    if (compact.find("\"success\":false") != std::string::npos) return true;
    if (compact.find("\"success\":true") != std::string::npos) return false;
    return containsNoCase(payload, "fail") || containsNoCase(payload, "invalid") ||
           containsNoCase(payload, "denied");
}

} // namespace vigil
