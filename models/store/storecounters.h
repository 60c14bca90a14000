#pragma once
// Totals over everything ever appended; eviction does not lower them.

#include "level.h"

#include <array>
#include <cstdint>
#include <vector>

namespace vigil {

struct StoreCounters {
    std::uint64_t entries = 0;
    std::uint64_t unparsed = 0;   // entries in no known format
    std::uint64_t duplicates = 0; // entries already read from another file of their instance
    std::array<std::uint64_t, kLevelCount> byLevel{};
    std::vector<std::uint64_t> entriesByInstance; // by InstanceId
    std::vector<std::uint64_t> errorsByInstance;  // ERROR and above, duplicates excluded
};

} // namespace vigil
