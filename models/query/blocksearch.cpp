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
};

// Per file: the byte range its searched entries cover, and, when only some entries are
// searched, which 1 MB blocks (at multiples of 1 MB in the file) hold any of them.
struct FileSpan {
    std::uint64_t low = UINT64_MAX, high = 0;
    std::vector<std::uint8_t> blocks; // by offset >> kBlockShift

    void add(std::uint64_t offset, std::uint64_t end) {
        low = std::min(low, offset);
        high = std::max(high, end);
    }
    void addBlocks(std::uint64_t offset, std::uint64_t end) {
        add(offset, end);
        const std::uint64_t last = (std::max(end, offset + 1) - 1) >> kBlockShift;
        if (blocks.size() <= last) blocks.resize(last + 1, 0);
        for (std::uint64_t b = offset >> kBlockShift; b <= last; ++b)
            blocks[b] = 1;
    }
    void merge(const FileSpan& o) {
        low = std::min(low, o.low);
        high = std::max(high, o.high);
        if (blocks.size() < o.blocks.size()) blocks.resize(o.blocks.size(), 0);
        for (std::size_t b = 0; b < o.blocks.size(); ++b)
            blocks[b] |= o.blocks[b];
    }
};

struct BlockScan {
    const NeedleFinder* needle;
    std::uint64_t limit, base; // matches start before `limit` bytes in; `base`: the block's offset
    std::vector<std::uint64_t>* out;

    static void run(void* context, const char* data, std::size_t size) {
        const BlockScan& s = *static_cast<const BlockScan*>(context);
        s.out->clear(); // a run cut short by a shrinking file starts again from here
        s.needle->findPerLine(data, std::min<std::size_t>(size, s.limit), size, s.base, *s.out);
    }
};

bool cancelled(const std::atomic<bool>* cancel) {
    return cancel && cancel->load(std::memory_order_relaxed);
}

// Calls fn(segment, first, last, base) for the part of the entries [from, to) in each segment.
template <typename Fn>
void forEachSegmentIn(const SegmentedColumns& columns, std::uint64_t from, std::uint64_t to, Fn&& fn) {
    columns.forEachSegment([&](const Segment& s, std::size_t first, std::size_t last, EntryIndex base) {
        const std::uint64_t lo = std::max<std::uint64_t>(base.value + first, from);
        const std::uint64_t hi = std::min<std::uint64_t>(base.value + last, to);
        if (lo < hi) fn(s, std::size_t(lo - base.value), std::size_t(hi - base.value), base.value);
    });
}

} // namespace

bool searchEveryEntry(const SegmentedColumns& columns, const TextAccess& text, const NeedleFinder& needle,
                      Executor* executor, const std::atomic<bool>* cancel, std::vector<std::uint8_t>& hit,
                      const std::vector<std::uint8_t>* wanted) {
    const std::uint64_t begin = columns.beginIndex().value, end = columns.endIndex().value;
    hit.assign(end - begin, 0);
    const std::size_t fileCount = text.sources.size();
    const int parts = partsFor(executor);
    auto partBegin = [&](int p) { return begin + (end - begin) * std::uint64_t(p) / std::uint64_t(parts); };

    // 1. The bytes each file's wanted entries cover, from the columns alone.
    std::vector<std::vector<FileSpan>> partSpans(static_cast<std::size_t>(parts));
    forEachPart(executor, parts, [&](int p) {
        std::vector<FileSpan>& spans = partSpans[std::size_t(p)];
        spans.resize(fileCount);
        forEachSegmentIn(columns, partBegin(p), partBegin(p + 1),
                         [&](const Segment& s, std::size_t first, std::size_t last, std::uint64_t base) {
                             for (std::size_t k = first; k < last; ++k) {
                                 const std::uint32_t f = s.file[k];
                                 if (f >= fileCount) continue;
                                 const std::uint64_t o = s.offset[k], e = o + s.length(k);
                                 if (!wanted)
                                     spans[f].add(o, e);
                                 else if ((*wanted)[base + k - begin])
                                     spans[f].addBlocks(o, e);
                             }
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
        const FileSpan& span = spans[f];
        if (!text.sources[f] || span.low >= span.high) continue;
        for (std::uint64_t b = span.low >> kBlockShift; b <= (span.high - 1) >> kBlockShift; ++b)
            if (!wanted || span.blocks[b])
                blocks.push_back(
                    {f, std::max(span.low, b << kBlockShift), std::min(span.high, (b + 1) << kBlockShift)});
    }
    firstBlock[fileCount] = blocks.size();

    // 2. Matches per block, blocks shared out to the threads as they come free.
    std::vector<std::vector<std::uint64_t>> found(blocks.size());
    std::atomic<std::size_t> next{0};
    forEachPart(executor, parts, [&](int) {
        std::string scratch;
        for (std::size_t b; (b = next.fetch_add(1)) < blocks.size();) {
            if (cancelled(cancel)) return;
            const Block& block = blocks[b];
            // Past the block's end by the needle's length, so matches across the edge are seen.
            const std::uint64_t stop = std::min(spans[block.file].high, block.end + needle.size());
            BlockScan scan{&needle, block.end - block.start, block.start, &found[b]};
            text.sources[block.file]->scan(block.start, std::uint32_t(stop - block.start), scratch,
                                           {&BlockScan::run, &scan});
        }
    });
    if (cancelled(cancel)) return false;
    std::vector<std::vector<std::uint64_t>> matches(fileCount); // per file, ascending
    for (std::uint32_t f = 0; f < fileCount; ++f) {
        std::size_t total = 0;
        for (std::size_t b = firstBlock[f]; b < firstBlock[f + 1]; ++b)
            total += found[b].size();
        matches[f].reserve(total);
        for (std::size_t b = firstBlock[f]; b < firstBlock[f + 1]; ++b) {
            matches[f].insert(matches[f].end(), found[b].begin(), found[b].end());
            std::vector<std::uint64_t>().swap(found[b]);
        }
    }

    // 3. Entries by their offsets: an entry holds a match when the first match at or after
    // its start also ends inside it (a match crossing its end means no later one fits).
    forEachPart(executor, parts, [&](int p) {
        std::vector<std::size_t> cursor(fileCount, 0);
        std::vector<std::uint64_t> lastOffset(fileCount, UINT64_MAX);
        forEachSegmentIn(columns, partBegin(p), partBegin(p + 1),
                         [&](const Segment& s, std::size_t first, std::size_t last, std::uint64_t base) {
                             if (cancelled(cancel)) return;
                             for (std::size_t k = first; k < last; ++k) {
                                 const std::uint32_t f = s.file[k];
                                 if (f >= fileCount || matches[f].empty()) continue;
                                 const std::uint64_t i = base + k - begin;
                                 if (wanted && !(*wanted)[i]) continue;
                                 const std::vector<std::uint64_t>& m = matches[f];
                                 const std::uint64_t o = s.offset[k];
                                 std::size_t& c = cursor[f];
                                 if (lastOffset[f] == UINT64_MAX ||
                                     o < lastOffset[f]) // first visit, or out of order
                                     c = std::size_t(std::lower_bound(m.begin(), m.end(), o) - m.begin());
                                 else
                                     while (c < m.size() && m[c] < o)
                                         ++c;
                                 lastOffset[f] = o;
                                 if (c < m.size() && m[c] + needle.size() <= o + s.length(k)) hit[i] = 1;
                             }
                         });
    });
    return !cancelled(cancel);
}

} // namespace vigil
