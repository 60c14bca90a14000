#include "blocksearch.h"

#include "../exec/executor.h"

#include <algorithm>

namespace vigil {

namespace {

constexpr std::uint64_t kBlock = 1u << 20; // fits the L2 cache: searched right after the copy

struct Block {
    std::uint32_t file;
    std::uint64_t start, end; // matches may start in [start, end)
};

bool cancelled(const std::atomic<bool>* cancel) {
    return cancel && cancel->load(std::memory_order_relaxed);
}

} // namespace

bool searchEveryEntry(const SegmentedColumns& columns, const TextAccess& text, const NeedleFinder& needle,
                      Executor* executor, const std::atomic<bool>* cancel, std::vector<std::uint8_t>& hit) {
    const std::uint64_t begin = columns.beginIndex().value, end = columns.endIndex().value;
    hit.assign(end - begin, 0);
    const std::size_t fileCount = text.sources.size();
    const int parts = partsFor(executor);

    // 1. The byte range each file's held entries cover.
    std::vector<std::uint64_t> low(fileCount, UINT64_MAX), high(fileCount, 0);
    for (std::uint64_t i = begin; i < end; ++i) {
        const EntryIndex e(i);
        const std::uint32_t f = columns.file(e).value;
        if (f >= fileCount) continue;
        const std::uint64_t o = columns.offset(e);
        low[f] = std::min(low[f], o);
        high[f] = std::max(high[f], o + columns.length(e));
    }
    std::vector<Block> blocks;
    std::vector<std::size_t> firstBlock(fileCount + 1, 0);
    for (std::uint32_t f = 0; f < fileCount; ++f) {
        firstBlock[f] = blocks.size();
        if (!text.sources[f] || low[f] >= high[f]) continue;
        for (std::uint64_t at = low[f]; at < high[f]; at += kBlock)
            blocks.push_back({f, at, std::min(high[f], at + kBlock)});
    }
    firstBlock[fileCount] = blocks.size();

    // 2. Matches per block, blocks shared out to the threads as they come free.
    std::vector<std::vector<std::uint64_t>> found(blocks.size());
    std::atomic<std::size_t> next{0};
    forEachPart(executor, parts, [&](int) {
        std::string buffer;
        for (std::size_t b; (b = next.fetch_add(1)) < blocks.size();) {
            if (cancelled(cancel)) return;
            const Block& block = blocks[b];
            // Read past the block's end by the needle's length, so matches across the edge are seen.
            const std::uint64_t stop = std::min(high[block.file], block.end + needle.size());
            text.sources[block.file]->read(block.start, std::uint32_t(stop - block.start), buffer);
            const std::size_t limit = std::min<std::size_t>(buffer.size(), block.end - block.start);
            needle.findPerLine(buffer.data(), limit, buffer.size(), block.start, found[b]);
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
        const std::uint64_t from = begin + (end - begin) * std::uint64_t(p) / std::uint64_t(parts);
        const std::uint64_t to = begin + (end - begin) * std::uint64_t(p + 1) / std::uint64_t(parts);
        std::vector<std::size_t> cursor(fileCount, 0);
        std::vector<std::uint64_t> lastOffset(fileCount, UINT64_MAX);
        for (std::uint64_t i = from; i < to; ++i) {
            if ((i & 0xFFFF) == 0 && cancelled(cancel)) return;
            const EntryIndex e(i);
            const std::uint32_t f = columns.file(e).value;
            if (f >= fileCount || matches[f].empty()) continue;
            const std::vector<std::uint64_t>& m = matches[f];
            const std::uint64_t o = columns.offset(e);
            std::size_t& c = cursor[f];
            if (lastOffset[f] == UINT64_MAX || o < lastOffset[f]) // first visit, or out of order
                c = std::size_t(std::lower_bound(m.begin(), m.end(), o) - m.begin());
            else
                while (c < m.size() && m[c] < o)
                    ++c;
            lastOffset[f] = o;
            if (c < m.size() && m[c] + needle.size() <= o + columns.length(e)) hit[i - begin] = 1;
        }
    });
    return !cancelled(cancel);
}

} // namespace vigil
