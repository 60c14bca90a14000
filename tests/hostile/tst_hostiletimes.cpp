// Times no clock meant: before 1970 (negative epoch microseconds, whose milliseconds a
// division toward zero showed one too high: .123456 as .124) and years ahead, a clock set to
// "9999-12-31T23:59:59Z" on one instance, which made that entry "now" for alerts and charts
// ("Instance silent on steady: 251639530197 s") while it must only stay in the table.

#include "models/alerts/alertmonitor.h"
#include "models/exec/executor.h"
#include "models/export/entryexport.h"
#include "models/ingest/scanner.h"
#include "models/logtablemodel.h"
#include "models/metrics/chartwindow.h"
#include "models/workspace.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

namespace {
void writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), qint64(bytes.size()));
}

QByteArray jsonLine(const QByteArray& time, const QByteArray& message) {
    return R"({"timestamp": ")" + time + R"(", "level": "info", "message": ")" + message + "\"}\n";
}

// The time as written, to the millisecond below ("…00.123456Z" -> "…00.123Z").
QString writtenMillis(const QByteArray& time) {
    const int dot = time.indexOf('.');
    return QString::fromLatin1(time.left(dot + 4) + "Z");
}

struct Run {
    int exitCode = -1;
    QByteArray out;
};

Run runVigil(const QStringList& args, const QString& home) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home); // no user rules file: the defaults
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(VIGIL_BINARY), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput()};
}
} // namespace

class TestHostileTimes : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void timesBefore1970KeepTheirMilliseconds();
    void entryYearsAheadIsNotNow();
};

void TestHostileTimes::timesBefore1970KeepTheirMilliseconds() {
    QTemporaryDir dir;
    const QList<QByteArray> times = {"1965-03-01T00:00:00.123456Z", "1969-12-31T23:59:59.999900Z"};
    writeFile(dir.filePath(QStringLiteral("svc/logs/app.log")),
              jsonLine(times[0], "first pre-epoch entry") + jsonLine(times[1], "second pre-epoch entry"));
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), std::size_t(2));
    std::vector<EntryIndex> rows;
    QStringList expected; // UTC, as written but to the millisecond
    for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value; ++i) {
        rows.emplace_back(i);
        expected << writtenMillis(times[int(expected.size())]);
        QVERIFY(store.timeUs(rows.back()) < 0);
    }

    // The table and the detail pane (both format through the table model).
    Executor executor;
    LogTableModel table(store, executor);
    table.setUtc(true);
    table.entriesAppended();
    QTRY_VERIFY(table.settled() && table.rowCount() == 2);
    for (int r = 0; r < 2; ++r) {
        const QString shown = table.index(r, LogTableModel::TimeColumn).data().toString();
        QCOMPARE(shown, QString(expected[r]).replace(QLatin1Char('T'), QLatin1Char(' ')).chopped(1));
    }

    // Exports: JSON Lines and CSV in UTC, text in local time.
    for (ExportFormat format : {ExportFormat::JsonLines, ExportFormat::Csv, ExportFormat::Text}) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(exportEntries(store, rows, format, SecretMasker(), buffer), QString());
        QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        if (format == ExportFormat::Csv) lines.removeFirst(); // the header
        QCOMPARE(lines.size(), 2);
        for (int r = 0; r < 2; ++r) {
            QString time;
            QString want = expected[r];
            if (format == ExportFormat::JsonLines) {
                time = QJsonDocument::fromJson(lines[r]).object().value(QStringLiteral("time")).toString();
            } else if (format == ExportFormat::Csv) {
                time = QString::fromUtf8(lines[r].split(',').first());
            } else {
                time = QString::fromUtf8(lines[r].left(23));
                want = QDateTime::fromString(expected[r], Qt::ISODateWithMs)
                           .toLocalTime()
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
            }
            QCOMPARE(time, want);
        }
    }

    // `vigil show --json` and `vigil patterns --json` (first and last times).
    const Run show = runVigil({QStringLiteral("show"), dir.path(), QStringLiteral("--json")}, dir.path());
    QCOMPARE(show.exitCode, 0);
    const QList<QByteArray> shown = show.out.trimmed().split('\n');
    QCOMPARE(shown.size(), 2);
    for (int r = 0; r < 2; ++r)
        QCOMPARE(QJsonDocument::fromJson(shown[r]).object().value(QStringLiteral("time")).toString(),
                 expected[r]);
    const Run patterns =
        runVigil({QStringLiteral("patterns"), dir.path(), QStringLiteral("--json")}, dir.path());
    QCOMPARE(patterns.exitCode, 0);
    QSet<QString> patternTimes;
    for (const QJsonValue& p :
         QJsonDocument::fromJson(patterns.out).object().value(QStringLiteral("patterns")).toArray())
        patternTimes << p[QStringLiteral("first")].toString() << p[QStringLiteral("last")].toString();
    QCOMPARE(patternTimes, QSet<QString>(expected.begin(), expected.end()));
}

void TestHostileTimes::entryYearsAheadIsNotNow() {
    // Two instances writing side by side over the last two minutes; one has a line stamped
    // in year 9999 (and an untimed line after it, which inherits that time) among its own.
    QTemporaryDir dir;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QByteArray steady, skewed;
    for (int s = 120; s >= 30; s -= 10) {
        const QByteArray t = now.addSecs(-s).toString(Qt::ISODateWithMs).toUtf8();
        steady += jsonLine(t, "tick");
        skewed += jsonLine(t, "tick");
        if (s == 80)
            skewed += jsonLine("9999-12-31T23:59:59Z", "clock set wrong") + "continued without a time\n";
    }
    writeFile(dir.filePath(QStringLiteral("instances/steady/logs/app.log")), steady);
    writeFile(dir.filePath(QStringLiteral("instances/skewed/logs/app.log")), skewed);
    const std::int64_t lastWrittenUs = now.addSecs(-30).toMSecsSinceEpoch() * 1000;

    Executor executor;
    Workspace workspace(executor);
    QSignalSpy caughtUp(&workspace.alertMonitor(), &AlertMonitor::catchUpFinished);
    workspace.open({dir.path()});
    QTRY_COMPARE_WITH_TIMEOUT(caughtUp.count(), 1, 20000);
    QTest::qWait(AlertMonitor::kQuietMs + 500); // a paused live log's newest second too

    // No instance is silent: both wrote until 30 s ago.
    for (const Alert& a : workspace.alerts().history())
        QVERIFY2(a.ruleId != QLatin1String("instance-silent"), qPrintable(a.summary()));
    // "Now" for ranges and charts stays the newest sensible entry.
    QCOMPARE(workspace.newestTimeUs(), lastWrittenUs);
    const MetricsModel& metrics = workspace.metrics();
    QCOMPARE(metrics.lastTimeUs(), lastWrittenUs);
    const std::int64_t nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    const TimeRange range = chartRange(ChartWindow::Minutes15, metrics, nowUs);
    QVERIFY(range.fromUs < now.addSecs(-120).toMSecsSinceEpoch() * 1000);
    QVERIFY(range.toUs > lastWrittenUs && range.toUs <= nowUs + 60LL * 1000000);
    QVERIFY(range.toUs - range.fromUs <= 20LL * 60 * 1000000);

    // The entry stays in the table, shown as written.
    LogTableModel& table = workspace.table();
    table.setUtc(true);
    QTRY_VERIFY(table.settled() && table.rowCount() == int(workspace.store().size()));
    int shownAhead = 0;
    for (int r = 0; r < table.rowCount(); ++r)
        shownAhead += table.index(r, LogTableModel::TimeColumn)
                          .data()
                          .toString()
                          .startsWith(QLatin1String("9999-12-31"));
    QCOMPARE(shownAhead, 2);

    // `vigil check` evaluates the same rules headless, over the whole scan.
    const Run check = runVigil({QStringLiteral("check"), dir.path(), QStringLiteral("--json")}, dir.path());
    QVERIFY2(check.exitCode == 0 || check.exitCode == 1, check.out.constData());
    QVERIFY2(!check.out.contains("instance-silent"), check.out.constData());
}

QTEST_GUILESS_MAIN(TestHostileTimes)
#include "tst_hostiletimes.moc"
