#include "linecontext.h"

#include "formatregistry.h"

namespace vigil {

void LineContext::reset(std::string_view line, std::size_t readable) {
    m_line = line;
    m_readable = readable;
    m_jsonState = JsonState::Unread;
    m_scratch.clear();
    if (m_scratch.capacity() < line.size()) m_scratch.reserve(line.size());
}

void LineContext::readJson() {
    std::size_t start = 0;
    while (start < m_line.size() && (m_line[start] == ' ' || m_line[start] == '\t')) ++start;
    m_jsonState = JsonState::NotJson;
    if (start >= m_line.size() || m_line[start] != '{') return;
    m_jsonParsed = ParsedLine();
    if (!m_json.read(m_line.substr(start), m_readable - start, m_jsonParsed)) return;
    m_jsonState = JsonState::Read;
    m_dialect = FormatId::GenericJson;
    const FormatRegistry& registry = formatRegistry();
    const std::size_t count = registry.size();
    const JsonKeys keys = m_json.keys();
    for (std::size_t i = 0; i < count; ++i) {
        const FormatDescriptor& format = registry[FormatId(i)];
        if (format.matchesJsonKeys && format.matchesJsonKeys(keys)) {
            m_dialect = FormatId(i);
            return;
        }
    }
}

bool LineContext::readJsonLine(ParsedLine& out) {
    if (m_jsonState == JsonState::Unread) readJson();
    if (m_jsonState != JsonState::Read) return false;
    const FormatId format = out.format;
    out = m_jsonParsed;
    out.format = format;
    return true;
}

FormatId LineContext::jsonDialect() {
    if (m_jsonState == JsonState::Unread) readJson();
    return m_jsonState == JsonState::Read ? m_dialect : FormatId::Raw;
}

} // namespace vigil
