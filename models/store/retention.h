#pragma once
// How much of what was read the store holds, decided here and nowhere else: a memory
// budget, by default a share of the machine's physical memory, spent on whole segments of
// columns (and the duplicate table). Nothing is evicted below it, whether files are being
// opened or followed; above it the oldest segments go and the counters keep counting them,
// so "entries read" minus "entries held" says how many are not held.

#include <cstdint>

namespace vigil {

class EntryStore;

class Retention {
  public:
    static constexpr double kDefaultShare = 0.25; // of physical memory

    // budgetBytes 0: the default share of physical memory. maxEntries 0: no count limit
    // beyond the budget (a count is for tests and `vigil follow --retain`).
    explicit Retention(std::uint64_t budgetBytes = 0, std::uint64_t maxEntries = 0);

    std::uint64_t budgetBytes() const { return m_budget; }
    // The most entries that fit the budget (or the count limit when lower).
    std::uint64_t maxEntries() const { return m_maxEntries; }

    // Evicts the oldest whole segments while the store is over its limit; returns how many
    // entries went. Evicts only once a whole segment more than the limit is held, so
    // eviction happens in steps, not at every batch.
    std::uint64_t apply(EntryStore& store) const;

    static std::uint64_t physicalMemoryBytes();

  private:
    std::uint64_t m_budget;
    std::uint64_t m_maxEntries;
};

// How many entries were read but are no longer held (evicted by the retention limit).
std::uint64_t entriesNotHeld(const EntryStore& store);

} // namespace vigil
