// Integration: `vigil follow` runs while shared/tools/corpus.py writes a live deployment with
// Python's RotatingFileHandler (tracebacks included, rotation every 64 KB, five backups), and
// the entries it counts per instance must equal what the generator wrote: nothing lost,
// nothing doubled.

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestFollowLive : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void countsPerInstanceMatchTheGenerator();
};

void TestFollowLive::countsPerInstanceMatchTheGenerator() {
    QTemporaryDir dir;
    QProcess vigil;
    vigil.start(QStringLiteral(VIGIL_BINARY), {"follow", dir.path(), "--seconds", "15", "--json"});
    QVERIFY(vigil.waitForStarted());
    QByteArray err;
    QElapsedTimer waited;
    waited.start();
    while (!err.contains("vigil: following") && waited.elapsed() < 15000) {
        vigil.waitForReadyRead(100);
        err += vigil.readAllStandardError();
    }
    QVERIFY2(err.contains("vigil: following"), err.constData());

    QProcess generator;
    generator.start(QStringLiteral("python3"),
                    {QStringLiteral(VIGIL_SHARED_DIR "/tools/corpus.py"), "live", dir.path(), "--rate",
                     "2000", "--seconds", "10", "--rotate-kb", "64"});
    QVERIFY2(generator.waitForFinished(60000), "the generator did not finish");
    QCOMPARE(generator.exitCode(), 0);
    const QJsonObject written = QJsonDocument::fromJson(generator.readAllStandardOutput()).object();
    QVERIFY2(vigil.waitForFinished(60000), "vigil follow did not finish");
    QCOMPARE(vigil.exitCode(), 0);
    const QJsonObject read = QJsonDocument::fromJson(vigil.readAllStandardOutput()).object();

    const QJsonObject perInstance = written.value("per_instance").toObject();
    QCOMPARE(perInstance.size(), 3);
    const QJsonObject instances = read.value("instances").toObject();
    for (const QString& name : perInstance.keys())
        QCOMPARE(qint64(instances.value(name).toDouble()), qint64(perInstance.value(name).toDouble()));
    QCOMPARE(instances.size(), perInstance.size());
    QCOMPARE(qint64(read.value("entries").toDouble()), qint64(written.value("entries").toDouble()));
    QCOMPARE(read.value("duplicates").toDouble(), 0.0);
    QCOMPARE(read.value("unparsed").toDouble(), 0.0);
    const QJsonObject latency = read.value("latency_ms").toObject();
    QVERIFY(latency.contains("p50") && latency.contains("p99"));
    qInfo("read %d entries; write-to-store latency p50 %.1f ms, p99 %.1f ms",
          int(read.value("entries").toDouble()), latency.value("p50").toDouble(),
          latency.value("p99").toDouble());
}

QTEST_GUILESS_MAIN(TestFollowLive)
#include "tst_followlive.moc"
