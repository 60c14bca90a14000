#pragma once
// One line format as the registry knows it: how it recognises and reads a line, whether
// each line is an entry of its own, the fields it shows and filters on, and how the
// detail pane lays its text out. A format is this one value and the functions it names,
// kept in one file of parse/; nothing outside parse/ asks which format an entry is in.

#include "formatid.h"
#include "parsedline.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil {

class LineContext;

// Named fields of an entry: (name, value), in the order the line holds them.
using FieldList = std::vector<std::pair<std::string, std::string>>;

struct FormatDescriptor {
    // Its name in `vigil scan` output and the detail pane: "python-text", "logfmt".
    std::string_view name;

    // Recognises one line (no terminator) and reads it into `out`, which arrives reset with
    // out.format set to this format's index. Returns false when the line is not in this
    // format, and then leaves `out` as it found it (the next format is tried on it without
    // resetting it again: this runs for every line). May set out.format to a variant it
    // produces (python-text gives python-event). Null for formats that only another's
    // parse produces.
    bool (*parse)(LineContext& line, ParsedLine& out) = nullptr;

    // JSON dialects only: whether a JSON line's tell-tale keys are this dialect's. The
    // first registered dialect that matches is the line's; no match is generic-json. A
    // format with this set takes JSON lines only (parseJsonDialectLine), and is not asked
    // about a line already found not to be JSON.
    bool (*matchesJsonKeys)(std::uint32_t keys) = nullptr;

    // Each line is one entry (JSON, logfmt): only an indented or blank line continues it.
    // Otherwise every line that starts no entry belongs to the one above (tracebacks).
    bool onePerLine = false;

    // Appends the named fields of an entry's first line, which parsed as `parsed`.
    // Null: the entry shows no fields.
    void (*fields)(std::string_view line, const ParsedLine& parsed, FieldList& out) = nullptr;

    // The entry's whole (already masked) text as the detail pane shows it, such as JSON
    // indented. Null: as written.
    std::string (*prettyText)(std::string_view text) = nullptr;

    // The format a file of such lines is reported in and whose parser its next lines try
    // first; empty for itself (python-event lines are in python-text files).
    std::string_view fileFormat;

    // Its message may carry an event payload ("EVENT: {...}") that alert rules read.
    bool carriesEvents = false;
};

} // namespace vigil
