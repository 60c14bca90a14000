#include "segmentsupply.h"

namespace vigil {

std::vector<std::shared_ptr<Segment>> SegmentSupply::forBatch(std::size_t entries) {
    std::vector<std::shared_ptr<Segment>> segments;
    if (entries == 0) return segments;
    const std::uint64_t handedOver = m_entries.fetch_add(entries) + entries;
    // Enough to hold every entry handed over so far, and one more for the batch after.
    const std::uint64_t wanted = (handedOver + Segment::kCapacity - 1) / Segment::kCapacity + 1;
    std::uint64_t made = m_made.load();
    while (made < wanted) {
        // Claimed before it is made, so two reading threads never make the same one.
        if (!m_made.compare_exchange_weak(made, made + 1)) continue;
        auto segment = std::make_shared<Segment>();
        segment->touchPages(m_touch);
        segments.push_back(std::move(segment));
        ++made;
    }
    return segments;
}

} // namespace vigil
