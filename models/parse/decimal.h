#pragma once
// Numbers written as text in log lines and filters, read the same in every locale.
//
// strtod follows LC_NUMERIC, and a Qt application sets the locale from the environment: under
// LANG=de_DE.UTF-8 strtod reads "12.5" as 12 and stops at the dot, so a JSON line such as
//   {"event": "llm_call", "duration_ms": "1250.5"}
// lost its duration, and the filter `duration>1.5` compared with 1.

#include <string_view>

namespace vigil {

// The whole of `text` as a decimal number (leading spaces and a '+' allowed, as strtod
// allows them; "inf" and "nan" too). False, with `out` untouched, for anything else.
bool parseDecimal(std::string_view text, double& out);

} // namespace vigil
