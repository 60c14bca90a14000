#pragma once
// The formats Vigil reads, indexed by the one byte the store keeps per entry. The formats
// built in are registered first, in FormatId order; more can be registered at run time
// (before files in them are read) and take the next index. Detection tries them in
// registration order. Registration is rare and locked; lookups are lock-free reads of
// slots that never change once published.
//
// The registry is process-wide on purpose: an index in the store must name the same
// format for the reader threads that wrote it and every model that reads it back, and a
// format registered once is then read by every stage without being passed through each.

#include "formatdescriptor.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string_view>

namespace vigil {

class FormatRegistry {
  public:
    static constexpr std::size_t kCapacity = 256;

    FormatRegistry();

    // Adds a format; its index, or nullopt when the name is taken, the registry is full,
    // or its fileFormat names no registered format.
    std::optional<FormatId> add(const FormatDescriptor& format);

    std::size_t size() const { return m_size.load(std::memory_order_acquire); }
    // An index never registered reads as raw.
    const FormatDescriptor& operator[](FormatId id) const {
        const auto at = static_cast<std::size_t>(id);
        return at < size() ? m_formats[at] : m_formats[0];
    }
    std::optional<FormatId> find(std::string_view name) const;
    // The format a file of this format's lines is reported in (python-event: python-text).
    FormatId fileFormat(FormatId id) const {
        const auto at = static_cast<std::size_t>(id);
        return at < size() ? m_fileFormat[at] : FormatId::Raw;
    }

  private:
    std::array<FormatDescriptor, kCapacity> m_formats;
    std::array<FormatId, kCapacity> m_fileFormat{};
    std::atomic<std::size_t> m_size{0};
    std::mutex m_adding;
};

// The process's formats: those built in, then any registered.
FormatRegistry& formatRegistry();

// Shorthands over formatRegistry().
inline const FormatDescriptor& formatOf(FormatId id) {
    return formatRegistry()[id];
}
std::string_view formatName(FormatId id);

} // namespace vigil
