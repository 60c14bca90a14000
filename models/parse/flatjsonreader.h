#pragma once
// The fast path for JSON log lines: FlatJsonScanner lists a line's fields in one pass, and
// the rules simdjson's reader follows (jsonlinerules.h) read them. For a line such as
//   {"timestamp": "2025-11-10T10:20:00.004Z", "level": "INFO", "logger": "auth", "message":
//    "User logged in: 0x123...", "module": "auth", "user_id": "906", "request_id": "8768569b-839f"}
// that is several times cheaper than simdjson's stage 1 and on-demand walk, which were a
// third of a scan. Whatever the scanner is not sure of (see flatjson.h) it declines, and
// JsonLineReader hands the line to simdjson: accepted lines read exactly as simdjson reads
// them, and invalid JSON is still refused by simdjson alone.

#include "flatjson.h"
#include "jsonkeys.h"
#include "parsedline.h"

#include <string_view>

namespace vigil {

class FlatJsonReader {
  public:
    // As JsonLineKernel::read, except that false only means "not sure": `out` is then
    // untouched and the line must go to simdjson. Views point into this reader's buffers.
    bool read(std::string_view json, ParsedLine& out);
    JsonKeys keys() const { return m_keys; }

  private:
    FlatJsonScanner m_scanner;
    JsonKeys m_keys = 0;
};

} // namespace vigil
