// The search of every entry over sealed segments' runs (segmentedcolumns.h), against an
// entry-by-entry check, on a store built batch by batch the way ingest builds it: batches of
// three files interleaved, so that segments hold several runs, one of them spanning two
// generations of a followed file whose offsets lie 2^40 apart, one batch written in reverse
// offset order, one segment of more runs than are kept, and the needle planted at the very
// start and the very end of runs, each run's only match; few matches (merged into time order)
// and many (read out of it), with a level chosen and not. Also the bytes the search asks of
// its sources: each generation's, never the terabyte between two.

#include "models/exec/executor.h"
#include "models/parse/formatid.h"
#include "models/query/queryengine.h"
#include "models/query/timeorder.h"

#include <QRandomGenerator>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <map>

using namespace vigil;

namespace {

constexpr std::uint64_t kGeneration = std::uint64_t(1) << 40;

// A source whose bytes lie in generations at offsets 2^40 apart, as a followed path's
// rotated files do, counting the bytes searches ask of it.
class GenerationsSource final : public ByteSource {
  public:
    std::map<std::uint64_t, std::string> generations; // by first offset
    mutable std::atomic<std::uint64_t> scanned{0};

    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override {
        out.clear();
        auto it = generations.upper_bound(offset);
        if (it == generations.begin()) return false;
        --it;
        const std::string& data = it->second;
        const std::uint64_t at = offset - it->first;
        if (at >= data.size()) return false;
        out.assign(data, std::size_t(at), std::size_t(std::min<std::uint64_t>(length, data.size() - at)));
        return out.size() == length;
    }
    bool scan(std::uint64_t offset, std::uint32_t length, std::string& scratch, Scan scan) const override {
        scanned += length;
        return ByteSource::scan(offset, length, scratch, scan);
    }
    std::uint64_t size() const {
        std::uint64_t total = 0;
        for (const auto& [first, data] : generations)
            total += data.size();
        return total;
    }
};

struct Writer {
    EntryStore store;
    std::vector<std::shared_ptr<GenerationsSource>> sources;
    std::int64_t nextTime = 1'700'000'000'000'000;
    QRandomGenerator rng{7};

    Writer() {
        for (int f = 0; f < 3; ++f) {
            auto source = std::make_shared<GenerationsSource>();
            SourceInfo info;
            info.bytes = source;
            info.absolutePath = QStringLiteral("/logs/%1.log").arg(f);
            store.sources().add(std::move(info));
            sources.push_back(source);
        }
    }

    std::string line(std::uint64_t n) {
        static const char* const words[] = {"GET /health 200", "cache warm",      "upstream slow",
                                            "retrying",        "Needlework shop", "session opened"};
        return "2025-11-10 10:00:00,000 INFO entry " + std::to_string(n) + " " +
               words[rng.bounded(int(std::size(words)))];
    }

    // Appends `n` entries of file f to its generation `generation`, in one batch;
    // `plant(k)` gives where to put the needle in its k-th entry: 0 none, 1 first, 2 last.
    template <typename Plant>
    void batch(std::uint32_t f, int generation, std::size_t n, Plant&& plant, bool reversed = false) {
        std::string& data = sources[f]->generations[std::uint64_t(generation) * kGeneration];
        EntryBatch b;
        b.file = FileId(f);
        if (data.empty() && generation == 0) b.newInstances = {"svc"}; // the file's first batch
        std::vector<std::pair<std::uint64_t, std::uint32_t>> spans;
        for (std::size_t k = 0; k < n; ++k) {
            std::string text = line(std::uint64_t(store.size()) + k);
            const int where = plant(k);
            if (where == 1) text = "NEEDLE" + text;
            if (where == 2) text += " NEEDLE";
            spans.push_back(
                {std::uint64_t(generation) * kGeneration + data.size(), std::uint32_t(text.size())});
            data += text + "\n";
        }
        if (reversed) std::reverse(spans.begin(), spans.end());
        for (std::size_t k = 0; k < n; ++k) {
            b.timeUs.push_back(nextTime += 1000);
            b.offset.push_back(spans[k].first);
            b.length.push_back(spans[k].second);
            b.instance.push_back(1);
            b.logger.push_back(0);
            b.endpoint.push_back(0);
            b.durationSeconds.push_back(std::nanf(""));
            b.status.push_back(0);
            b.level.push_back(std::uint8_t(k % 3 == 0 ? Level::Error : Level::Info));
            b.format.push_back(std::uint8_t(FormatId::PythonText));
            b.flags.push_back(0);
            b.contentHash.push_back(0);
        }
        b.lines = n;
        store.append(b);
    }
};

int none(std::size_t) {
    return 0;
}

bool contains(std::string text, std::string needle, bool caseSensitive) {
    if (!caseSensitive) {
        for (char& c : text)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        for (char& c : needle)
            c = char(std::tolower(static_cast<unsigned char>(c)));
    }
    return text.find(needle) != std::string::npos;
}

} // namespace

class TestSegmentRuns : public QObject {
    Q_OBJECT
    Executor m_executor;
    Writer m_w;
    TimeOrder m_order;
    TextAccess m_text;

  private Q_SLOTS:
    void initTestCase() {
        Writer& w = m_w;
        // Segments 0 and 1: runs of the three files, each run's only match at its first
        // byte or its last; one batch in reverse offset order, its highest end its first
        // entry's; a run of file 0 that moves on to its next generation (2^40 further).
        w.batch(0, 0, 9000, [](std::size_t k) { return k == 0 ? 1 : 0; });
        w.batch(1, 0, 12000, [](std::size_t k) { return k == 11999 ? 2 : 0; });
        w.batch(2, 0, 7000, none);
        w.batch(
            1, 0, 10000, [](std::size_t k) { return k == 9999 ? 2 : 0; }, true);
        w.batch(0, 0, 30000, none);
        w.batch(2, 0, 10000, [](std::size_t k) { return k == 4321 ? 2 : 0; });
        w.batch(0, 0, 40000, [](std::size_t k) { return k == 39999 ? 2 : 0; });
        w.batch(0, 1, 30000, [](std::size_t k) { return k == 0 ? 1 : 0; });
        // Segment 2 (from entry 131,072): more runs than a segment keeps (entries of two
        // files interleaved in small batches, as while following), matches late in it.
        for (int k = 0; k < 1400; ++k)
            w.batch(std::uint32_t(1 + k % 2), 0, 50,
                    [k](std::size_t i) { return ((k >= 900 && k < 960) || k > 1380) && i == 7 ? 2 : 0; });
        // Segment 3 and a tail that is not sealed: plain runs, a few matches.
        w.batch(2, 0, 60000, [](std::size_t k) { return k % 9000 == 5 ? 2 : 0; });
        w.batch(0, 1, 30000, [](std::size_t k) { return k == 29999 ? 2 : 0; });
        QVERIFY(m_w.store.size() > 4 * Segment::kCapacity);
        m_order.update(m_w.store.snapshot());
        m_text = TextAccess::capture(m_w.store);
    }

    void findsWhatEachEntryHolds() {
        for (const char* needle :
             {"NEEDLE", "needle", "Needlework", "entry 1234 ", "entry", "no such thing"}) {
            for (bool caseSensitive : {false, true}) {
                for (bool errorsOnly : {false, true}) {
                    FilterSpec spec;
                    spec.text = needle;
                    spec.caseSensitive = caseSensitive;
                    if (errorsOnly) spec.levelMask = 1u << unsigned(Level::Error);
                    for (const auto& source : m_w.sources)
                        source->scanned = 0;
                    FilterTally tally;
                    const auto rows = CompiledQuery::compile(spec, m_w.store, nullptr)
                                          ->filterInTimeOrder(m_w.store.snapshot(), m_text, m_order,
                                                              &m_executor, nullptr, &tally);
                    QVERIFY(rows);
                    std::vector<EntryIndex> expected;
                    LevelCounts levels{};
                    std::string text;
                    for (EntryIndex e : m_order.order()) {
                        QVERIFY(m_w.store.readText(e, text));
                        if (!contains(text, needle, caseSensitive)) continue;
                        ++levels[std::size_t(m_w.store.level(e))];
                        if (!errorsOnly || m_w.store.level(e) == Level::Error) expected.push_back(e);
                    }
                    const QString what = QStringLiteral("%1 %2 %3")
                                             .arg(QLatin1String(needle))
                                             .arg(caseSensitive)
                                             .arg(errorsOnly);
                    QVERIFY2(*rows == expected, qPrintable(QStringLiteral("%1: %2 found, %3 expected")
                                                               .arg(what)
                                                               .arg(rows->size())
                                                               .arg(expected.size())));
                    QVERIFY2(tally.levelCounts() == levels, qPrintable(what));
                    std::uint64_t histogram = 0;
                    for (const SecondCounts& c : tally.seconds())
                        for (std::uint32_t n : c.levels)
                            histogram += n;
                    QCOMPARE(histogram, std::uint64_t(expected.size()));
                    // Each generation's bytes, not the space between them.
                    for (const auto& source : m_w.sources)
                        QVERIFY2(source->scanned <= 2 * source->size() + (std::uint64_t(4) << 20),
                                 qPrintable(what));
                }
            }
        }
    }

    void plantedMatchesAreThere() {
        // The checks above mean something only if the needle sits where runs begin and end.
        FilterSpec spec;
        spec.text = "NEEDLE";
        spec.caseSensitive = true;
        const auto rows = CompiledQuery::compile(spec, m_w.store, nullptr)
                              ->filterInTimeOrder(m_w.store.snapshot(), m_text, m_order, &m_executor);
        QVERIFY(rows);
        QCOMPARE(rows->size(), std::size_t(6 + 60 + 19 + 7 + 1));
    }
};

QTEST_GUILESS_MAIN(TestSegmentRuns)
#include "tst_segmentruns.moc"
