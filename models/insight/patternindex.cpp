#include "patternindex.h"

#include "../exec/executor.h"
#include "../metrics/timemath.h"
#include "../parse/parsedline.h"
#include "../store/entryflags.h"

#include <algorithm>

namespace vigil {

std::string_view PatternIndex::patternOf(std::string_view entryText, std::string& out) {
    const EntrySummary summary = m_reader.summary(entryText);
    return m_masker.of(summary.message, out);
}

std::uint32_t PatternIndex::idOf(std::string_view pattern) {
    m_text.assign(pattern);
    if (const auto it = m_ids.find(m_text); it != m_ids.end()) return it->second;
    if (m_patterns.size() >= kMaxPatterns) {
        m_text.assign(kOther);
        if (const auto it = m_ids.find(m_text); it != m_ids.end()) return it->second;
    }
    const auto id = std::uint32_t(m_patterns.size());
    m_patterns.emplace_back();
    m_patterns.back().text = m_text;
    m_ids.emplace(m_text, id);
    return id;
}

void PatternIndex::widenBins() {
    m_binUs *= 2;
    for (Pattern& p : m_patterns) {
        std::map<std::int64_t, std::uint32_t> wider;
        for (const auto& [key, n] : p.bins)
            wider[floorDiv(key, 2)] += n;
        p.bins.swap(wider);
    }
}

bool PatternIndex::add(const SegmentedColumns& columns, const TextAccess& text, EntryIndex first,
                       EntryIndex end, const std::atomic<bool>* cancel, EntryIndex* reached) {
    BlockReader reader(text);
    std::string_view bytes;
    std::uint64_t i = std::max(first.value, columns.beginIndex().value);
    const std::uint64_t stop = std::min(end.value, columns.endIndex().value);
    for (; i < stop; ++i) {
        if ((i & 4095) == 0) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                if (reached) *reached = EntryIndex(i);
                return false;
            }
            yieldToUrgentWork();
        }
        const EntryIndex e(i);
        if (m_fromUs != INT64_MIN && columns.timeUs(e) < m_fromUs) continue;
        // Unreadable text still counts: its pattern is the empty message.
        if (!reader.read(columns, e, bytes)) bytes = {};
        Pattern& p = m_patterns[idOf(patternOf(bytes, m_pattern))];
        ++p.count;
        ++p.instances[columns.instance(e).value];
        p.highest = std::max(p.highest, columns.level(e));
        ++m_entries;
        const std::int64_t t = columns.timeUs(e);
        if (t == kNoTime) continue;
        p.firstUs = std::min(p.firstUs, t);
        p.lastUs = std::max(p.lastUs, t);
        // An entry stamped years ahead (FlagFutureTime) would stretch every pattern's bins.
        if (columns.flags(e) & FlagFutureTime) continue;
        m_firstUs = std::min(m_firstUs, t);
        m_lastUs = std::max(m_lastUs, t);
        const std::int64_t key = floorDiv(t, m_binUs);
        ++p.bins[key];
        // The span, not one pattern, decides the width: every pattern keeps the same bins.
        while ((m_lastUs - m_firstUs) / m_binUs >= std::int64_t(kMaxBins))
            widenBins();
    }
    if (reached) *reached = EntryIndex(i);
    return true;
}

std::vector<PatternRow> PatternIndex::rows(std::size_t bins) const {
    std::vector<PatternRow> out;
    out.reserve(m_patterns.size());
    const bool timed = m_firstUs <= m_lastUs;
    const std::int64_t span = timed ? std::max<std::int64_t>(1, m_lastUs - m_firstUs + 1) : 1;
    for (const Pattern& p : m_patterns) {
        PatternRow r;
        r.pattern = p.text;
        r.count = p.count;
        r.instances.assign(p.instances.begin(), p.instances.end());
        r.firstUs = p.firstUs;
        r.lastUs = p.lastUs;
        r.highest = p.highest;
        r.sparkline.assign(bins, 0);
        if (timed && bins > 0)
            for (const auto& [key, n] : p.bins) {
                const std::int64_t mid = key * m_binUs + m_binUs / 2;
                const std::int64_t at = std::clamp<std::int64_t>(mid, m_firstUs, m_lastUs) - m_firstUs;
                r.sparkline[std::min(bins - 1, std::size_t(at * std::int64_t(bins) / span))] += n;
            }
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace vigil
