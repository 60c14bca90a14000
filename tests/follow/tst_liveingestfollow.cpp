// LiveIngest following for real: the ingest thread, the file-system watcher, the quiet-period
// timer, retention, and a writer thread rotating files while they are followed.

#include "followtesthelpers.h"

#include "models/ingest/liveingest.h"
#include "models/ingest/streambytesource.h"
#include "models/query/queryengine.h"
#include "models/query/timeorder.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

using namespace vigil;
using namespace vigil::testing;

namespace {

LiveIngestOptions quickOptions() {
    LiveIngestOptions o;
    o.following.pollIntervalMs = 60000; // only file-system events drive these tests
    o.following.timings.quietPeriodMs = 50;
    o.following.timings.endAfterQuietMs = 100;
    o.following.copyGraceMs = 1000;
    return o;
}

bool waitForScan(LiveIngest& ingest) {
    QSignalSpy spy(&ingest, &LiveIngest::initialScanFinished);
    return ingest.initialScanDone() || spy.wait(10000);
}

bool finish(LiveIngest& ingest) {
    QSignalSpy spy(&ingest, &LiveIngest::followingFinished);
    ingest.finishFollowing();
    return spy.wait(10000);
}

// Writes numbered lines and rotates like Python's RotatingFileHandler: when the file would
// pass maxBytes, app.log.(k) -> app.log.(k+1) (the last one deleted), app.log -> app.log.1,
// and a new app.log.
void rotatingWriter(const QString& log, int lines, int maxBytes, int backups, int linesPerMs) {
    Appender* out = new Appender(log);
    qint64 size = 0;
    for (int n = 0; n < lines; ++n) {
        const QByteArray line = n % 7 == 3 ? traceback("svc", n) : logLine("svc", n);
        if (size + line.size() > maxBytes) {
            delete out;
            QFile::remove(log + QLatin1Char('.') + QString::number(backups));
            for (int k = backups - 1; k >= 1; --k)
                QFile::rename(log + QLatin1Char('.') + QString::number(k),
                              log + QLatin1Char('.') + QString::number(k + 1));
            QFile::rename(log, log + QStringLiteral(".1"));
            out = new Appender(log);
            size = 0;
        }
        out->write(line);
        size += line.size();
        if (linesPerMs > 0 && n % linesPerMs == 0) QThread::usleep(1000);
    }
    delete out;
}

// Runs `write` on a thread while this thread's event loop keeps appending what is read.
void whileWriting(const std::function<void()>& write) {
    std::atomic<bool> done{false};
    std::thread writer([&] {
        write();
        done = true;
    });
    while (!done)
        QTest::qWait(20);
    writer.join();
}

} // namespace

class TestLiveIngestFollow : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void appendsArriveThroughTheWatcher();
    void newInstanceFolderThroughTheWatcher();
    void finishCommitsPartialLineAndOpenEntry();
    void rotationUnderLoadLosesAndDoublesNothing();
    void busyStoreThreadDoesNotStallFollowing();
    void searchReadsEveryGeneration();
    void pollAloneLosesAndDoublesNothing();
    void copytruncateUnderLoadLosesAndDoublesNothing();
    void retentionEvictsAndReleasesEndedFiles();
    void latencyMeasuredFromTimestamps();
    void withoutFollowTheScanFinishesFiles();
};

void TestLiveIngestFollow::appendsArriveThroughTheWatcher() {
    QTemporaryDir dir;
    const QString log = dir.filePath("svc/logs/app.log");
    appendTo(log, logLines("svc", 0, 3));
    EntryStore store;
    LiveIngest ingest(store, quickOptions());
    QSignalSpy appended(&ingest, &LiveIngest::entriesAppended);
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    QTRY_COMPARE_WITH_TIMEOUT(store.size(), 3u, 2000); // the quiet period commits the last one
    appendTo(log, logLines("svc", 3, 6));
    QTRY_COMPARE_WITH_TIMEOUT(store.size(), 6u, 2000);
    QCOMPARE(exactlyOnce(store, 6), QString());
    QVERIFY(appended.count() >= 2);
    QVERIFY(ingest.following());
}

void TestLiveIngestFollow::newInstanceFolderThroughTheWatcher() {
    QTemporaryDir dir;
    appendTo(dir.filePath("instances/eco-a/logs/app.log"), logLines("eco-a", 0, 1));
    EntryStore store;
    LiveIngest ingest(store, quickOptions());
    QSignalSpy sources(&ingest, &LiveIngest::sourcesChanged);
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    appendTo(dir.filePath("instances/eco-b/logs/app.log"), logLines("eco-b", 1, 3));
    QTRY_COMPARE_WITH_TIMEOUT(store.size(), 3u, 3000);
    QVERIFY(sourceByPath(store, "instances/eco-b/logs/app.log"));
    QVERIFY(store.instances().find("eco-b") != StringInterner::kNotFound);
    QVERIFY(sources.count() > 0);
}

void TestLiveIngestFollow::finishCommitsPartialLineAndOpenEntry() {
    QTemporaryDir dir;
    const QString log = dir.filePath("svc/logs/app.log");
    LiveIngestOptions options = quickOptions();
    options.following.timings.quietPeriodMs = 60000; // nothing commits on its own
    EntryStore store;
    LiveIngest ingest(store, options);
    appendTo(log,
             logLines("svc", 0, 1) + traceback("svc", 1) + logLine("svc", 2).chopped(1)); // no newline yet
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    QTest::qWait(200);
    QCOMPARE(store.size(), 1u); // the traceback stays open, the partial line waits
    QVERIFY(finish(ingest));
    QCOMPARE(store.size(), 3u);
    QVERIFY(store.flags(EntryIndex(1)) & FlagMultiLine);
    QCOMPARE(entryText(store, EntryIndex(2)), QString::fromLatin1(logLine("svc", 2).chopped(1)));
    QVERIFY(!ingest.following());
}

void TestLiveIngestFollow::rotationUnderLoadLosesAndDoublesNothing() {
    QTemporaryDir dir;
    const QString log = dir.filePath("svc/logs/app.log");
    QDir().mkpath(dir.filePath("svc/logs"));
    EntryStore store;
    LiveIngest ingest(store, quickOptions());
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    const int lines = 30000;
    whileWriting([&] { rotatingWriter(log, lines, 32 * 1024, 3, 20); });
    QTest::qWait(300);
    QVERIFY(finish(ingest));
    QCOMPARE(exactlyOnce(store, lines), QString());
    QCOMPARE(store.counters().duplicates, 0u);
}

void TestLiveIngestFollow::busyStoreThreadDoesNotStallFollowing() {
    // The store's thread (the window's) does nothing for 800 ms while a file gets a line every
    // 25 ms, each read a batch of its own, and a second file lives 200 ms: created, written,
    // deleted. The reading thread goes on looking meanwhile; had it waited for room behind
    // the first few batches, the second file would have come and gone unread.
    QTemporaryDir dir;
    const QString log = dir.filePath("svc/logs/app.log");
    const QString burst = dir.filePath("svc/logs/burst.log");
    appendTo(log, logLine("svc", 0));
    EntryStore store;
    LiveIngest ingest(store, quickOptions());
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int n = 1; n < 12; ++n) {
            appendTo(log, logLine("svc", n));
            QThread::msleep(25);
        }
        appendTo(burst, logLines("svc", 12, 17));
        QThread::msleep(200);
        QFile::remove(burst);
        done = true;
    });
    QThread::msleep(800); // busy: no event of this thread is handled
    const bool writtenWhileBusy = done;
    while (!done)
        QTest::qWait(20);
    writer.join();
    QVERIFY(writtenWhileBusy);
    QTest::qWait(300);
    QVERIFY(finish(ingest));
    QCOMPARE(exactlyOnce(store, 17), QString());
}

void TestLiveIngestFollow::searchReadsEveryGeneration() {
    // A followed path's files over time are generations of one source, their entries' offsets
    // 2^40 apart (streambytesource.h). A search of every entry reads each generation's bytes,
    // not the terabyte between them, and finds what an entry-by-entry check finds.
    QTemporaryDir dir;
    const QString log = dir.filePath("svc/logs/app.log");
    QDir().mkpath(dir.filePath("svc/logs"));
    EntryStore store;
    LiveIngest ingest(store, quickOptions());
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    const int lines = 30000; // past the 20,000 entries where the search reads files in blocks
    whileWriting([&] { rotatingWriter(log, lines, 1024 * 1024, 5, 50); });
    QVERIFY(finish(ingest));
    QCOMPARE(exactlyOnce(store, lines), QString());
    const TextAccess text = TextAccess::capture(store);
    TimeOrder order;
    order.update(store.snapshot());
    for (const char* needle : {"message 1234", "message 2", "Traceback", "zzz-none"}) {
        for (const bool errorsOnly : {false, true}) { // with a level chosen, only its blocks are read
            FilterSpec spec;
            spec.text = needle;
            spec.caseSensitive = true;
            if (errorsOnly) spec.levelMask = 1u << unsigned(Level::Error);
            QElapsedTimer clock;
            clock.start();
            const auto rows =
                CompiledQuery::compile(spec, store, nullptr)->filter(store.snapshot(), text, order.order());
            const qint64 ms = clock.elapsed();
            std::vector<EntryIndex> expected;
            std::string entry;
            for (EntryIndex e : order.order())
                if ((!errorsOnly || store.level(e) == Level::Error) && store.readText(e, entry) &&
                    entry.find(needle) != std::string::npos)
                    expected.push_back(e);
            QVERIFY(rows);
            QVERIFY2(*rows == expected, needle);
            QVERIFY2(ms < 5000, qPrintable(QStringLiteral("%1: %2 ms").arg(QLatin1String(needle)).arg(ms)));
        }
    }
}

void TestLiveIngestFollow::pollAloneLosesAndDoublesNothing() {
    QTemporaryDir dir;
    const QString log = dir.filePath("svc/logs/app.log");
    QDir().mkpath(dir.filePath("svc/logs"));
    LiveIngestOptions options = quickOptions();
    options.following.fileSystemEvents = false; // as on a share that reports no changes
    options.following.pollIntervalMs = 50;
    EntryStore store;
    LiveIngest ingest(store, options);
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    const int lines = 20000;
    whileWriting([&] { rotatingWriter(log, lines, 64 * 1024, 5, 20); });
    QTest::qWait(300);
    QVERIFY(finish(ingest));
    QCOMPARE(exactlyOnce(store, lines), QString());
}

void TestLiveIngestFollow::copytruncateUnderLoadLosesAndDoublesNothing() {
    QTemporaryDir dir;
    const QString log = dir.filePath("svc/logs/app.log");
    EntryStore store;
    LiveIngest ingest(store, quickOptions());
    Appender out(log); // O_APPEND, as copytruncate requires of the writer
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    const int lines = 8000;
    std::atomic<bool> done{false};
    // Lines written between logrotate's copy and its cut are lost by copytruncate itself;
    // the writer waits while a rotation runs, so what is checked is Vigil's part alone.
    std::mutex rotating;
    std::thread writer([&] {
        for (int n = 0; n < lines; ++n) {
            {
                std::lock_guard<std::mutex> lock(rotating);
                out.write(n % 7 == 3 ? traceback("svc", n) : logLine("svc", n));
            }
            if (n % 10 == 0) QThread::usleep(500);
        }
        done = true;
    });
    int rotations = 0;
    while (!done) {
        QTest::qWait(30);
        std::lock_guard<std::mutex> lock(rotating);
        QFile::remove(log + QStringLiteral(".1"));
        QVERIFY(QFile::copy(log, log + QStringLiteral(".1")));
        QVERIFY(QFile::resize(log, 0));
        ++rotations;
    }
    writer.join();
    QTest::qWait(300);
    QVERIFY(finish(ingest));
    QVERIFY(rotations > 3);
    QCOMPARE(exactlyOnce(store, lines), QString());
}

void TestLiveIngestFollow::retentionEvictsAndReleasesEndedFiles() {
    QTemporaryDir dir;
    const QString log = dir.filePath("svc/logs/app.log");
    LiveIngestOptions options = quickOptions();
    options.retainEntries = Segment::kCapacity;
    options.following.copyGraceMs = 50;
    EntryStore store;
    LiveIngest ingest(store, options);
    QSignalSpy evicted(&ingest, &LiveIngest::entriesEvicted);
    appendTo(log, logLines("svc", 0, 40000));
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    for (int round = 1; round <= 5; ++round) { // rotated away and deleted, five times
        QVERIFY(QFile::remove(log));
        appendTo(log, logLines("svc", round * 40000, (round + 1) * 40000));
        QTRY_COMPARE_WITH_TIMEOUT(store.counters().entries, quint64((round + 1) * 40000), 10000);
        QTest::qWait(400); // the deleted file ends; eviction releases it once its entries go
    }
    QVERIFY(evicted.count() > 0);
    QVERIFY(store.size() < 2 * Segment::kCapacity);
    QCOMPARE(store.counters().entries, 240000u);
    const SourceInfo* source = sourceByPath(store, "svc/logs/app.log");
    QVERIFY(source);
    QCOMPARE(source->entries, 240000u);
    auto stream = std::dynamic_pointer_cast<const StreamByteSource>(source->bytes);
    QVERIFY(stream);
    QVERIFY2(stream->generationCount() <= 3, qPrintable(QString::number(stream->generationCount())));
    // Retained entries still read back; the store holds one source, not one per file.
    QCOMPARE(entryText(store, EntryIndex(store.endIndex().value - 1)),
             QString::fromLatin1(logLine("svc", 240000 - 1).chopped(1)));
    QCOMPARE(store.sources().size(), 1u);
}

void TestLiveIngestFollow::latencyMeasuredFromTimestamps() {
    QTemporaryDir dir;
    const QString log = dir.filePath("svc/logs/app.log");
    appendTo(log, logLines("svc", 0, 1));
    EntryStore store;
    LiveIngest ingest(store, quickOptions());
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    QTRY_COMPARE_WITH_TIMEOUT(store.size(), 1u, 2000); // the scan's entry, committed when quiet
    for (int n = 1; n <= 20; ++n) {
        const QString now =
            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz"));
        appendTo(log, now.toLatin1() + " - [svc] - app.main - INFO - [main:run:1] - message " +
                          QByteArray::number(n) + "\n");
        QTest::qWait(5);
    }
    QTRY_COMPARE_WITH_TIMEOUT(store.size(), 21u, 2000);
    const LatencySummary latency = ingest.latency();
    QCOMPARE(latency.entries, 20u); // the initial scan's entry does not count
    QVERIFY(latency.fromTimestamps >= 19);
    QVERIFY(latency.p50Ms >= 0 && latency.p99Ms < 1000);
}

void TestLiveIngestFollow::withoutFollowTheScanFinishesFiles() {
    QTemporaryDir dir;
    appendTo(dir.filePath("svc/logs/app.log"), logLines("svc", 0, 2) + logLine("svc", 2).chopped(1));
    LiveIngestOptions options;
    options.follow = false;
    EntryStore store;
    LiveIngest ingest(store, options);
    ingest.open({dir.path()});
    QVERIFY(waitForScan(ingest));
    QCOMPARE(store.size(), 3u); // as `vigil scan` reads it
    QVERIFY(!ingest.following());
}

QTEST_GUILESS_MAIN(TestLiveIngestFollow)
#include "tst_liveingestfollow.moc"
