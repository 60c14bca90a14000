// AlertMonitor feeding metrics and an alert engine from a real LiveIngest: nothing is judged while the
// initial scan delivers files one after another; then old logs are evaluated to their last entry at once, and
// recent logs that have paused get their newest second evaluated after a quiet spell. With an executor the
// entries are counted on its threads, and the figures equal those of counting the files directly.

#include "../metrics/metricscompare.h"

#include "models/alerts/alertmonitor.h"
#include "models/ingest/scanner.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <time.h>

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

// CPU time of the calling thread, in milliseconds: what this thread did, whatever else the
// machine ran meanwhile.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// `entries` requests of eco-backend, 50 a second, ending two hours ago.
void writeManyRequests(const QString& path, int entries) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const qint64 start = QDateTime::currentSecsSinceEpoch() - 7200 - entries / 50;
    QByteArray text;
    for (int i = 0; i < entries; ++i)
        text += QDateTime::fromSecsSinceEpoch(start + i / 50, Qt::UTC)
                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                    .toUtf8() +
                " - [eco-backend] - api.chat - INFO - Request: POST /v1/chat/completions - 200 - " +
                QByteArray::number(0.1 + (i % 37) * 0.05, 'f', 3) + "s\n";
    f.write(text);
}

QString describe(const Alert& a) {
    return QStringLiteral("%1 %2 %3 %4..%5 value %6 peak %7 current %8 repeats %9")
        .arg(a.ruleId, a.instance)
        .arg(int(a.peakSeverity))
        .arg(a.raisedUs)
        .arg(a.resolvedUs)
        .arg(a.value)
        .arg(a.peakValue)
        .arg(a.currentValue)
        .arg(a.repeats);
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
    void workerFiguresEqualDirectCounting();
    void countingLeavesTheGuiThread();
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

void TestAlertMonitor::workerFiguresEqualDirectCounting() {
    // The sample deployment followed as the window follows it (files delivered one after
    // another, counted on workers, merged in slices) gives the metrics and the alerts that
    // counting the scanned files in one go gives.
    const QString root = QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment");
    std::vector<AlertRule> rules = defaultAlertRules();
    for (AlertRule r : slowRule()) {
        r.warning = 1; // requests of the samples take seconds: this one fires
        r.critical = 3;
        rules.push_back(r);
    }

    EntryStore directStore;
    scanInto(directStore, {root});
    MetricsModel directMetrics;
    AlertEngine directEngine(directMetrics);
    directEngine.setRules(rules);
    directMetrics.ingest(directStore, directStore.beginIndex(), directStore.endIndex());
    directEngine.ingest(directStore, directStore.beginIndex(), directStore.endIndex());
    directEngine.flush();

    Executor executor(2);
    EntryStore store;
    LiveIngest ingest(store);
    MetricsModel metrics;
    AlertEngine engine(metrics);
    engine.setRules(rules);
    AlertMonitor monitor(metrics, engine, &executor);
    monitor.attach(&ingest);
    QSignalSpy caughtUp(&monitor, &AlertMonitor::catchUpFinished);
    ingest.open({root});
    QTRY_COMPARE_WITH_TIMEOUT(caughtUp.count(), 1, 20000);
    QCOMPARE(store.size(), directStore.size());
    QCOMPARE(monitor.entriesCountedByWorkers(), store.size());

    const QStringList differences = test::metricsDifferences(directMetrics, directStore, metrics, store);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
    QStringList want, got;
    for (const Alert& a : directEngine.history())
        want << describe(a);
    for (const Alert& a : engine.history())
        got << describe(a);
    QVERIFY(!want.isEmpty());
    // Alerts of one second come in instance order, and the two scans may number the
    // instances differently.
    want.sort();
    got.sort();
    QCOMPARE(got, want);
    QCOMPARE(engine.evaluatedSeconds(), directEngine.evaluatedSeconds());
}

void TestAlertMonitor::countingLeavesTheGuiThread() {
    // Counting 300,000 entries costs the thread that hands them over a fraction of what
    // counting them itself costs: the per-entry work runs on the executor's threads.
    QTemporaryDir dir;
    writeManyRequests(dir.filePath(QStringLiteral("instances/eco-backend/logs/app.log")), 300000);
    EntryStore store;
    scanInto(store, {dir.path()});
    QCOMPARE(store.size(), std::uint64_t(300000));

    double directMs = threadCpuMs();
    MetricsModel directMetrics;
    AlertEngine directEngine(directMetrics);
    directMetrics.ingest(store, store.beginIndex(), store.endIndex());
    directEngine.ingest(store, store.beginIndex(), store.endIndex());
    directMs = threadCpuMs() - directMs;

    Executor executor(2);
    LiveIngest ingest(store);
    MetricsModel metrics;
    AlertEngine engine(metrics);
    AlertMonitor monitor(metrics, engine, &executor);
    double guiMs = threadCpuMs();
    QTimer wake; // waiting for events, not spinning: at worst a look every 50 ms
    wake.start(50);
    QElapsedTimer timeout;
    timeout.start();
    monitor.attach(&ingest);
    QVERIFY(!monitor.idle());
    while (!monitor.idle() && timeout.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    guiMs = threadCpuMs() - guiMs;
    QCOMPARE(metrics.ingestedEntries(), store.size());
    qInfo("counting on this thread: %.1f ms CPU; handing over and merging: %.1f ms CPU", directMs, guiMs);
    QVERIFY2(guiMs < directMs / 4,
             qPrintable(QStringLiteral("%1 ms against %2 ms").arg(guiMs).arg(directMs)));
    QCOMPARE(monitor.entriesCountedByWorkers(), store.size());
    const QStringList differences = test::metricsDifferences(directMetrics, store, metrics, store);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestAlertMonitor)
#include "tst_alertmonitor.moc"
