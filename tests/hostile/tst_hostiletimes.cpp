// Times no clock meant: before 1970 (negative epoch microseconds, whose milliseconds a
// division toward zero showed one too high: .123456 as .124).

#include "models/exec/executor.h"
#include "models/export/entryexport.h"
#include "models/ingest/scanner.h"
#include "models/logtablemodel.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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

QTEST_GUILESS_MAIN(TestHostileTimes)
#include "tst_hostiletimes.moc"
