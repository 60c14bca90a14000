#include "lineparser.h"

#include "jsondialects.h"

namespace vigil {

namespace {
constexpr std::string_view kEventPrefix = "EVENT: {";

std::size_t firstNonSpace(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return i;
}
} // namespace

bool LineParser::parseText(const TextFormat& format, std::string_view line, std::size_t readable, ParsedLine& out) {
    out = ParsedLine();
    if (!format.parse(line, out)) return false;
    if (out.format == FormatId::PythonText && out.message.substr(0, kEventPrefix.size()) == kEventPrefix) {
        // Format 2: the payload names the instance, session, duration and tools flag.
        const std::string_view payload = out.message.substr(kEventPrefix.size() - 1);
        const std::size_t payloadReadable = readable - static_cast<std::size_t>(payload.data() - line.data());
        ParsedLine fromPayload = out;
        if (m_json.read(payload, payloadReadable, fromPayload)) {
            // The text's own tag, logger and message stay; the payload fills the rest.
            if (!out.instance.empty()) fromPayload.instance = out.instance;
            fromPayload.logger = out.logger;
            fromPayload.message = out.message;
            out = fromPayload;
            out.format = FormatId::PythonEvent;
        }
    }
    return true;
}

FormatId LineParser::parse(std::string_view line, std::size_t readable, FormatId preferred, ParsedLine& out) {
    const std::size_t start = firstNonSpace(line);
    if (start < line.size() && line[start] == '{') {
        out = ParsedLine();
        if (m_json.read(line.substr(start), readable - start, out)) {
            out.format = classifyJsonDialect(m_json.keys());
            return out.format;
        }
        out = ParsedLine();
        return FormatId::Raw;
    }
    const TextFormat* ordered[3] = {&m_python, &m_console, &m_generic};
    if (preferred == FormatId::ColorConsole) std::swap(ordered[0], ordered[1]);
    else if (preferred == FormatId::GenericText) std::swap(ordered[0], ordered[2]);
    for (const TextFormat* format : ordered)
        if (parseText(*format, line, readable, out)) return out.format;
    out = ParsedLine();
    return FormatId::Raw;
}

} // namespace vigil
