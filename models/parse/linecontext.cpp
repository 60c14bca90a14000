#include "linecontext.h"

#include "formatregistry.h"

namespace vigil {

LineContext::LineContext() : m_registry(&formatRegistry()) {}

FormatId LineContext::dialectOf(std::uint32_t keys) {
    const FormatRegistry& registry = *m_registry;
    const std::size_t count = registry.size();
    if (count != m_registered) {
        m_dialects.clear();
        for (std::size_t i = 0; i < count; ++i)
            if (const auto matches = registry[FormatId(i)].matchesJsonKeys)
                m_dialects.push_back({FormatId(i), matches});
        m_registered = count;
    }
    for (const Dialect& dialect : m_dialects)
        if (dialect.matches(keys)) return dialect.id;
    return FormatId::GenericJson;
}

void LineContext::readJson() {
    std::size_t start = 0;
    while (start < m_line.size() && (m_line[start] == ' ' || m_line[start] == '\t'))
        ++start;
    m_jsonState = JsonState::NotJson;
    if (start >= m_line.size() || m_line[start] != '{') return;
    m_jsonParsed.clear();
    if (!m_json.read(m_line.substr(start), m_readable - start, m_jsonParsed)) return;
    m_jsonState = JsonState::Read;
    m_dialect = dialectOf(m_json.keys());
}

} // namespace vigil
