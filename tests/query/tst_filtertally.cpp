// The per-second histogram of a FilterTally after merges: every second and level counted
// once, ascending, whether the merged seconds come after, before or among the held ones
// (the table merges each appended range's tally into its own while files are read at once).

#include "models/query/filtertally.h"

#include <QtTest>

#include <map>
#include <random>

using namespace vigil;

namespace {

using Reference = std::map<std::int64_t, std::array<std::uint32_t, kLevelCount>>;

// Ascending seconds drawn from [lo, hi), some skipped, with random counts.
std::vector<SecondCounts> randomSeconds(std::mt19937& rng, std::int64_t lo, std::int64_t hi,
                                        int keepPercent) {
    std::vector<SecondCounts> out;
    for (std::int64_t s = lo; s < hi; ++s) {
        if (int(rng() % 100) >= keepPercent) continue;
        SecondCounts c;
        c.second = s;
        c.levels[rng() % kLevelCount] = 1 + rng() % 50;
        c.levels[rng() % kLevelCount] += rng() % 3;
        out.push_back(c);
    }
    return out;
}

void count(Reference& reference, const std::vector<SecondCounts>& seconds) {
    for (const SecondCounts& c : seconds)
        for (int l = 0; l < kLevelCount; ++l)
            reference[c.second][std::size_t(l)] += c.levels[std::size_t(l)];
}

void compare(const FilterTally& tally, const Reference& reference) {
    QCOMPARE(tally.seconds().size(), reference.size());
    auto it = reference.begin();
    for (const SecondCounts& c : tally.seconds()) {
        QCOMPARE(c.second, it->first);
        QVERIFY2(c.levels == it->second, qPrintable(QString::number(c.second)));
        ++it;
    }
}

} // namespace

class TestFilterTally : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void mergesSecondsWhereverTheyFall() {
        std::mt19937 rng(7);
        // (held range, merged range): after, before, among, around, identical, overlapping ends.
        const std::vector<std::array<std::int64_t, 4>> cases = {
            {100, 200, 200, 300}, {100, 200, 0, 50},   {0, 1000, 300, 700}, {300, 700, 0, 1000},
            {0, 500, 0, 500},     {0, 500, 499, 1000}, {0, 500, 250, 251},  {10, 11, 10, 11},
        };
        for (const auto& [heldLo, heldHi, mergedLo, mergedHi] : cases) {
            for (int keep : {5, 50, 100}) {
                Reference reference;
                FilterTally tally, other;
                const auto held = randomSeconds(rng, heldLo, heldHi, keep);
                const auto merged = randomSeconds(rng, mergedLo, mergedHi, keep);
                tally.addSeconds(held);
                other.addSeconds(merged);
                count(reference, held);
                count(reference, merged);
                tally.merge(other);
                compare(tally, reference);
                if (QTest::currentTestFailed()) return;
            }
        }
    }

    void roomMadeAheadTakesTheSecondsThatFollow() {
        // A full result's tally gets its room on the query's worker; the window's thread then
        // merges the seconds of appended entries into that memory, without moving them.
        std::mt19937 rng(11);
        Reference reference;
        FilterTally tally;
        const auto held = randomSeconds(rng, 0, 40000, 100);
        tally.addSeconds(held);
        count(reference, held);
        tally.makeRoomForMoreSeconds();
        const SecondCounts* before = tally.seconds().data();
        for (const auto& [lo, hi] : std::vector<std::pair<std::int64_t, std::int64_t>>{
                 {40000, 60000}, {20000, 50000}, {60000, 80000}}) {
            FilterTally appended;
            const auto more = randomSeconds(rng, lo, hi, 100);
            appended.addSeconds(more);
            count(reference, more);
            tally.merge(appended);
        }
        compare(tally, reference);
        QCOMPARE(tally.seconds().size(), std::size_t(80000));
        QCOMPARE(tally.seconds().data(), before);
    }

    void manyAppendedRangesAddUp() {
        // As when several files are read at once: each appended range spans the whole time
        // range read so far, and its counts add to the seconds already held.
        std::mt19937 rng(11);
        Reference reference;
        FilterTally tally;
        for (int range = 0; range < 200; ++range) {
            const std::int64_t lo = std::int64_t(rng() % 5000), hi = lo + 1 + std::int64_t(rng() % 3000);
            const auto seconds = randomSeconds(rng, lo, hi, int(1 + rng() % 60));
            FilterTally appended;
            appended.addSeconds(seconds);
            count(reference, seconds);
            tally.merge(appended);
        }
        compare(tally, reference);
    }
};

QTEST_GUILESS_MAIN(TestFilterTally)
#include "tst_filtertally.moc"
