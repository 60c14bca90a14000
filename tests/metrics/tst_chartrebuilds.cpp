// What a chart update costs QtCharts while a deployment is being read: the sample deployment's
// metrics arrive in parts, as a scan delivers them, and the panel refreshes after each.
// QtCharts rebuilds a series' path and its hit-test stroke on every axis range change and
// every replace() of a non-empty series; the counts below follow those public signals, so
// they hold whatever the charts do inside. One update of the volume histogram, the latency
// and the rate charts must rebuild each of their series once at most.

#include "models/endpointtablemodel.h"
#include "models/ingest/scanner.h"
#include "models/metrics/metricsmodel.h"
#include "views/charts/chartspanel.h"
#include "views/charts/latencychart.h"
#include "views/charts/ratechart.h"
#include "views/charts/volumechart.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QValueAxis>
#include <QtTest>

#include <map>

using namespace vigil;

namespace {

// Counts the series geometry rebuilds a chart's axes and series signal. Each entry of
// `users` is a series and the number of chart items drawing it (an area's edge line serves
// the band above it and the band below).
class RebuildCounter {
  public:
    RebuildCounter(TimeChartView* chart, const std::map<QXYSeries*, int>& users) : m_users(users) {
        QObject::connect(chart->xAxis(), &QDateTimeAxis::rangeChanged, &m_context,
                         [this] { onAxisMoved(true); });
        if (auto* y = qobject_cast<QValueAxis*>(chart->yAxis()))
            QObject::connect(y, &QValueAxis::rangeChanged, &m_context, [this] { onAxisMoved(false); });
        for (const auto& [series, n] : users) {
            QObject::connect(series, &QXYSeries::pointsReplaced, &m_context, [this, series = series, n = n] {
                if (series->count() > 0) rebuilds += n;
            });
        }
    }
    int rebuilds = 0;
    int xMoves = 0, yMoves = 0;
    RebuildCounter(const RebuildCounter&) = delete;
    int items() const {
        int n = 0;
        for (const auto& [series, users] : m_users)
            n += users;
        return n;
    }

  private:
    void onAxisMoved(bool x) {
        (x ? xMoves : yMoves)++;
        for (const auto& [series, n] : m_users)
            if (series->count() > 0) rebuilds += n;
    }
    std::map<QXYSeries*, int> m_users;
    QObject m_context;
};

std::map<QXYSeries*, int> volumeEdges(VolumeChart* chart) {
    std::map<QXYSeries*, int> users;
    for (Level level : kVolumeStack) {
        QAreaSeries* area = chart->area(level);
        ++users[area->upperSeries()];
        if (area->lowerSeries()) ++users[area->lowerSeries()];
    }
    return users;
}

// The instances' lines (every part of each), not the two-point threshold lines.
std::map<QXYSeries*, int> lines(TimeChartView* chart) {
    std::map<QXYSeries*, int> users;
    const QList<QLineSeries*> thresholds = chart->thresholdSeries();
    for (QAbstractSeries* s : chart->chart()->series())
        if (auto* line = qobject_cast<QLineSeries*>(s); line && !thresholds.contains(line)) users[line] = 1;
    return users;
}

} // namespace

class TstChartRebuilds : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void updateRebuildsEachSeriesOnce() {
        EntryStore store;
        scanInto(store, {QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment")});
        QVERIFY(store.size() > 1000);
        MetricsModel metrics;
        EndpointTableModel endpoints(metrics, store.endpoints());
        ChartsPanel panel(store, metrics, endpoints);
        panel.setAutoRefresh(false);
        const std::int64_t now = 0; // long before the samples: none of the windows is live
        panel.setClock([&now] { return now; });
        panel.resize(900, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setWindow(ChartWindow::All);

        VolumeChart* volume = panel.volumeChart();
        TimeChartView* lineCharts[] = {panel.latencyChart(), panel.errorRateChart(),
                                       panel.requestRateChart()};
        QCOMPARE(int(volumeEdges(volume).size()), int(kLevelCount) + 1); // a baseline and each level's top

        // The entries in five parts, files one after another as the scanner reads them:
        // each part widens the time range and raises the bars, so both axes move.
        const std::uint64_t begin = store.beginIndex().value, end = store.endIndex().value;
        constexpr int kParts = 5;
        int updatesMovingBothAxes = 0, linesChecked = 0;
        auto check = [](const RebuildCounter& c, const QString& what) {
            // Once per series at most, however many axes moved.
            QVERIFY2(c.rebuilds <= c.items(),
                     qPrintable(QStringLiteral("%1: %2 rebuilds of %3 series items (x "
                                               "axis moved %4 times, y %5)")
                                    .arg(what)
                                    .arg(c.rebuilds)
                                    .arg(c.items())
                                    .arg(c.xMoves)
                                    .arg(c.yMoves)));
        };
        for (int part = 1; part <= kParts; ++part) {
            const std::uint64_t from = begin + (end - begin) * std::uint64_t(part - 1) / kParts;
            const std::uint64_t to = begin + (end - begin) * std::uint64_t(part) / kParts;
            metrics.ingest(store, EntryIndex(from), EntryIndex(to));
            RebuildCounter edges(volume, volumeEdges(volume));
            std::vector<std::unique_ptr<RebuildCounter>> counters;
            for (TimeChartView* chart : lineCharts)
                counters.push_back(std::make_unique<RebuildCounter>(chart, lines(chart)));
            panel.refresh();
            updatesMovingBothAxes += edges.xMoves > 0 && edges.yMoves > 0;
            check(edges, QStringLiteral("part %1, volume").arg(part));
            QVERIFY(edges.items() == 2 * int(kLevelCount)); // each band: an upper and a lower edge
            for (std::size_t k = 0; k < counters.size(); ++k) {
                check(*counters[k],
                      QStringLiteral("part %1, %2").arg(part).arg(lineCharts[k]->chart()->title()));
                linesChecked += counters[k]->items();
            }
        }
        QVERIFY(updatesMovingBothAxes > 0); // the case that cost three rebuilds was exercised
        QVERIFY(linesChecked > 0);

        // Nothing new: nothing rebuilt.
        RebuildCounter counter(volume, volumeEdges(volume));
        panel.refresh();
        QCOMPARE(counter.rebuilds, 0);

        // And the bars are still those of every entry: the top of the stack counts them all.
        const QList<QPointF> top = volume->area(kVolumeStack[kLevelCount - 1])->upperSeries()->points();
        double total = 0;
        for (int k = 0; k + 1 < top.size(); k += 2)
            total += top[k].y();
        QCOMPARE(qRound64(total), qint64(store.size()));
    }
};

QTEST_MAIN(TstChartRebuilds)
#include "tst_chartrebuilds.moc"
