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

void EntryBatch::mapRoom() {
    vigil::mapRoom(timeUs);
    vigil::mapRoom(offset);
    vigil::mapRoom(length);
    vigil::mapRoom(instance);
    vigil::mapRoom(logger);
    vigil::mapRoom(endpoint);
    vigil::mapRoom(durationSeconds);
    vigil::mapRoom(status);
    vigil::mapRoom(level);
    vigil::mapRoom(format);
    vigil::mapRoom(flags);
    vigil::mapRoom(contentHash);
}

} // namespace vigil
