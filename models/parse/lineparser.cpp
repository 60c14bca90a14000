#include "lineparser.h"

#include "formatregistry.h"

namespace vigil {

namespace {
bool tryFormat(const FormatDescriptor& format, FormatId id, LineContext& context, ParsedLine& out) {
    if (!format.parse) return false;
    out = ParsedLine();
    out.format = id;
    return format.parse(context, out);
}
} // namespace

FormatId LineParser::parse(std::string_view line, std::size_t readable, FormatId preferred, ParsedLine& out) {
    m_context.reset(line, readable);
    const FormatRegistry& formats = formatRegistry();
    if (preferred != FormatId::Raw && tryFormat(formats[preferred], preferred, m_context, out)) return out.format;
    const std::size_t count = formats.size();
    for (std::size_t i = 1; i < count; ++i) {
        const FormatId id = FormatId(i);
        if (id != preferred && tryFormat(formats[id], id, m_context, out)) return out.format;
    }
    out = ParsedLine();
    return FormatId::Raw;
}

} // namespace vigil
