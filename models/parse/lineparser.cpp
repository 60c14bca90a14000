#include "lineparser.h"

#include "formatregistry.h"

namespace vigil {

LineParser::LineParser() : m_formats(&formatRegistry()) {}

void LineParser::refresh() {
    const std::size_t count = m_formats->size();
    m_candidates.clear();
    for (std::size_t i = 1; i < count; ++i)
        if (const auto parse = (*m_formats)[FormatId(i)].parse)
            m_candidates.push_back(
                {FormatId(i), parse, (*m_formats)[FormatId(i)].matchesJsonKeys != nullptr});
    m_registered = count;
}

FormatId LineParser::parse(std::string_view line, std::size_t readable, FormatId preferred, ParsedLine& out) {
    m_context.reset(line, readable);
    // A format that refuses a line leaves `out` untouched, so one reset serves every try.
    out.clear();
    if (m_formats->size() != m_registered) refresh();
    if (preferred != FormatId::Raw) {
        const auto parse = (*m_formats)[preferred].parse;
        out.format = preferred;
        if (parse && parse(m_context, out)) return out.format;
    }
    for (const Candidate& candidate : m_candidates) {
        if (candidate.id == preferred || (candidate.jsonDialect && m_context.knownNotJson())) continue;
        out.format = candidate.id;
        if (candidate.parse(m_context, out)) return out.format;
    }
    out.format = FormatId::Raw;
    return FormatId::Raw;
}

} // namespace vigil
