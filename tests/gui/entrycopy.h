#pragma once
// Entries appended without a file behind them: each a copy of a stored entry's text (its
// file, offset, length and format), under a time and level of the test's choosing, as the
// batch's instance 1 (the batch names it in newInstances). What a test needs to make
// entries arrive live or late, a million at a time, without writing and reading a log.

#include "models/store/entrybatch.h"
#include "models/store/entrystore.h"

#include <limits>

namespace vigil {

inline void addCopyOf(EntryBatch& batch, const EntryStore& store, EntryIndex like, std::int64_t timeUs,
                      Level level) {
    batch.timeUs.push_back(timeUs);
    batch.offset.push_back(store.offset(like));
    batch.length.push_back(store.length(like));
    batch.instance.push_back(1);
    batch.logger.push_back(0);
    batch.endpoint.push_back(0);
    batch.durationSeconds.push_back(std::numeric_limits<float>::quiet_NaN());
    batch.status.push_back(0);
    batch.level.push_back(std::uint8_t(level));
    batch.format.push_back(std::uint8_t(store.format(like)));
    batch.flags.push_back(0);
    batch.contentHash.push_back(0);
}

} // namespace vigil
