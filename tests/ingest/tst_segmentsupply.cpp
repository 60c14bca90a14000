// The store's segments made ahead on the reading threads: as many as the entries handed over
// need plus one, whoever asks; a store filled from them holds exactly what a store that
// allocates its own holds; and a scan, through LiveIngest or headless, leaves the store's
// thread (here the test's) none to allocate, with every line of the files stored once.

#include "ingesttesthelpers.h"

#include "models/ingest/liveingest.h"
#include "models/ingest/scanner.h"
#include "models/ingest/segmentsupply.h"
#include "models/store/entrystore.h"

#include <QSignalSpy>
#include <QtTest>

#include <set>
#include <thread>

using namespace vigil;
using namespace vigil::testing;

namespace {

EntryBatch numberedBatch(FileId file, std::uint64_t first, std::size_t n, bool firstOfFile) {
    EntryBatch batch;
    batch.file = file;
    if (firstOfFile) batch.newInstances = {"svc"};
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint64_t i = first + k;
        batch.timeUs.push_back(1'700'000'000'000'000 + std::int64_t(i) * 1000);
        batch.offset.push_back(i * 40);
        batch.length.push_back(std::uint32_t(39 - i % 7));
        batch.instance.push_back(1);
        batch.logger.push_back(0);
        batch.endpoint.push_back(0);
        batch.durationSeconds.push_back(float(i % 13));
        batch.status.push_back(std::uint16_t(200 + i % 5));
        batch.level.push_back(std::uint8_t(i % kLevelCount));
        batch.format.push_back(0);
        batch.flags.push_back(0);
        // Texts repeat across the two files: the duplicate marks must agree too.
        batch.contentHash.push_back(i % 3 == 0 ? 1 + i % 97 : 0);
        ++batch.lines;
    }
    return batch;
}

} // namespace

class TestSegmentSupply : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void staysOneSegmentAheadAcrossThreads() {
        SegmentSupply supply(Segment::Touch::Map);
        constexpr int kThreads = 4;
        std::vector<std::vector<std::shared_ptr<Segment>>> got(kThreads);
        std::vector<std::uint64_t> entries(kThreads, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int b = 0; b < 40; ++b) {
                    const std::size_t n = 1000 + std::size_t(t * 977 + b * 131) % 9000;
                    entries[std::size_t(t)] += n;
                    for (auto& s : supply.forBatch(n))
                        got[std::size_t(t)].push_back(std::move(s));
                }
            });
        for (auto& thread : threads)
            thread.join();
        std::uint64_t total = 0;
        std::set<Segment*> distinct;
        for (int t = 0; t < kThreads; ++t) {
            total += entries[std::size_t(t)];
            for (const auto& s : got[std::size_t(t)]) {
                QCOMPARE(s->count, std::size_t(0));
                distinct.insert(s.get());
            }
        }
        const std::uint64_t wanted = (total + Segment::kCapacity - 1) / Segment::kCapacity + 1;
        QCOMPARE(supply.made(), wanted);
        QCOMPARE(std::uint64_t(distinct.size()), wanted);
        QVERIFY(supply.forBatch(0).empty());
    }

    void storeFilledFromSparesHoldsTheSameEntries() {
        // 3.1 segments' worth in uneven batches, so that batches straddle segment ends.
        constexpr std::uint64_t kEntries = 3 * Segment::kCapacity + 6000;
        EntryStore own, supplied;
        SourceInfo info;
        info.relativePath = QStringLiteral("svc/app.log");
        own.sources().add(info);
        supplied.sources().add(info);
        info.relativePath = QStringLiteral("svc/error.log");
        own.sources().add(info);
        supplied.sources().add(info);
        SegmentSupply supply(Segment::Touch::Write);
        int batches = 0;
        for (std::uint64_t first = 0; first < kEntries; ++batches) {
            const std::size_t n = std::min<std::uint64_t>(7001, kEntries - first);
            const FileId file(std::uint32_t(batches % 2));
            own.append(numberedBatch(file, first, n, batches < 2));
            for (auto& s : supply.forBatch(n))
                supplied.addSpareSegment(std::move(s));
            supplied.append(numberedBatch(file, first, n, batches < 2));
            first += n;
        }
        QCOMPARE(own.size(), kEntries);
        QCOMPARE(supplied.size(), kEntries);
        QCOMPARE(own.sparesUsed(), std::uint64_t(0));
        QCOMPARE(supplied.sparesUsed(), std::uint64_t(4));  // every segment it holds
        QCOMPARE(supplied.spareSegments(), std::size_t(1)); // the one ahead
        for (std::uint64_t i = 0; i < kEntries; ++i) {
            const EntryIndex e(i);
            if (own.timeUs(e) != supplied.timeUs(e) || own.offset(e) != supplied.offset(e) ||
                own.length(e) != supplied.length(e) || own.level(e) != supplied.level(e) ||
                own.status(e) != supplied.status(e) || own.flags(e) != supplied.flags(e) ||
                own.instance(e) != supplied.instance(e) ||
                own.durationSeconds(e) != supplied.durationSeconds(e))
                QFAIL(qPrintable(QStringLiteral("entry %1 differs").arg(i)));
        }
        QCOMPARE(supplied.counters().entries, own.counters().entries);
        QCOMPARE(supplied.counters().duplicates, own.counters().duplicates);
        QVERIFY(own.counters().duplicates > 0);
        QCOMPARE(supplied.counters().byLevel, own.counters().byLevel);
    }

    // Through LiveIngest (the window) and through scanInto (`vigil scan`).
    void scanHandsOverEverySegment_data() {
        QTest::addColumn<bool>("live");
        QTest::newRow("window") << true;
        QTest::newRow("headless") << false;
    }
    void scanHandsOverEverySegment() {
        QFETCH(bool, live);
        // Three files read at once, 150,000 lines: more than two segments.
        QTemporaryDir dir;
        constexpr int kFiles = 3, kLines = 50000;
        for (int f = 0; f < kFiles; ++f)
            writeFile(dir.filePath(QStringLiteral("svc%1/app.log").arg(f)), numberedLog(f, kLines, 10));
        EntryStore store;
        if (live) {
            LiveIngestOptions options;
            options.follow = false;
            LiveIngest ingest(store, options);
            QSignalSpy finished(&ingest, &LiveIngest::initialScanFinished);
            ingest.open({dir.path()});
            QVERIFY(finished.wait(30000));
        } else {
            scanInto(store, {dir.path()});
        }
        QCOMPARE(store.size(), std::uint64_t(kFiles) * kLines);
        // Every line stored once: per file, the offsets are distinct and the last line's text is the last.
        for (int f = 0; f < kFiles; ++f) {
            const QString path = QStringLiteral("svc%1/app.log").arg(f);
            const SourceInfo* source = sourceByPath(store, path);
            QVERIFY2(source, qPrintable(path));
            QCOMPARE(source->entries, std::uint64_t(kLines));
        }
        std::set<std::pair<std::uint32_t, std::uint64_t>> seen;
        for (std::uint64_t i = 0; i < store.size(); ++i)
            seen.emplace(store.file(EntryIndex(i)).value, store.offset(EntryIndex(i)));
        QCOMPARE(std::uint64_t(seen.size()), store.size());
        // The store's thread allocated none of its segments.
        const std::uint64_t segments = (store.size() + Segment::kCapacity - 1) / Segment::kCapacity;
        QCOMPARE(store.sparesUsed(), segments);
    }
};

QTEST_GUILESS_MAIN(TestSegmentSupply)
#include "tst_segmentsupply.moc"
