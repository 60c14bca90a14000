// ChartsPanel on samples/deployment (offscreen): the series hold the points the files
// imply (request totals, entry volume, percentile order, thresholds), the window and
// picker controls act on them, and drag, click and hover do what they announce.

#include "samplefacts.h"

#include "models/endpointtablemodel.h"
#include "models/ingest/scanner.h"
#include "models/metrics/metricsmodel.h"
#include "views/charts/chartspanel.h"
#include "views/charts/latencychart.h"
#include "views/charts/ratechart.h"
#include "views/charts/volumechart.h"

#include <QAbstractItemModelTester>
#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QFontMetrics>
#include <QSignalSpy>
#include <QtTest>

using namespace vigil;

namespace {
QString nameOf(const EntryStore& store, InstanceId id) {
    const std::string_view n = store.instances().text(id.value);
    return QString::fromUtf8(n.data(), qsizetype(n.size()));
}
} // namespace

class TstChartsPanel : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        const QString root = QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment");
        scanInto(m_store, {root});
        QCOMPARE(m_store.size(), std::uint64_t(1925));
        m_metrics.ingest(m_store, m_store.beginIndex(), m_store.endIndex());
        m_facts = test::SampleReader().read(root);
        m_endpoints = std::make_unique<EndpointTableModel>(m_metrics, m_store.endpoints());
        m_panel = std::make_unique<ChartsPanel>(m_store, m_metrics, *m_endpoints);
        // A clock a year after the samples: they are old logs, not live ones.
        m_now = m_metrics.lastTimeUs() + 365LL * 86400 * 1000000;
        m_panel->setClock([this] { return m_now; });
        m_panel->resize(1200, 1000);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->setWindow(ChartWindow::All);
    }

    void requestRateSeriesAddUpToTheFiles() {
        const ChartData& d = m_panel->data();
        QCOMPARE(d.range.fromUs, m_metrics.firstTimeUs());
        QCOMPARE(d.range.toUs, m_metrics.lastTimeUs() + 1);
        std::map<QString, qint64> fromChart;
        for (InstanceId id : m_metrics.instances()) {
            QLineSeries* s = m_panel->requestRateChart()->series(id);
            QVERIFY(s);
            double total = 0;
            for (const QPointF& p : s->points())
                total += p.y() * double(d.resolutionSeconds);
            if (total > 0) fromChart[nameOf(m_store, id)] = qRound64(total);
        }
        QCOMPARE(fromChart, m_facts.requests);
    }

    void volumeStackHoldsEveryEntry() {
        const ChartData& d = m_panel->data();
        // The top of the stack, summed over buckets, counts every entry read (EXPECTED.json).
        const Level top = kVolumeStack[kLevelCount - 1];
        const QList<QPointF> pts = m_panel->volumeChart()->area(top)->upperSeries()->points();
        double total = 0;
        for (int k = 0; k + 1 < pts.size(); k += 2)
            total += pts[k].y();
        QCOMPARE(qRound64(total), qint64(1925));
        // Each level's band, summed, is that level's count from the store.
        for (Level level : kVolumeStack) {
            std::uint64_t n = 0;
            const QList<QPointF> upper = m_panel->volumeChart()->area(level)->upperSeries()->points();
            for (int k = 0; k + 1 < upper.size(); k += 2)
                n += m_panel->volumeChart()->countAt(level, upper[k].x());
            QCOMPARE(n, m_store.counters().byLevel[std::size_t(level)]);
        }
        QVERIFY(m_panel->volumeChart()->yMax() >= d.maxVolume);
        QCOMPARE(m_panel->volumeChart()->yAxis()->titleText(), QStringLiteral("entries / 1 s"));
    }

    void latencyLinesAreOrderedAndBounded() {
        int checked = 0;
        for (const InstanceChartLines& in : m_panel->data().instances) {
            QLineSeries* p50 = m_panel->latencyChart()->series(in.instance, Percentile::P50);
            QLineSeries* p95 = m_panel->latencyChart()->series(in.instance, Percentile::P95);
            QLineSeries* p99 = m_panel->latencyChart()->series(in.instance, Percentile::P99);
            QCOMPARE(p95->points().size(), p50->points().size());
            QCOMPARE(p99->points().size(), p50->points().size());
            // One point per bucket that had a timed request.
            std::size_t timedBuckets = 0;
            for (const BucketPoint& b :
                 m_metrics.series(in.instance, m_panel->data().resolutionSeconds, TimeRange::everything()))
                timedBuckets += b.bucket->latency.count() > 0;
            QCOMPARE(std::size_t(p95->points().size()), timedBuckets);
            const auto minMax = m_metrics.summary(in.instance, TimeRange::everything()).latency;
            for (int k = 0; k < p95->points().size(); ++k) {
                QVERIFY(p50->at(k).y() <= p95->at(k).y());
                QVERIFY(p95->at(k).y() <= p99->at(k).y());
                QVERIFY(p99->at(k).y() <= minMax.maxSeconds());
                QVERIFY(p50->at(k).y() >= minMax.minSeconds());
                ++checked;
            }
        }
        QVERIFY(checked > 0);
        // The p95 threshold (2 s) is drawn across the window, and the axis shows it.
        const auto thresholds = m_panel->latencyChart()->thresholdSeries();
        QCOMPARE(thresholds.size(), 1);
        QCOMPARE(thresholds[0]->at(0).y(), 2.0);
        // On its log axis, which spans every shown point.
        QVERIFY(m_panel->latencyChart()->logScale());
        QVERIFY(m_panel->latencyChart()->yMax() >= 2.0);
        for (const InstanceChartLines& in : m_panel->data().instances)
            for (const QPointF& p : in.latency[1]) {
                QVERIFY(p.y() <= m_panel->latencyChart()->yMax());
                QVERIFY(p.y() >= m_panel->latencyChart()->yMin());
            }
    }

    void errorRateMatchesBuckets() {
        const auto thresholds = m_panel->errorRateChart()->thresholdSeries();
        QCOMPARE(thresholds.size(), 2);
        QCOMPARE(thresholds[0]->at(0).y(), 5.0);
        QCOMPARE(thresholds[1]->at(1).y(), 10.0);
        for (InstanceId id : m_metrics.instances()) {
            QLineSeries* s = m_panel->errorRateChart()->series(id);
            const auto buckets =
                m_metrics.series(id, m_panel->data().resolutionSeconds, TimeRange::everything());
            int k = 0;
            for (const BucketPoint& b : buckets) {
                if (!b.bucket->operations) continue;
                QVERIFY(k < s->points().size());
                QCOMPARE(qint64(s->at(k).x()), b.startUs / 1000);
                QCOMPARE(s->at(k).y(), 100.0 * double(b.bucket->errors) / double(b.bucket->operations));
                ++k;
            }
            QCOMPARE(k, s->points().size());
        }
    }

    void pickersHideSeries() {
        const InstanceId first = m_metrics.instances().front();
        m_panel->setPercentiles({Percentile::P95});
        QVERIFY(!m_panel->latencyChart()->series(first, Percentile::P50)->isVisible());
        QVERIFY(m_panel->latencyChart()->series(first, Percentile::P95)->isVisible());
        m_panel->setInstanceHidden(first, true);
        QVERIFY(!m_panel->latencyChart()->series(first, Percentile::P95)->isVisible());
        QVERIFY(!m_panel->errorRateChart()->series(first)->isVisible());
        m_panel->setInstanceHidden(first, false);
        m_panel->setPercentiles({Percentile::P50, Percentile::P95, Percentile::P99});
        QVERIFY(m_panel->latencyChart()->series(first, Percentile::P50)->isVisible());
    }

    void endpointTableFollowsTheWindow() {
        EndpointTableModel* model = m_panel->endpointModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(std::size_t(model->rowCount()), m_facts.endpoints.size());
        qint64 total = 0;
        for (int r = 0; r < model->rowCount(); ++r)
            total += model->data(model->index(r, EndpointTableModel::ColCount), EndpointTableModel::SortRole)
                         .toLongLong();
        qint64 want = 0;
        for (const auto& [name, f] : m_facts.endpoints)
            want += f.count;
        QCOMPARE(total, want);
    }

    void windowsEndAtTheLatestEntryOfOldLogs() {
        m_panel->setWindow(ChartWindow::Minutes5);
        const TimeRange r = m_panel->data().range;
        // Ends with the bucket (1 s) holding the latest entry.
        QVERIFY(r.toUs >= m_metrics.lastTimeUs() + 1);
        QVERIFY(r.toUs - (m_metrics.lastTimeUs() + 1) < 1000000);
        QCOMPARE(r.toUs % 1000000, 0);
        QCOMPARE(r.toUs - r.fromUs, 5LL * 60 * 1000000);
        QCOMPARE(m_panel->data().resolutionSeconds, std::int64_t(1));
        // The axis shows whole seconds: the window's end rounded up, its span kept.
        QVERIFY(std::abs(m_panel->latencyChart()->xAxis()->max().toMSecsSinceEpoch() - r.toUs / 1000) <=
                1000);
        QCOMPARE(m_panel->latencyChart()->xAxis()->max().toMSecsSinceEpoch() -
                     m_panel->latencyChart()->xAxis()->min().toMSecsSinceEpoch(),
                 300000);
        m_panel->setWindow(ChartWindow::All);
    }

    void timeLabelsAreAsManyAsTheWidthHolds() {
        // A narrow dock shows fewer time labels rather than labels cut to "10:2…", and
        // widening it brings them back.
        QDateTimeAxis* x = m_panel->latencyChart()->xAxis();
        const int wide = x->tickCount();
        QVERIFY(wide >= 5);
        const int label = QFontMetrics(x->labelsFont()).horizontalAdvance(QStringLiteral("00:00:00"));
        m_panel->resize(300, 1000);
        QTRY_VERIFY(m_panel->latencyChart()->width() <= 300);
        QVERIFY(x->tickCount() < wide);
        QVERIFY2(x->tickCount() * label <= m_panel->latencyChart()->width() - 60,
                 qPrintable(QStringLiteral("%1 ticks").arg(x->tickCount())));
        m_panel->resize(1200, 1000);
        QTRY_COMPARE(x->tickCount(), wide);
    }

    void liveWindowScrollsWithTheClock() {
        const std::int64_t saved = m_now;
        constexpr std::int64_t step = 5 * 1000000; // the 15 min window's buckets
        m_now = (m_metrics.lastTimeUs() / step + 2) * step + 1;
        m_panel->setWindow(ChartWindow::Minutes15);
        QCOMPARE(m_panel->data().resolutionSeconds, std::int64_t(5));
        // A live window ends now, rounded up to its bucket: it steps one bucket at a time.
        QCOMPARE(m_panel->data().range.toUs, m_now - 1 + step);
        const int before = m_panel->refreshCount();
        m_now += step;
        // The once-a-second timer redraws a live window even without new entries.
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->refreshCount() > before, 3000);
        QCOMPARE(m_panel->data().range.toUs, m_now - 1 + step);
        QCOMPARE(m_panel->latencyChart()->xAxis()->max().toMSecsSinceEpoch(), (m_now - 1 + step) / 1000);
        m_now = saved;
        m_panel->setWindow(ChartWindow::All);
    }

    void dragSelectsATimeRange() {
        LatencyChart* chart = m_panel->latencyChart();
        QSignalSpy spy(m_panel.get(), &ChartsPanel::timeRangeSelected);
        const TimeRange r = m_panel->data().range;
        const double a = double(r.fromUs / 1000) + double(r.toUs - r.fromUs) / 1000.0 * 0.25;
        const double b = double(r.fromUs / 1000) + double(r.toUs - r.fromUs) / 1000.0 * 0.75;
        const QPoint pa = chart->viewportPosOf(QPointF(a, chart->yMax() * 0.5));
        const QPoint pb = chart->viewportPosOf(QPointF(b, chart->yMax() * 0.5));
        QTest::mousePress(chart->viewport(), Qt::LeftButton, {}, pa);
        QTest::mouseMove(chart->viewport(), (pa + pb) / 2);
        QTest::mouseMove(chart->viewport(), pb);
        QTest::mouseRelease(chart->viewport(), Qt::LeftButton, {}, pb);
        QCOMPARE(spy.count(), 1);
        const qint64 from = spy[0][0].toLongLong(), to = spy[0][1].toLongLong();
        // Within a pixel's worth of time of the dragged span.
        const double usPerPixel = double(r.toUs - r.fromUs) / chart->chart()->plotArea().width();
        QVERIFY2(std::abs(double(from) - a * 1000) <= 2 * usPerPixel, qPrintable(QString::number(from)));
        QVERIFY2(std::abs(double(to) - b * 1000) <= 2 * usPerPixel, qPrintable(QString::number(to)));
    }

    void clickOnALineNamesItsInstanceAndHoverShowsValue() {
        // The busiest instance's p95 line, at its highest point (away from the others).
        const InstanceChartLines* busiest = nullptr;
        for (const InstanceChartLines& in : m_panel->data().instances)
            if (!busiest || in.latency[1].size() > busiest->latency[1].size()) busiest = &in;
        QVERIFY(busiest && !busiest->latency[1].isEmpty());
        const QPointF peak =
            *std::max_element(busiest->latency[1].begin(), busiest->latency[1].end(),
                              [](const QPointF& x, const QPointF& y) { return x.y() < y.y(); });
        LatencyChart* chart = m_panel->latencyChart();
        const QPoint at = chart->viewportPosOf(peak);
        const auto hit = chart->hitTest(at);
        QVERIFY(hit.has_value());
        QSignalSpy spy(m_panel.get(), &ChartsPanel::instanceClicked);
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(spy.count(), 1);
        const InstanceId clicked = chart->instanceOf(hit->series);
        QCOMPARE(spy[0][0].toString(), nameOf(m_store, clicked));
        const QString text = chart->hoverText(at);
        QVERIFY2(text.contains(nameOf(m_store, clicked)), qPrintable(text));
        QVERIFY2(
            text.contains(
                QDateTime::fromMSecsSinceEpoch(qint64(hit->value.x())).toString(QStringLiteral("HH:mm:ss"))),
            qPrintable(text));
        // Far from any line: no hit.
        QVERIFY(!chart->hitTest(QPoint(2, 2)).has_value());
    }

    void darkPaletteRecolours() {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
        dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x1c));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        m_panel->setPalette(dark);
        // The view fills the background; the chart leaves it to the view.
        QCOMPARE(m_panel->latencyChart()->backgroundBrush().color(), QColor(0x18, 0x18, 0x1c));
        QCOMPARE(m_panel->latencyChart()->chart()->backgroundBrush().style(), Qt::NoBrush);
        QCOMPARE(m_panel->latencyChart()->xAxis()->labelsColor(), QColor(0xe0, 0xe0, 0xe0));
        m_panel->setPalette(QPalette());
    }

  private:
    EntryStore m_store;
    MetricsModel m_metrics;
    test::SampleFacts m_facts;
    std::unique_ptr<EndpointTableModel> m_endpoints;
    std::unique_ptr<ChartsPanel> m_panel;
    std::int64_t m_now = 0;
};

QTEST_MAIN(TstChartsPanel)
#include "tst_chartspanel.moc"
