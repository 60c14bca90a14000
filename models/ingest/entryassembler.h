#pragma once
// Turns the lines of one source into entries: parses each line, gives lines that start no
// entry (tracebacks, wrapped text) to the entry above, and appends finished entries to a
// batch. An entry stays open until the next one starts or commitOpen() is called, so a
// traceback still being written is not split.

#include "endpointmemo.h"

#include "../store/entrybatch.h"
#include "../store/ids.h"
#include "../store/stringinterner.h"

#include <memory>
#include <string>

namespace vigil {

// The strings one source has interned (instances, loggers, endpoints) and how many of them
// have been sent to the store. The store keeps one id mapping per source, so every reader
// of a source shares this table: in follow mode each file a path held over time (each
// rotation generation) feeds the same source.
struct SourceStrings {
    explicit SourceStrings(std::string_view defaultInstance)
        : defaultInstance(instances.intern(defaultInstance)) {}
    StringInterner instances, loggers, endpoints;
    std::uint32_t exportedInstances = 1, exportedLoggers = 1, exportedEndpoints = 1;
    std::uint32_t defaultInstance = 0;
};

class EntryAssembler {
  public:
    EntryAssembler(FileId file, std::string defaultInstance);
    EntryAssembler(FileId file, std::shared_ptr<SourceStrings> strings);
    ~EntryAssembler();
    EntryAssembler(EntryAssembler&&) noexcept;
    EntryAssembler& operator=(EntryAssembler&&) noexcept;

    // One line without its line terminator, starting at file offset `offset`.
    // `readable`: bytes that may be read from line.data() (parsing in place).
    void addLine(std::string_view line, std::uint64_t offset, std::size_t readable, EntryBatch& out);

    // Finishes the open entry, if any (end of data, or a quiet period while following).
    void commitOpen(EntryBatch& out);
    bool hasOpenEntry() const { return m_open.active; }

    // Moves the strings interned since the last call into the batch, so the store can
    // map this source's ids. Call before handing a batch over.
    void exportNewStrings(EntryBatch& out);
    const std::shared_ptr<SourceStrings>& strings() const { return m_strings; }

  private:
    struct OpenEntry {
        bool active = false;
        std::uint64_t offset = 0, end = 0;
        std::int64_t timeUs = 0;
        std::uint32_t instance = 0, logger = 0, endpoint = 0;
        float durationSeconds = 0;
        std::uint16_t status = 0;
        std::uint8_t level = 0, format = 0, flags = 0;
        bool hashed = false;
        std::uint64_t hash = 0;
    };
    // The parser and what it last read; out of line so that this header names no format.
    struct Parsing;
    void start(const Parsing& parsing, std::string_view line, std::uint64_t offset);
    void extend(std::string_view line, std::uint64_t offset);
    bool continuesOpenEntry(std::string_view line) const;
    std::uint32_t endpointId(std::string_view method, std::string_view path);

    FileId m_file;
    std::unique_ptr<Parsing> m_parsing;
    std::shared_ptr<SourceStrings> m_strings;
    FormatId m_preferred{}; // raw
    std::int64_t m_lastTime = 0;
    std::string m_endpointText, m_templateText;
    EndpointMemo m_endpointMemo;
    OpenEntry m_open;
};

} // namespace vigil
