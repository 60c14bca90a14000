// MetricsDelta: buckets counted apart on other threads, then merged (in budgeted slices, into
// a model that already holds other entries) equal those MetricsModel::ingest counts itself,
// on the sample deployment and with retentions short enough to drop buckets meanwhile.

#include "metricscompare.h"

#include "models/ingest/scanner.h"
#include "models/metrics/metricsdelta.h"

#include <QtTest>

#include <thread>

using namespace vigil;

class TstMetricsDelta : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        const QString root = QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment");
        QVERIFY2(QDir(root).exists(), qPrintable(root));
        scanInto(m_store, {root});
        QCOMPARE(m_store.size(), std::uint64_t(1925)); // EXPECTED.json
    }

    void mergedDeltasEqualIngest_data() {
        QTest::addColumn<quint64>("chunk");
        QTest::addColumn<int>("budgetMs");
        QTest::addColumn<bool>("shortRetention");
        QTest::newRow("one delta, no budget") << quint64(1u << 20) << -1 << false;
        QTest::newRow("uneven chunks, sliced merges") << quint64(997) << 0 << false;
        QTest::newRow("uneven chunks, short retention") << quint64(1301) << 0 << true;
    }

    void mergedDeltasEqualIngest() {
        QFETCH(quint64, chunk);
        QFETCH(int, budgetMs);
        QFETCH(bool, shortRetention);
        // Short enough that the sample's hours of history drop fine buckets as they come.
        const MetricsModel::Retention retention = {120, 600, 3600, 7200, 0, 0};
        MetricsModel direct, merged;
        if (shortRetention) {
            direct.setRetention(retention);
            merged.setRetention(retention);
        }
        direct.ingest(m_store, m_store.beginIndex(), m_store.endIndex());

        const StoreSnapshot snapshot = m_store.snapshot();
        int slices = 0;
        for (std::uint64_t i = 0; i < m_store.size(); i += chunk) {
            MetricsDelta delta(merged);
            // Counted on another thread from a snapshot, as the monitor's worker does.
            std::thread worker([&] {
                delta.count(snapshot, EntryIndex(i),
                            EntryIndex(std::min<std::uint64_t>(i + chunk, m_store.size())));
            });
            worker.join();
            const std::uint64_t revision = merged.revision();
            while (!merged.merge(delta, budgetMs)) {
                QCOMPARE(merged.revision(), revision); // readers are told only once it is whole
                ++slices;
            }
            // Merging a merged delta again adds nothing.
            const std::uint64_t ingested = merged.ingestedEntries();
            QVERIFY(merged.merge(delta, budgetMs));
            QCOMPARE(merged.ingestedEntries(), ingested);
        }
        if (budgetMs == 0) QVERIFY(slices > 0); // the budget did cut merges short
        const QStringList differences = test::metricsDifferences(direct, m_store, merged, m_store);
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
        QCOMPARE(merged.ingestedEntries(), m_store.size());
        QVERIFY(!merged.instances().empty());
    }

    void bucketsDroppedMeanwhileCountAgainstTheBudget() {
        // A delta counted over old entries reaches a model whose horizon has passed them since:
        // letting its buckets go is work too, done in slices like the rest. An hour of entries
        // a second apart, then a second kept at each resolution: the delta's 1,800 one-second
        // buckets of the first half go, and more of the coarser ones.
        QTemporaryDir dir;
        QFile log(dir.filePath(QStringLiteral("app.log")));
        QVERIFY(log.open(QIODevice::WriteOnly));
        const QDateTime start(QDate(2025, 11, 10), QTime(10, 0), Qt::UTC);
        for (int second = 0; second < 3600; ++second)
            log.write(start.addSecs(second).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toUtf8() +
                      " - api - INFO - GET /health - 200 - 0.010s\n");
        log.close();
        EntryStore store;
        scanInto(store, {dir.path()});
        QCOMPARE(store.size(), std::uint64_t(3600));

        MetricsModel merged;
        const std::uint64_t half = store.size() / 2;
        MetricsDelta delta(merged); // counted under the default retention, hours of buckets
        delta.count(store.snapshot(), store.beginIndex(), EntryIndex(half));
        merged.setRetention({1, 1, 1, 1, 1, 1});
        merged.ingest(store, EntryIndex(half), store.endIndex());
        int slices = 0;
        while (!merged.merge(delta, 0))
            ++slices;
        QVERIFY2(slices >= 1800 / 16, qPrintable(QString::number(slices)));
        QCOMPARE(merged.ingestedEntries(), store.size());
    }

  private:
    EntryStore m_store;
};

QTEST_GUILESS_MAIN(TstMetricsDelta)
#include "tst_metricsdelta.moc"
