// Bytes as a log file's lines: each line parsed in place, as the reader does, with exactly
// the bytes the splitter keeps readable behind it (so an overread shows), then assembled into
// entries, and each entry's text read back for the table and the detail pane.

#include "models/ingest/entryassembler.h"
#include "models/parse/jsonfields.h"
#include "models/parse/lineparser.h"
#include "models/query/entryfields.h"

#include <cstdint>
#include <cstring>
#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t kPadding = 64; // what LineSplitter keeps readable after the data
    std::unique_ptr<char[]> buffer(new char[size + kPadding]);
    std::memcpy(buffer.get(), data, size);
    std::memset(buffer.get() + size, 0, kPadding);
    const char* end = buffer.get() + size + kPadding;

    vigil::EntryAssembler assembler(vigil::FileId(0), "fuzz");
    vigil::EntryBatch batch;
    vigil::EntryReader reader;
    std::size_t start = 0;
    while (start < size) {
        const void* nl = std::memchr(buffer.get() + start, '\n', size - start);
        const std::size_t stop = nl ? std::size_t(static_cast<const char*>(nl) - buffer.get()) : size;
        const std::string_view line(buffer.get() + start, stop - start);
        assembler.addLine(line, start, std::size_t(end - line.data()), batch);
        reader.summary(line);
        reader.fields(line);
        reader.correlationIds(line);
        vigil::flattenJsonFields(line);
        start = stop + 1;
    }
    assembler.commitOpen(batch);
    return 0;
}
