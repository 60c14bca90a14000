#pragma once
// Reads one JSON log line with simdjson's on-demand parser, in one pass over its keys:
// time, level, message, logger, instance, correlation id, duration (also nested under
// data/fields/extra), HTTP method/path/status and the tools flag. Truncated or invalid
// JSON is rejected, so the line is kept raw. Plain lines take the fast path (FlatJsonReader);
// the rest, and every line it is not sure of, runs on the best simdjson kernel the CPU has.

#include "flatjsonreader.h"
#include "jsonlinekernel.h"

#include <string_view>

namespace vigil {

class JsonLineReader {
  public:
    JsonLineReader() : m_kernel(makeBestJsonKernel()) {}
    explicit JsonLineReader(std::unique_ptr<JsonLineKernel> kernel) : m_kernel(std::move(kernel)) {}

    // `readable` is how many bytes starting at json.data() may be read: when it leaves
    // simdjson's padding the line is parsed in place, otherwise it is copied first.
    // Only fields of `out` that are still unset are filled, so a text format can read an
    // embedded payload (EVENT: {...}) without losing its own time and level.
    bool read(std::string_view json, std::size_t readable, ParsedLine& out) {
        if (m_flat.read(json, out)) {
            m_keys = m_flat.keys();
            return true;
        }
        const bool ok = m_kernel->read(json, readable, out);
        m_keys = m_kernel->keys();
        return ok;
    }

    // The tell-tale keys of the line last read.
    JsonKeys keys() const { return m_keys; }
    const char* kernelName() const { return m_kernel->name(); }

  private:
    FlatJsonReader m_flat;
    std::unique_ptr<JsonLineKernel> m_kernel;
    JsonKeys m_keys = 0;
};

} // namespace vigil
