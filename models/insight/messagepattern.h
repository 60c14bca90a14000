#pragma once
// Turns one log message into its pattern by masking the parts that vary from one entry
// to the next, in the spirit of Drain's preprocessing: "Connection to 10.0.4.7:5432 timed
// out after 30s (attempt 3)" becomes "Connection to {ip} timed out after {dur} (attempt
// {num})". Masked: numbers, durations, hex strings, ids mixing letters and digits, IP
// addresses, timestamps, quoted strings (not JSON keys) and values after "=". Paths keep
// their words and lose their ids, as endpoints do ("GET /v1/users/{id}/orders"), since
// which endpoint failed is what a pattern should tell apart.

#include <string>
#include <string_view>

namespace vigil {

class MessagePattern {
  public:
    // The pattern of `message` (its first line) in `out`; returns it.
    std::string_view of(std::string_view message, std::string& out);

    // A regular expression (PCRE, as the filter bar takes it) matching the messages of a
    // pattern: its literal parts in order, anything where a part was masked.
    static std::string toRegex(std::string_view pattern);

  private:
    void token(std::string_view token, std::string& out);
    std::string m_scratch;
};

} // namespace vigil
