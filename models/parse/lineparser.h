#pragma once
// Parses one line in whichever known format it is written in, trying the format the
// previous lines of its file were in first (per-file detection with per-line fallback).
// One LineParser per thread: it owns a simdjson parser.

#include "jsonlinereader.h"
#include "parsedline.h"
#include "textformats.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil {

class LineParser {
  public:
    // `readable`: bytes that may be read from line.data() (lets JSON parse in place).
    // Returns out.format; FormatId::Raw when the line is in no known format.
    FormatId parse(std::string_view line, std::size_t readable, FormatId preferred, ParsedLine& out);

  private:
    bool parseText(const TextFormat& format, std::string_view line, std::size_t readable, ParsedLine& out);

    PythonTextFormat m_python;
    ColorConsoleFormat m_console;
    GenericTextFormat m_generic;
    JsonLineReader m_json;
};

// Every JSON field of a line by dotted path ("data.tools_enabled" -> "true"); strings
// unquoted, objects flattened, arrays kept as JSON text. Empty when it is not JSON.
std::vector<std::pair<std::string, std::string>> flattenJsonFields(std::string_view json);

} // namespace vigil
