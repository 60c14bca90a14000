#pragma once
// The line a format's parse function is asked about, with what several formats share:
// the JSON reader (a JSON line is read once, whichever dialect claims it) and scratch
// space for unescaped values. One per LineParser, so one per thread.

#include "formatid.h"
#include "jsonlinereader.h"
#include "parsedline.h"

#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class FormatRegistry;

class LineContext {
  public:
    LineContext();

    void reset(std::string_view line, std::size_t readable) {
        m_line = line;
        m_readable = readable;
        m_jsonState = JsonState::Unread;
        m_scratch.clear();
        if (m_scratch.capacity() < line.size()) m_scratch.reserve(line.size());
    }

    std::string_view line() const { return m_line; }
    // Bytes that may be read from line().data() (lets JSON parse in place).
    std::size_t readable() const { return m_readable; }

    // What the line holds when it is one JSON object (out.format is kept); false when it
    // is not one. The line is parsed once however many dialects ask.
    bool readJsonLine(ParsedLine& out) {
        if (m_jsonState == JsonState::Unread) readJson();
        if (m_jsonState != JsonState::Read) return false;
        const FormatId format = out.format;
        out = m_jsonParsed;
        out.format = format;
        return true;
    }
    // The registered dialect whose keys the JSON line has (GenericJson when none), Raw
    // when the line is not JSON.
    FormatId jsonDialect() {
        if (m_jsonState == JsonState::Unread) readJson();
        return m_jsonState == JsonState::Read ? m_dialect : FormatId::Raw;
    }

    // A JSON dialect has already found the line is no JSON object.
    bool knownNotJson() const { return m_jsonState == JsonState::NotJson; }

    // For a format that finds JSON inside a text line (EVENT: {...}).
    JsonLineReader& json() { return m_json; }

    // Where unescaped values go: reserved to the line's size at reset, so views into it
    // stay valid until the next line.
    std::string& scratch() { return m_scratch; }

  private:
    enum class JsonState : std::uint8_t { Unread, Read, NotJson };
    void readJson();
    FormatId dialectOf(std::uint32_t keys);

    // The registered dialects' key tests, in registry order; rebuilt when one is registered.
    struct Dialect {
        FormatId id;
        bool (*matches)(std::uint32_t keys);
    };
    const FormatRegistry* m_registry;
    std::vector<Dialect> m_dialects;
    std::size_t m_registered = 0;
    std::string_view m_line;
    std::size_t m_readable = 0;
    JsonState m_jsonState = JsonState::Unread;
    FormatId m_dialect{};
    ParsedLine m_jsonParsed;
    JsonLineReader m_json;
    std::string m_scratch;
};

} // namespace vigil
