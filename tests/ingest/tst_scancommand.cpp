// `vigil scan` end to end, as a user runs it: the samples' true counts, and exit codes.
#include <QtTest>

class TestScanCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void samplesMatchExpectedCounts();
    void readableSummaryWithoutJson();
    void unreadableRootsExitTwo();
    void oneReadableRootIsEnough();

private:
    static QJsonObject runJson(const QStringList& args, int* exitCode = nullptr);
};

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
    for (const char* key : {"entries", "lines", "bytes"}) QCOMPARE(got[key].toInteger(), expected[key].toInteger());
    QCOMPARE(got["levels"].toObject(), expected["levels"].toObject());

    // Every entry has an instance; the instances add up to the entries.
    qint64 byInstance = 0;
    for (const QJsonValue v : got["instances"].toObject()) byInstance += v.toInteger();
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
    const QJsonObject got =
        runJson({"/nonexistent/root", QStringLiteral(VIGIL_SHARED_DIR) + "/samples/deployment/octollm"}, &code);
    QCOMPARE(code, 0);
    QCOMPARE(got["entries"].toInteger(), 158 + 127);
    QCOMPARE(got["errors"].toArray().size(), 1);
    QCOMPARE(got["errors"].toArray()[0].toObject()["path"].toString(), QString("/nonexistent/root"));
}

QTEST_GUILESS_MAIN(TestScanCommand)
#include "tst_scancommand.moc"
