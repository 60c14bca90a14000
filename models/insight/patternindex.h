#pragma once
// Counts the entries of a store by message pattern (messagepattern.h), incrementally:
// each call adds a range of entries, so a followed deployment costs only its new entries.
// Per pattern it keeps the count, the count per instance, the first and last entry time,
// the highest level and a coarse time series for sparklines whose bin width doubles as
// the span grows, so memory stays bounded by patterns × kMaxBins. Runs on one worker
// thread at a time; readers get a copy (rows()).

#include "messagepattern.h"

#include "../query/entryfields.h"
#include "../query/textaccess.h"
#include "../store/segmentedcolumns.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace vigil {

struct PatternRow {
    std::string pattern;
    std::uint64_t count = 0;
    std::vector<std::pair<std::uint32_t, std::uint64_t>> instances; // (InstanceId, count), by id
    std::int64_t firstUs = INT64_MAX, lastUs = INT64_MIN;
    Level highest = Level::None;
    std::vector<std::uint32_t> sparkline; // counts over the index's whole span, oldest first
};

class PatternIndex {
  public:
    static constexpr std::size_t kMaxBins = 64;
    // Patterns past this many are counted as one "(other patterns)" row, so that messages
    // whose variable part no rule masks cannot grow the index without bound.
    static constexpr std::size_t kMaxPatterns = 20'000;

    // Adds entries [first, end) of `columns`, reading their text through `text`.
    // Returns false when cancelled (the entries read so far stay counted; call again from
    // the returned position: `*reached`).
    bool add(const SegmentedColumns& columns, const TextAccess& text, EntryIndex first, EntryIndex end,
             const std::atomic<bool>* cancel = nullptr, EntryIndex* reached = nullptr);

    // Only entries at or after this time count (`vigil patterns --since`); kNoTime: all.
    void setFromUs(std::int64_t fromUs) { m_fromUs = fromUs; }

    std::size_t patternCount() const { return m_patterns.size(); }
    std::uint64_t entries() const { return m_entries; }
    std::int64_t firstUs() const { return m_firstUs; }
    std::int64_t lastUs() const { return m_lastUs; }

    // Every pattern, `bins` sparkline bins over [firstUs, lastUs], in the order first met
    // (a pattern keeps its row as counts change).
    std::vector<PatternRow> rows(std::size_t bins = 24) const;

    // The pattern of an entry's text (its message), as add() files it.
    std::string_view patternOf(std::string_view entryText, std::string& out);

    static constexpr std::string_view kOther = "(other patterns)";

  private:
    struct Pattern {
        std::string text;
        std::uint64_t count = 0;
        std::map<std::uint32_t, std::uint64_t> instances;
        std::int64_t firstUs = INT64_MAX, lastUs = INT64_MIN;
        Level highest = Level::None;
        std::map<std::int64_t, std::uint32_t> bins; // key: time / m_binUs
    };
    std::uint32_t idOf(std::string_view pattern);
    void widenBins();

    MessagePattern m_masker;
    EntryReader m_reader;
    std::string m_pattern, m_text;
    std::unordered_map<std::string, std::uint32_t> m_ids;
    std::vector<Pattern> m_patterns;
    std::int64_t m_binUs = 60'000'000;
    std::uint64_t m_entries = 0;
    std::int64_t m_firstUs = INT64_MAX, m_lastUs = INT64_MIN;
    std::int64_t m_fromUs = INT64_MIN;
};

} // namespace vigil
