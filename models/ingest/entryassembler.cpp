#include "entryassembler.h"

#include "../metrics/endpointtemplate.h"
#include "../store/entryflags.h"

#include <functional>

namespace vigil {

namespace {
std::uint64_t hashLine(std::string_view line) { return std::hash<std::string_view>()(line); }

bool startsWithSpace(std::string_view line) { return !line.empty() && (line[0] == ' ' || line[0] == '\t'); }

bool isBlank(std::string_view line) {
    for (char c : line)
        if (c != ' ' && c != '\t') return false;
    return true;
}
} // namespace

EntryAssembler::EntryAssembler(FileId file, std::string defaultInstance)
    : EntryAssembler(file, std::make_shared<SourceStrings>(defaultInstance)) {}

EntryAssembler::EntryAssembler(FileId file, std::shared_ptr<SourceStrings> strings)
    : m_file(file), m_strings(std::move(strings)) {}

bool EntryAssembler::continuesOpenEntry(std::string_view line) const {
    if (!m_open.active) return false;
    // Text formats: whatever does not start an entry belongs to the one above (tracebacks).
    // JSON lines are one entry each: only an indented or blank line can continue one.
    const auto format = static_cast<FormatId>(m_open.format);
    if (format == FormatId::Raw || isJsonFormat(format)) return startsWithSpace(line) || isBlank(line);
    return true;
}

void EntryAssembler::addLine(std::string_view line, std::uint64_t offset, std::size_t readable, EntryBatch& out) {
    const FormatId format = m_parser.parse(line, readable, m_preferred, m_parsed);
    if (format == FormatId::Raw && continuesOpenEntry(line)) {
        extend(line, offset);
        return;
    }
    commitOpen(out);
    if (format != FormatId::Raw) m_preferred = format == FormatId::PythonEvent ? FormatId::PythonText : format;
    start(m_parsed, line, offset);
}

std::uint32_t EntryAssembler::endpointId(const ParsedLine& parsed) {
    if (parsed.path.empty()) return 0;
    m_endpointText.assign(parsed.method.empty() ? std::string_view("ANY") : parsed.method);
    m_endpointText += ' ';
    m_endpointText.append(endpointTemplate(parsed.path, m_templateText));
    return m_strings->endpoints.intern(m_endpointText);
}

void EntryAssembler::start(const ParsedLine& p, std::string_view line, std::uint64_t offset) {
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
    e.endpoint = endpointId(p);
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
