#include "textfields.h"

#include "messageclues.h"

#include <cctype>
#include <cstdio>

namespace vigil {

namespace {
bool isKeyChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

void addAssignments(std::string_view message, FieldList& out) {
    for (std::size_t eq = message.find('='); eq != std::string_view::npos; eq = message.find('=', eq + 1)) {
        std::size_t k = eq;
        while (k > 0 && isKeyChar(message[k - 1]))
            --k;
        std::size_t v = eq + 1;
        while (v < message.size() && !std::isspace(static_cast<unsigned char>(message[v])) &&
               message[v] != ',' && message[v] != ';' && message[v] != '&')
            ++v;
        if (k < eq && v > eq + 1)
            out.emplace_back(std::string(message.substr(k, eq - k)),
                             std::string(message.substr(eq + 1, v - eq - 1)));
    }
}
} // namespace

std::string fieldNumber(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

void appendTextFields(std::string_view, const ParsedLine& parsed, FieldList& out) {
    if (!parsed.instance.empty()) out.emplace_back("instance", std::string(parsed.instance));
    if (!parsed.logger.empty()) out.emplace_back("logger", std::string(parsed.logger));
    if (parsed.level != Level::None) out.emplace_back("level", std::string(levelName(parsed.level)));
    out.emplace_back("message", std::string(parsed.message));
    appendMessageFields(parsed.message, out);
}

void appendMessageFields(std::string_view message, FieldList& out) {
    ParsedLine clues;
    readMessageClues(message, clues);
    if (!clues.method.empty()) out.emplace_back("method", std::string(clues.method));
    if (!clues.path.empty()) out.emplace_back("path", std::string(clues.path));
    if (clues.status) out.emplace_back("status", std::to_string(clues.status));
    if (clues.hasDuration()) out.emplace_back("duration_seconds", fieldNumber(clues.durationSeconds));
    if (clues.toolsEnabled >= 0) out.emplace_back("tools_enabled", clues.toolsEnabled ? "true" : "false");
    addAssignments(message, out);
}

} // namespace vigil
