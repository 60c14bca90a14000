// AlertMonitor feeding metrics and an alert engine from a real LiveIngest: nothing is judged while the
// initial scan delivers files one after another; then old logs are evaluated to their last entry at once, and
// recent logs that have paused get their newest second evaluated after a quiet spell.

#include "models/alerts/alertmonitor.h"
#include "models/ingest/scanner.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

namespace {
// Seed 000's text format: six seconds of requests, the last second holding one slow
// request (12 s) followed by a normal one. (While following, the last line of a file stays
// open until more is written or the file is quiet: the slow one is not the last line.)
void writeLog(const QString& path, qint64 lastSecond) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    auto line = [&](qint64 s, const char* duration) {
        const QByteArray time = QDateTime::fromSecsSinceEpoch(s, Qt::UTC)
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                    .toUtf8();
        f.write(
            time +
            " - [eco-backend] - middleware.performance_monitor - INFO - [middleware:send_with_timing:95] - "
            "Request: POST /v1/chat/completions - 200 - " +
            duration + "\n");
    };
    for (qint64 s = lastSecond - 5; s < lastSecond; ++s)
        line(s, "0.400s");
    line(lastSecond, "12.000s");
    line(lastSecond, "0.300s");
}

std::vector<AlertRule> slowRule() {
    AlertRule r;
    r.id = QStringLiteral("slow");
    r.metric = AlertMetric::RequestDuration;
    r.warning = 5;
    r.critical = 10;
    return {r};
}
} // namespace

class TestAlertMonitor : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void oldLogsEvaluatedToTheEnd();
    void pausedLiveLogsEvaluatedAfterQuiet();
    void aBigStoreIsFedInSlices();
};

void TestAlertMonitor::oldLogsEvaluatedToTheEnd() {
    QTemporaryDir dir;
    writeLog(dir.filePath(QStringLiteral("instances/eco-backend/logs/app.log")),
             QDateTime::currentSecsSinceEpoch() - 3600);
    EntryStore store;
    LiveIngest ingest(store);
    MetricsModel metrics;
    AlertEngine engine(metrics);
    engine.setRules(slowRule());
    AlertMonitor monitor(metrics, engine);
    monitor.attach(&ingest);
    QSignalSpy caughtUp(&monitor, &AlertMonitor::catchUpFinished);
    ingest.open({dir.path()});
    QTRY_COMPARE_WITH_TIMEOUT(caughtUp.count(), 1, 10000);
    // The slow request is in the very last second: evaluated without waiting for more.
    QCOMPARE(engine.activeAlerts().size(), std::size_t(1));
    QCOMPARE(engine.activeAlerts().at(0).severity, Severity::Critical);
    QCOMPARE(engine.activeAlerts().at(0).instance, QStringLiteral("eco-backend"));
}

void TestAlertMonitor::pausedLiveLogsEvaluatedAfterQuiet() {
    QTemporaryDir dir;
    writeLog(dir.filePath(QStringLiteral("instances/eco-backend/logs/app.log")),
             QDateTime::currentSecsSinceEpoch() - 1);
    EntryStore store;
    LiveIngest ingest(store);
    MetricsModel metrics;
    AlertEngine engine(metrics);
    engine.setRules(slowRule());
    AlertMonitor monitor(metrics, engine);
    monitor.attach(&ingest);
    QSignalSpy caughtUp(&monitor, &AlertMonitor::catchUpFinished);
    ingest.open({dir.path()});
    QTRY_COMPARE_WITH_TIMEOUT(caughtUp.count(), 1, 10000);
    // Live: the newest second waits for a later entry ...
    QVERIFY(engine.activeAlerts().empty());
    // ... or for a quiet spell.
    QTRY_COMPARE_WITH_TIMEOUT(engine.activeAlerts().size(), std::size_t(1), AlertMonitor::kQuietMs + 2000);
    // Attaching another ingest starts from nothing.
    EntryStore other;
    LiveIngest second(other);
    monitor.attach(&second);
    QVERIFY(engine.history().empty());
    QCOMPARE(metrics.ingestedEntries(), std::uint64_t(0));
}

void TestAlertMonitor::aBigStoreIsFedInSlices() {
    // 200,000 entries at once (what attaching to an opened deployment hands over) must not
    // be fed in one GUI-thread event: the rest follows on later turns of the event loop.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("instances/eco-backend/logs/app.log"));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const qint64 start = QDateTime::currentSecsSinceEpoch() - 7200;
    QByteArray text;
    for (int i = 0; i < 200000; ++i)
        text += QDateTime::fromSecsSinceEpoch(start + i / 50, Qt::UTC)
                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                    .toUtf8() +
                " - [eco-backend] - api.chat - INFO - Request: POST /v1/chat/completions - 200 - 0.400s\n";
    f.write(text);
    f.close();
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), std::uint64_t(200000));
    LiveIngest ingest(store);
    MetricsModel metrics;
    AlertEngine engine(metrics);
    AlertMonitor monitor(metrics, engine);
    monitor.attach(&ingest);
    QVERIFY(metrics.ingestedEntries() < store.size());
    QTRY_COMPARE_WITH_TIMEOUT(metrics.ingestedEntries(), store.size(), 30000);
}

QTEST_GUILESS_MAIN(TestAlertMonitor)
#include "tst_alertmonitor.moc"
