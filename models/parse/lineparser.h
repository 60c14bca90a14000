#pragma once
// Parses one line in whichever registered format it is written in, trying the format the
// previous lines of its file were in first (per-file detection with per-line fallback),
// then the others in registration order. One LineParser per thread: its context owns a
// simdjson parser.

#include "linecontext.h"
#include "parsedline.h"

#include <string_view>
#include <vector>

namespace vigil {

class FormatRegistry;

class LineParser {
  public:
    LineParser();

    // `readable`: bytes that may be read from line.data() (lets JSON parse in place).
    // Returns out.format; FormatId::Raw when the line is in no known format.
    FormatId parse(std::string_view line, std::size_t readable, FormatId preferred, ParsedLine& out);

  private:
    // The formats that parse, in registry order; rebuilt when a format is registered.
    struct Candidate {
        FormatId id;
        bool (*parse)(LineContext&, ParsedLine&);
        bool jsonDialect; // only ever takes a JSON line: skipped once the line is known not to be one
    };
    void refresh();

    const FormatRegistry* m_formats;
    std::vector<Candidate> m_candidates;
    std::size_t m_registered = 0; // registry size m_candidates was built for
    LineContext m_context;
};

} // namespace vigil
