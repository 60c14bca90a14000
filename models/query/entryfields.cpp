#include "entryfields.h"

#include "../parse/messageclues.h"

#include <cctype>
#include <cstdio>

namespace vigil {

namespace {
constexpr std::string_view kEventPrefix = "EVENT: {";

std::string formatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

bool isKeyChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// key=value words inside a text message ("api_key=sk-1 and password=x", "request_id=req_1").
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

std::string_view firstLine(std::string_view text) {
    const std::size_t nl = text.find('\n');
    std::string_view line = nl == std::string_view::npos ? text : text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

std::string_view lastPathPart(std::string_view path) {
    const std::size_t dot = path.rfind('.');
    return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

bool EntryReader::isCorrelationName(std::string_view name) {
    return name == "request_id" || name == "call_id" || name == "task_id" || name == "session_id" ||
           name == "X-Request-ID" || name == "x_request_id" || name == "requestId" || name == "trace_id";
}

EntrySummary EntryReader::summary(std::string_view text) {
    EntrySummary s;
    m_line.assign(firstLine(text));
    ParsedLine parsed;
    const FormatId format = m_parser.parse(m_line, m_line.size(), FormatId::Raw, parsed);
    if (format == FormatId::Raw || parsed.message.empty())
        s.message = m_line;
    else
        s.message.assign(parsed.message);
    s.correlationId.assign(parsed.correlationId);
    if (!s.correlationId.empty()) {
        // Which key held it: the nearest key before the value in the line.
        const std::size_t at = m_line.find(s.correlationId);
        const std::size_t from = at == std::string::npos || at < 24 ? 0 : at - 24;
        s.correlationIsSession =
            at != std::string::npos &&
            std::string_view(m_line).substr(from, at - from).find("session") != std::string_view::npos;
    }
    return s;
}

FieldList EntryReader::fields(std::string_view text) {
    FieldList out;
    m_line.assign(firstLine(text));
    ParsedLine parsed;
    const FormatId format = m_parser.parse(m_line, m_line.size(), FormatId::Raw, parsed);
    if (isJsonFormat(format)) return flattenJsonFields(m_line);
    if (format == FormatId::Raw) return out;

    if (!parsed.instance.empty()) out.emplace_back("instance", std::string(parsed.instance));
    if (!parsed.logger.empty()) out.emplace_back("logger", std::string(parsed.logger));
    if (parsed.level != Level::None) out.emplace_back("level", std::string(levelName(parsed.level)));
    const std::string message(parsed.message);
    out.emplace_back("message", message);
    if (format == FormatId::PythonEvent) {
        const std::size_t at = message.find(kEventPrefix);
        if (at != std::string::npos)
            for (auto& f : flattenJsonFields(std::string_view(message).substr(at + kEventPrefix.size() - 1)))
                out.push_back(std::move(f));
        return out;
    }
    ParsedLine clues;
    readMessageClues(message, clues);
    if (!clues.method.empty()) out.emplace_back("method", std::string(clues.method));
    if (!clues.path.empty()) out.emplace_back("path", std::string(clues.path));
    if (clues.status) out.emplace_back("status", std::to_string(clues.status));
    if (clues.hasDuration()) out.emplace_back("duration_seconds", formatNumber(clues.durationSeconds));
    if (clues.toolsEnabled >= 0) out.emplace_back("tools_enabled", clues.toolsEnabled ? "true" : "false");
    addAssignments(message, out);
    return out;
}

FieldList EntryReader::correlationIds(std::string_view text) {
    FieldList ids;
    for (auto& f : fields(text))
        if (isCorrelationName(lastPathPart(f.first)) && !f.second.empty()) ids.push_back(std::move(f));
    return ids;
}

} // namespace vigil
