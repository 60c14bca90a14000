#pragma once
// A JSON line's fields and its indented text, for the JSON dialects' descriptors.

#include "formatdescriptor.h"

namespace vigil {

// Every JSON field of a line by dotted path ("data.tools_enabled" -> "true"); strings
// unquoted, objects flattened, arrays kept as JSON text. Empty when it is not JSON.
FieldList flattenJsonFields(std::string_view json);

// A JSON object indented, or the text unchanged when it is not one.
std::string prettyJson(std::string_view text);

} // namespace vigil
