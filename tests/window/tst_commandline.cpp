// The `vigil` executable's command line, run as a user runs it on a server: no display, no
// platform set. Help and version answer with exit 0; an unknown option or a bad value is
// refused with the usage and exit 2 instead of being ignored or turned into a bad timer.

#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

namespace {
struct Run {
    int exitCode;
    QString out, err;
};

Run vigil(const QStringList& arguments) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(VIGIL_BINARY), arguments);
    p.waitForFinished(30'000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}
} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void helpListsEveryCommandWithoutADisplay() {
        for (const QString& flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
            const Run r = vigil({flag});
            QCOMPARE(r.exitCode, 0);
            for (const char* word :
                 {"scan", "show", "follow", "check", "patterns", "diff", "--demo", "--version"})
                QVERIFY2(r.out.contains(QLatin1String(word)), word);
        }
    }

    void eachCommandHasItsHelp() {
        for (const char* command : {"scan", "show", "follow", "check", "patterns", "diff"}) {
            const Run r = vigil({QLatin1String(command), QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.startsWith(QStringLiteral("usage: vigil ") + QLatin1String(command)),
                     qPrintable(r.out));
        }
    }

    void versionWithoutADisplay() {
        const Run r = vigil({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("vigil " VIGIL_VERSION)), qPrintable(r.out));
    }

    void badInputIsRefusedWithTheUsage_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        const QString samples = QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment");
        QTest::newRow("unknown window option") << QStringList{"--bogus"} << "unknown option --bogus";
        QTest::newRow("scan --bogus") << QStringList{"scan", samples, "--bogus"} << "unknown option --bogus";
        QTest::newRow("seconds too large")
            << QStringList{"follow", samples, "--seconds", "1e12"} << "--seconds";
        QTest::newRow("seconds not a number")
            << QStringList{"follow", samples, "--seconds", "soon"} << "--seconds";
        QTest::newRow("value missing") << QStringList{"check", samples, "--rules"} << "--rules needs a value";
        QTest::newRow("flag with a value") << QStringList{"scan", samples, "--json=yes"} << "takes no value";
        QTest::newRow("no root") << QStringList{"scan"} << "no root";
        QTest::newRow("diff without ranges") << QStringList{"diff", samples} << "--before and --after";
        QTest::newRow("diff backwards range")
            << QStringList{"diff", samples, "--before", "-5m..-15m", "--after", "-5m.."}
            << "ends before it starts";
        QTest::newRow("patterns --top negative")
            << QStringList{"patterns", samples, "--top", "-1"} << "--top";
    }
    void badInputIsRefusedWithTheUsage() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        const Run r = vigil(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(says), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("usage: vigil")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void optionsEndAtDoubleDash() {
        // A root whose name starts with a dash is a root after `--`, not an option.
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("-logs"));
        QVERIFY(QDir().mkpath(root));
        QFile f(root + QStringLiteral("/app.log"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("2025-11-10 10:20:01,123 - app - INFO - started\n");
        f.close();
        QDir::setCurrent(dir.path());
        const Run r = vigil({QStringLiteral("scan"), QStringLiteral("--json"), QStringLiteral("--"),
                             QStringLiteral("-logs")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("\"entries\":1")), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
