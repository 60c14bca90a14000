// Batches handed back by the store's thread for the readers' next ones: a batch taken back
// holds the room of the one given and nothing of its entries or strings; the list never
// grows past its bound; and a scan whose readers take every batch from it stores each line
// of the files exactly once, as the store's counts per file and per level show, and lets the
// batches go when its readers are done.

#include "ingesttesthelpers.h"

#include "models/ingest/scanner.h"
#include "models/store/batchrecycler.h"
#include "models/store/entrystore.h"

#include <QtTest>

#include <set>

using namespace vigil;
using namespace vigil::testing;

namespace {

EntryBatch filledBatch(std::size_t n) {
    EntryBatch batch;
    batch.file = FileId(3);
    batch.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        batch.timeUs.push_back(std::int64_t(i));
        batch.offset.push_back(i * 10);
        batch.length.push_back(9);
        batch.instance.push_back(1);
        batch.logger.push_back(2);
        batch.endpoint.push_back(3);
        batch.durationSeconds.push_back(0.5f);
        batch.status.push_back(200);
        batch.level.push_back(1);
        batch.format.push_back(0);
        batch.flags.push_back(0);
        batch.contentHash.push_back(0);
    }
    batch.newInstances = {"api-1"};
    batch.newLoggers = {"app"};
    batch.lines = batch.bytes = n;
    batch.changeTimeUs = 42;
    return batch;
}

} // namespace

class TestBatchRecycler : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void aBatchTakenBackKeepsOnlyItsRoom() {
        BatchRecycler recycler;
        QCOMPARE(recycler.take().timeUs.capacity(), std::size_t(0)); // none kept: a fresh one
        recycler.give(filledBatch(5000));
        QCOMPARE(recycler.kept(), std::size_t(1));
        EntryBatch again = recycler.take();
        QCOMPARE(recycler.kept(), std::size_t(0));
        QCOMPARE(recycler.reused(), std::uint64_t(1));
        QVERIFY(again.empty());
        QCOMPARE(again.size(), std::size_t(0));
        QVERIFY(again.newInstances.empty());
        QVERIFY(again.newLoggers.empty());
        QCOMPARE(again.changeTimeUs, std::int64_t(0));
        for (std::size_t room :
             {again.timeUs.capacity(), again.offset.capacity(), again.length.capacity(),
              again.durationSeconds.capacity(), again.level.capacity(), again.contentHash.capacity()})
            QVERIFY2(room >= 5000, qPrintable(QString::number(room)));
    }

    void keepsAtMostItsBound() {
        BatchRecycler recycler;
        for (std::size_t i = 0; i < BatchRecycler::kMaxKept + 5; ++i)
            recycler.give(filledBatch(100));
        QCOMPARE(recycler.kept(), BatchRecycler::kMaxKept);
        recycler.release();
        QCOMPARE(recycler.kept(), std::size_t(0));
        recycler.give(filledBatch(100)); // usable after a release
        QCOMPARE(recycler.kept(), std::size_t(1));
    }

    void aScanOnRecycledBatchesStoresEveryLineOnce() {
        // Three files read at once, 40,000 lines each: each reader's batches go back and forth.
        QTemporaryDir dir;
        constexpr int kFiles = 3, kLines = 40000;
        for (int f = 0; f < kFiles; ++f)
            writeFile(dir.filePath(QStringLiteral("svc%1/app.log").arg(f)), numberedLog(f, kLines, 8));
        BatchRecycler recycler;
        recycler.give(filledBatch(20000)); // stale entries a reader must not pass on
        ScanOptions options;
        options.recycler = &recycler;
        EntryStore store;
        scanInto(store, {dir.path()}, options);
        QCOMPARE(store.size(), std::uint64_t(kFiles) * kLines);
        // The readers took their batches from it (the stale one first); once they were done
        // the scan let the batches go, before it trimmed freed memory.
        QVERIFY2(recycler.reused() >= 1, qPrintable(QString::number(recycler.reused())));
        QCOMPARE(recycler.kept(), std::size_t(0));
        std::uint64_t errors = 0;
        std::set<std::pair<std::uint32_t, std::uint64_t>> seen;
        for (std::uint64_t i = 0; i < store.size(); ++i) {
            seen.emplace(store.file(EntryIndex(i)).value, store.offset(EntryIndex(i)));
            errors += store.level(EntryIndex(i)) == Level::Error;
        }
        QCOMPARE(std::uint64_t(seen.size()), store.size());
        QCOMPARE(errors, std::uint64_t(kFiles) * kLines / 8);
        for (int f = 0; f < kFiles; ++f) {
            const SourceInfo* source = sourceByPath(store, QStringLiteral("svc%1/app.log").arg(f));
            QVERIFY(source);
            QCOMPARE(source->entries, std::uint64_t(kLines));
        }
        QCOMPARE(store.instances().size(), std::size_t(kFiles) + 1); // svc0..2 and the unknown one
    }
};

QTEST_GUILESS_MAIN(TestBatchRecycler)
#include "tst_batchrecycler.moc"
