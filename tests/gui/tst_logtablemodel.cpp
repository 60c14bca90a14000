// LogTableModel under QAbstractItemModelTester: live appends from LiveIngest, filter
// changes, eviction; rows in time order, columns read back from the entry text.

#include "../query/samplefiles.h"
#include "entrycopy.h"
#include "models/exec/executor.h"

#include "models/demo/demowriter.h"
#include "models/ingest/liveingest.h"
#include "models/ingest/scanner.h"
#include "models/logtablemodel.h"
#include "models/query/sparerows.h"
#include "models/workspace.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace vigil;

namespace {
// The samples, then batches of copies of their first entry from other files, timed as asked:
// a million rows in a few seconds of a test.
struct SamplesAndCopies {
    EntryStore store;
    EntryIndex like;
    SamplesAndCopies() {
        scanInto(store, {samples::root()});
        like = store.beginIndex();
    }
    FileId addFile(const QString& relativePath) {
        SourceInfo info = store.sources()[store.file(like)];
        info.relativePath = relativePath;
        return store.sources().add(info);
    }
    // A second after the newest sample.
    std::int64_t afterSamples() const {
        std::int64_t newest = 0;
        for (EntryIndex i = store.beginIndex(); i.value < store.endIndex().value; i = EntryIndex(i.value + 1))
            newest = std::max(newest, store.timeUs(i));
        return newest + 1000000;
    }
    // `count` copies `stepUs` apart from `fromUs`, every third an ERROR.
    void append(FileId file, std::int64_t fromUs, std::size_t count, std::int64_t stepUs) {
        EntryBatch batch;
        batch.file = file;
        batch.newInstances = {
            std::string(store.instances().text(store.instance(like).value))}; // its instance 1
        for (std::size_t k = 0; k < count; ++k)
            addCopyOf(batch, store, like, fromUs + std::int64_t(k) * stepUs,
                      k % 3 ? Level::Info : Level::Error);
        store.append(batch);
    }
};
} // namespace

class TestLogTableModel : public QObject {
    Q_OBJECT
    Executor m_executor; // runs the models' queries, as the window's does
  private Q_SLOTS:
    void rowsShownBeforeTheirFileIsReadAreReadLater() {
        // The scan hands a file's bytes to the store once it has read all of it, and its
        // first rows show before that: they must show their text once it can be read.
        EntryStore store;
        scanInto(store, {samples::root()});
        std::vector<std::shared_ptr<const ByteSource>> bytes;
        for (std::uint32_t f = 0; f < store.sources().size(); ++f) {
            bytes.push_back(store.sources()[FileId(f)].bytes);
            store.sources()[FileId(f)].bytes = nullptr; // as while the scan still reads them
        }
        LogTableModel model(store, m_executor);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.entriesAppended();
        const int total = samples::expected().value(QStringLiteral("entries")).toInt();
        QTRY_COMPARE(model.rowCount(), total);
        for (int r = 0; r < 40; ++r)
            model.index(r, LogTableModel::MessageColumn).data(); // painted
        for (std::uint32_t f = 0; f < store.sources().size(); ++f)
            store.sources()[FileId(f)].bytes = bytes[f];
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.sourcesChanged();
        QVERIFY(!changed.isEmpty()); // the view repaints them
        for (int r = 0; r < 40; ++r) {
            std::string text;
            QVERIFY(store.readText(model.entryAt(r), text));
            const QString message = model.index(r, LogTableModel::MessageColumn).data().toString();
            QVERIFY2(!message.isEmpty() && message != QStringLiteral("(unreadable)"), qPrintable(message));
            QVERIFY2(QString::fromStdString(text).contains(message.left(20)), qPrintable(message));
        }
        // A read that fails (the file cut short) is not remembered either.
        const int row = 100; // not shown yet
        const EntryIndex entry = model.entryAt(row);
        const auto saved = store.sources()[store.file(entry)].bytes;
        store.sources()[store.file(entry)].bytes = std::make_shared<MemoryByteSource>(std::string());
        QCOMPARE(model.index(row, LogTableModel::MessageColumn).data().toString(),
                 QStringLiteral("(unreadable)"));
        store.sources()[store.file(entry)].bytes = saved;
        QVERIFY(model.index(row, LogTableModel::MessageColumn).data().toString() !=
                QStringLiteral("(unreadable)"));
    }
    void liveIngestAndFilters() {
        EntryStore store;
        LiveIngest ingest(store);
        LogTableModel model(store, m_executor);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&ingest, &LiveIngest::entriesAppended, &model, &LogTableModel::entriesAppended);
        QSignalSpy done(&ingest, &LiveIngest::initialScanFinished);
        ingest.open({samples::root()});
        QVERIFY(done.wait(20000));
        const int total = samples::expected().value(QStringLiteral("entries")).toInt();
        QTRY_COMPARE(model.rowCount(), total);
        QTRY_VERIFY(model.settled());
        QCOMPARE(model.columnCount(), int(LogTableModel::ColumnCount));

        // Time order across instances, ties in store order.
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(timeLess(store, model.entryAt(r - 1), model.entryAt(r)));
        for (int r = 0; r < model.rowCount(); r += 97)
            QCOMPARE(model.rowOf(model.entryAt(r)), r);

        // Columns: the message is re-read from the text, secrets masked, ids found.
        int checkedMasks = 0, ids = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString message = model.data(model.index(r, LogTableModel::MessageColumn)).toString();
            QVERIFY(!message.contains(QLatin1Char('\n')));
            if (message.startsWith(QStringLiteral("Request with api_key="))) {
                QVERIFY2(message.contains(QStringLiteral("api_key=*** and password=***")),
                         qPrintable(message));
                ++checkedMasks;
            }
            ids += model.data(model.index(r, LogTableModel::RequestIdColumn))
                           .toString()
                           .startsWith(QStringLiteral("req_"))
                       ? 1
                       : 0;
        }
        QVERIFY(checkedMasks > 0);
        QVERIFY(ids >= samples::countLines(samples::allLines(), QStringLiteral("\"request_id\": \"req_")));
        model.setReveal(true);
        bool revealed = false;
        for (int r = 0; r < model.rowCount() && !revealed; ++r)
            revealed = model.data(model.index(r, LogTableModel::MessageColumn))
                           .toString()
                           .contains(QStringLiteral("api_key=sk-"));
        QVERIFY(revealed);
        model.setReveal(false);

        // A filter change replaces the rows; a malformed one is refused and the rows stay.
        FilterSpec errors;
        errors.levelMask = 1u << unsigned(Level::Error);
        QSignalSpy finished(&model, &LogTableModel::queryFinished);
        QVERIFY(model.setFilter(errors).isEmpty());
        QVERIFY(finished.wait(5000));
        QCOMPARE(model.rowCount(),
                 samples::expected()[QStringLiteral("levels")].toObject()[QStringLiteral("ERROR")].toInt());
        FilterSpec bad;
        bad.text = "(unclosed";
        bad.regex = true;
        QVERIFY(!model.setFilter(bad).isEmpty());
        QCOMPARE(model.filter().levelMask, errors.levelMask);
        QVERIFY(!finished.wait(300));
        QCOMPARE(model.rowCount(),
                 samples::expected()[QStringLiteral("levels")].toObject()[QStringLiteral("ERROR")].toInt());
        model.setUtc(true);
        QVERIFY(model.headerData(LogTableModel::TimeColumn, Qt::Horizontal)
                    .toString()
                    .contains(QStringLiteral("UTC")));
        QVERIFY(model.data(model.index(0, LogTableModel::TimeColumn))
                    .toString()
                    .startsWith(QStringLiteral("2025-11-10 10:")));
    }

    void appendedRowsAreBatchedAndEvictionRemovesRows() {
        // 140k entries so that the store can evict a whole 65536-entry segment.
        QTemporaryDir dir;
        DemoWriter writer(dir.path(), 3);
        writer.writeHistory(7000, 20);
        EntryStore store;
        LogTableModel model(store, m_executor);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted),
            removed(&model, &QAbstractItemModel::rowsRemoved), reset(&model, &QAbstractItemModel::modelReset);
        scanInto(store, {dir.path()});
        const int total = int(store.size());
        QCOMPARE(quint64(total), writer.written());
        model.entriesAppended();
        QTRY_COMPARE(model.rowCount(), total);
        QTRY_VERIFY(model.settled());
        // One change for the whole batch: this many rows come as a reset, which costs the
        // view nothing per row, where inserted rows cost it per row.
        QCOMPARE(inserted.count(), 0);
        QVERIFY(reset.count() >= 1);
        QVERIFY(store.evictOldest(quint64(total) - 70000) > 0);
        model.entriesEvicted();
        QVERIFY(removed.count() + reset.count() >= 1);
        QCOMPARE(quint64(model.rowCount()), store.size());
        for (int r = 0; r < model.rowCount(); r += 1001)
            QVERIFY(store.contains(model.entryAt(r)));
    }

    void lateEntriesAreInsertedInPlace() {
        // Entries that sort before the newest rows (another instance's clock, a late file)
        // are inserted where they belong, each run with one beginInsertRows.
        EntryStore store;
        LogTableModel model(store, m_executor);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        scanInto(store, {samples::root()});
        model.entriesAppended();
        QTRY_COMPARE(quint64(model.rowCount()), store.size());
        QTRY_VERIFY(model.settled());
        const int before = model.rowCount();
        // Two entries timed like rows 100 and 1500, one after everything.
        SourceInfo info = store.sources()[store.file(store.beginIndex())];
        info.relativePath = QStringLiteral("late.log");
        EntryBatch batch;
        batch.file = store.sources().add(info);
        batch.newInstances = {"late"};
        const EntryIndex like[] = {model.entryAt(100), model.entryAt(before - 20), model.entryAt(before - 1)};
        const std::int64_t shift[] = {0, 0, 1000000};
        for (int k = 0; k < 3; ++k)
            addCopyOf(batch, store, like[k], store.timeUs(like[k]) + shift[k], Level::Info);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted),
            reset(&model, &QAbstractItemModel::modelReset);
        const std::vector<EntryIndex> shown = model.rows();
        const EntryIndex first = store.append(batch);
        // One insert per distinct place (ties in time go after the entries read before them).
        std::set<std::size_t> places;
        for (int k = 0; k < 3; ++k)
            places.insert(std::size_t(
                std::upper_bound(shown.begin(), shown.end(), EntryIndex(first.value + k),
                                 [&](EntryIndex a, EntryIndex b) { return timeLess(store, a, b); }) -
                shown.begin()));
        QVERIFY(places.size() >= 2);
        model.entriesAppended();
        QTRY_COMPARE(model.rowCount(), before + 3);
        QTRY_VERIFY(model.settled());
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), int(places.size()));
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(timeLess(store, model.entryAt(r - 1), model.entryAt(r)));
        QCOMPARE(model.entryAt(model.rowCount() - 1), EntryIndex(first.value + 2));
    }

    void lateEntriesAboveAMillionRowsComeByARerun() {
        // Late entries with more than a million rows below their place: moving those rows
        // and the view's bookkeeping of an insert would hold the GUI thread (108 ms for 600
        // rows in the middle of 24 M), so the worker reruns the query and the rows come as a
        // full result, in time order, with the same counts.
        SamplesAndCopies data;
        EntryStore& store = data.store;
        // 1.2 M entries a millisecond apart, after everything in the samples.
        const std::int64_t start = data.afterSamples();
        data.append(data.addFile(QStringLiteral("busy.log")), start, 1200000, 1000);
        LogTableModel model(store, m_executor);
        model.entriesAppended();
        QTRY_VERIFY_WITH_TIMEOUT(model.settled() && quint64(model.rowCount()) == store.size(), 20000);
        const int before = model.rowCount();
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted),
            reset(&model, &QAbstractItemModel::modelReset);
        // 600 entries of another file, timed between the first two of the 1.2 M: one place.
        data.append(data.addFile(QStringLiteral("late.log")), start + 200, 600, 1);
        model.entriesAppended();
        QTRY_VERIFY_WITH_TIMEOUT(model.settled() && model.rowCount() == before + 600, 20000);
        QCOMPARE(inserted.count(), 0);
        QVERIFY(reset.count() >= 1);
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(timeLess(store, model.entryAt(r - 1), model.entryAt(r)));
        QCOMPARE(model.levelCounts()[std::size_t(Level::Error)],
                 std::uint64_t(std::count_if(model.rows().begin(), model.rows().end(),
                                             [&](EntryIndex e) { return store.level(e) == Level::Error; })));
    }

    void appendsPastTheRoomOfAMillionRowsComeByARerun() {
        // Rows come with room to grow; entries that fit are inserted at the end. Growing a
        // million rows past their room would copy them all on the GUI thread (4.8 M rows:
        // 63 ms), so then the worker reruns the query and the rows come as a full result.
        releaseSpareQueryBuffers(); // fresh rows, sized by this query
        SamplesAndCopies data;
        EntryStore& store = data.store;
        const FileId busy = data.addFile(QStringLiteral("busy.log"));
        std::int64_t next = data.afterSamples();
        auto append = [&](std::size_t count) { // after everything, a millisecond apart
            data.append(busy, next, count, 1000);
            next += std::int64_t(count) * 1000;
        };
        append(1200000);
        LogTableModel model(store, m_executor);
        model.entriesAppended();
        QTRY_VERIFY_WITH_TIMEOUT(model.settled() && quint64(model.rowCount()) == store.size(), 20000);
        const std::size_t room = model.rows().capacity() - model.rows().size();
        QVERIFY2(room >= store.size() / 16, qPrintable(QString::number(room)));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted),
            reset(&model, &QAbstractItemModel::modelReset);

        append(100); // fits: inserted on this thread
        model.entriesAppended();
        QTRY_VERIFY_WITH_TIMEOUT(model.settled() && quint64(model.rowCount()) == store.size(), 20000);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);

        append(room - 150); // fits, all but 50 rows of the room: appended by a reset
        model.entriesAppended();
        QTRY_VERIFY_WITH_TIMEOUT(model.settled() && quint64(model.rowCount()) == store.size(), 20000);
        QCOMPARE(inserted.count(), 1);
        const int resets = reset.count();

        append(100); // does not fit: a rerun, where it would have been inserted
        model.entriesAppended();
        QTRY_VERIFY_WITH_TIMEOUT(model.settled() && quint64(model.rowCount()) == store.size(), 20000);
        QCOMPARE(inserted.count(), 1);
        QVERIFY(reset.count() > resets);
        QVERIFY(model.rows().capacity() > model.rows().size()); // room again
        for (int r = 1; r < model.rowCount(); r += 997)
            QVERIFY(timeLess(store, model.entryAt(r - 1), model.entryAt(r)));
        QCOMPARE(model.levelCounts()[std::size_t(Level::Error)],
                 std::uint64_t(std::count_if(model.rows().begin(), model.rows().end(),
                                             [&](EntryIndex e) { return store.level(e) == Level::Error; })));
    }

    void secondsPastTheHistogramsRoomComeByARerun() {
        // The volume histogram keeps a count per second shown. A full result comes with room
        // for as many seconds again; appended entries whose seconds fit are merged on the GUI
        // thread, but growing the histogram there copies it into fresh memory (opening 5 GB:
        // 1,038 page faults in one 32 ms event), so then the worker reruns the query.
        releaseSpareQueryBuffers();
        SamplesAndCopies data;
        EntryStore& store = data.store;
        const FileId busy = data.addFile(QStringLiteral("busy.log"));
        std::int64_t next = data.afterSamples();
        auto append = [&](std::size_t count) { // after everything, a second apart
            data.append(busy, next, count, 1000000);
            next += std::int64_t(count) * 1000000;
        };
        append(20000);
        LogTableModel model(store, m_executor);
        model.entriesAppended();
        QTRY_VERIFY_WITH_TIMEOUT(model.settled() && quint64(model.rowCount()) == store.size(), 20000);
        const std::size_t held = model.tally().seconds().size(), room = model.tally().secondsRoom();
        QVERIFY2(held > 20000 && room >= held, qPrintable(QStringLiteral("%1 %2").arg(held).arg(room)));
        QSignalSpy fullResults(&model, &LogTableModel::queryFinished);

        append(100); // fits: merged on this thread
        model.entriesAppended();
        QTRY_VERIFY_WITH_TIMEOUT(model.settled() && quint64(model.rowCount()) == store.size(), 20000);
        QCOMPARE(fullResults.count(), 0);
        QCOMPARE(model.tally().seconds().size(), held + 100);
        QCOMPARE(model.tally().secondsRoom(), room - 100);

        append(room - 99); // one second more than the room left: a rerun
        model.entriesAppended();
        QTRY_VERIFY_WITH_TIMEOUT(model.settled() && quint64(model.rowCount()) == store.size(), 20000);
        QVERIFY(fullResults.count() >= 1);
        const std::vector<SecondCounts>& seconds = model.tally().seconds();
        QCOMPARE(seconds.size(), held + room + 1);
        QVERIFY(model.tally().secondsRoom() > 0); // room again
        std::uint64_t counted = 0;
        for (const SecondCounts& c : seconds)
            for (std::uint32_t n : c.levels)
                counted += n;
        QCOMPARE(counted, quint64(model.rowCount()));
    }

    void workspaceCapsEntries() {
        // A Workspace over LiveIngest: beyond its cap the oldest segment goes, and the
        // table and sidebar keep to what the store holds while the counters keep counting.
        QTemporaryDir dir;
        DemoWriter writer(dir.path(), 9);
        writer.writeHistory(7000, 20);
        Workspace ws(m_executor);
        ws.setMaxEntries(70000);
        QAbstractItemModelTester tableTester(&ws.table(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester instanceTester(&ws.instances(),
                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy done(&ws.ingest(), &LiveIngest::initialScanFinished);
        ws.open({dir.path()});
        QVERIFY(done.wait(30000));
        // The files were written a moment ago, so follow mode commits each file's last entry
        // only after its quiet period.
        QTRY_COMPARE(ws.store().counters().entries, writer.written());
        QTRY_VERIFY(ws.table().settled());
        QVERIFY(ws.store().beginIndex().value > 0);
        QVERIFY(ws.store().size() <= 70000 + Segment::kCapacity);
        QCOMPARE(quint64(ws.table().rowCount()), ws.store().size());
        for (int r = 0; r < ws.table().rowCount(); r += 997)
            QVERIFY(ws.store().contains(ws.table().entryAt(r)));
        QVERIFY(ws.newestTimeUs() > 0);
    }

    void liveEvictionRemovesTopRows() {
        // One file written in time order: the evicted segment is the top of the table.
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("logs/app.log")));
        QDir().mkpath(dir.filePath(QStringLiteral("logs")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        const int total = 140000;
        for (int k = 0; k < total; ++k)
            file.write(QStringLiteral("2025-11-10 %1:%2:%3,%4 - [solo] - app.worker - INFO - job %5 done\n")
                           .arg(10 + k / 3600000)
                           .arg(k / 60000 % 60, 2, 10, QLatin1Char('0'))
                           .arg(k / 1000 % 60, 2, 10, QLatin1Char('0'))
                           .arg(k % 1000, 3, 10, QLatin1Char('0'))
                           .arg(k)
                           .toUtf8());
        file.close();
        EntryStore store;
        LogTableModel model(store, m_executor);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        scanInto(store, {dir.path()});
        QCOMPARE(int(store.size()), total);
        model.entriesAppended();
        QTRY_COMPARE(model.rowCount(), total);
        QTRY_VERIFY(model.settled());
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved),
            reset(&model, &QAbstractItemModel::modelReset);
        const quint64 dropped = store.evictOldest(total - 70000);
        QCOMPARE(dropped, quint64(Segment::kCapacity));
        model.entriesEvicted();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), int(dropped) - 1);
        QCOMPARE(quint64(model.rowCount()), store.size());
        QCOMPARE(model.entryAt(0), store.beginIndex());
        QCOMPARE(model.data(model.index(0, LogTableModel::MessageColumn)).toString(),
                 QStringLiteral("job %1 done").arg(dropped));
    }
};

QTEST_GUILESS_MAIN(TestLogTableModel)
#include "tst_logtablemodel.moc"
