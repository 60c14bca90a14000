#include "entryassembler.h"

#include "../metrics/endpointtemplate.h"
#include "../parse/formatregistry.h"
#include "../parse/lineparser.h"
#include "../store/bytehash.h"
#include "../store/entryflags.h"

namespace vigil {

namespace {
std::uint64_t hashLine(std::string_view line) {
    return hashBytes(line);
}

bool startsWithSpace(std::string_view line) {
    return !line.empty() && (line[0] == ' ' || line[0] == '\t');
}

bool isBlank(std::string_view line) {
    for (char c : line)
        if (c != ' ' && c != '\t') return false;
    return true;
}
} // namespace

EntryAssembler::EntryAssembler(FileId file, std::string defaultInstance)
    : EntryAssembler(file, std::make_shared<SourceStrings>(defaultInstance)) {}

struct EntryAssembler::Parsing {
    const FormatRegistry& formats = formatRegistry();
    LineParser parser;
    ParsedLine parsed;
};

EntryAssembler::EntryAssembler(FileId file, std::shared_ptr<SourceStrings> strings)
    : m_file(file), m_parsing(std::make_unique<Parsing>()), m_strings(std::move(strings)) {}

EntryAssembler::~EntryAssembler() = default;
EntryAssembler::EntryAssembler(EntryAssembler&&) noexcept = default;
EntryAssembler& EntryAssembler::operator=(EntryAssembler&&) noexcept = default;

bool EntryAssembler::continuesOpenEntry(std::string_view line) const {
    if (!m_open.active) return false;
    // Text formats: whatever does not start an entry belongs to the one above (tracebacks).
    // Formats of one entry per line (JSON): only an indented or blank line can continue one.
    if (m_parsing->formats[static_cast<FormatId>(m_open.format)].onePerLine)
        return startsWithSpace(line) || isBlank(line);
    return true;
}

void EntryAssembler::addLine(std::string_view line, std::uint64_t offset, std::size_t readable,
                             EntryBatch& out) {
    Parsing& parsing = *m_parsing;
    const FormatId format = parsing.parser.parse(line, readable, m_preferred, parsing.parsed);
    if (format == FormatId::Raw && continuesOpenEntry(line)) {
        extend(line, offset);
        return;
    }
    commitOpen(out);
    if (format != FormatId::Raw) m_preferred = parsing.formats.fileFormat(format);
    start(parsing, line, offset);
}

std::uint32_t EntryAssembler::endpointId(std::string_view method, std::string_view path) {
    if (path.empty()) return 0;
    std::uint64_t hash = 0;
    const std::uint32_t known = m_endpointMemo.find(method, path, hash);
    if (known != EndpointMemo::kUnknown) return known;
    m_endpointText.assign(method.empty() ? std::string_view("ANY") : method);
    m_endpointText += ' ';
    m_endpointText.append(endpointTemplate(path, m_templateText));
    const std::uint32_t id = m_strings->endpoints.intern(m_endpointText);
    m_endpointMemo.remember(hash, method, path, id);
    return id;
}

void EntryAssembler::start(const Parsing& parsing, std::string_view line, std::uint64_t offset) {
    const ParsedLine& p = parsing.parsed;
    OpenEntry& e = m_open;
    e = OpenEntry();
    e.active = true;
    e.offset = offset;
    e.end = offset + line.size();
    e.flags = 0;
    if (p.timeUs != kNoTime) {
        e.timeUs = m_lastTime = p.timeUs;
    } else {
        e.timeUs = m_lastTime;
        e.flags |= FlagInheritedTime;
    }
    e.instance = p.instance.empty() ? m_strings->defaultInstance : m_strings->instances.intern(p.instance);
    e.logger = p.logger.empty() ? 0 : m_strings->loggers.intern(p.logger);
    e.endpoint = endpointId(p.method, p.path);
    e.durationSeconds = p.durationSeconds;
    e.status = p.status;
    e.level = static_cast<std::uint8_t>(p.level);
    e.format = static_cast<std::uint8_t>(p.format);
    if (p.toolsEnabled >= 0) e.flags |= FlagToolsKnown | (p.toolsEnabled ? FlagToolsOn : 0);
    // Only entries that error files also receive (ERROR and above) take part in duplicate detection.
    e.hashed = isErrorOrAbove(p.level);
    if (e.hashed) e.hash = hashLine(line);
}

void EntryAssembler::extend(std::string_view line, std::uint64_t offset) {
    m_open.end = offset + line.size();
    m_open.flags |= FlagMultiLine;
    if (m_open.hashed) m_open.hash = m_open.hash * 1099511628211ULL ^ hashLine(line);
}

void EntryAssembler::commitOpen(EntryBatch& out) {
    if (!m_open.active) return;
    const OpenEntry& e = m_open;
    out.timeUs.push_back(e.timeUs);
    out.offset.push_back(e.offset);
    out.length.push_back(static_cast<std::uint32_t>(std::min<std::uint64_t>(e.end - e.offset, UINT32_MAX)));
    out.instance.push_back(e.instance);
    out.logger.push_back(e.logger);
    out.endpoint.push_back(e.endpoint);
    out.durationSeconds.push_back(e.durationSeconds);
    out.status.push_back(e.status);
    out.level.push_back(e.level);
    out.format.push_back(e.format);
    out.flags.push_back(e.flags);
    out.contentHash.push_back(e.hashed ? (e.hash | 1) : 0);
    m_open.active = false;
}

void EntryAssembler::exportNewStrings(EntryBatch& out) {
    SourceStrings& s = *m_strings;
    for (; s.exportedInstances < s.instances.size(); ++s.exportedInstances)
        out.newInstances.emplace_back(s.instances.text(s.exportedInstances));
    for (; s.exportedLoggers < s.loggers.size(); ++s.exportedLoggers)
        out.newLoggers.emplace_back(s.loggers.text(s.exportedLoggers));
    for (; s.exportedEndpoints < s.endpoints.size(); ++s.exportedEndpoints)
        out.newEndpoints.emplace_back(s.endpoints.text(s.exportedEndpoints));
}

} // namespace vigil
