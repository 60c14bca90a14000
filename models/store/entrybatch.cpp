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

void EntryBatch::faultInRoom() {
    vigil::faultInRoom(timeUs);
    vigil::faultInRoom(offset);
    vigil::faultInRoom(length);
    vigil::faultInRoom(instance);
    vigil::faultInRoom(logger);
    vigil::faultInRoom(endpoint);
    vigil::faultInRoom(durationSeconds);
    vigil::faultInRoom(status);
    vigil::faultInRoom(level);
    vigil::faultInRoom(format);
    vigil::faultInRoom(flags);
    vigil::faultInRoom(contentHash);
}

} // namespace vigil
