// Opening only the last hours: which files a time window leaves unread, that the entries of
// the window are the same as a full read's, the progress figures against the bytes on disk,
// and `vigil scan --since`.
#include "dateddeployment.h"

#include "models/ingest/timewindow.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>

using namespace vigil;
using namespace vigil::testing;

class TestTimeWindow : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void lastEntryTimeSkipsTrailingLines();
    void compressedBackupsJudgedByTimeAndName();
    void windowReadsOnlyRecentFiles();
    void progressMatchesBytesOnDisk();
    void scanCommandWindow();
    void badDurationRefused();
};

void TestTimeWindow::lastEntryTimeSkipsTrailingLines() {
    QTemporaryDir dir;
    const QString path = dir.filePath("app.log");
    writeFile(path, "2026-11-01 10:00:00 - INFO - one\n2026-11-01 11:30:00 - ERROR - two\n"
                    "Traceback (most recent call last):\n  File \"x.py\", line 1\n");
    const auto last = lastEntryTime(path, QFileInfo(path).size());
    QVERIFY(last);
    QCOMPARE(*last, QDateTime(QDate(2026, 11, 1), QTime(11, 30), Qt::UTC).toMSecsSinceEpoch() * 1000);
    writeFile(path, "no timestamps here\n");
    QVERIFY(!lastEntryTime(path, QFileInfo(path).size()));
    // Unknown: never skipped.
    DiscoveredFile f;
    f.absolutePath = path;
    f.relativePath = "app.log";
    f.size = std::uint64_t(QFileInfo(path).size());
    QVERIFY(mayHoldEntriesSince(f, QDateTime::currentMSecsSinceEpoch() * 1000));
}

void TestTimeWindow::compressedBackupsJudgedByTimeAndName() {
    const std::int64_t nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    const std::int64_t since = nowUs - 6 * 3600LL * 1000000;
    DiscoveredFile gz;
    gz.gzip = true;
    gz.relativePath = "logs/app.log.2.gz";
    gz.modifiedNs = (nowUs - 20 * 86400LL * 1000000) * 1000;
    QVERIFY(!mayHoldEntriesSince(gz, since)); // old time, no date in the name
    gz.modifiedNs = nowUs * 1000;
    QVERIFY(mayHoldEntriesSince(gz, since)); // rewritten recently
    // An old time but today's date in the name: the name is not ruled out, so it is read.
    gz.modifiedNs = (nowUs - 20 * 86400LL * 1000000) * 1000;
    gz.relativePath = "logs/app.log." + QDateTime::currentDateTimeUtc().toString("yyyy-MM-dd") + ".gz";
    QVERIFY(mayHoldEntriesSince(gz, since));
    gz.relativePath = "logs/app.log-20200101.gz";
    QVERIFY(!mayHoldEntriesSince(gz, since));
}

void TestTimeWindow::windowReadsOnlyRecentFiles() {
    QTemporaryDir dir;
    const DatedDeployment d = writeDatedDeployment(dir.path());
    const std::int64_t since = (d.nowSecs - 6 * 3600) * 1000000LL;

    EntryStore full;
    const ScanOutcome all = scanInto(full, {dir.path()});
    QCOMPARE(int(all.filesOpened), d.files);
    QVERIFY(all.skipped.empty());

    EntryStore windowed;
    ScanOptions options;
    options.sinceUs = since;
    const ScanOutcome some = scanInto(windowed, {dir.path()}, options);
    QCOMPARE(int(some.filesOpened), d.recentFiles);
    QCOMPARE(int(some.skipped.size()), d.files - d.recentFiles);
    QVERIFY(some.errors.empty());

    const auto expected = entriesSince(full, since);
    QVERIFY(expected.size() > 100);
    QCOMPARE(entriesSince(windowed, since), expected);
    // A wider window reads the dated backups too, and still agrees with the full read.
    options.sinceUs = (d.nowSecs - 20 * 86400) * 1000000LL;
    EntryStore wider;
    const ScanOutcome more = scanInto(wider, {dir.path()}, options);
    QVERIFY(more.filesOpened > some.filesOpened);
    QVERIFY(int(more.filesOpened) < d.files);
    QCOMPARE(entriesSince(wider, options.sinceUs), entriesSince(full, options.sinceUs));
}

void TestTimeWindow::progressMatchesBytesOnDisk() {
    QTemporaryDir dir;
    const DatedDeployment d = writeDatedDeployment(dir.path());
    EntryStore store;
    ScanProgress progress;
    ScanOptions options;
    options.progress = &progress;
    options.threads = 2;
    scanInto(store, {dir.path()}, options);
    const ScanProgressFigures f = progress.figures();
    QVERIFY(f.finished);
    QCOMPARE(f.totalBytes, bytesOnDisk(dir.path()));
    QCOMPARE(f.bytesRead, f.totalBytes);
    QCOMPARE(f.fraction(), 1.0);
    QCOMPARE(int(f.filesDone), d.files);
    QCOMPARE(f.entries, store.counters().entries);
}

void TestTimeWindow::scanCommandWindow() {
    QTemporaryDir dir;
    const DatedDeployment d = writeDatedDeployment(dir.path());
    auto run = [&](const QStringList& extra, double* seconds) {
        QProcess p;
        QElapsedTimer clock;
        clock.start();
        p.start(QStringLiteral(VIGIL_BINARY), QStringList{"scan", dir.path(), "--json"} + extra);
        p.waitForFinished(60000);
        *seconds = clock.nsecsElapsed() / 1e9;
        // Not a terminal: no progress line on stderr.
        if (!p.readAllStandardError().isEmpty()) return QJsonObject{{"stderr", true}};
        return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    };
    double fullSeconds = 0, windowSeconds = 0;
    const QJsonObject full = run({}, &fullSeconds);
    const QJsonObject windowed = run({"--since", "6h"}, &windowSeconds);
    QVERIFY(!full.contains("stderr") && !windowed.contains("stderr"));
    QCOMPARE(full["files"].toObject().size(), d.files);
    QCOMPARE(windowed["files"].toObject().size(), d.recentFiles);
    QCOMPARE(windowed["files_skipped"].toInt(), d.files - d.recentFiles);
    QCOMPARE(windowed["window_seconds"].toInt(), 6 * 3600);
    qInfo("vigil scan: full %.3f s (%d files), --since 6h %.3f s (%d files)", fullSeconds, d.files,
          windowSeconds, d.recentFiles);
}

void TestTimeWindow::badDurationRefused() {
    for (const QString& command :
         {QStringLiteral("scan"), QStringLiteral("check"), QStringLiteral("follow")}) {
        QProcess p;
        p.start(QStringLiteral(VIGIL_BINARY), {command, "--since", "soon", "/tmp"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("not a duration"));
    }
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY), {"--since", "-3h", "/tmp"});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestTimeWindow)
#include "tst_timewindow.moc"
