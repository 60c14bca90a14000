// MetricsModel on constructed entries: exact request/error counts and rates, duplicates
// counted once, percentiles within 1 %, endpoint tallies with seed 000's thresholds,
// range summaries equal to brute force, and incremental ingest touching only its buckets.

#include "storefeeder.h"

#include "models/endpointtablemodel.h"
#include "models/metrics/chartwindow.h"
#include "models/metrics/metricsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace vigil;
using namespace vigil::test;

namespace {
constexpr std::int64_t kT0 = 1762770000LL * 1000000; // 2025-11-10 10:20:00 UTC
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

TestEntry request(double atSeconds, float duration, std::uint16_t status = 200,
                  const char* endpoint = "GET /a", Level level = Level::Info, int tools = -1) {
    TestEntry e;
    e.timeUs = kT0 + secondsUs(atSeconds);
    e.durationSeconds = duration;
    e.status = status;
    e.endpoint = endpoint;
    e.level = level;
    e.tools = tools;
    return e;
}
TestEntry logLine(double atSeconds, Level level, std::uint64_t hash = 0) {
    TestEntry e;
    e.timeUs = kT0 + secondsUs(atSeconds);
    e.level = level;
    e.textHash = hash;
    return e;
}
InstanceId idOf(const EntryStore& store, const char* name) {
    return InstanceId(store.instances().find(name));
}
} // namespace

class TstMetricsModel : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void countsAndErrorRate() {
        EntryStore store;
        StoreFeeder feed(store);
        const FileId app = feed.addFile(QStringLiteral("a/app.log"), "alpha");
        std::vector<TestEntry> entries;
        entries.push_back(request(0.1, 0.5f, 200));
        entries.push_back(request(0.2, 1.5f, 503));                         // error by status
        entries.push_back(request(0.3, kNaN, 404));                         // request by status only
        entries.push_back(request(0.4, 0.25f, 0, "", Level::Info));         // request by duration only
        entries.push_back(logLine(0.5, Level::Error));                      // error, not a request
        entries.push_back(logLine(0.6, Level::Critical));                   // error, not a request
        entries.push_back(logLine(0.7, Level::Info));                       // neither
        entries.push_back(request(1.1, 2.0f, 200, "GET /a", Level::Error)); // error request
        entries.push_back(logLine(1.2, Level::Warning));
        const auto [first, end] = feed.append(app, entries);

        MetricsModel metrics;
        QSignalSpy spy(&metrics, &MetricsModel::updated);
        metrics.ingest(store, first, end);
        QCOMPARE(spy.count(), 1);
        const InstanceId alpha = idOf(store, "alpha");
        QCOMPARE(metrics.instances(), std::vector<InstanceId>{alpha});

        const MetricsBucket all = metrics.summary(alpha, TimeRange::everything());
        QCOMPARE(all.entries, std::uint64_t(9));
        QCOMPARE(all.requests, std::uint64_t(5));
        QCOMPARE(all.errors, std::uint64_t(4));
        QCOMPARE(all.operations, std::uint64_t(7)); // 5 requests + 2 errors that are not requests
        QCOMPARE(all.errorRate(), 4.0 / 7.0);
        QCOMPARE(all.latency.count(), std::uint64_t(4));
        QCOMPARE(all.levels[std::size_t(Level::Info)], std::uint64_t(5));
        QCOMPARE(all.levels[std::size_t(Level::Error)], std::uint64_t(2));

        // Second 0 alone, second 1 alone.
        const auto s = metrics.series(alpha, 1, TimeRange{kT0, kT0 + secondsUs(10)});
        QCOMPARE(s.size(), std::size_t(2));
        QCOMPARE(s[0].startUs, kT0);
        QCOMPARE(s[0].bucket->requests, std::uint64_t(4));
        QCOMPARE(s[0].bucket->errors, std::uint64_t(3));
        QCOMPARE(s[1].startUs, kT0 + secondsUs(1));
        QCOMPARE(s[1].bucket->requests, std::uint64_t(1));
        QCOMPARE(s[1].bucket->errorRate(), 1.0 / 1.0);
        QCOMPARE(s[1].bucket->latency.quantileSeconds(0.5), 2.0);
    }

    void duplicatesCountOnce() {
        EntryStore store;
        StoreFeeder feed(store);
        const FileId app = feed.addFile(QStringLiteral("logs/app.log"), "beta");
        const FileId err = feed.addFile(QStringLiteral("logs/error.log"), "beta");
        // Errors go to app.log and error.log: same instance, same text, another file.
        auto r1 = feed.append(
            app, {logLine(0, Level::Error, 111), logLine(1, Level::Error, 222), logLine(2, Level::Info)});
        auto r2 = feed.append(err, {logLine(0, Level::Error, 111), logLine(1, Level::Error, 222),
                                    logLine(3, Level::Error, 333)});
        QCOMPARE(store.counters().duplicates, std::uint64_t(2));

        MetricsModel metrics;
        metrics.ingest(store, r1.first, r1.second);
        metrics.ingest(store, r2.first, r2.second);
        const MetricsBucket all = metrics.summary(idOf(store, "beta"), TimeRange::everything());
        QCOMPARE(all.errors, std::uint64_t(3));
        QCOMPARE(all.entries, std::uint64_t(4));
        QCOMPARE(all.errors, store.counters().errorsByInstance[idOf(store, "beta").value]);
        // The volume histogram shows what the table shows: every entry read.
        QCOMPARE(all.volume(), std::uint64_t(6));
    }

    void percentilesPerBucketWithinOnePercent() {
        EntryStore store;
        StoreFeeder feed(store);
        const FileId f = feed.addFile(QStringLiteral("app.log"), "gamma");
        std::mt19937_64 rng(42);
        std::lognormal_distribution<double> d(std::log(0.4), 0.9);
        std::vector<TestEntry> entries;
        std::vector<double> window; // seconds 60..119
        for (int i = 0; i < 30000; ++i) {
            const double at = (i % 180) + double(i) / 30000.0 * 0.9; // spread over 3 minutes
            const float dur = float(d(rng));
            entries.push_back(request(at, dur));
            if (at >= 60 && at < 120) window.push_back(double(dur));
        }
        const auto r = feed.append(f, entries);
        MetricsModel metrics;
        metrics.ingest(store, r.first, r.second);
        const MetricsBucket m =
            metrics.summary(idOf(store, "gamma"), TimeRange{kT0 + secondsUs(60), kT0 + secondsUs(120)});
        QCOMPARE(m.requests, std::uint64_t(window.size()));
        std::sort(window.begin(), window.end());
        for (double q : {0.5, 0.95, 0.99}) {
            const double exact = window[std::size_t(std::ceil(q * double(window.size()))) - 1];
            QVERIFY2(std::abs(m.latency.quantileSeconds(q) - exact) <= 0.01 * exact,
                     qPrintable(QString::number(q)));
        }
        QCOMPARE(m.latency.maxSeconds(), window.back());
    }

    void summariesMatchBruteForce() {
        EntryStore store;
        StoreFeeder feed(store);
        const FileId f = feed.addFile(QStringLiteral("app.log"), "delta");
        std::mt19937_64 rng(99);
        std::vector<TestEntry> entries;
        // Five hours of irregular traffic, out of order within batches.
        for (int i = 0; i < 20000; ++i) {
            TestEntry e = request(std::uniform_real_distribution<double>(0, 5 * 3600)(rng),
                                  0.1f + float(i % 7), (i % 13 == 0) ? 500 : 200);
            if (i % 5 == 0)
                e = logLine(e.timeUs / 1e6 - kT0 / 1e6, (i % 10 == 0) ? Level::Error : Level::Debug);
            entries.push_back(e);
        }
        const auto r = feed.append(f, entries);
        MetricsModel metrics;
        metrics.ingest(store, r.first, r.second);
        const InstanceId id = idOf(store, "delta");
        for (int k = 0; k < 40; ++k) {
            const std::int64_t a =
                kT0 + std::uniform_int_distribution<std::int64_t>(-100, 5 * 3600)(rng) * 1000000;
            const std::int64_t b =
                a + std::uniform_int_distribution<std::int64_t>(1, 3 * 3600)(rng) * 1000000;
            std::uint64_t requests = 0, errors = 0;
            for (const TestEntry& e : entries) {
                if (e.timeUs < a || e.timeUs >= b) continue;
                requests += isRequest(e.durationSeconds, e.status);
                errors += isErrorEntry(e.level, e.status);
            }
            const MetricsBucket m = metrics.summary(id, TimeRange{a, b});
            QCOMPARE(m.requests, requests);
            QCOMPARE(m.errors, errors);
        }
        // Coarse series hold the same totals as the fine ones.
        for (std::int64_t res : MetricsModel::kResolutionsSeconds) {
            std::uint64_t total = 0;
            for (const BucketPoint& p : metrics.series(id, res, TimeRange::everything()))
                total += p.bucket->requests;
            QCOMPARE(total, metrics.summary(id, TimeRange::everything()).requests);
        }
    }

    void incrementalIngestTouchesOnlyItsBuckets() {
        EntryStore store;
        StoreFeeder feed(store);
        const FileId f = feed.addFile(QStringLiteral("app.log"), "eps");
        const auto r1 = feed.append(f, {request(0, 1.0f), request(10, 2.0f), request(20, 3.0f)});
        MetricsModel metrics;
        metrics.ingest(store, r1.first, r1.second);
        const InstanceId id = idOf(store, "eps");
        const auto before = metrics.series(id, 1, TimeRange::everything());
        QCOMPARE(before.size(), std::size_t(3));
        const std::uint64_t rev = metrics.revision();

        const auto r2 = feed.append(f, {request(20.5, 4.0f, 502), request(30, 5.0f)});
        metrics.ingest(store, r2.first, r2.second);
        QVERIFY(metrics.revision() > rev);
        const auto after = metrics.series(id, 1, TimeRange::everything());
        QCOMPARE(after.size(), std::size_t(4));
        // Untouched buckets are the same objects with the same contents.
        QCOMPARE(after[0].bucket, before[0].bucket);
        QCOMPARE(after[0].bucket->requests, std::uint64_t(1));
        QCOMPARE(after[1].bucket->requests, std::uint64_t(1));
        QCOMPARE(after[2].bucket->requests, std::uint64_t(2));
        QCOMPARE(after[2].bucket->errors, std::uint64_t(1));
        QCOMPARE(after[3].startUs, kT0 + secondsUs(30));

        // Ingesting in two steps equals ingesting once.
        MetricsModel once;
        once.ingest(store, store.beginIndex(), store.endIndex());
        const MetricsBucket a = once.summary(id, TimeRange::everything()),
                            b = metrics.summary(id, TimeRange::everything());
        QCOMPARE(a.requests, b.requests);
        QCOMPARE(a.errors, b.errors);
        QCOMPARE(a.latency.quantileSeconds(0.5), b.latency.quantileSeconds(0.5));
        QCOMPARE(metrics.firstTimeUs(), kT0);
        QCOMPARE(metrics.lastTimeUs(), kT0 + secondsUs(30));
    }

    void retentionDropsOldFineBuckets() {
        EntryStore store;
        StoreFeeder feed(store);
        const FileId f = feed.addFile(QStringLiteral("app.log"), "theta");
        std::vector<TestEntry> entries;
        for (int s = 0; s < 2 * 3600; s += 2)
            entries.push_back(request(s + 0.5, 0.1f + float(s % 11), (s % 14 == 0) ? 500 : 200));
        MetricsModel metrics;
        MetricsModel::Retention retention = MetricsModel::kDefaultRetention;
        retention[0] = 600;  // 1 s buckets: 10 min
        retention[1] = 1800; // 5 s buckets: 30 min
        metrics.setRetention(retention);
        // Fed in ten slices, as time goes by.
        for (std::size_t k = 0; k < entries.size(); k += entries.size() / 10) {
            const std::vector<TestEntry> slice(
                entries.begin() + std::ptrdiff_t(k),
                entries.begin() + std::ptrdiff_t(std::min(entries.size(), k + entries.size() / 10)));
            const auto r = feed.append(f, slice);
            metrics.ingest(store, r.first, r.second);
        }
        const InstanceId id = idOf(store, "theta");
        const std::int64_t last = metrics.lastTimeUs();
        const auto fine = metrics.series(id, 1, TimeRange::everything());
        QVERIFY(!fine.empty());
        QVERIFY(fine.front().startUs >= last - 601LL * 1000000); // only the last 10 minutes
        QVERIFY(metrics.series(id, 5, TimeRange::everything()).front().startUs >=
                last - 1806LL * 1000000); // 30 min, to a 5 s bucket
        QCOMPARE(metrics.series(id, 30, TimeRange::everything()).front().startUs, kT0); // still complete
        QCOMPARE(metrics.instances(), std::vector<InstanceId>{id});

        const auto brute = [&](std::int64_t a, std::int64_t b) {
            std::uint64_t n = 0;
            for (const TestEntry& e : entries)
                n += e.timeUs >= a && e.timeUs < b;
            return n;
        };
        // Everything, and a recent range with second edges: exact.
        QCOMPARE(metrics.summary(id, TimeRange::everything()).requests, std::uint64_t(entries.size()));
        const std::int64_t a = last - 300LL * 1000000 - 7000000, b = last - 13LL * 1000000;
        const std::int64_t as = a - a % 1000000, bs = b - b % 1000000;
        QCOMPARE(metrics.summary(id, TimeRange{as, bs}).requests, brute(as, bs));
        // An old range on 30 s boundaries: exact; with second edges: widened to 30 s buckets.
        const std::int64_t oa = kT0 + 600LL * 1000000, ob = kT0 + 1200LL * 1000000;
        QCOMPARE(metrics.summary(id, TimeRange{oa, ob}).requests, brute(oa, ob));
        QCOMPARE(metrics.summary(id, TimeRange{oa + 7000000, ob - 7000000}).requests, brute(oa, ob));
        // A late entry for dropped 1 s buckets still counts in the coarse ones.
        const auto late = feed.append(f, {request(30.5, 1.0f)});
        metrics.ingest(store, late.first, late.second);
        QCOMPARE(metrics.summary(id, TimeRange::everything()).requests, std::uint64_t(entries.size() + 1));
        QVERIFY(metrics.series(id, 1, TimeRange::everything()).front().startUs >= last - 601LL * 1000000);
    }

    void untimedEntriesStayOutOfBuckets() {
        EntryStore store;
        StoreFeeder feed(store);
        const FileId f = feed.addFile(QStringLiteral("app.log"), "zeta");
        // A raw line before the file's first timestamp inherits time 0 and FlagInheritedTime.
        EntryBatch b;
        b.file = f;
        b.newInstances.push_back("zeta");
        for (std::int64_t t : {std::int64_t(0), kT0}) {
            b.timeUs.push_back(t);
            b.offset.push_back(0);
            b.length.push_back(0);
            b.instance.push_back(1);
            b.logger.push_back(0);
            b.endpoint.push_back(0);
            b.durationSeconds.push_back(kNaN);
            b.status.push_back(0);
            b.level.push_back(std::uint8_t(t == 0 ? Level::None : Level::Info));
            b.format.push_back(0);
            b.flags.push_back(t == 0 ? FlagInheritedTime : 0);
            b.contentHash.push_back(0);
        }
        const EntryIndex first = store.append(b);
        MetricsModel metrics;
        metrics.ingest(store, first, store.endIndex());
        QCOMPARE(metrics.untimedEntries(), std::uint64_t(1));
        QCOMPARE(metrics.ingestedEntries(), std::uint64_t(2));
        QCOMPARE(metrics.firstTimeUs(), kT0);
        QCOMPARE(metrics.summaryAll(TimeRange::everything()).volume(), std::uint64_t(1));
    }

    void endpointTallies() {
        EntryStore store;
        StoreFeeder feed(store);
        const FileId f = feed.addFile(QStringLiteral("app.log"), "eta");
        const char* chat = "POST /v1/chat/completions";
        const auto r =
            feed.append(f, {request(0, 0.5f, 200, chat, Level::Info, 0),
                            request(1, 6.0f, 200, chat, Level::Warning, 0),  // slow (off)
                            request(2, 11.0f, 200, chat, Level::Error, 0),   // very slow (off)
                            request(3, 11.0f, 200, chat, Level::Info, 1),    // normal (on)
                            request(4, 35.2f, 200, chat, Level::Warning, 1), // slow (on)
                            request(5, 61.0f, 503, chat, Level::Error, 1),   // very slow (on)
                            request(6, 7.0f, 200, chat, Level::Info, -1),    // unknown: off thresholds
                            request(7, 0.2f, 200, "GET /health"), request(8, kNaN, 404, "GET /health")});
        MetricsModel metrics;
        metrics.ingest(store, r.first, r.second);
        const auto stats = metrics.endpointStats(TimeRange::everything());
        QCOMPARE(stats.size(), std::size_t(2));
        const StringInterner& names = store.endpoints();
        const auto find = [&](const char* n) {
            return *std::find_if(stats.begin(), stats.end(),
                                 [&](const EndpointStats& s) { return names.text(s.endpoint.value) == n; });
        };
        const EndpointStats c = find(chat);
        QCOMPARE(c.tally.count, std::uint64_t(7));
        QCOMPARE(c.tally.errors, std::uint64_t(2));
        QCOMPARE(c.tally.slow, std::uint64_t(2));
        QCOMPARE(c.tally.verySlow, std::uint64_t(1));
        QCOMPARE(c.tally.toolsOn, std::uint64_t(3));
        QCOMPARE(c.tally.slowTools, std::uint64_t(1));
        QCOMPARE(c.tally.verySlowTools, std::uint64_t(1));
        QCOMPARE(c.tally.minSeconds, 0.5);
        QCOMPARE(c.tally.maxSeconds, 61.0);
        QVERIFY(std::abs(c.averageSeconds() - (0.5 + 6 + 11 + 11 + 35.2 + 61 + 7) / 7.0) < 1e-5);
        const EndpointStats h = find("GET /health");
        QCOMPARE(h.tally.count, std::uint64_t(2));
        QCOMPARE(h.tally.timed, std::uint64_t(1));

        // The table model shows the same, sorted, and passes the model tester.
        EndpointTableModel table(metrics, names);
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.refresh(TimeRange::everything());
        QCOMPARE(table.rowCount(), 2);
        QCOMPARE(table.endpointName(0), QString::fromLatin1(chat)); // default: most requests first
        table.sort(EndpointTableModel::ColMax, Qt::AscendingOrder);
        QCOMPARE(table.endpointName(0), QStringLiteral("GET /health"));
        QCOMPARE(table.data(table.index(1, EndpointTableModel::ColVerySlowTools)).toULongLong(), 1ull);
        // A window holding only the first three seconds.
        table.refresh(TimeRange{kT0, kT0 + secondsUs(3)});
        QCOMPARE(table.rowCount(), 1);
        QCOMPARE(table.data(table.index(0, EndpointTableModel::ColCount)).toULongLong(), 3ull);
        table.refresh(TimeRange{kT0, kT0 + secondsUs(3)}); // same rows: no reset
        QCOMPARE(table.rowCount(), 1);
    }

    void resolutionChoice() {
        QCOMPARE(MetricsModel::resolutionFor(300LL * 1000000, 300), std::int64_t(1));
        QCOMPARE(MetricsModel::resolutionFor(301LL * 1000000, 300), std::int64_t(5));
        QCOMPARE(MetricsModel::resolutionFor(900LL * 1000000, 180), std::int64_t(5));
        QCOMPARE(MetricsModel::resolutionFor(3600LL * 1000000, 120), std::int64_t(30));
        QCOMPARE(MetricsModel::resolutionFor(6 * 3600LL * 1000000, 180), std::int64_t(120));
        QCOMPARE(MetricsModel::resolutionFor(400LL * 86400 * 1000000, 400), std::int64_t(3600));
        for (ChartWindow w : kChartWindows)
            QVERIFY(chartWindowMaxPoints(w) >= 60);
    }
};

QTEST_GUILESS_MAIN(TstMetricsModel)
#include "tst_metricsmodel.moc"
