#include "lineparser.h"

#include "formatregistry.h"

namespace vigil {

LineParser::LineParser() : m_formats(&formatRegistry()) {}

FormatId LineParser::parse(std::string_view line, std::size_t readable, FormatId preferred, ParsedLine& out) {
    m_context.reset(line, readable);
    // A format that refuses a line leaves `out` untouched, so one reset serves every try.
    out = ParsedLine();
    const FormatRegistry& formats = *m_formats;
    if (preferred != FormatId::Raw) {
        const FormatDescriptor& format = formats[preferred];
        out.format = preferred;
        if (format.parse && format.parse(m_context, out)) return out.format;
    }
    const std::size_t count = formats.size();
    for (std::size_t i = 1; i < count; ++i) {
        const FormatId id = FormatId(i);
        const FormatDescriptor& format = formats[id];
        if (id == preferred || !format.parse) continue;
        out.format = id;
        if (format.parse(m_context, out)) return out.format;
    }
    out.format = FormatId::Raw;
    return FormatId::Raw;
}

} // namespace vigil
