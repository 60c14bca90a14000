#pragma once
// The JSON-lines dialects of FORMATS.md. All are read by JsonLineReader in one pass; a
// dialect only says which keys identify it (FormatDescriptor::matchesJsonKeys), so
// detection costs no second parse. Their descriptors are in jsondialects.cpp.

#include "formatdescriptor.h"
#include "linecontext.h"

namespace vigil {

// The parse function every JSON dialect shares: the line is JSON and its keys are this
// dialect's (out.format).
bool parseJsonDialectLine(LineContext& line, ParsedLine& out);

// A descriptor for a JSON dialect told apart by `matches` (null: generic-json).
FormatDescriptor jsonDialectFormat(std::string_view name, bool (*matches)(std::uint32_t keys));

} // namespace vigil
