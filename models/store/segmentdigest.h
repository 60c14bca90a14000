#pragma once
// How many entries of each level each instance has in one segment of the store.
//
// A filter by instance and level (the sidebar: "eco-backend, WARNING and above") tested the
// two columns of every entry: 24 M entries, 72 MB, on every click. Entries of one file come
// in runs, so a segment of 65,536 entries holds two or three instances: on the 5 GB corpus
// an instance's warnings are in 16-49 % of the segments. With these counts a filter skips
// the segments that hold none of its rows, and takes its level counts from here instead of
// counting them entry by entry.
//
// Written by the store as it appends. Readers use it only for a segment that is full and
// wholly inside their snapshot: it is not written again after that.

#include "level.h"

#include <array>
#include <cstdint>
#include <vector>

namespace vigil {

class SegmentDigest {
  public:
    using Counts = std::array<std::uint32_t, kLevelCount>;
    struct Row {
        std::uint16_t instance;
        Counts levels;
    };

    void count(std::uint16_t instance, Level level) {
        if (m_last >= m_rows.size() || m_rows[m_last].instance != instance) m_last = rowOf(instance);
        const auto l = std::size_t(level);
        ++m_rows[m_last].levels[l < std::size_t(kLevelCount) ? l : 0];
    }
    const std::vector<Row>& rows() const { return m_rows; }

  private:
    std::size_t rowOf(std::uint16_t instance) {
        for (std::size_t k = 0; k < m_rows.size(); ++k)
            if (m_rows[k].instance == instance) return k;
        m_rows.push_back(Row{instance, {}});
        return m_rows.size() - 1;
    }

    std::vector<Row> m_rows; // few: the instances of the files this segment's entries came from
    std::size_t m_last = 0;  // the row of the last entry counted: entries come in runs
};

} // namespace vigil
