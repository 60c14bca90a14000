#include "timedhits.h"

#include "../exec/executor.h"
#include "sparerows.h"

#include <algorithm>

namespace vigil {

namespace {

struct Run {
    const TimedHit* next;
    const TimedHit* end;
};

// The maximal ascending stretches of each part's hits.
std::vector<Run> runsOf(const std::vector<TimedHits>& parts) {
    std::vector<Run> runs;
    for (const TimedHits& part : parts) {
        const SpareHits::Vector& hits = part.hits();
        std::size_t start = 0;
        for (std::size_t k = 1; k <= hits.size(); ++k) {
            if (k < hits.size() && hits[k - 1] < hits[k]) continue;
            if (k > start) runs.push_back({hits.data() + start, hits.data() + k});
            start = k;
        }
    }
    return runs;
}

// Hits at which the pieces meet: quantiles of a sample, so that pieces are of similar size.
std::vector<TimedHit> piecePivots(const std::vector<TimedHits>& parts, std::size_t total, int pieces) {
    std::vector<TimedHit> sample;
    const std::size_t want = std::min<std::size_t>(total, 64 * std::size_t(pieces));
    for (const TimedHits& part : parts) {
        const SpareHits::Vector& hits = part.hits();
        const std::size_t take = hits.size() * want / std::max<std::size_t>(total, 1);
        for (std::size_t s = 0; s < take; ++s)
            sample.push_back(hits[s * hits.size() / take]);
    }
    std::sort(sample.begin(), sample.end());
    std::vector<TimedHit> pivots;
    for (int p = 1; p < pieces && !sample.empty(); ++p)
        pivots.push_back(sample[sample.size() * std::size_t(p) / std::size_t(pieces)]);
    return pivots;
}

// Emits the hits of `runs` in order: a k-way merge that, when one run holds the smallest
// heads for a while (the common case: long runs that barely overlap), copies from it
// without touching the heap.
template <typename Emit> void mergeRuns(std::vector<Run> runs, Emit&& emit) {
    runs.erase(std::remove_if(runs.begin(), runs.end(), [](const Run& r) { return r.next == r.end; }),
               runs.end());
    const auto later = [](const Run& a, const Run& b) { return *b.next < *a.next; };
    std::make_heap(runs.begin(), runs.end(), later);
    while (!runs.empty()) {
        std::pop_heap(runs.begin(), runs.end(), later);
        Run& run = runs.back();
        if (runs.size() == 1) {
            for (; run.next != run.end; ++run.next)
                emit(*run.next);
            break;
        }
        const TimedHit& rival = *runs.front().next;
        do {
            emit(*run.next);
            ++run.next;
        } while (run.next != run.end && *run.next < rival);
        if (run.next == run.end)
            runs.pop_back();
        else
            std::push_heap(runs.begin(), runs.end(), later);
    }
}

constexpr std::size_t kEntriesPerMatch = 10;

} // namespace

std::vector<TimedHits> hitListsFor(std::size_t entries, int parts, bool timeOrdered) {
    return std::vector<TimedHits>(std::size_t(parts),
                                  TimedHits(timeOrdered ? entries / kEntriesPerMatch : 0));
}

bool worthMerging(const std::vector<TimedHits>& lists, std::size_t entries) {
    std::size_t total = 0;
    for (const TimedHits& list : lists) {
        if (list.overflowed()) return false;
        total += list.hits().size();
    }
    return total <= entries / kEntriesPerMatch;
}

std::vector<EntryIndex> mergeByTime(const std::vector<TimedHits>& parts, Executor* executor,
                                    FilterTally* tally) {
    std::size_t total = 0;
    for (const TimedHits& part : parts)
        total += part.hits().size();
    const std::vector<Run> runs = runsOf(parts);
    const int pieces = total < 100000 ? 1 : partsFor(executor);
    const std::vector<TimedHit> pivots = piecePivots(parts, total, pieces);
    const std::size_t pieceCount = pivots.size() + 1;
    // Each piece's share of every run: the hits in [pivot before, pivot after). Their sizes
    // place each piece's rows in the one result, which the pieces then fill side by side.
    std::vector<std::vector<Run>> shares(pieceCount);
    std::vector<std::size_t> startOf(pieceCount + 1, 0);
    for (std::size_t piece = 0; piece < pieceCount; ++piece) {
        shares[piece].reserve(runs.size());
        std::size_t count = 0;
        for (const Run& run : runs) {
            const TimedHit* from =
                piece == 0 ? run.next : std::lower_bound(run.next, run.end, pivots[piece - 1]);
            const TimedHit* to =
                piece == pivots.size() ? run.end : std::lower_bound(from, run.end, pivots[piece]);
            shares[piece].push_back({from, to});
            count += std::size_t(to - from);
        }
        startOf[piece + 1] = startOf[piece] + count;
    }
    std::vector<EntryIndex> rows = SpareRows::take(total);
    std::vector<std::vector<SecondCounts>> seconds(pieceCount);
    forEachPart(executor, int(pieceCount), [&](int piece) {
        EntryIndex* out = rows.data() + startOf[std::size_t(piece)];
        const std::vector<Run>& share = shares[std::size_t(piece)];
        if (tally) {
            std::int64_t first = INT64_MAX, last = INT64_MIN;
            for (const Run& run : share)
                if (run.next != run.end) {
                    first = std::min(first, run.next->timeUs);
                    last = std::max(last, (run.end - 1)->timeUs);
                }
            reserveSeconds(seconds[std::size_t(piece)], first, last,
                           startOf[std::size_t(piece) + 1] - startOf[std::size_t(piece)]);
        }
        SecondRuns perSecond(seconds[std::size_t(piece)]);
        mergeRuns(std::move(shares[std::size_t(piece)]), [&](const TimedHit& hit) {
            *out++ = hit.entry();
            if (tally) perSecond.add(hit.timeUs, hit.level());
        });
    });
    if (tally)
        for (const std::vector<SecondCounts>& piece : seconds)
            tally->addSeconds(piece);
    return rows;
}

} // namespace vigil
