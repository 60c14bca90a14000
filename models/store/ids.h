#pragma once
// Strong small types for the store's indices and interned ids, so a file id can never be
// passed where an instance id is expected.

#include <cstdint>
#include <functional>

namespace vigil {

template <typename Tag, typename Rep> struct StrongId {
    Rep value{};
    constexpr StrongId() = default;
    constexpr explicit StrongId(Rep v) : value(v) {}
    constexpr bool operator==(StrongId o) const { return value == o.value; }
    constexpr bool operator!=(StrongId o) const { return value != o.value; }
    constexpr bool operator<(StrongId o) const { return value < o.value; }
};

// Position of an entry in the store since it was created; never reused, survives eviction.
using EntryIndex = StrongId<struct EntryIndexTag, std::uint64_t>;
using FileId = StrongId<struct FileIdTag, std::uint32_t>;
using InstanceId = StrongId<struct InstanceIdTag, std::uint32_t>;
using LoggerId = StrongId<struct LoggerIdTag, std::uint32_t>;
using EndpointId = StrongId<struct EndpointIdTag, std::uint32_t>;

// An entry's format: an index into the format registry, whose values only parse/ knows
// (parse/formatid.h), so the store and its readers do not rebuild when formats change.
enum class FormatId : std::uint8_t;

// A time not known (UTC epoch microseconds everywhere else).
constexpr std::int64_t kNoTime = INT64_MIN;

// Id 0 of every interned table is the empty string: "no logger", "no endpoint".
constexpr std::uint32_t kNoId = 0;

} // namespace vigil

template <typename Tag, typename Rep> struct std::hash<vigil::StrongId<Tag, Rep>> {
    std::size_t operator()(vigil::StrongId<Tag, Rep> id) const noexcept { return std::hash<Rep>()(id.value); }
};
