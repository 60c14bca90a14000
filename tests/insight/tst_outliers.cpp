// Odd one out: in a deployment of five sibling instances, one with a raised error rate,
// latency or a silence is flagged, and only that one; when all agree (or on the shared
// sample deployment) nothing is.

#include "deploymentwriter.h"

#include "models/ingest/scanner.h"
#include "models/insight/outlierdetector.h"
#include "models/insight/siblinggroups.h"
#include "models/metrics/chartwindow.h"

#include <QProcess>

#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

namespace {
struct Found {
    std::vector<Outlier> outliers;
    std::unique_ptr<EntryStore> store;
    QString label(const Outlier& o) const { return store->instances().label(o.instance.value); }
};

Found detect(const QStringList& roots) {
    Found f;
    f.store = std::make_unique<EntryStore>();
    scanInto(*f.store, roots);
    MetricsModel metrics;
    metrics.ingest(*f.store, f.store->beginIndex(), f.store->endIndex());
    SiblingGroups groups;
    groups.add(*f.store, f.store->beginIndex(), f.store->endIndex());
    f.outliers = OutlierDetector().find(metrics, groups.groups(),
                                        TimeRange{metrics.firstTimeUs(), metrics.lastTimeUs() + 1'000'000});
    return f;
}

std::vector<test::InstancePlan> agreeing() {
    std::vector<test::InstancePlan> plans;
    const double errors[] = {0.02, 0.03, 0.04, 0.03, 0.02};
    for (int i = 0; i < 5; ++i) {
        test::InstancePlan p;
        p.name = QStringLiteral("api-%1").arg(i);
        p.errorShare = errors[i];
        p.latencySeconds = 0.3 + 0.05 * i;
        p.stepMs = 900 + 50 * i;
        p.requests = 600'000 / p.stepMs; // every instance writes for ten minutes, up to now
        plans.push_back(p);
    }
    return plans;
}
} // namespace

class TestOutliers : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void quietWhenInstancesAgree() {
        QTemporaryDir dir;
        QVERIFY(test::writeDeployment(dir.path(), agreeing()));
        const Found f = detect({dir.path()});
        for (const Outlier& o : f.outliers)
            qWarning() << describeOutlier(o, f.label(o));
        QVERIFY(f.outliers.empty());
    }

    void quietOnSamples() {
        const Found f = detect({QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment")});
        QVERIFY(f.store->size() > 0);
        for (const Outlier& o : f.outliers)
            qWarning() << describeOutlier(o, f.label(o));
        QVERIFY(f.outliers.empty());
    }

    // The shared generator's corpus: three sibling text instances beside other services,
    // whose files end at different times. Nothing stands out over any chart window.
    void quietOnGeneratedCorpus() {
        QTemporaryDir dir;
        QProcess corpus;
        corpus.start(QStringLiteral("python3"),
                     {QStringLiteral(VIGIL_SHARED_DIR "/tools/corpus.py"), QStringLiteral("static"),
                      dir.path(), QStringLiteral("--mb"), QStringLiteral("12"), QStringLiteral("--seed"),
                      QStringLiteral("7")});
        if (!corpus.waitForFinished(120000) || corpus.exitCode() != 0)
            QSKIP("the corpus generator did not run");
        EntryStore store;
        scanInto(store, {dir.path()});
        MetricsModel metrics;
        metrics.ingest(store, store.beginIndex(), store.endIndex());
        SiblingGroups groups;
        groups.add(store, store.beginIndex(), store.endIndex());
        QVERIFY(!groups.groups().empty());
        for (ChartWindow w :
             {ChartWindow::Minutes5, ChartWindow::Minutes15, ChartWindow::Hour1, ChartWindow::All}) {
            const auto found = OutlierDetector().find(metrics, groups.groups(),
                                                      chartRange(w, metrics, metrics.lastTimeUs()));
            for (const Outlier& o : found)
                qWarning() << chartWindowName(w)
                           << describeOutlier(o, store.instances().label(o.instance.value));
            QVERIFY(found.empty());
        }
    }

    void oddOneFlagged_data() {
        QTest::addColumn<int>("metric");
        QTest::newRow("error rate") << int(OutlierMetric::ErrorRate);
        QTest::newRow("p95 latency") << int(OutlierMetric::P95Latency);
        QTest::newRow("silence") << int(OutlierMetric::Silence);
    }
    void oddOneFlagged() {
        QFETCH(int, metric);
        std::vector<test::InstancePlan> plans = agreeing();
        test::InstancePlan& odd = plans[2];
        switch (OutlierMetric(metric)) {
        case OutlierMetric::ErrorRate:
            odd.errorShare = 0.38;
            break;
        case OutlierMetric::P95Latency:
            odd.latencySeconds = 4.0;
            break;
        case OutlierMetric::Silence:
            odd.silentAfter = odd.requests / 2;
            break;
        default:
            break;
        }
        QTemporaryDir dir;
        QVERIFY(test::writeDeployment(dir.path(), plans));
        const Found f = detect({dir.path()});
        QVERIFY(!f.outliers.empty());
        for (const Outlier& o : f.outliers) {
            qInfo() << describeOutlier(o, f.label(o));
            QCOMPARE(f.label(o), odd.name); // no sibling is blamed
        }
        QCOMPARE(int(f.outliers.front().metric), metric);
        if (OutlierMetric(metric) == OutlierMetric::ErrorRate) {
            const QString text = describeOutlier(f.outliers.front(), odd.name);
            QVERIFY2(text.startsWith(QStringLiteral("api-2: error rate 3")), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("siblings 2")), qPrintable(text));
        }
    }

    // Two of three siblings stopped writing before the window (as the files of a generated
    // corpus end at different times): the one still writing is not "odd" by its volume.
    void writerAmongSilentSiblingsIsNotOdd() {
        std::vector<test::InstancePlan> plans;
        for (int i = 0; i < 3; ++i) {
            test::InstancePlan p;
            p.name = QStringLiteral("svc-%1").arg(i);
            p.requests = i == 0 ? 600 : 300;
            plans.push_back(p);
        }
        QTemporaryDir dir;
        QVERIFY(test::writeDeployment(dir.path(), plans));
        EntryStore store;
        scanInto(store, {dir.path()});
        MetricsModel metrics;
        metrics.ingest(store, store.beginIndex(), store.endIndex());
        SiblingGroups groups;
        groups.add(store, store.beginIndex(), store.endIndex());
        const auto found = OutlierDetector().find(
            metrics, groups.groups(),
            TimeRange{metrics.lastTimeUs() - 240'000'000, metrics.lastTimeUs() + 1'000'000});
        for (const Outlier& o : found)
            qWarning() << describeOutlier(o, store.instances().label(o.instance.value));
        QVERIFY(found.empty());
    }

    // Different services are not siblings: a service with many errors beside a quiet one
    // of another format is not an outlier.
    void differentFormatsAreNotSiblings() {
        QTemporaryDir dir;
        std::vector<test::InstancePlan> plans = agreeing();
        plans.resize(2);
        plans[1].errorShare = 0.5;
        QVERIFY(test::writeDeployment(dir.path(), plans));
        const Found f = detect({dir.path()});
        QVERIFY(f.outliers.empty()); // two siblings cannot tell the odd one
    }
};

QTEST_GUILESS_MAIN(TestOutliers)
#include "tst_outliers.moc"
