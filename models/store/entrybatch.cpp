#include "entrybatch.h"

#include "../memory/touchpages.h"

namespace vigil {

void EntryBatch::clear() {
    timeUs.clear();
    offset.clear();
    length.clear();
    instance.clear();
    logger.clear();
    endpoint.clear();
    durationSeconds.clear();
    status.clear();
    level.clear();
    format.clear();
    flags.clear();
    contentHash.clear();
    newInstances.clear();
    newLoggers.clear();
    newEndpoints.clear();
    lines = bytes = 0;
    changeTimeUs = 0;
}

void EntryBatch::reserve(std::size_t n) {
    timeUs.reserve(n);
    offset.reserve(n);
    length.reserve(n);
    instance.reserve(n);
    logger.reserve(n);
    endpoint.reserve(n);
    durationSeconds.reserve(n);
    status.reserve(n);
    level.reserve(n);
    format.reserve(n);
    flags.reserve(n);
    contentHash.reserve(n);
}

namespace {
template <typename T> void faultInSpare(std::vector<T>& column) {
    // Only past the entries held: writeEveryPage writes zeros where the kernel cannot help.
    writeEveryPage(column.data() + column.size(), (column.capacity() - column.size()) * sizeof(T));
}
} // namespace

void EntryBatch::faultInRoom() {
    faultInSpare(timeUs);
    faultInSpare(offset);
    faultInSpare(length);
    faultInSpare(instance);
    faultInSpare(logger);
    faultInSpare(endpoint);
    faultInSpare(durationSeconds);
    faultInSpare(status);
    faultInSpare(level);
    faultInSpare(format);
    faultInSpare(flags);
    faultInSpare(contentHash);
}

} // namespace vigil
