#pragma once
// The fields a text line shows beyond its columns: the parts its format split off, the
// HTTP and duration clues of its message ("POST /v1/chat/completions - 200 - 1.448s"),
// and key=value words in it ("api_key=sk-1 and request_id=req_1").

#include "formatdescriptor.h"

namespace vigil {

// instance, logger, level and message of a parsed text line, then its message's clues.
void appendTextFields(std::string_view line, const ParsedLine& parsed, FieldList& out);

// The clues and key=value words of a message only.
void appendMessageFields(std::string_view message, FieldList& out);

// A number as fields show it ("%g").
std::string fieldNumber(double value);

} // namespace vigil
