// `vigil scan` end to end, as a user runs it: the samples' true counts, and exit codes.
#include "../query/samplecopy.h"

#include <QTemporaryDir>
#include <QtTest>

class TestScanCommand : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void samplesMatchExpectedCounts();
    void readableSummaryWithoutJson();
    void unreadableRootsExitTwo();
    void oneReadableRootIsEnough();
    void twoRootsKeepTheirInstancesApart();

  private:
    static QJsonObject runJson(const QStringList& args, int* exitCode = nullptr);
};

void TestScanCommand::twoRootsKeepTheirInstancesApart() {
    // The samples and a copy: same-named instances of two roots are keyed ROOT/instance,
    // each with its own counts.
    const QString shared = QStringLiteral(VIGIL_SHARED_DIR);
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("deployment-copy"));
    QCOMPARE(samples::copyTo(copy), 9);
    int code = -1;
    const QJsonObject one = runJson({shared + "/samples/deployment"}, &code);
    const QJsonObject two = runJson({shared + "/samples/deployment", copy}, &code);
    QCOMPARE(code, 0);
    const QJsonObject single = one["instances"].toObject(), both = two["instances"].toObject();
    QVERIFY(!single.isEmpty());
    QCOMPARE(both.size(), 2 * single.size());
    for (auto it = single.begin(); it != single.end(); ++it) {
        QCOMPARE(both["deployment/" + it.key()].toInteger(), it.value().toInteger());
        QCOMPARE(both["deployment-copy/" + it.key()].toInteger(), it.value().toInteger());
        QCOMPARE(two["errors_by_instance"].toObject()["deployment-copy/" + it.key()].toInteger(),
                 one["errors_by_instance"].toObject()[it.key()].toInteger());
    }
    QCOMPARE(two["entries"].toInteger(), 2 * one["entries"].toInteger());
}

QJsonObject TestScanCommand::runJson(const QStringList& args, int* exitCode) {
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY), QStringList{"scan"} + args + QStringList{"--json"});
    if (!p.waitForFinished(60000)) return {};
    if (exitCode) *exitCode = p.exitCode();
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

void TestScanCommand::samplesMatchExpectedCounts() {
    const QString shared = QStringLiteral(VIGIL_SHARED_DIR);
    QFile expectedFile(shared + "/samples/EXPECTED.json");
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    int code = -1;
    const QJsonObject got = runJson({shared + "/samples/deployment"}, &code);
    QCOMPARE(code, 0);

    const QJsonObject expectedFiles = expected["files"].toObject();
    const QJsonObject gotFiles = got["files"].toObject();
    QCOMPARE(gotFiles.size(), expectedFiles.size());
    for (auto it = expectedFiles.begin(); it != expectedFiles.end(); ++it) {
        QVERIFY2(gotFiles.contains(it.key()), qPrintable(it.key()));
        const QJsonObject e = it.value().toObject(), g = gotFiles[it.key()].toObject();
        for (const char* key : {"entries", "lines", "bytes"})
            QVERIFY2(g[key].toInteger() == e[key].toInteger(), qPrintable(it.key() + " " + key));
        QVERIFY(!g["format"].toString().isEmpty());
        QVERIFY(g["format"].toString() != "raw");
    }
    for (const char* key : {"entries", "lines", "bytes"})
        QCOMPARE(got[key].toInteger(), expected[key].toInteger());
    QCOMPARE(got["levels"].toObject(), expected["levels"].toObject());

    // Every entry has an instance; the instances add up to the entries.
    qint64 byInstance = 0;
    for (const QJsonValue v : got["instances"].toObject())
        byInstance += v.toInteger();
    QCOMPARE(byInstance, expected["entries"].toInteger());
    QVERIFY(got["instances"].toObject().contains("eco-backend"));
    QCOMPARE(got["unparsed"].toInteger(), 0);
    QCOMPARE(got["duplicates"].toInteger(), 0);
    QVERIFY(got["errors"].toArray().isEmpty());
    QVERIFY(got["seconds"].toDouble() > 0);
    QVERIFY(got["mb_per_s"].toDouble() > 0);
}

void TestScanCommand::readableSummaryWithoutJson() {
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY), {"scan", QStringLiteral(VIGIL_SHARED_DIR) + "/samples/deployment"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY(out.contains("1925 entries"));
    QVERIFY(out.contains("octollm/orchestrator.log"));
    QVERIFY(out.contains("structlog-json"));
    // Instances by name, whichever file the parallel scan met first; counts from the files.
    const QString instances = out.section(QStringLiteral("Instances (entries / errors):\n"), 1)
                                  .section(QStringLiteral("\nUnparsed"), 0, 0);
    QStringList names;
    for (const QString& line : instances.split('\n'))
        names << line.trimmed().section(' ', 0, 0);
    QCOMPARE(names, (QStringList{"ai_voice_agent", "dchat", "eco-backend", "eco-diagnostics", "local-llm",
                                 "octollm", "octollm-orchestrator", "shared"}));
    QVERIFY(instances.contains(QStringLiteral("shared  482 / 61")));
}

void TestScanCommand::unreadableRootsExitTwo() {
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY), {"scan", "/nonexistent/one", "/nonexistent/two"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("/nonexistent/one"));

    QProcess noArgs;
    noArgs.start(QStringLiteral(VIGIL_BINARY), {"scan"});
    QVERIFY(noArgs.waitForFinished(60000));
    QCOMPARE(noArgs.exitCode(), 2);
}

void TestScanCommand::oneReadableRootIsEnough() {
    int code = -1;
    const QJsonObject got = runJson(
        {"/nonexistent/root", QStringLiteral(VIGIL_SHARED_DIR) + "/samples/deployment/octollm"}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(got["entries"].toInteger(), 158 + 127);
    QCOMPARE(got["errors"].toArray().size(), 1);
    QCOMPARE(got["errors"].toArray()[0].toObject()["path"].toString(), QString("/nonexistent/root"));
}

QTEST_GUILESS_MAIN(TestScanCommand)
#include "tst_scancommand.moc"
