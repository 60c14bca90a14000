// Bytes as a file that a tail reads, grows and ends: the first byte chooses plain or gzip
// and where the file is cut for the first read; the rest is the file. Read through the real
// descriptor path (pread, binary check, line splitting, parsing, batches).

#include "models/ingest/filetail.h"

#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>

namespace {
bool writeAll(const QString& path, const char* data, std::size_t size, const char* mode) {
    FILE* f = std::fopen(path.toLocal8Bit().constData(), mode);
    if (!f) return false;
    const bool ok = std::fwrite(data, 1, size, f) == size;
    std::fclose(f);
    return ok;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static QTemporaryDir dir;
    if (size < 1 || !dir.isValid()) return 0;
    const bool gzip = data[0] & 1;
    const char* bytes = reinterpret_cast<const char*>(data + 1);
    const std::size_t length = size - 1;
    const std::size_t cut = length * (data[0] >> 1) / 127;
    const QString path = dir.filePath(gzip ? QStringLiteral("app.log.1.gz") : QStringLiteral("app.log"));
    if (!writeAll(path, bytes, gzip ? length : cut, "wb")) return 0;

    std::size_t entries = 0;
    const vigil::BatchSink sink = [&entries](vigil::EntryBatch&& batch) { entries += batch.timeUs.size(); };
    vigil::FileTail tail(vigil::FileId(0), path, "fuzz", gzip);
    if (tail.open()) {
        tail.setReadBlock(4096);
        tail.readAvailable(sink, 64);
        if (!gzip && writeAll(path, bytes + cut, length - cut, "ab")) tail.readAvailable(sink, 64);
        tail.commitOpenEntry(sink);
        tail.finish(sink);
    }
    std::remove(path.toLocal8Bit().constData());
    return 0;
}
