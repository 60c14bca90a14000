#pragma once

#include <cstdint>

namespace vigil {

// Per-entry bit flags stored in the store's flag column.
enum EntryFlag : std::uint8_t {
    FlagDuplicate = 1u << 0,     // the same entry was already read from another file of its instance
    FlagToolsKnown = 1u << 1,    // seed 000's tools marker was present ...
    FlagToolsOn = 1u << 2,       // ... and said tools were enabled
    FlagInheritedTime = 1u << 3, // no timestamp of its own: carries the previous entry's time
    FlagMultiLine = 1u << 4,     // continuation lines (a traceback) belong to it
    FlagFutureTime = 1u << 5,    // stamped beyond the wall clock at append (kFutureToleranceUs)
};

// How far past the wall clock an entry's time may lie and still count as "now" for charts,
// alerts and "last N minutes": a time without zone read in another zone is off by up to
// 14 hours, and machines' clocks drift by minutes; a day covers both. An entry further
// ahead ("9999-12-31T23:59:59Z", a clock set wrong) is kept and shown as written, but would
// otherwise make every other instance look silent for millennia and empty every window.
constexpr std::int64_t kFutureToleranceUs = 24LL * 3600 * 1000000;

} // namespace vigil
