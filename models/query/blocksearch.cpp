#include "blocksearch.h"

#include "../exec/executor.h"

#include <algorithm>

namespace vigil {

namespace {

constexpr unsigned kBlockShift = 20; // 1 MB: fits the L2 cache
constexpr std::uint64_t kBlock = std::uint64_t(1) << kBlockShift;

struct Block {
    std::uint32_t file;
    std::uint64_t start, end; // matches may start in [start, end)
    std::uint64_t limit;      // the end of the range of bytes the block lies in
};

struct Range {
    std::uint64_t low, high;
};

// Per file: the byte ranges its searched entries cover, and, when only some entries are
// searched, which 1 MB blocks (at multiples of 1 MB in the file) hold any of them. A followed
// path's files over time are generations of one source, their stored offsets a terabyte apart
// (streambytesource.h): an entry far from every range opens a range of its own, so a search
// never walks the empty space between them.
struct FileSpan {
    static constexpr std::uint64_t kGap = std::uint64_t(1) << 30;
    std::vector<Range> ranges;
    std::size_t current = 0;           // the range the last entry fell in
    std::vector<std::uint64_t> blocks; // wanted blocks (offset >> kBlockShift), with repeats

    void add(std::uint64_t offset, std::uint64_t end) {
        Range& r = rangeNear(offset);
        r.low = std::min(r.low, offset);
        r.high = std::max(r.high, end);
    }
    void addBlocks(std::uint64_t offset, std::uint64_t end) {
        add(offset, end);
        const std::uint64_t last = (std::max(end, offset + 1) - 1) >> kBlockShift;
        for (std::uint64_t b = offset >> kBlockShift; b <= last; ++b)
            if (blocks.empty() || blocks.back() != b) blocks.push_back(b);
    }
    void merge(const FileSpan& o) {
        for (const Range& r : o.ranges)
            add(r.low, r.high);
        blocks.insert(blocks.end(), o.blocks.begin(), o.blocks.end());
    }
    // Ranges ascending, those that came to overlap or lie near one another joined.
    void settle() {
        std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.low < b.low; });
        std::vector<Range> joined;
        for (const Range& r : ranges) {
            if (!joined.empty() && r.low <= joined.back().high + kGap)
                joined.back().high = std::max(joined.back().high, r.high);
            else
                joined.push_back(r);
        }
        ranges.swap(joined);
        std::sort(blocks.begin(), blocks.end());
        blocks.erase(std::unique(blocks.begin(), blocks.end()), blocks.end());
    }

  private:
    Range& rangeNear(std::uint64_t offset) {
        auto near = [offset](const Range& r) { return offset + kGap >= r.low && offset <= r.high + kGap; };
        if (current < ranges.size() && near(ranges[current])) return ranges[current];
        for (current = 0; current < ranges.size(); ++current)
            if (near(ranges[current])) return ranges[current];
        ranges.push_back({offset, offset});
        return ranges.back();
    }
};

struct BlockScan {
    const NeedleFinder* needle;
    std::uint64_t limit, base; // matches start before `limit` bytes in; `base`: the block's offset
    MatchOffsets* out;
    std::size_t from; // where the block's matches start in *out

    static void run(void* context, const char* data, std::size_t size) {
        const BlockScan& s = *static_cast<const BlockScan*>(context);
        s.out->resize(s.from); // a run cut short by a shrinking file starts again from here
        s.needle->findPerLine(data, std::min<std::size_t>(size, s.limit), size, s.base, *s.out);
    }
};

bool cancelled(const std::atomic<bool>* cancel) {
    return cancel && cancel->load(std::memory_order_relaxed);
}

// Calls fn(run, from, to) for each run of a sealed segment's entries (segmentedcolumns.h)
// that has positions in [first, last), with those positions; false, calling nothing, when
// the segment's runs are not there to read (the segment not held whole, or no runs kept).
template <typename Fn>
bool forEachRunIn(const SegmentedColumns& columns, const Segment& s, std::size_t first, std::size_t last,
                  EntryIndex base, Fn&& fn) {
    if (!columns.holdsWhole(base) || s.runs.empty()) return false;
    std::size_t start = 0;
    for (const Segment::FileRun& run : s.runs) {
        const std::size_t from = std::max(start, first), to = std::min<std::size_t>(run.end, last);
        start = run.end;
        if (from < to) fn(run, from, to);
    }
    return true;
}

// Whether a run's range can stand for its entries' bytes: within one generation of a file.
bool narrow(const Segment::FileRun& run) {
    return run.high - run.low <= FileSpan::kGap;
}

} // namespace

bool searchEveryEntry(const SegmentedColumns& columns, const TextAccess& text, const NeedleFinder& needle,
                      Executor* executor, const std::atomic<bool>* cancel, std::vector<std::uint64_t>& hits,
                      const std::vector<std::uint8_t>* wanted) {
    const std::uint64_t begin = columns.beginIndex().value, end = columns.endIndex().value;
    const std::size_t fileCount = text.sources.size();
    const int parts = partsFor(executor);
    hits.assign((end - begin + 63) / 64, 0);
    // Parts start on a word of 64 entries, so that no two write the same word of `hits`.
    auto partBegin = [&](int p) {
        return p >= parts
                   ? end
                   : begin + (((end - begin) * std::uint64_t(p) / std::uint64_t(parts)) & ~std::uint64_t(63));
    };

    // 1. The bytes each file's wanted entries cover, from the columns alone.
    std::vector<std::vector<FileSpan>> partSpans(static_cast<std::size_t>(parts));
    forEachPart(executor, parts, [&](int p) {
        std::vector<FileSpan>& spans = partSpans[std::size_t(p)];
        spans.resize(fileCount);
        columns.forEachSegmentIn(
            partBegin(p), partBegin(p + 1),
            [&](const Segment& s, std::size_t first, std::size_t last, EntryIndex base) {
                auto addEach = [&](std::uint32_t f, std::size_t from, std::size_t to) {
                    for (std::size_t k = from; k < to; ++k) {
                        const std::uint64_t o = s.offset[k], e = o + s.length(k);
                        if (!wanted)
                            spans[f].add(o, e);
                        else if ((*wanted)[base.value + k - begin])
                            spans[f].addBlocks(o, e);
                    }
                };
                // Every entry searched: a run's range stands for its entries, their columns unread.
                if (!wanted &&
                    forEachRunIn(columns, s, first, last, base,
                                 [&](const Segment::FileRun& run, std::size_t from, std::size_t to) {
                                     if (run.file >= fileCount) return;
                                     if (narrow(run))
                                         spans[run.file].add(run.low, run.high);
                                     else
                                         addEach(run.file, from, to);
                                 }))
                    return;
                for (std::size_t k = first; k < last; ++k)
                    if (s.file[k] < fileCount) addEach(s.file[k], k, k + 1);
            });
    });
    std::vector<FileSpan>& spans = partSpans[0];
    spans.resize(fileCount);
    for (std::size_t p = 1; p < partSpans.size(); ++p)
        for (std::size_t f = 0; f < fileCount; ++f)
            spans[f].merge(partSpans[p][f]);
    std::vector<Block> blocks;
    std::vector<std::size_t> firstBlock(fileCount + 1, 0);
    for (std::uint32_t f = 0; f < fileCount; ++f) {
        firstBlock[f] = blocks.size();
        FileSpan& span = spans[f];
        if (!text.sources[f]) continue;
        span.settle();
        for (const Range& range : span.ranges) {
            if (range.low >= range.high) continue;
            auto add = [&](std::uint64_t b) {
                blocks.push_back({f, std::max(range.low, b << kBlockShift),
                                  std::min(range.high, (b + 1) << kBlockShift), range.high});
            };
            const std::uint64_t first = range.low >> kBlockShift, last = (range.high - 1) >> kBlockShift;
            if (!wanted) {
                for (std::uint64_t b = first; b <= last; ++b)
                    add(b);
                continue;
            }
            for (auto it = std::lower_bound(span.blocks.begin(), span.blocks.end(), first);
                 it != span.blocks.end() && *it <= last; ++it)
                add(*it);
        }
    }
    firstBlock[fileCount] = blocks.size();

    // 2. Matches per block, blocks shared out to the threads as they come free. Each thread
    // appends its blocks' matches to one list, in memory kept from the search before: a list
    // per block was fresh heap, and the first search of "timeout" at 24 M entries (2.3 M
    // matches) took 13,400-15,100 page faults and 1.8 times the CPU of the same search again.
    struct Found {
        std::size_t part = 0, from = 0, to = 0;
    };
    std::vector<Found> found(blocks.size());
    std::vector<MatchOffsets> partFound(static_cast<std::size_t>(parts));
    // Room for a match on every entry, backed only as far as it is written.
    const std::size_t room = (end - begin) / std::uint64_t(parts) + 1024;
    std::atomic<std::size_t> next{0};
    forEachPart(executor, parts, [&](int p) {
        MatchOffsets& out = partFound[std::size_t(p)];
        out = SpareOffsets::takeEmpty(std::max(SpareOffsets::kMinSize, room / 4), room);
        std::string scratch;
        for (std::size_t b; (b = next.fetch_add(1)) < blocks.size();) {
            if (cancelled(cancel)) return;
            const Block& block = blocks[b];
            // Past the block's end by the needle's length, so matches across the edge are seen.
            const std::uint64_t stop = std::min(block.limit, block.end + needle.size());
            BlockScan scan{&needle, block.end - block.start, block.start, &out, out.size()};
            text.sources[block.file]->scan(block.start, std::uint32_t(stop - block.start), scratch,
                                           {&BlockScan::run, &scan});
            found[b] = {std::size_t(p), scan.from, out.size()};
        }
    });
    std::vector<MatchOffsets> matches(fileCount); // per file, ascending
    auto giveBack = [](std::vector<MatchOffsets>& lists) {
        for (MatchOffsets& list : lists)
            SpareOffsets::give(std::move(list));
    };
    if (!cancelled(cancel))
        for (std::uint32_t f = 0; f < fileCount; ++f) {
            std::size_t total = 0;
            for (std::size_t b = firstBlock[f]; b < firstBlock[f + 1]; ++b)
                total += found[b].to - found[b].from;
            if (total == 0) continue;
            matches[f] = SpareOffsets::takeEmpty(total, total + total / 8);
            for (std::size_t b = firstBlock[f]; b < firstBlock[f + 1]; ++b) {
                const MatchOffsets& from = partFound[found[b].part];
                matches[f].insert(matches[f].end(), from.begin() + std::ptrdiff_t(found[b].from),
                                  from.begin() + std::ptrdiff_t(found[b].to));
            }
        }
    giveBack(partFound);
    if (cancelled(cancel)) return false;

    // 3. Entries by their offsets: an entry holds a match when the first match at or after
    // its start also ends inside it (a match crossing its end means no later one fits).
    forEachPart(executor, parts, [&](int p) {
        std::vector<std::size_t> cursor(fileCount, 0);
        std::vector<std::uint64_t> lastOffset(fileCount, UINT64_MAX);
        columns.forEachSegmentIn(
            partBegin(p), partBegin(p + 1),
            [&](const Segment& s, std::size_t first, std::size_t last, EntryIndex base) {
                if (cancelled(cancel)) return;
                auto visit = [&](std::uint32_t f, std::size_t from, std::size_t to) {
                    const MatchOffsets& m = matches[f];
                    std::size_t& c = cursor[f];
                    for (std::size_t k = from; k < to; ++k) {
                        const std::uint64_t i = base.value + k - begin;
                        if (wanted && !(*wanted)[i]) continue;
                        const std::uint64_t o = s.offset[k];
                        if (lastOffset[f] == UINT64_MAX || o < lastOffset[f]) // first visit, or out of order
                            c = std::size_t(std::lower_bound(m.begin(), m.end(), o) - m.begin());
                        else
                            while (c < m.size() && m[c] < o)
                                ++c;
                        lastOffset[f] = o;
                        if (c < m.size() && m[c] + needle.size() <= o + s.length(k))
                            hits[i >> 6] |= std::uint64_t(1) << (i & 63);
                    }
                };
                // A run of one file whose range holds no match holds none: its columns unread.
                if (forEachRunIn(columns, s, first, last, base,
                                 [&](const Segment::FileRun& run, std::size_t from, std::size_t to) {
                                     if (run.file >= fileCount) return;
                                     const MatchOffsets& m = matches[run.file];
                                     if (narrow(run)) {
                                         const auto c = std::lower_bound(m.begin(), m.end(), run.low);
                                         if (c == m.end() || *c + needle.size() > run.high) return;
                                     } else if (m.empty()) {
                                         return;
                                     }
                                     visit(run.file, from, to);
                                 }))
                    return;
                for (std::size_t k = first; k < last; ++k) {
                    const std::uint32_t f = s.file[k];
                    if (f < fileCount && !matches[f].empty()) visit(f, k, k + 1);
                }
            });
    });
    giveBack(matches);
    return !cancelled(cancel);
}

} // namespace vigil
