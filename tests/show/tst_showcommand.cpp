// `vigil show` end to end, as a user runs it: counts on the samples against what the files
// hold, each filter, the last N, --since on a deployment written relative to now, masking,
// escaped control characters, following through a rotation, and refused input.
#include "../query/samplefiles.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

QProcessEnvironment environment(const QByteArray& tz = "UTC") {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TZ"), QString::fromLatin1(tz));
    return env;
}

Run show(const QStringList& args, const QByteArray& tz = "UTC") {
    QProcess p;
    p.setProcessEnvironment(environment(tz));
    p.start(QStringLiteral(VIGIL_BINARY), QStringList{QStringLiteral("show")} + args);
    Run r;
    if (!p.waitForFinished(120000)) return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// `vigil show ARGS --json`, parsed; fails the test on any line that is not a JSON object.
QList<QJsonObject> showJson(const QStringList& args) {
    const Run r = show(args + QStringList{QStringLiteral("--json")});
    [&] { QCOMPARE(r.code, 0); }();
    QList<QJsonObject> entries;
    for (const QByteArray& line : r.out.split('\n')) {
        if (line.isEmpty()) continue;
        QJsonParseError error;
        const QJsonDocument d = QJsonDocument::fromJson(line, &error);
        [&] { QVERIFY2(d.isObject(), line.constData()); }();
        entries << d.object();
    }
    return entries;
}

bool inTimeOrder(const QList<QJsonObject>& entries) {
    for (int i = 1; i < entries.size(); ++i)
        if (entries[i]["time"].toString() < entries[i - 1]["time"].toString()) return false;
    return true;
}

QByteArray pythonLine(const QDateTime& t, const QByteArray& level, const QByteArray& message) {
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1() + " - [svc] - app.main - " +
           level + " - [main:run:1] - " + message + "\n";
}

void writeFile(const QString& path, const QByteArray& bytes,
               QIODevice::OpenMode mode = QIODevice::WriteOnly) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(mode));
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

class TestShowCommand : public QObject {
    Q_OBJECT
    QList<QJsonObject> m_all; // every sample entry, as `vigil show --json` prints it

  private Q_SLOTS:
    void initTestCase() {
        m_all = showJson({samples::root()});
        QVERIFY(!m_all.isEmpty());
    }

    void everyEntryOnceInTimeOrder() {
        const QJsonObject expected = samples::expected();
        QCOMPARE(qint64(m_all.size()), expected["entries"].toInteger());
        QVERIFY(inTimeOrder(m_all));
        // As text: one line per entry and its further lines below it, indented.
        const Run text = show({samples::root()});
        QCOMPARE(text.code, 0);
        const QList<QByteArray> lines = text.out.trimmed().split('\n');
        QCOMPARE(qint64(lines.size()), expected["lines"].toInteger());
        qint64 continuation = 0;
        for (const QByteArray& l : lines)
            continuation += l.startsWith("  ") ? 1 : 0;
        QCOMPARE(continuation, expected["lines"].toInteger() - expected["entries"].toInteger());
    }

    void levelAndAbove() {
        const QJsonObject levels = samples::expected()["levels"].toObject();
        const QList<QJsonObject> errors = showJson({samples::root(), "--level", "error"});
        QCOMPARE(qint64(errors.size()), levels["ERROR"].toInteger() + levels["CRITICAL"].toInteger());
        for (const QJsonObject& e : errors)
            QVERIFY(e["level"] == "ERROR" || e["level"] == "CRITICAL");
        QVERIFY(inTimeOrder(errors));
        const QList<QJsonObject> warnings = showJson({samples::root(), "--level", "WARN"});
        QCOMPARE(qint64(warnings.size()), levels["WARNING"].toInteger() + levels["ERROR"].toInteger() +
                                              levels["CRITICAL"].toInteger());
    }

    void instances() {
        const QSet<QString> wanted{"eco-backend", "local-llm"};
        const QList<QJsonObject> got =
            showJson({samples::root(), "--instance", "eco-backend", "--instance", "local-llm"});
        int expected = 0;
        for (const QJsonObject& e : m_all)
            expected += wanted.contains(e["instance"].toString()) ? 1 : 0;
        QVERIFY(expected > 0);
        QCOMPARE(got.size(), expected);
        for (const QJsonObject& e : got)
            QVERIFY(wanted.contains(e["instance"].toString()));
        // A name no entry carries is said on stderr; nothing matches, which is no error.
        const Run none = show({samples::root(), "--instance", "no-such-instance"});
        QCOMPARE(none.code, 0);
        QVERIFY(none.out.isEmpty());
        QVERIFY(none.err.contains("no instance named no-such-instance"));
    }

    void grep() {
        // Each line naming this event is an entry of its own.
        const QString needle = QStringLiteral("chat_completion_error");
        const QList<QJsonObject> got = showJson({samples::root(), "--grep", needle.toUpper()});
        QCOMPARE(got.size(), samples::countLines(samples::allLines(), needle, Qt::CaseInsensitive));
        // A phrase found in an entry's first line and again in its traceback: entries, not lines.
        const QList<QJsonObject> timedOut = showJson({samples::root(), "--grep", "Timed Out"});
        int expected = 0;
        for (const QJsonObject& e : m_all)
            expected += e["text"].toString().contains("timed out", Qt::CaseInsensitive) ? 1 : 0;
        QVERIFY(expected > 0);
        QCOMPARE(timedOut.size(), expected);
        QVERIFY(timedOut.size() < samples::countLines(samples::allLines(), "timed out", Qt::CaseInsensitive));
        QCOMPARE(showJson({samples::root(), "--grep", "Timed Out", "--case-sensitive"}).size(), 0);
        const QList<QJsonObject> regex =
            showJson({samples::root(), "--grep", "timed out after [0-9]+s", "--regex"});
        QCOMPARE(regex.size(), expected);
    }

    void fields() {
        const QList<QJsonObject> got = showJson({samples::root(), "--fields", "status>=500"});
        int expected = 0;
        for (const QJsonObject& e : m_all)
            expected += e["status"].toInt() >= 500 ? 1 : 0;
        QVERIFY(expected > 0);
        QCOMPARE(got.size(), expected);
        for (const QJsonObject& e : got) {
            QVERIFY(e["status"].isDouble()); // a number, not a string
            QVERIFY(e["status"].toInt() >= 500);
        }
        const QList<QJsonObject> slow =
            showJson({samples::root(), "--fields", "duration>5s", "--level", "warning"});
        QVERIFY(!slow.isEmpty());
        for (const QJsonObject& e : slow) {
            QVERIFY(e["duration_seconds"].isDouble());
            QVERIFY(e["duration_seconds"].toDouble() > 5);
        }
    }

    void lastLines() {
        const QList<QJsonObject> errors = showJson({samples::root(), "--level", "error"});
        const QList<QJsonObject> last = showJson({samples::root(), "--level", "error", "--lines", "7"});
        QCOMPARE(last.size(), 7);
        QCOMPARE(last, errors.mid(errors.size() - 7));
        QCOMPARE(showJson({samples::root(), "--lines", "0"}).size(), 0);
        QCOMPARE(showJson({samples::root(), "--lines", "100000"}).size(), m_all.size());
    }

    void sinceIsRelativeToNow() {
        QTemporaryDir dir;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QByteArray log;
        for (int minutes : {300, 150, 90, 45, 20, 2})
            log += pythonLine(now.addSecs(-60 * minutes), "INFO",
                              "written " + QByteArray::number(minutes) + " min ago");
        writeFile(dir.filePath("svc/logs/app.log"), log);
        QCOMPARE(showJson({dir.path(), "--since", "1h"}).size(), 3);
        QCOMPARE(showJson({dir.path(), "--since", "100m"}).size(), 4);
        QCOMPARE(showJson({dir.path(), "--since", "6h"}).size(), 6);
        QCOMPARE(showJson({dir.path(), "--since", "1d"}).size(), 6);
        QCOMPARE(showJson({dir.path(), "--since", "30s"}).size(), 0);
        const QList<QJsonObject> recent = showJson({dir.path(), "--since", "1800s"});
        QCOMPARE(recent.size(), 2);
        QVERIFY(recent[0]["message"].toString().contains("20 min ago"));
    }

    void timesLocalOrUtc() {
        QTemporaryDir dir;
        writeFile(dir.filePath("svc/logs/app.log"),
                  "2025-10-10 12:00:00 - [svc] - app.main - INFO - [main:run:1] - noon UTC\n");
        QVERIFY(show({dir.path()}, "Asia/Tokyo")
                    .out.startsWith("2025-10-10 21:00:00.000  svc  INFO      noon UTC"));
        QVERIFY(show({dir.path(), "--utc"}, "Asia/Tokyo").out.startsWith("2025-10-10 12:00:00.000  svc"));
    }

    void secretsMaskedAndControlsEscaped() {
        QTemporaryDir dir;
        const QByteArray key = "sk-ant-0123456789abcdef";
        writeFile(
            dir.filePath("svc/logs/app.log"),
            "2025-10-10 12:00:00 - [svc] - app.main - INFO - [main:run:1] - calling with api_key=" + key +
                "\n"
                "2025-10-10 12:00:01 - [svc] - app.main - ERROR - [main:run:1] - evil \x1b[2J\x1b[H\r"
                "2025-10-10 12:00:01 - [svc] - app.main - CRITICAL - forged \xc2\x9b"
                "31m red\x07\n"
                "2025-10-10 12:00:02 - [svc] - app.main - INFO - [main:run:1] - after\n");
        const Run text = show({dir.path()});
        QCOMPARE(text.code, 0);
        QVERIFY(!text.out.contains(key));
        QVERIFY(text.out.contains("api_key=***"));
        QVERIFY2(!text.out.contains('\x1b') && !text.out.contains('\r') && !text.out.contains('\x07') &&
                     !text.out.contains("\xc2\x9b"),
                 text.out.constData());
        QVERIFY(text.out.contains(
            "evil \\x1b[2J\\x1b[H\\r2025-10-10 12:00:01 - [svc] - app.main - CRITICAL - forged "
            "\\x9b31m red\\x07"));
        // Three entries, three lines: the carriage return forged no line of its own.
        QCOMPARE(text.out.count('\n'), 3);

        const Run json = show({dir.path(), "--json"});
        QCOMPARE(json.code, 0);
        QVERIFY(!json.out.contains(key));
        QVERIFY(!json.out.contains('\x1b') && !json.out.contains("\xc2\x9b"));
        const QList<QByteArray> lines = json.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject evil = QJsonDocument::fromJson(lines[1]).object();
        QVERIFY(evil["text"].toString().contains(QStringLiteral("evil \x1b[2J")));
        QVERIFY(evil["text"].toString().contains(QChar(0x9b)));
    }

    void followsAppendsAndRotation() {
        QTemporaryDir dir;
        const QString log = dir.filePath("svc/logs/app.log");
        const QDateTime t0 = QDateTime::fromString("2025-10-10T12:00:00Z", Qt::ISODate);
        QByteArray initial;
        for (int i = 0; i < 15; ++i)
            initial += pythonLine(t0.addSecs(i), i % 2 ? "ERROR" : "INFO", "old " + QByteArray::number(i));
        writeFile(log, initial);

        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(VIGIL_BINARY),
                {"show", dir.path(), "--follow", "--level", "error", "--lines", "3"});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        auto waitFor = [&](const QByteArray& text) {
            QDeadlineTimer deadline(30000);
            while (!out.contains(text) && !deadline.hasExpired()) {
                p.waitForReadyRead(200);
                out += p.readAllStandardOutput();
            }
            return out.contains(text);
        };
        QVERIFY2(waitFor("old 13\n"), out.constData());
        QCOMPARE(out.count('\n'), 3); // the last 3 errors: old 9, 11, 13
        QVERIFY(out.startsWith("2025-10-10 12:00:09.000  svc  ERROR     old 9\n"));

        writeFile(log,
                  pythonLine(t0.addSecs(20), "INFO", "new info") +
                      pythonLine(t0.addSecs(21), "ERROR", "new error"),
                  QIODevice::Append);
        QVERIFY2(waitFor("new error\n"), out.constData());
        // Rotation as RotatingFileHandler does it: rename, then a new file.
        QVERIFY(QFile::rename(log, log + ".1"));
        writeFile(log, pythonLine(t0.addSecs(22), "CRITICAL", "after rotation"));
        QVERIFY2(waitFor("after rotation\n"), out.constData());

        p.terminate(); // SIGTERM: finish what was written, then exit
        QVERIFY(p.waitForFinished(30000));
        out += p.readAllStandardOutput();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(!out.contains("new info"));
        QCOMPARE(out.count("new error"), 1);
        QCOMPARE(out.count("after rotation"), 1);
        QCOMPARE(out.count('\n'), 5);
    }

    void badInputExitsTwo() {
        const QString root = samples::root();
        const QList<QStringList> bad = {
            {},
            {"/nonexistent/vigil-show"},
            {root, "--bogus"},
            {root, "--level", "loud"},
            {root, "--lines", "-1"},
            {root, "--lines", "ten"},
            {root, "--lines", "2.5"},
            {root, "--since", "yesterday"},
            {root, "--since", "-5m"},
            {root, "--fields", "status>=abc"},
            {root, "--grep", "(", "--regex"},
        };
        for (const QStringList& args : bad) {
            const Run r = show(args);
            QVERIFY2(r.code == 2, qPrintable(args.join(' ')));
            QVERIFY2(!r.err.isEmpty(), qPrintable(args.join(' ')));
            QVERIFY2(r.out.isEmpty(), qPrintable(args.join(' ')));
        }
        QVERIFY(show({root, "--fields", "status>=abc"}).err.contains("abc is not a number"));
        // No match is no error.
        const Run none = show({root, "--grep", "no such text in any entry"});
        QCOMPARE(none.code, 0);
        QVERIFY(none.out.isEmpty());
        QCOMPARE(show({"--help"}).code, 0);
    }
};

QTEST_GUILESS_MAIN(TestShowCommand)
#include "tst_showcommand.moc"
