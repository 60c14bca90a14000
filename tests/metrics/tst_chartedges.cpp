// The edges of live charts: the newest bucket, still filling, must not read as traffic
// falling, and lines must not be drawn across buckets where nothing was measured.

#include "models/endpointtablemodel.h"
#include "storefeeder.h"

#include "models/metrics/chartdata.h"
#include "models/metrics/metricsmodel.h"
#include "views/charts/chartspanel.h"
#include "views/charts/latencychart.h"
#include "views/charts/ratechart.h"
#include "views/charts/volumechart.h"

#include <QtTest>

using namespace vigil;
using namespace vigil::test;

namespace {
constexpr std::int64_t kBase = 1'700'000'000LL * 1000000; // a bucket boundary for 1 s to 1 h

TestEntry request(double second, double duration, std::uint16_t status = 200) {
    TestEntry e;
    e.timeUs = kBase + secondsUs(second);
    e.durationSeconds = float(duration);
    e.status = status;
    e.level = status >= 500 ? Level::Error : Level::Info;
    return e;
}
} // namespace

class TestChartEdges : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void fillingBucketIsScaled() {
        // 10 requests a second for 12 s; 5 s buckets; the data ends 12 s in, so the third
        // bucket has had 2 of its 5 seconds.
        EntryStore store;
        StoreFeeder feeder(store);
        const FileId file = feeder.addFile(QStringLiteral("api/app.log"), "api");
        std::vector<TestEntry> entries;
        for (int k = 0; k < 120; ++k)
            entries.push_back(request(k * 0.1, 0.05));
        const auto [first, end] = feeder.append(file, entries);
        MetricsModel metrics;
        metrics.ingest(store, first, end);
        const TimeRange range{kBase, kBase + secondsUs(15)};
        const ChartData data = buildChartData(metrics, store.instances(), range, 3, 3, kBase + secondsUs(12));
        QCOMPARE(data.resolutionSeconds, std::int64_t(5));
        QCOMPARE(data.instances.size(), std::size_t(1));
        const QList<QPointF>& rate = data.instances.front().requestRate;
        double lastRate = -1;
        for (const QPointF& p : rate)
            if (p.x() == double((kBase + secondsUs(10)) / 1000)) lastRate = p.y();
        QCOMPARE(lastRate, 10.0); // 20 requests in the 2 s that passed, not 20 / 5 s = 4
        // Nor a drop to zero after it: the bucket has not ended.
        QVERIFY(rate.last().y() > 0);
        // The volume bar of that bucket is scaled the same way, and marked.
        QCOMPARE(data.volumeResolutionSeconds, std::int64_t(5));
        const QList<QPointF>& bars = data.volume[std::size_t(kVolumeStack[std::size(kVolumeStack) - 1])];
        QCOMPARE(bars.last().y(), 50.0); // 20 entries in 2 s: 50 a bucket, not a dip to 20
        QCOMPARE(data.partialBarMs, double((kBase + secondsUs(10)) / 1000));
        QCOMPARE(data.partialBarScale, 2.5);
        // A complete bucket is never scaled.
        QCOMPARE(partialBucketScale(kBase, 5, kBase + secondsUs(5)), 1.0);
        QCOMPARE(partialBucketScale(kBase, 5, kBase + secondsUs(7)), 1.0);
    }

    void linesBreakOverGaps() {
        // Requests (a fifth of them failing) for 5 s, nothing for 25 s, then 5 s more.
        EntryStore store;
        StoreFeeder feeder(store);
        const FileId file = feeder.addFile(QStringLiteral("api/app.log"), "api");
        std::vector<TestEntry> entries;
        for (int s : {0, 1, 2, 3, 4, 30, 31, 32, 33, 34})
            for (int k = 0; k < 5; ++k)
                entries.push_back(request(s + k * 0.2, 0.1 * (k + 1), k == 0 ? 500 : 200));
        const auto [first, end] = feeder.append(file, entries);
        MetricsModel metrics;
        metrics.ingest(store, first, end);
        EndpointTableModel endpoints(metrics, store.endpoints());
        ChartsPanel panel(store, metrics, endpoints);
        panel.setClock([] { return kBase + 86400LL * 1000000; });
        panel.resize(900, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setWindow(ChartWindow::Minutes5);
        QCOMPARE(panel.data().resolutionSeconds, std::int64_t(1));
        const InstanceId api(store.instances().find("api"));
        const double stepMs = 1000;
        auto checkBroken = [&](const BrokenLine* line, const char* what) {
            QVERIFY2(line, what);
            QCOMPARE(line->runs(), 2);
            QCOMPARE(line->points().size(), 10);
            for (QLineSeries* part : line->parts()) {
                if (!part->isVisible()) continue;
                const QList<QPointF> points = part->points();
                for (int k = 1; k < points.size(); ++k)
                    QVERIFY2(points[k].x() - points[k - 1].x() <= stepMs, what);
            }
        };
        checkBroken(panel.errorRateChart()->line(api), "error rate");
        for (Percentile p : kPercentiles)
            checkBroken(panel.latencyChart()->line(api, p), "latency");
        // The request rate is zero over the gap (no requests is a rate): one line.
        QCOMPARE(panel.requestRateChart()->line(api)->runs(), 1);
    }
};

QTEST_MAIN(TestChartEdges)
#include "tst_chartedges.moc"
