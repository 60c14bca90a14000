// What changed: a burst of a new error in the second range is the diff's first line, a
// pattern that stopped is "gone", per-instance news is told apart, the metrics that moved
// are listed and `vigil diff` prints the same in JSON.

#include "deploymentwriter.h"

#include "models/ingest/scanner.h"
#include "models/insight/diffreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

namespace {
constexpr int kRequests = 1200;                             // 20 minutes at one a second per instance
constexpr std::int64_t kSplitMs = test::kStartMs + 900'000; // the burst starts after 15 minutes

// Before the split every instance logs a cache warm-up now and then; after it, api-1 logs
// a new payment error 48 times and nobody warms the cache any more.
QByteArray incident(const test::InstancePlan& p, int i, std::int64_t ms) {
    QByteArray out;
    if (ms < kSplitMs && i % 30 == 0)
        out += test::textLine(ms, p.name, "INFO", QStringLiteral("Cache warmed with %1 keys").arg(1000 + i));
    if (ms >= kSplitMs && p.name == QStringLiteral("api-1") && i % 6 == 0)
        out +=
            test::textLine(ms, p.name, "ERROR",
                           QStringLiteral("Payment pay_%1x declined by gateway 'stripe-eu'").arg(90000 + i));
    return out;
}

std::vector<test::InstancePlan> plans() {
    std::vector<test::InstancePlan> out;
    for (int i = 0; i < 3; ++i) {
        test::InstancePlan p;
        p.name = QStringLiteral("api-%1").arg(i);
        p.requests = kRequests;
        p.errorShare = 0.02;
        out.push_back(p);
    }
    return out;
}

const TimeRange kBefore{(test::kStartMs)*1000, kSplitMs * 1000};
const TimeRange kAfter{kSplitMs * 1000, (test::kStartMs + kRequests * 1000) * 1000};
} // namespace

class TestRangeDiff : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void burstComesFirst() {
        QTemporaryDir dir;
        QVERIFY(test::writeDeployment(dir.path(), plans(), incident));
        EntryStore store;
        scanInto(store, {dir.path()});
        const auto diff = diffPatterns(store, TextAccess::capture(store), kBefore, kAfter);
        QVERIFY(diff);
        QVERIFY(!diff->changes.empty());
        const PatternChange& first = diff->changes.front();
        QCOMPARE(QString::fromStdString(first.pattern),
                 QStringLiteral("Payment {id} declined by gateway {str}"));
        QCOMPARE(first.kind, PatternChange::Kind::New);
        QCOMPARE(first.before, std::uint64_t(0));
        QCOMPARE(first.after, std::uint64_t(50)); // requests 900..1199 with i % 6 == 0
        QCOMPARE(first.highest, Level::Error);
        QCOMPARE(first.instances.size(), std::size_t(1));
        QCOMPARE(diff->entriesBefore + diff->entriesAfter, store.size());

        bool gone = false, requestsSteady = true;
        for (const PatternChange& c : diff->changes) {
            if (c.pattern == "Cache warmed with {num} keys") {
                gone = true;
                QCOMPARE(c.kind, PatternChange::Kind::Gone);
                QCOMPARE(c.before, std::uint64_t(90)); // 30 per instance
            }
            // The request lines keep their rate: they are no change.
            if (QString::fromStdString(c.pattern).startsWith(QStringLiteral("GET "))) requestsSteady = false;
        }
        QVERIFY(gone);
        QVERIFY(requestsSteady);

        // The text report's first change line is the burst.
        RangeDiffReport report;
        report.before = kBefore;
        report.after = kAfter;
        report.patterns = *diff;
        MetricsModel metrics;
        metrics.ingest(store, store.beginIndex(), store.endIndex());
        report.metrics = diffMetrics(metrics, store.instances(), store.endpoints(), kBefore, kAfter);
        const QStringList lines = diffText(report, store.instances(), 10).split(QLatin1Char('\n'));
        const int heading = int(lines.indexOf(QStringLiteral("patterns (new, changed in rate, gone):")));
        QVERIFY(heading >= 0);
        QVERIFY2(lines[heading + 1].contains(QStringLiteral("Payment {id} declined")),
                 qPrintable(lines[heading + 1]));
        QVERIFY(lines[heading + 1].trimmed().startsWith(QStringLiteral("new")));
        // api-1's error rate moved (2 % → about 16 %); the others' did not.
        bool moved = false;
        for (const MetricChange& m : report.metrics) {
            if (m.metric == QStringLiteral("error rate") && m.scope == QStringLiteral("api-1")) moved = true;
            QVERIFY2(m.scope != QStringLiteral("api-0") && m.scope != QStringLiteral("api-2"),
                     qPrintable(m.scope));
        }
        QVERIFY(moved);
    }

    void rangesParse() {
        QString error;
        const std::int64_t newest = 1'762'770'000'000'000;
        auto r = parseTimeRange(QStringLiteral("-75m..-15m"), newest, &error);
        QVERIFY(r);
        QCOMPARE(r->toUs - r->fromUs, std::int64_t(3600) * 1'000'000);
        QCOMPARE(r->toUs, newest + 1 - 900 * std::int64_t(1'000'000));
        r = parseTimeRange(QStringLiteral("2025-11-10T10:20:00Z..2025-11-10T10:35:00Z"), newest, &error);
        QVERIFY(r);
        QCOMPARE(r->fromUs, test::kStartMs * 1000);
        QCOMPARE(r->toUs - r->fromUs, std::int64_t(900) * 1'000'000);
        QVERIFY(!parseTimeRange(QStringLiteral("-15m"), newest, &error));
        QVERIFY(!parseTimeRange(QStringLiteral("-5m..-15m"), newest, &error));
        QVERIFY(!parseTimeRange(QStringLiteral("yesterday..today"), newest, &error));
    }

    void command() {
        QTemporaryDir dir;
        QVERIFY(test::writeDeployment(dir.path(), plans(), incident));
        QProcess vigil;
        vigil.start(QStringLiteral(VIGIL_BINARY),
                    {QStringLiteral("diff"), dir.path(), QStringLiteral("--before"),
                     QStringLiteral("2025-11-10T10:20:00Z..2025-11-10T10:35:00Z"), QStringLiteral("--after"),
                     QStringLiteral("-5m.."), QStringLiteral("--json")});
        QVERIFY(vigil.waitForFinished(60000));
        QCOMPARE(vigil.exitCode(), 0);
        const QJsonObject doc = QJsonDocument::fromJson(vigil.readAllStandardOutput()).object();
        const QJsonObject first = doc.value(QStringLiteral("patterns")).toArray().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("kind")).toString(), QStringLiteral("new"));
        QCOMPARE(first.value(QStringLiteral("pattern")).toString(),
                 QStringLiteral("Payment {id} declined by gateway {str}"));
        QCOMPARE(first.value(QStringLiteral("after")).toInt(), 50);
        QCOMPARE(first.value(QStringLiteral("instances")).toObject().keys(),
                 QStringList{QStringLiteral("api-1")});

        vigil.start(QStringLiteral(VIGIL_BINARY),
                    {QStringLiteral("diff"), dir.path(), QStringLiteral("--before"),
                     QStringLiteral("soon..later"), QStringLiteral("--after"), QStringLiteral("-5m..")});
        QVERIFY(vigil.waitForFinished(60000));
        QCOMPARE(vigil.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestRangeDiff)
#include "tst_rangediff.moc"
