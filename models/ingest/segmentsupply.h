#pragma once
// Makes the store's next segments on the reading threads: each batch handed to the store's
// thread carries the fresh, already touched segments (Segment::touchPages) the store will
// need for the entries handed over so far, plus one ahead. Writing 24 M entries into
// segments the store allocated itself cost the GUI thread 240,000 page faults, up to
// 2,800 (15 ms) in one event. Safe to call from several reading threads at once.

#include "../store/segmentedcolumns.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace vigil {

class SegmentSupply {
  public:
    // Touch::Write for a store whose thread must not wait (a window's); Touch::Map where
    // that thread has time to spare (`vigil scan`'s), and the reading threads have none.
    explicit SegmentSupply(Segment::Touch touch) : m_touch(touch) {}
    // For a batch of `entries` about to be handed over: the segments to hand over with it
    // (often none).
    std::vector<std::shared_ptr<Segment>> forBatch(std::size_t entries);
    // Segments made so far.
    std::uint64_t made() const { return m_made.load(); }

  private:
    const Segment::Touch m_touch;
    std::atomic<std::uint64_t> m_entries{0};
    std::atomic<std::uint64_t> m_made{0};
};

} // namespace vigil
