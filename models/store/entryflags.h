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
};

} // namespace vigil
