#pragma once
// Reads one JSON log line with simdjson's on-demand parser, in one pass over its keys:
// time, level, message, logger, instance, correlation id, duration (also nested under
// data/fields/extra), HTTP method/path/status and the tools flag. Truncated or invalid
// JSON is rejected, so the line is kept raw.

#include "jsonkeys.h"
#include "parsedline.h"

#include <simdjson.h>

#include <string>
#include <string_view>

namespace vigil {

class JsonLineReader {
public:
    // `readable` is how many bytes starting at json.data() may be read: when it leaves
    // simdjson's padding the line is parsed in place, otherwise it is copied first.
    // Only fields of `out` that are still unset are filled, so a text format can read an
    // embedded payload (EVENT: {...}) without losing its own time and level.
    bool read(std::string_view json, std::size_t readable, ParsedLine& out);

    JsonKeys keys() const { return m_keys; }

private:
    struct Ranks; // priorities among alternative keys, per line
    bool readObject(simdjson::ondemand::object object, int depth, ParsedLine& out, Ranks& ranks);
    bool readValue(std::string_view key, simdjson::ondemand::value value, int depth, ParsedLine& out, Ranks& ranks);

    simdjson::ondemand::parser m_parser;
    std::string m_padded;
    JsonKeys m_keys = 0;
};

} // namespace vigil
