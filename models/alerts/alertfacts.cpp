#include "alertfacts.h"

#include "authfailure.h"

#include "../exec/executor.h"
#include "../metrics/timemath.h"
#include "../parse/formatregistry.h"
#include "../store/bytesource.h"
#include "../store/entryflags.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace vigil {

void AlertSecondFacts::merge(const AlertSecondFacts& o) {
    maxOff = std::max(maxOff, o.maxOff);
    maxOn = std::max(maxOn, o.maxOn);
    authFailures += o.authFailures;
}

void AlertFacts::collect(const SegmentedColumns& columns, const TextAccess& access, EntryIndex first,
                         EntryIndex end) {
    const std::uint64_t from = std::max(first.value, columns.beginIndex().value);
    const std::uint64_t to = std::min(end.value, columns.endIndex().value);
    std::string text;
    // Entries come in runs of one instance and second: look their second up once a run.
    std::uint32_t runInstance = UINT32_MAX;
    std::int64_t runSecond = 0;
    AlertSecondFacts* run = nullptr;
    for (std::uint64_t i = from; i < to; ++i) {
        if ((i & 4095) == 0) yieldToUrgentWork();
        const EntryIndex index(i);
        const std::uint8_t flags = columns.flags(index);
        const std::int64_t timeUs = columns.timeUs(index);
        if ((flags & FlagInheritedTime) && timeUs == 0) continue; // no place in time
        // Nor a time years ahead: its second would be the newest, and every other instance
        // silent since (FlagFutureTime).
        if (flags & FlagFutureTime) continue;
        const std::uint32_t instance = columns.instance(index).value;
        if (instance >= instances.size()) instances.resize(instance + 1);
        const std::int64_t second = floorDiv(timeUs, kUsPerSecond);
        if (!run || instance != runInstance || second != runSecond) {
            run = &instances[instance][second];
            runInstance = instance;
            runSecond = second;
        }
        AlertSecondFacts& facts = *run;
        // A copy of an entry already read (error.log) is activity, but not a second request.
        if (flags & FlagDuplicate) continue;
        const float duration = columns.durationSeconds(index);
        if (!std::isnan(duration) && duration >= 0) {
            const bool toolsOn = (flags & FlagToolsKnown) && (flags & FlagToolsOn);
            float& slot = toolsOn ? facts.maxOn : facts.maxOff;
            slot = std::max(slot, duration);
        }
        bool authFailure = isAuthFailureStatus(columns.status(index));
        if (!authFailure && formatOf(columns.format(index)).carriesEvents) {
            const FileId file = columns.file(index);
            const auto& source = file.value < access.sources.size() ? access.sources[file.value] : nullptr;
            text.clear();
            if (source && source->read(columns.offset(index), columns.length(index), text))
                authFailure = isAuthFailureEventText(text);
        }
        if (authFailure) ++facts.authFailures;
    }
}

} // namespace vigil
