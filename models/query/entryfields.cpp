#include "entryfields.h"

#include "../parse/formatregistry.h"
#include "../parse/lineparser.h"

namespace vigil {

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

EntryReader::EntryReader() : m_parser(std::make_unique<LineParser>()) {}
EntryReader::~EntryReader() = default;
EntryReader::EntryReader(EntryReader&&) noexcept = default;
EntryReader& EntryReader::operator=(EntryReader&&) noexcept = default;

std::string EntryReader::shownText(FormatId format, std::string_view text) {
    const auto pretty = formatOf(format).prettyText;
    return pretty ? pretty(text) : std::string(text);
}

std::string_view EntryReader::formatName(FormatId format) {
    return vigil::formatName(format);
}

EntrySummary EntryReader::summary(std::string_view text) {
    EntrySummary s;
    m_line.assign(firstLine(text));
    ParsedLine parsed;
    const FormatId format = m_parser->parse(m_line, m_line.size(), FormatId::Raw, parsed);
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
    const FormatId format = m_parser->parse(m_line, m_line.size(), FormatId::Raw, parsed);
    if (const auto fieldsOf = formatOf(format).fields) fieldsOf(m_line, parsed, out);
    return out;
}

FieldList EntryReader::correlationIds(std::string_view text) {
    FieldList ids;
    for (auto& f : fields(text))
        if (isCorrelationName(lastPathPart(f.first)) && !f.second.empty()) ids.push_back(std::move(f));
    return ids;
}

} // namespace vigil
