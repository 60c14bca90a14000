#pragma once
// Lets each Loki entry through once, whichever way it came: pages overlap on their boundary
// timestamp (a page starts at the last one's newest entry, inclusive), a reconnected tail
// starts a little before the newest entry seen, and qryn's tail replays earlier entries.
// An entry is its stream, nanosecond and text; those within `slack` of the newest seen are
// remembered, and anything older than that is taken as already read.

#include <cstdint>
#include <map>
#include <string_view>
#include <unordered_set>

namespace vigil {

class LokiDeduplicator {
  public:
    explicit LokiDeduplicator(std::int64_t slackNs = 30'000'000'000LL) : m_slackNs(slackNs) {}

    // True the first time an entry is offered.
    bool accept(std::string_view streamKey, std::int64_t ns, std::string_view line);
    // The newest timestamp let through (0 before any).
    std::int64_t newestNs() const { return m_newestNs; }
    std::int64_t slackNs() const { return m_slackNs; }
    std::size_t remembered() const { return m_keys.size(); }

  private:
    std::int64_t m_slackNs;
    std::int64_t m_newestNs = 0;
    std::unordered_set<std::uint64_t> m_keys;
    std::multimap<std::int64_t, std::uint64_t> m_byTime;
};

} // namespace vigil
