#pragma once
// What the user asked to see: levels, instances, a time range, a text search and field
// conditions, all combined with AND. Plain data; QueryEngine compiles and applies it.

#include "../store/level.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace vigil {

struct FieldCondition {
    enum class Op { Eq, Ne, Gt, Ge, Lt, Le, Contains };
    std::string key; // "status", "duration", "request_id", "data.tools_enabled", "id" (any correlation id)
    Op op = Op::Eq;
    std::string text;  // the value as typed (units stripped for durations)
    double number = 0; // the value as a number, when `numeric`
    bool numeric = false;
};

struct FilterSpec {
    std::uint32_t levelMask = 0xFFu;   // bit (1 << int(Level)) per level shown
    std::vector<bool> hiddenInstances; // by InstanceId; instances past the end are shown
    std::int64_t fromUs = std::numeric_limits<std::int64_t>::min();
    std::int64_t toUs = std::numeric_limits<std::int64_t>::max();
    std::string text; // searched in the entry's whole text (all lines)
    bool regex = false;
    bool caseSensitive = false;
    std::vector<FieldCondition> fields;

    bool showsLevel(Level l) const { return levelMask & (1u << unsigned(l)); }
    bool showsInstance(std::uint32_t id) const {
        return id >= hiddenInstances.size() || !hiddenInstances[id];
    }
    bool hasTimeRange() const {
        return fromUs != std::numeric_limits<std::int64_t>::min() ||
               toUs != std::numeric_limits<std::int64_t>::max();
    }
    // Whether the filter lets everything through (then no work is needed to apply it).
    bool isEmpty() const;
};

} // namespace vigil
