// Row buffers kept between queries (sparerows.h): what is kept, what a result takes, and
// that a table switching between a filter and no filter writes each result into the memory
// of the rows it showed before, with the rows and counts of a fresh run.

#include "models/exec/executor.h"
#include "models/ingest/scanner.h"
#include "models/logtablemodel.h"
#include "models/query/sparerows.h"
#include "models/query/timedhits.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

class TestSpareRows : public QObject {
    Q_OBJECT
    Executor m_executor;

    static std::vector<EntryIndex> filled(std::size_t n) {
        std::vector<EntryIndex> rows;
        rows.reserve(n);
        for (std::size_t k = 0; k < n; ++k)
            rows.emplace_back(k);
        return rows;
    }

  private Q_SLOTS:
    void init() { releaseSpareQueryBuffers(); }
    void cleanupTestCase() { releaseSpareQueryBuffers(); }

    void aResultTakesTheMemoryGivenBack() {
        std::vector<EntryIndex> shown = filled(200000);
        const EntryIndex* memory = shown.data();
        SpareRows::give(std::move(shown));
        QCOMPARE(SpareRows::keptRoom(), std::size_t(200000));
        std::vector<EntryIndex> next = SpareRows::take(150000);
        QCOMPARE(next.data(), memory);
        QCOMPARE(next.size(), std::size_t(150000)); // for the caller to overwrite
        // Shrunk, not emptied and zeroed back to its size: the old rows are still there.
        QCOMPARE(next.back(), EntryIndex(149999));
        QCOMPARE(SpareRows::keptRoom(), std::size_t(0));
        // Nothing kept: fresh memory with the room asked for.
        const std::vector<EntryIndex> fresh = SpareRows::take(150000);
        QVERIFY(fresh.data() != memory);
        QVERIFY(fresh.capacity() >= 150000);
    }

    void aCopyFillsTheMemoryGivenBack() {
        std::vector<EntryIndex> shown = filled(300000);
        const EntryIndex* memory = shown.data();
        SpareRows::give(std::move(shown));
        std::vector<EntryIndex> order;
        for (std::size_t k = 0; k < 250000; ++k)
            order.emplace_back(k * 7 + 3);
        const std::vector<EntryIndex> copy = SpareRows::copyOf(order, &m_executor);
        QCOMPARE(copy.data(), memory);
        QCOMPARE(copy, order);
        QCOMPARE(SpareRows::copyOf(order, nullptr), order); // on this thread alone, fresh memory
    }

    void smallResultsLeaveALargeBufferKept() {
        std::vector<EntryIndex> everything = filled(1000000);
        const EntryIndex* large = everything.data();
        SpareRows::give(std::move(everything));
        const std::vector<EntryIndex> few = SpareRows::take(100000); // a tenth: not that one
        QVERIFY(few.data() != large);
        QCOMPARE(SpareRows::keptRoom(), std::size_t(1000000));
        QCOMPARE(SpareRows::take(900000).data(), large);
    }

    void twoAreKeptAndSmallOnesNone() {
        SpareRows::give(filled(SpareRows::kMinSize - 1));
        QCOMPARE(SpareRows::keptRoom(), std::size_t(0));
        std::vector<EntryIndex> a = filled(100000), b = filled(300000), c = filled(200000);
        const EntryIndex *bMemory = b.data(), *cMemory = c.data();
        SpareRows::give(std::move(a));
        SpareRows::give(std::move(b));
        SpareRows::give(std::move(c)); // the smallest, a, is freed
        QCOMPARE(SpareRows::keptRoom(), std::size_t(500000));
        QCOMPARE(SpareRows::take(180000).data(), cMemory); // the smallest with room
        QCOMPARE(SpareRows::take(250000).data(), bMemory);
        SpareRows::give(filled(100000));
        SpareRows::release();
        QCOMPARE(SpareRows::keptRoom(), std::size_t(0));
    }

    void aFiltersMatchListsGoBackForTheNext() {
        const TimedHit* memory = nullptr;
        {
            TimedHits first(200000);
            for (int k = 0; k < 1000; ++k)
                first.add(k, EntryIndex(std::uint64_t(k)), Level::Error);
            memory = first.hits().data();
        }
        QVERIFY(SpareHits::keptRoom() >= 200000);
        TimedHits next(180000);
        next.add(5, EntryIndex(7), Level::Info);
        QCOMPARE(next.hits().data(), memory);
        QCOMPARE(next.hits().size(), std::size_t(1)); // only what was added since
        QCOMPARE(next.hits()[0].entry(), EntryIndex(7));
        // A list that overflows gives its memory back at once.
        TimedHits overflowing(SpareHits::kMinSize);
        for (std::size_t k = 0; k <= SpareHits::kMinSize; ++k)
            overflowing.add(std::int64_t(k), EntryIndex(k), Level::Info);
        QVERIFY(overflowing.overflowed());
        QVERIFY(overflowing.hits().empty());
        QVERIFY(SpareHits::keptRoom() >= SpareHits::kMinSize);
    }

    void aTableSwitchingFiltersReusesItsRows() {
        // 120,000 entries of two instances, errors every 7th line.
        QTemporaryDir dir;
        for (const char* name : {"alpha", "beta"}) {
            QDir().mkpath(dir.filePath(QStringLiteral("instances/%1/logs").arg(QLatin1String(name))));
            QFile f(dir.filePath(QStringLiteral("instances/%1/logs/app.log").arg(QLatin1String(name))));
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int k = 0; k < 60000; ++k)
                f.write(QStringLiteral("2026-03-01 10:%1:%2,000 - [%3] - app - %4 - [main:run:1] - done\n")
                            .arg(k / 6000 % 60, 2, 10, QLatin1Char('0'))
                            .arg(k / 100 % 60, 2, 10, QLatin1Char('0'))
                            .arg(QLatin1String(name), QLatin1String(k % 7 ? "INFO" : "ERROR"))
                            .toUtf8());
        }
        EntryStore store;
        scanInto(store, {dir.path()});
        QCOMPARE(store.size(), std::uint64_t(120000));
        LogTableModel model(store, m_executor);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.entriesAppended();
        QTRY_VERIFY(model.settled() && model.rowCount() == 120000);
        // A rerun of the same filter (late entries while opening or following) replaces the
        // rows without keeping them: nobody clicks back to them.
        QSignalSpy finished(&model, &LogTableModel::queryFinished);
        model.runner().rerun();
        QTRY_COMPARE(finished.count(), 1);
        QTest::qWait(300); // time for a worker to have kept them
        QCOMPARE(SpareRows::keptRoom(), std::size_t(0));
        finished.clear();

        const std::vector<EntryIndex> everything = model.rows();
        const auto seconds = model.tally().seconds().size();
        const EntryIndex* shownMemory = model.rows().data();

        FilterSpec errors;
        errors.levelMask = 1u << unsigned(Level::Error);
        model.setFilter(errors);
        QTRY_COMPARE(finished.count(), 1);
        const int errorRows = 2 * ((60000 + 6) / 7);
        QCOMPARE(model.rowCount(), errorRows);
        QTRY_VERIFY(SpareRows::keptRoom() >= 120000); // the full rows, given back by a worker

        model.setFilter(FilterSpec());
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(model.rows().data(), shownMemory); // the cleared filter's rows, where they were
        QCOMPARE(model.rows(), everything);
        QCOMPARE(model.tally().seconds().size(), seconds);
        QCOMPARE(model.levelCounts()[std::size_t(Level::Error)], std::uint64_t(errorRows));

        model.setFilter(errors);
        QTRY_COMPARE(finished.count(), 3);
        QCOMPARE(model.rowCount(), errorRows);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(store.level(model.entryAt(r)), Level::Error);
    }
};

QTEST_GUILESS_MAIN(TestSpareRows)
#include "tst_sparerows.moc"
