#include "retention.h"

#include "entrystore.h"

#include <algorithm>
#include <unistd.h>

namespace vigil {

std::uint64_t Retention::physicalMemoryBytes() {
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0) return std::uint64_t(4) << 30; // unknown: assume a small machine
    return std::uint64_t(pages) * std::uint64_t(pageSize);
}

Retention::Retention(std::uint64_t budgetBytes, std::uint64_t maxEntries)
    : m_budget(budgetBytes > 0 ? budgetBytes : std::uint64_t(double(physicalMemoryBytes()) * kDefaultShare)) {
    m_maxEntries = std::max<std::uint64_t>(Segment::kCapacity, m_budget / Segment::kBytesPerEntry);
    if (maxEntries > 0) m_maxEntries = std::min(m_maxEntries, maxEntries);
}

std::uint64_t Retention::apply(EntryStore& store) const {
    const bool overCount = store.size() >= m_maxEntries + Segment::kCapacity;
    const bool overBudget =
        store.memoryBytes() >= m_budget + std::uint64_t(Segment::kCapacity) * Segment::kBytesPerEntry;
    if (!overCount && !overBudget) return 0;
    std::uint64_t keep = m_maxEntries;
    if (overBudget) {
        // What the columns may use once the duplicate table has taken its share.
        const std::uint64_t other = store.memoryBytes() - store.size() * Segment::kBytesPerEntry;
        const std::uint64_t room = m_budget > other ? m_budget - other : 0;
        keep = std::min(keep, room / Segment::kBytesPerEntry);
    }
    return store.evictOldest(keep);
}

std::uint64_t entriesNotHeld(const EntryStore& store) {
    const std::uint64_t read = store.counters().entries;
    return read > store.size() ? read - store.size() : 0;
}

} // namespace vigil
