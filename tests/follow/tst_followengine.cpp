// FollowEngine driven cycle by cycle (no watcher, no threads), so each rotation case can be
// staged exactly: which bytes were read before the file was renamed, cut or compressed.

#include "followtesthelpers.h"

#include "models/ingest/filebytesource.h"
#include "models/ingest/followengine.h"
#include "models/ingest/scanner.h"
#include "models/ingest/streambytesource.h"

#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <sys/resource.h>
#include <sys/stat.h>

using namespace vigil;
using namespace vigil::testing;

namespace {

// A store fed by a FollowEngine on the test's thread.
struct Harness {
    QTemporaryDir dir;
    EntryStore store;
    FollowOptions options;
    std::unique_ptr<FollowEngine> engine;
    std::vector<std::shared_ptr<StreamByteSource>> streams;
    QStringList problems;

    Harness() {
        options.timings.quietPeriodMs = 40;
        options.timings.endAfterQuietMs = 0;
        options.copyGraceMs = 5000;
    }
    QString path(const QString& relative) const { return dir.filePath(relative); }

    void start() {
        Scanner scanner(store.sources());
        ScanSink scanSink;
        scanSink.batch = [this](EntryBatch&& b) { store.append(b); };
        scanSink.fileRead = [this](FileId f, std::shared_ptr<const ByteSource> bytes, const QString& error) {
            recordFileRead(store, f, std::move(bytes), error);
        };
        ScanOptions scanOptions;
        scanOptions.finishFiles = false;
        ScanOutcome outcome = scanner.scan({dir.path()}, scanOptions, scanSink);
        FollowEngine::Sink sink;
        sink.batch = [this](EntryBatch&& b) {
            const EntryIndex first = store.append(b);
            if (b.size() > 0 && streams.size() > b.file.value && streams[b.file.value])
                streams[b.file.value]->noteStored(generationOf(b.offset.front()), first.value + b.size() - 1);
        };
        sink.sourceAdded = [this](FileId f, std::shared_ptr<StreamByteSource> bytes) {
            if (streams.size() <= f.value) streams.resize(f.value + 1);
            streams[f.value] = bytes;
            store.sources()[f].bytes = bytes;
        };
        sink.problem = [this](const IngestError& e) {
            problems << e.path + QStringLiteral(": ") + e.message;
        };
        engine = std::make_unique<FollowEngine>(store.sources(), QStringList{dir.path()}, options, sink);
        engine->adoptScan(outcome);
    }
    // Writes messages [0, n) to svc/logs/app.log, starts following and reads them.
    QString startWithLog(int n) {
        const QString log = path(QStringLiteral("svc/logs/app.log"));
        appendTo(log, logLines("svc", 0, n));
        start();
        settle();
        return log;
    }
    void cycle(bool rescan = true) { engine->runCycle(rescan); }
    // A cycle, then another once the quiet period passed: open entries are committed.
    void settle() {
        cycle();
        QThread::msleep(options.timings.quietPeriodMs + 10);
        cycle();
    }
    std::uint64_t entriesOf(const QString& relative) const {
        const SourceInfo* s = sourceByPath(store, relative);
        return s ? s->entries : 0;
    }
};

} // namespace

class TestFollowEngine : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void appendedLinesAreRead();
    void partialLineWaitsForItsNewline();
    void partialLineShownWhenQuietForLong();
    void multiLineEntryCommittedAfterQuietPeriod();
    void renameRotationDrainsBytesWrittenAroundTheRename();
    void copytruncateReadsLostBytesFromTheCopy();
    void copytruncateSeenCopyFirst();
    void copySeenUnfinishedThenReplacedByTheNextRotation();
    void cutTextKeptWithoutACopyOnceCopytruncated();
    void truncatedAndRegrownIsANewGeneration();
    void deleteAndRecreate();
    void newInstanceFolder();
    void datedFileRollsOver();
    void gzBackupOfReadFileIsNotReadAgain();
    void gzBackupAfterGraceMatchesFingerprint();
    void gzCopyHoldingBytesCutAwayIsReadBeyond();
    void unrelatedGzBackupIsRead();
    void backupWithoutCompleteLineWaits();
    void deletedFilesReleasedBeyondLimit();
    void rotatedBackupKeepsItsTextWithFewDescriptors();
    void recreatedOnAFreedInodeReadFromTheStart();
};

void TestFollowEngine::appendedLinesAreRead() {
    Harness h;
    h.startWithLog(3);
    QCOMPARE(h.store.size(), 3u);
    appendTo(h.path("svc/logs/app.log"), logLines("svc", 3, 5));
    h.cycle(false);
    QCOMPARE(h.store.size(), 4u); // the last entry stays open: a traceback may follow
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 5), QString());
    QCOMPARE(h.entriesOf("svc/logs/app.log"), 5u);
    QCOMPARE(entryText(h.store, EntryIndex(4)), QString::fromLatin1(logLine("svc", 4).chopped(1)));
    // Entries of the first read and of the appends share one source (one row per file).
    QCOMPARE(h.store.sources().size(), 1u);
}

void TestFollowEngine::partialLineWaitsForItsNewline() {
    Harness h;
    const QString log = h.path("svc/logs/app.log");
    appendTo(log, logLines("svc", 0, 2));
    const QByteArray last = logLine("svc", 2);
    appendTo(log, last.left(30)); // no newline yet
    h.start();
    h.settle();
    QCOMPARE(h.store.size(), 2u);
    appendTo(log, last.mid(30, 20));
    h.settle();
    QCOMPARE(h.store.size(), 2u);
    appendTo(log, last.mid(50));
    h.settle();
    QCOMPARE(h.store.size(), 3u);
    QCOMPARE(entryText(h.store, EntryIndex(2)), QString::fromLatin1(last.chopped(1)));
    QCOMPARE(exactlyOnce(h.store, 3), QString());
}

void TestFollowEngine::partialLineShownWhenQuietForLong() {
    Harness h;
    h.options.timings.partialLineAfterMs = 200;
    const QString log = h.path("svc/logs/app.log");
    appendTo(log, logLines("svc", 0, 1) + logLine("svc", 1).chopped(1)); // the writer died mid-line
    h.start();
    h.settle();
    QCOMPARE(h.store.size(), 1u);
    QThread::msleep(220);
    h.cycle(false);
    QCOMPARE(h.store.size(), 2u);
    QCOMPARE(entryText(h.store, EntryIndex(1)), QString::fromLatin1(logLine("svc", 1).chopped(1)));
    appendTo(log, "\n" + logLines("svc", 2, 3)); // it comes back after all: nothing read twice
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 3), QString());
}

void TestFollowEngine::multiLineEntryCommittedAfterQuietPeriod() {
    Harness h;
    h.options.timings.quietPeriodMs = 300;
    const QString log = h.path("svc/logs/app.log");
    appendTo(log, logLines("svc", 0, 1));
    h.start();
    const QByteArray trace = traceback("svc", 1);
    const int split = trace.indexOf("  File");
    appendTo(log, trace.left(split)); // the traceback is still being written
    h.cycle(false);
    QCOMPARE(h.store.size(), 1u); // message 0 committed by the next entry's start
    appendTo(log, trace.mid(split));
    h.cycle(false);
    QCOMPARE(h.store.size(), 1u); // not quiet yet
    QThread::msleep(320);
    h.cycle(false);
    QCOMPARE(h.store.size(), 2u);
    QVERIFY(h.store.flags(EntryIndex(1)) & FlagMultiLine);
    QCOMPARE(entryText(h.store, EntryIndex(1)), QString::fromLatin1(trace.chopped(1)));
}

void TestFollowEngine::renameRotationDrainsBytesWrittenAroundTheRename() {
    Harness h;
    const QString log = h.path("svc/logs/app.log");
    Appender writer(log);
    writer.write(logLines("svc", 0, 5));
    h.start();
    h.settle();
    // Written just before the rename, not yet read; then RotatingFileHandler's rename and a
    // new file; and a write that still lands in the old file through its open descriptor.
    writer.write(logLines("svc", 5, 8));
    QVERIFY(QFile::rename(log, log + ".1"));
    appendTo(log, logLines("svc", 8, 10));
    writer.write(logLines("svc", 10, 11));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 11), QString());
    // Both files are generations of the one source logs/app.log; app.log.1 got none.
    QCOMPARE(h.entriesOf("svc/logs/app.log"), 11u);
    QCOMPARE(h.entriesOf("svc/logs/app.log.1"), 0u);
    // A second rotation: app.log.1 -> app.log.2, app.log -> app.log.1, new app.log.
    QVERIFY(QFile::rename(log + ".1", log + ".2"));
    QVERIFY(QFile::rename(log, log + ".1"));
    appendTo(log, logLines("svc", 11, 12));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 12), QString());
    // Every entry's text is still readable from its own file (generation), none confused.
    for (std::uint64_t i = 0; i < h.store.size(); ++i)
        QVERIFY2(entryText(h.store, EntryIndex(i)).contains(QStringLiteral(" - message ")),
                 qPrintable(QString::number(i)));
}

void TestFollowEngine::copytruncateReadsLostBytesFromTheCopy() {
    Harness h;
    const QString log = h.startWithLog(5);
    // Lines 5-7 are written but not read before logrotate copies and cuts the file.
    appendTo(log, logLines("svc", 5, 8));
    QVERIFY(QFile::copy(log, log + ".1"));
    QVERIFY(QFile::resize(log, 0));
    appendTo(log, logLines("svc", 8, 10));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 10), QString());
    QCOMPARE(h.entriesOf("svc/logs/app.log"), 10u);
    QCOMPARE(h.entriesOf("svc/logs/app.log.1"), 0u);
    // The cut generation's text now comes from the copy, the new one's from the file.
    QCOMPARE(entryText(h.store, EntryIndex(0)), QString::fromLatin1(logLine("svc", 0).chopped(1)));
    QCOMPARE(messageCounts(h.store).count(-1), std::size_t(0));
}

void TestFollowEngine::copytruncateSeenCopyFirst() {
    Harness h;
    const QString log = h.startWithLog(5);
    QVERIFY(QFile::copy(log, log + ".1"));
    h.settle(); // the copy is recognised as the live file's content: nothing read from it
    QCOMPARE(h.store.size(), 5u);
    QVERIFY(QFile::resize(log, 0));
    appendTo(log, logLines("svc", 5, 7));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 7), QString());
    QCOMPARE(entryText(h.store, EntryIndex(1)), QString::fromLatin1(logLine("svc", 1).chopped(1)));
}

void TestFollowEngine::copySeenUnfinishedThenReplacedByTheNextRotation() {
    // rotate 1 every 80 ms: the copy is seen while still empty, the cut comes before the copy
    // is looked at again, and the next rotation removes the copy.
    Harness h;
    const QString log = h.startWithLog(5);
    const QString copy = log + ".1";
    writeFile(copy, QByteArray());        // logrotate has created the copy, not yet filled it
    h.cycle();                            // the copy has no line yet: looked at again later
    appendTo(log, logLines("svc", 5, 8)); // written, never read from app.log
    writeFile(copy, readAll(log));        // the copy is finished
    QVERIFY(QFile::resize(log, 0));
    h.cycle(false);               // a file event: the cut is seen
    QVERIFY(QFile::remove(copy)); // the next rotation
    appendTo(log, logLines("svc", 8, 10));
    writeFile(copy, readAll(log));
    QVERIFY(QFile::resize(log, 0));
    appendTo(log, logLines("svc", 10, 12));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 12), QString());
}

void TestFollowEngine::cutTextKeptWithoutACopyOnceCopytruncated() {
    Harness h;
    const QString log = h.startWithLog(3);
    QVERIFY(QFile::resize(log, 0)); // cut, and no copy ever appears: 0-2 have no text left
    h.cycle();
    appendTo(log, logLines("svc", 3, 6));
    h.settle();
    QVERIFY(QFile::resize(log, 0)); // cut again, no copy: what was read was kept aside
    h.cycle();
    appendTo(log, logLines("svc", 6, 8));
    h.settle();
    const std::map<int, int> counts = messageCounts(h.store);
    for (int n = 3; n < 8; ++n)
        QCOMPARE(counts.count(n) ? counts.at(n) : 0, 1);
    QCOMPARE(entryText(h.store, EntryIndex(3)), QString::fromLatin1(logLine("svc", 3).chopped(1)));
}

void TestFollowEngine::truncatedAndRegrownIsANewGeneration() {
    Harness h;
    const QString log = h.startWithLog(3);
    // Cut and written past the old size before the next look: the size alone cannot tell.
    QVERIFY(QFile::resize(log, 0));
    appendTo(log, logLines("svc", 3, 10));
    h.settle();
    QCOMPARE(h.store.size(), 10u);
    // No copy was made, so the cut lines' text is gone: they read back empty, never as
    // the new content that now sits at their offsets.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(entryText(h.store, EntryIndex(i)), QString());
    for (int i = 3; i < 10; ++i)
        QCOMPARE(entryText(h.store, EntryIndex(i)), QString::fromLatin1(logLine("svc", i).chopped(1)));
}

void TestFollowEngine::deleteAndRecreate() {
    Harness h;
    const QString log = h.path("svc/logs/app.log");
    {
        Appender writer(log);
        writer.write(logLines("svc", 0, 3));
        h.start();
        h.settle();
        writer.write(logLines("svc", 3, 4)); // unread when the file is deleted
        QVERIFY(QFile::remove(log));
    }
    appendTo(log, logLines("svc", 4, 6));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 6), QString());
    QCOMPARE(h.entriesOf("svc/logs/app.log"), 6u);
    QCOMPARE(h.engine->status().followed, std::size_t(1)); // the deleted file ended
    // The deleted file's entries still read back (its descriptor is held).
    QCOMPARE(entryText(h.store, EntryIndex(3)), QString::fromLatin1(logLine("svc", 3).chopped(1)));
}

void TestFollowEngine::newInstanceFolder() {
    Harness h;
    appendTo(h.path("instances/eco-a/logs/app.log"), logLines("eco-a", 0, 2));
    h.start();
    h.settle();
    QByteArray untagged = "2025-11-10 10:30:00,500 - app.main - INFO - [main:run:1] - message 2\n";
    appendTo(h.path("instances/eco-b/logs/app.log"), untagged);
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 3), QString());
    QCOMPARE(h.entriesOf("instances/eco-b/logs/app.log"), 1u);
    const std::uint32_t b = h.store.instances().find("eco-b");
    QVERIFY(b != StringInterner::kNotFound);
    QCOMPARE(h.store.counters().entriesByInstance[b], 1u);
}

void TestFollowEngine::datedFileRollsOver() {
    Harness h;
    const QString day4 = h.path("voice/logs/app/app_2024-01-04.log");
    const QString day5 = h.path("voice/logs/app/app_2024-01-05.log");
    appendTo(day4, logLines("voice", 0, 3));
    h.start();
    h.settle();
    appendTo(day4, logLines("voice", 3, 4)); // the last line of the day
    appendTo(day5, logLines("voice", 4, 7));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 7), QString());
    QCOMPARE(h.entriesOf("voice/logs/app/app_2024-01-04.log"), 4u);
    QCOMPARE(h.entriesOf("voice/logs/app/app_2024-01-05.log"), 3u);
}

void TestFollowEngine::gzBackupOfReadFileIsNotReadAgain() {
    Harness h;
    const QString log = h.startWithLog(5);
    // logrotate with compress: rename, new file, then app.log.1 -> app.log.1.gz.
    QVERIFY(QFile::rename(log, log + ".1"));
    appendTo(log, logLines("svc", 5, 7));
    h.settle();
    writeGzip(log + ".1.gz", readAll(log + ".1"));
    QVERIFY(QFile::remove(log + ".1"));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 7), QString());
    QCOMPARE(h.entriesOf("svc/logs/app.log.1.gz"), 0u);
    // The next rotation renames the .gz: still the same file, still nothing to read.
    QVERIFY(QFile::rename(log + ".1.gz", log + ".2.gz"));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 7), QString());
}

void TestFollowEngine::gzBackupAfterGraceMatchesFingerprint() {
    Harness h;
    h.options.copyGraceMs = 0; // ended generations are at once reduced to a fingerprint
    const QString log = h.startWithLog(5);
    QVERIFY(QFile::rename(log, log + ".1"));
    appendTo(log, logLines("svc", 5, 6));
    const QByteArray old = readAll(log + ".1");
    QVERIFY(QFile::remove(log + ".1"));
    h.settle();
    h.settle();
    QCOMPARE(h.engine->status().waiting, std::size_t(0));
    writeGzip(log + ".1.gz", old);
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 6), QString());
}

void TestFollowEngine::gzCopyHoldingBytesCutAwayIsReadBeyond() {
    Harness h;
    const QString log = h.startWithLog(5);
    // copytruncate straight into a compressed backup, with lines 5-7 not read before the cut.
    appendTo(log, logLines("svc", 5, 8));
    writeGzip(log + ".1.gz", readAll(log));
    QVERIFY(QFile::resize(log, 0));
    appendTo(log, logLines("svc", 8, 9));
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 9), QString());
    QCOMPARE(entryText(h.store, EntryIndex(0)), QString::fromLatin1(logLine("svc", 0).chopped(1)));
}

void TestFollowEngine::unrelatedGzBackupIsRead() {
    Harness h;
    h.startWithLog(3);
    writeGzip(h.path("svc/logs/app.log.3.gz"), logLines("svc", 3, 6)); // an archive never seen
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 6), QString());
    QCOMPARE(h.entriesOf("svc/logs/app.log.3.gz"), 3u);
    h.settle();
    QCOMPARE(exactlyOnce(h.store, 6), QString());
}

void TestFollowEngine::backupWithoutCompleteLineWaits() {
    Harness h;
    h.startWithLog(2);
    const QString copy = h.path("svc/logs/app.log.1");
    const QByteArray head = readAll(h.path("svc/logs/app.log"));
    appendTo(copy, head.left(20)); // a copy just begun: it cannot be told apart yet
    h.settle();
    QCOMPARE(h.engine->status().pending, std::size_t(1));
    appendTo(copy, head.mid(20));
    h.settle();
    QCOMPARE(h.engine->status().pending, std::size_t(0));
    QCOMPARE(exactlyOnce(h.store, 2), QString());
}

void TestFollowEngine::deletedFilesReleasedBeyondLimit() {
    Harness h;
    h.options.maxDeletedFilesHeld = 2;
    const QString log = h.startWithLog(1);
    for (int n = 1; n < 5; ++n) { // four files deleted in turn
        QVERIFY(QFile::remove(log));
        appendTo(log, logLines("svc", n, n + 1));
        h.settle();
    }
    QCOMPARE(h.store.size(), 5u);
    // Two deleted files still held and the current file readable; the two oldest released.
    for (int i = 0; i < 2; ++i)
        QCOMPARE(entryText(h.store, EntryIndex(i)), QString());
    for (int i = 2; i < 5; ++i)
        QCOMPARE(entryText(h.store, EntryIndex(i)), QString::fromLatin1(logLine("svc", i).chopped(1)));
}

void TestFollowEngine::rotatedBackupKeepsItsTextWithFewDescriptors() {
    // A soft limit of 64 open files: FileByteSources share 32 descriptors. 60 idle files sort
    // after the one being written, so every cycle looks at them after it; opening them again
    // there would close the written file's descriptor, and a backup deleted while closed
    // takes its entries' text with it.
    struct Limit {
        rlimit saved{};
        Limit() { getrlimit(RLIMIT_NOFILE, &saved); }
        ~Limit() { setrlimit(RLIMIT_NOFILE, &saved); }
    } limit;
    Harness h;
    const QString log = h.path(QStringLiteral("a/logs/app.log"));
    auto writer = std::make_unique<Appender>(log);
    writer->write(logLines("svc", 0, 5));
    for (int k = 0; k < 60; ++k)
        writeFile(h.path(QStringLiteral("z/logs/old_%1.log").arg(k, 2, 10, QLatin1Char('0'))),
                  logLine("old", 1000 + k));
    rlimit low = limit.saved;
    low.rlim_cur = std::min<rlim_t>(64, limit.saved.rlim_max);
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);
    h.start();
    h.settle();
    writer->write(logLines("svc", 5, 10));
    h.settle();
    // RotatingFileHandler with backupCount=1: app.log becomes app.log.1 and a new app.log is
    // written; the next rotation deletes that app.log.1.
    for (int r = 0; r < 2; ++r) {
        writer.reset();
        QFile::remove(log + QStringLiteral(".1"));
        QVERIFY(QFile::rename(log, log + QStringLiteral(".1")));
        writer = std::make_unique<Appender>(log);
        writer->write(logLines("svc", 10 + r * 5, 15 + r * 5));
        h.settle();
    }
    h.settle();
    QVERIFY2(FileByteSource::openCount() <= FileByteSource::budget(),
             qPrintable(QString::number(FileByteSource::openCount())));
    std::map<int, int> counts = messageCounts(h.store);
    for (int k = 0; k < 60; ++k)
        QCOMPARE(counts[1000 + k], 1);
    for (int n = 0; n < 20; ++n)
        QVERIFY2(counts[n] == 1, qPrintable(QStringLiteral("message %1 x%2, %3 entries without text")
                                                .arg(n)
                                                .arg(counts[n])
                                                .arg(counts[-1])));
    QCOMPARE(counts[-1], 0);
}

void TestFollowEngine::recreatedOnAFreedInodeReadFromTheStart() {
    // Deleted, ended and its descriptor closed (its text moved to the spill file): the inode
    // is free, and the next file created under the name often gets its number. Its first
    // lines are the old file's, so only the offset can go wrong.
    Harness h;
    const QString log = h.startWithLog(5);
    struct stat old {};
    QCOMPARE(::stat(QFile::encodeName(log).constData(), &old), 0);
    QVERIFY(QFile::remove(log));
    h.settle();
    QCOMPARE(h.engine->status().followed, std::size_t(0));
    appendTo(log, logLines("svc", 0, 8));
    struct stat now {};
    QCOMPARE(::stat(QFile::encodeName(log).constData(), &now), 0);
    qInfo("inode %s", now.st_ino == old.st_ino ? "reused" : "not reused");
    h.settle();
    std::map<int, int> counts = messageCounts(h.store);
    for (int n = 0; n < 8; ++n)
        QCOMPARE(counts[n], n < 5 ? 2 : 1);
    QCOMPARE(counts[-1], 0);
    QCOMPARE(h.entriesOf("svc/logs/app.log"), 13u);
    QCOMPARE(h.store.offset(EntryIndex(5)) & kGenerationMask, 0u); // the new file's first line
}

QTEST_GUILESS_MAIN(TestFollowEngine)
#include "tst_followengine.moc"
