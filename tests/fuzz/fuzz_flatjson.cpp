// Bytes as JSON log lines, each read by the JSON fast path (FlatJsonReader), by simdjson's
// reader and by JsonLineReader, which tries the first and falls back to the second: the
// fast path may decline a line, but what it accepts it must read exactly as simdjson does,
// and JsonLineReader must read every line as simdjson alone would. Any difference aborts.

#include "fuzzseeds.h"

#include "models/parse/flatjsonreader.h"
#include "models/parse/jsonlinekernel.h"
#include "models/parse/jsonlinereader.h"
#include "tests/parse/flatjsonlines.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace {

bool sameText(std::string_view a, std::string_view b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

bool same(const vigil::ParsedLine& a, const vigil::ParsedLine& b) {
    return a.format == b.format && a.timeUs == b.timeUs && a.level == b.level &&
           sameText(a.instance, b.instance) && sameText(a.logger, b.logger) && sameText(a.method, b.method) &&
           sameText(a.path, b.path) && a.status == b.status &&
           std::memcmp(&a.durationSeconds, &b.durationSeconds, sizeof(float)) == 0 &&
           a.toolsEnabled == b.toolsEnabled && sameText(a.correlationId, b.correlationId) &&
           sameText(a.message, b.message) && sameText(a.location, b.location);
}

struct Readers {
    std::unique_ptr<vigil::JsonLineKernel> simdjson = vigil::makeBestJsonKernel();
    vigil::FlatJsonReader fast;
    vigil::JsonLineReader combined;
};

// One line from a buffer with `room` readable bytes after it, from `start`.
void check(Readers& readers, std::string_view json, std::size_t room, const vigil::ParsedLine& start) {
    vigil::ParsedLine want = start;
    const bool wantOk = readers.simdjson->read(json, json.size() + room, want);
    const vigil::JsonKeys wantKeys = readers.simdjson->keys();
    vigil::ParsedLine got = start;
    if (readers.fast.read(json, got) && (!wantOk || !same(got, want) || readers.fast.keys() != wantKeys))
        std::abort();
    vigil::ParsedLine combined = start;
    const bool combinedOk = readers.combined.read(json, json.size() + room, combined);
    if (combinedOk != wantOk || (wantOk && (!same(combined, want) || readers.combined.keys() != wantKeys)))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (vigil::fuzz::seedDir().isEmpty()) return 0;
    int i = 0;
    for (const QByteArray& line : vigil::flatjsontest::edgeLines())
        vigil::fuzz::writeSeed(QStringLiteral("edge-%1.json").arg(i++), line);
    vigil::fuzz::writeSeed(QStringLiteral("nested.json"), vigil::flatjsontest::nestedLine());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Readers readers;
    vigil::ParsedLine event; // what a text line has filled before its EVENT payload is read
    event.timeUs = 1728561600000000;
    event.level = vigil::Level::Warning;
    event.instance = "tagged";

    // Tight (the readers copy) and roomy (simdjson reads in place) buffers.
    constexpr std::size_t kRoom = 64;
    std::unique_ptr<char[]> buffer(new char[size + kRoom]);
    std::memcpy(buffer.get(), data, size);
    std::memset(buffer.get() + size, '}', kRoom);
    const std::string_view all(buffer.get(), size);
    std::size_t start = 0;
    while (start <= size) {
        const std::size_t nl = all.find('\n', start);
        const std::size_t stop = nl == std::string_view::npos ? size : nl;
        const std::string_view line = all.substr(start, stop - start);
        for (const std::size_t room : {std::size_t(0), kRoom}) {
            check(readers, line, room, vigil::ParsedLine());
            check(readers, line, room, event);
        }
        start = stop + 1;
    }
    // The whole input as one document, its newlines whitespace.
    check(readers, all, kRoom, vigil::ParsedLine());
    return 0;
}
