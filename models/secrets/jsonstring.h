#pragma once
// The text a JSON string literal stands for. Secrets are judged on what a line means, not
// on how its writer escaped it: {"msg": "https:\/\/u:pw\u0040host"} holds the same password
// as https://u:pw@host, and the entry's decoded message shows it so.

#include <string>
#include <string_view>

namespace vigil {

// The content between a string's quotes, decoded: \uXXXX as UTF-8 (a surrogate pair as
// one code point, a lone surrogate as U+FFFD), \" \\ \/ \b \f \n \r \t as their
// characters; any other backslash is kept as written.
std::string decodeJsonString(std::string_view content);

} // namespace vigil
