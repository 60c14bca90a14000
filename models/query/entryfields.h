#pragma once
// Reads an entry's text back into what the table, the detail pane and field filters show:
// its message, correlation id and every named field. Entries are re-parsed on demand (the
// store keeps only columns), so this runs for visible rows and for filter candidates only.
// What an entry's fields and shown text are is its format's to say (parse/formatregistry.h);
// this header names no parser, so what includes it does not rebuild when formats change.

#include "../store/ids.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil {

// Named fields of an entry (the same type as parse/formatdescriptor.h's).
using FieldList = std::vector<std::pair<std::string, std::string>>;

class LineParser;

struct EntrySummary {
    std::string message;               // first line of the human message (whole line when raw)
    std::string correlationId;         // request/call/task/session id, empty when none
    bool correlationIsSession = false; // it is a session id (shown shortened when masked)
};

// The first line of a (possibly multi-line) entry text.
std::string_view firstLine(std::string_view text);

class EntryReader {
  public:
    EntryReader();
    ~EntryReader();
    EntryReader(EntryReader&&) noexcept;
    EntryReader& operator=(EntryReader&&) noexcept;

    EntrySummary summary(std::string_view text);

    // Named fields, as the entry's format gives them: JSON lines flattened to dotted paths
    // ("data.session_id"), Python EVENT payloads likewise, logfmt every key, text lines
    // their logger, message, HTTP clues and key=value words.
    FieldList fields(std::string_view text);

    // The entry's (masked) text as its format lays it out for reading, such as JSON
    // indented; unchanged for formats written to be read as they are.
    static std::string shownText(FormatId format, std::string_view text);
    // The format's name: "python-text", "logfmt".
    static std::string_view formatName(FormatId format);

    // The correlation ids of an entry (request_id, call_id, task_id, session_id, X-Request-ID,
    // wherever they are nested), as (name, value).
    FieldList correlationIds(std::string_view text);

    static bool isCorrelationName(std::string_view lastPathPart);

  private:
    std::unique_ptr<LineParser> m_parser;
    std::string m_line;
};

// The last part of a dotted path: "data.session_id" -> "session_id".
std::string_view lastPathPart(std::string_view path);

} // namespace vigil
