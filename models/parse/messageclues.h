#pragma once
// Facts that text formats carry only inside the message: an HTTP request line
// ("POST /v1/chat/completions - 200 - 1.448s"), a trailing duration ("- 35.2s", "850ms"),
// and seed 000's tools marker ("Slow request [tools]: ...").

#include "parsedline.h"

#include <string_view>

namespace vigil {

// Fills method, path, status, durationSeconds and toolsEnabled where the message shows them;
// leaves fields already set alone.
void readMessageClues(std::string_view message, ParsedLine& out);

// A duration written at the end of a message, in seconds; NaN when there is none.
float trailingDurationSeconds(std::string_view message);

} // namespace vigil
