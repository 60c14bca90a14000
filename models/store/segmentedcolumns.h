#pragma once
// Read access to the store's columns, shared by the live store and its snapshots.
// Entries live in fixed-size segments so appending never moves existing entries and
// eviction drops whole segments from the front.

#include "entryflags.h"
#include "ids.h"
#include "level.h"
#include "segmentdigest.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace vigil {

struct Segment {
    static constexpr unsigned kShift = 16;
    static constexpr std::size_t kCapacity = std::size_t(1) << kShift;
    static constexpr std::uint64_t kMask = kCapacity - 1;

    Segment();
    ~Segment();
    Segment(const Segment&) = delete;
    Segment& operator=(const Segment&) = delete;
    // Maps every page of the columns, so that the thread calling this pays their page
    // faults instead of the thread that later appends entries into them; `write` writes
    // each too, which leaves that thread no hypervisor exit either (memory/touchpages.h).
    enum class Touch { Map, Write };
    void touchPages(Touch how);

    // The columns lie in one block of kCapacity * kBytesPerEntry bytes (2.7 MB), widest
    // first, whose first 2 MB are one huge page while the kernel has free ones at hand
    // (memory/hugepages.h): `vigil scan` over 5 GB took 4.1-4.4 s instead of 5.0-5.6 on
    // a machine that shadows page tables, and as much less with the page cache filling memory.
    std::int64_t* timeUs;
    std::uint64_t* offset;
    std::uint32_t *file, *logger, *endpoint;
    float* durationSeconds;
    // An entry's length in two halves: almost every entry is shorter than 64 KB, so the
    // high half is allocated only for a segment that holds a longer one (a traceback of
    // thousands of frames, or a 100 KB JSON line). Two bytes an entry are most of what
    // keeps the store under 48 bytes an entry.
    std::uint16_t* lengthLow;
    std::unique_ptr<std::uint16_t[]> lengthHigh;
    std::uint16_t* instance; // 65,535 instances are plenty; more fold into the last
    std::uint16_t* status;
    std::uint8_t *level, *format, *flags;
    std::size_t count = 0;
    SegmentDigest digest; // final once the segment is full

    // The digest, when positions [first, last) are the whole of this segment and it is full.
    const SegmentDigest* digestOf(std::size_t first, std::size_t last) const {
        return first == 0 && last == kCapacity && count == kCapacity ? &digest : nullptr;
    }

    // A full segment's entries as runs of consecutive entries of one file, each with the
    // bytes it covers (lowest offset, highest end). Appends come in batches of one file, so a
    // segment holds a few runs. A search of every entry takes each run's range as it is,
    // and passes over the entries of a run whose range holds no match, without reading their
    // file, offset and length columns (600 MB at 24 M entries, read twice a search before).
    // The entries of two generations of a followed path are one file whose offsets lie 2^40
    // apart: callers check `high - low` against the widest range they can use.
    struct FileRun {
        std::uint32_t file;
        std::uint32_t end; // position past the run's last entry
        std::uint64_t low, high;
    };
    static constexpr std::size_t kMaxRuns = 512; // past it (entries of many files interleaved): none
    std::vector<FileRun> runs;
    // Fills `runs`; called once, when the segment is full and before any snapshot holds its
    // last entry, so that a reader who holds the whole segment sees them too.
    void seal();

    std::uint32_t length(std::size_t pos) const {
        return lengthLow[pos] | (lengthHigh ? std::uint32_t(lengthHigh[pos]) << 16 : 0u);
    }
    // Written before the entry is published to snapshots, like every other column.
    void setLength(std::size_t pos, std::uint32_t length);

    static constexpr std::size_t kBytesPerEntry = 8 + 8 + 2 + 3 * 4 + 2 + 4 + 2 + 3;

  private:
    void* m_block;
};

class SegmentedColumns {
  public:
    EntryIndex beginIndex() const { return EntryIndex(m_begin); }
    EntryIndex endIndex() const { return EntryIndex(m_end); }
    std::uint64_t size() const { return m_end - m_begin; }
    bool contains(EntryIndex i) const { return i.value >= m_begin && i.value < m_end; }

    std::int64_t timeUs(EntryIndex i) const { return seg(i).timeUs[pos(i)]; }
    std::uint64_t offset(EntryIndex i) const { return seg(i).offset[pos(i)]; }
    std::uint32_t length(EntryIndex i) const { return seg(i).length(pos(i)); }
    FileId file(EntryIndex i) const { return FileId(seg(i).file[pos(i)]); }
    InstanceId instance(EntryIndex i) const { return InstanceId(seg(i).instance[pos(i)]); }
    LoggerId logger(EntryIndex i) const { return LoggerId(seg(i).logger[pos(i)]); }
    EndpointId endpoint(EntryIndex i) const { return EndpointId(seg(i).endpoint[pos(i)]); }
    float durationSeconds(EntryIndex i) const { return seg(i).durationSeconds[pos(i)]; }
    std::uint16_t status(EntryIndex i) const { return seg(i).status[pos(i)]; }
    Level level(EntryIndex i) const { return static_cast<Level>(seg(i).level[pos(i)]); }
    FormatId format(EntryIndex i) const { return static_cast<FormatId>(seg(i).format[pos(i)]); }
    std::uint8_t flags(EntryIndex i) const { return seg(i).flags[pos(i)]; }

    // Visits the entries [from, to) clamped to the stored ones, segment by segment:
    // fn(const Segment&, first position, end position, EntryIndex of position 0). For column
    // scans in queries; a part of a query passes its own range.
    template <typename Fn> void forEachSegmentIn(std::uint64_t from, std::uint64_t to, Fn&& fn) const {
        from = std::max(from, m_begin);
        to = std::min(to, m_end);
        if (from >= to) return;
        for (std::uint64_t k = from >> Segment::kShift; k <= (to - 1) >> Segment::kShift; ++k) {
            const std::uint64_t base = k << Segment::kShift;
            const std::uint64_t lo = std::max(base, from), hi = std::min(base + Segment::kCapacity, to);
            fn(*m_segments[std::size_t(k - m_firstSegment)], std::size_t(lo - base), std::size_t(hi - base),
               EntryIndex(base));
        }
    }
    template <typename Fn> void forEachSegmentIn(EntryIndex from, EntryIndex to, Fn&& fn) const {
        forEachSegmentIn(from.value, to.value, std::forward<Fn>(fn));
    }
    // Whether every entry of the segment starting at `base` is held: then it was sealed
    // before these columns were taken, and its runs are there to read.
    bool holdsWhole(EntryIndex base) const {
        return base.value >= m_begin && base.value + Segment::kCapacity <= m_end;
    }

  protected:
    const Segment& seg(EntryIndex i) const {
        return *m_segments[(i.value >> Segment::kShift) - m_firstSegment];
    }
    static std::size_t pos(EntryIndex i) { return static_cast<std::size_t>(i.value & Segment::kMask); }

    std::vector<std::shared_ptr<Segment>> m_segments;
    std::uint64_t m_firstSegment = 0; // global number of m_segments[0]
    std::uint64_t m_begin = 0, m_end = 0;
};

// A consistent read-only view for worker threads: the entries stored when it was taken.
// Appends after that write only past its end, and evicted segments stay alive while
// a snapshot holds them.
class StoreSnapshot : public SegmentedColumns {
    friend class EntryStore;
};

} // namespace vigil
